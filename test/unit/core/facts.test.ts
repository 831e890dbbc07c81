/**
 * The move-to-facts step for the provision-by reminder (#17): which suggested day and deadline a
 * path and program give (#13's rules, docs/paths-and-rules.md), and when there is nothing to
 * provision. The reminder rule itself (suggested day and deadline) is in reminders.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { decisionFacts } from '../../../src/core/facts';
import type { Move, OriginalSubscription, PathId, Program, Step } from '../../../src/core/model';
import { remindersOf } from '../../../src/core/reminders';

const A = '00000000-0000-4000-8000-00000000000a';

function original(over: Partial<OriginalSubscription> = {}): OriginalSubscription {
  return { id: 'o1', offer: 'Office 365 E3', seats: 10, expiresOn: '2027-03-31', endBy: 'expire', ...over };
}

function move(program: Program, path: PathId, step: Step = 'accepted', over: Partial<Move> = {}): Move {
  return {
    customerId: A,
    companyName: 'Contoso',
    domain: 'contoso.com',
    program,
    path,
    step,
    stepDates: {},
    originals: [original()],
    provisioned: [],
    licensesReassigned: false,
    notes: '',
    history: [],
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    ...over,
  };
}

/** The provision-by reminders of a move: deadline and the days they are due. */
function provisionReminders(m: Move, eaLeadDays = 3) {
  return remindersOf(decisionFacts(m, { eaLeadDays, acceptanceDays: 14 }), { leadDays: [], nudgeAfterDays: 14 })
    .filter((r) => r.kind === 'provision-by')
    .map((r) => ({ subject: r.subject, deadline: r.deadline, remindOn: r.remindOn, actor: r.actor }));
}

const at = (deadline: string, ...days: string[]) => days.map((remindOn) => ({ subject: `provision-by/${A}/csp/${deadline}`, deadline, remindOn, actor: 'partner' }));

describe('provision-by from the path and program (end date 2027-03-31)', () => {
  it('EA (channel transfer path): access ends on the end date, so provision by end − 1, suggested end − eaLeadDays', () => {
    expect(decisionFacts(move('ea', 'ea-channel-transfer')).provision).toEqual({ suggestedDay: '2027-03-28', provisionBy: '2027-03-30' });
    expect(provisionReminders(move('ea', 'ea-channel-transfer'))).toEqual(at('2027-03-30', '2027-03-28', '2027-03-30'));
    // The partner's lead setting moves the suggested day, never the deadline.
    expect(provisionReminders(move('ea', 'ea-channel-transfer'), 10)).toEqual(at('2027-03-30', '2027-03-21', '2027-03-30'));
    // EA on the manual path: the same program rule.
    expect(provisionReminders(move('ea', 'manual'))).toEqual(at('2027-03-30', '2027-03-28', '2027-03-30'));
  });

  it.each<Program>(['direct', 'open'])('%s (manual path): 30 days of access, so provision by end + 29, suggested on the end date', (program) => {
    expect(decisionFacts(move(program, 'manual')).provision).toEqual({ suggestedDay: '2027-03-31', provisionBy: '2027-04-29' });
    expect(provisionReminders(move(program, 'manual'))).toEqual(at('2027-04-29', '2027-03-31', '2027-04-29'));
    // The EA lead setting does not apply to them.
    expect(provisionReminders(move(program, 'manual'), 10)).toEqual(at('2027-04-29', '2027-03-31', '2027-04-29'));
  });

  it.each<Program>(['other-partner', 'other', 'unknown'])('%s bought again on the manual path: unknown rule, the worst case (as EA)', (program) => {
    expect(provisionReminders(move(program, 'manual'))).toEqual(at('2027-03-30', '2027-03-28', '2027-03-30'));
  });

  it('who acts when an original ends: the customer for direct or a cancellation, nobody for EA/Open, unknown when no program is recorded', () => {
    const actors = (program: Program, endBy: 'expire' | 'cancel') =>
      decisionFacts(move(program, 'manual', 'accepted', { originals: [original({ endBy, ...(endBy === 'cancel' ? { cancelOn: '2027-03-01' } : {}) })] })).originals.map((o) => o.actor);
    expect(actors('direct', 'expire')).toEqual(['customer']);
    expect(actors('ea', 'expire')).toEqual(['nobody']);
    expect(actors('open', 'expire')).toEqual(['nobody']);
    expect(actors('unknown', 'expire')).toEqual(['unknown']);
    expect(actors('unknown', 'cancel')).toEqual(['customer']);
  });

  it('no EA lead (0 days): the suggested day falls past the deadline and is clamped to it: one reminder', () => {
    // Suggested day clamped to the deadline (rules.ts): the reminder fires once, not twice.
    expect(provisionReminders(move('ea', 'ea-channel-transfer'), 0)).toEqual(at('2027-03-30', '2027-03-30'));
  });

  it('partner transfer: nothing is bought in CSP, so no provision-by reminder at any step', () => {
    for (const step of ['planned', 'requested', 'accepted', 'transfer-requested'] as const) {
      expect(decisionFacts(move('other-partner', 'partner-transfer', step)).provision).toBeUndefined();
      expect(provisionReminders(move('other-partner', 'partner-transfer', step))).toEqual([]);
    }
  });

  it('the earliest-ending original sets the dates', () => {
    const m = move('direct', 'manual', 'planned', { originals: [original({ id: 'o1', expiresOn: '2027-06-30' }), original({ id: 'o2', expiresOn: '2027-02-28' })] });
    expect(provisionReminders(m)).toEqual(at('2027-03-29', '2027-02-28', '2027-03-29'));
  });

  it('reminds from planned through accepted, while nothing is provisioned', () => {
    for (const step of ['planned', 'requested', 'accepted'] as const) {
      expect(decisionFacts(move('direct', 'manual', step)).provision, step).toEqual({ suggestedDay: '2027-03-31', provisionBy: '2027-04-29' });
    }
    expect(decisionFacts(move('ea', 'ea-channel-transfer', 'accepted')).provision).toBeDefined();
  });

  it('stops once something is provisioned, the CSP creation is scheduled, the originals ended, or the move is done', () => {
    const bought = move('direct', 'manual', 'accepted', { provisioned: [{ id: 'p1', offer: 'Office 365 E3', seats: 10, provisionedOn: '2027-03-01' }] });
    expect(decisionFacts(bought).provision).toBeUndefined();
    expect(decisionFacts(move('direct', 'manual', 'provisioned')).provision).toBeUndefined();
    expect(decisionFacts(move('direct', 'manual', 'originals-ended')).provision).toBeUndefined();
    expect(decisionFacts(move('ea', 'ea-channel-transfer', 'csp-scheduled')).provision).toBeUndefined();
    expect(decisionFacts(move('ea', 'ea-channel-transfer', 'ea-ended')).provision).toBeUndefined();
    expect(decisionFacts(move('direct', 'manual', 'done')).provision).toBeUndefined();
    expect(provisionReminders(move('direct', 'manual', 'done'))).toEqual([]);
  });

  it('without originals there is no deadline to remind of', () => {
    expect(decisionFacts(move('direct', 'manual', 'accepted', { originals: [] })).provision).toBeUndefined();
  });

  it('without rule settings the defaults apply (EA lead 3 days)', () => {
    expect(decisionFacts(move('ea', 'ea-channel-transfer')).provision?.suggestedDay).toBe('2027-03-28');
  });
});
