/**
 * Urgency, more: the boundaries urgency.test.ts leaves open (a deadline on the day itself, 7 and
 * 30 days out, the cancellation day, the EA channel transfer, the ended phase's guards).
 */
import { describe, expect, it, vi } from 'vitest';
import { addDays } from '../../../src/core/dates';
import type { Move, OriginalSubscription, ProvisionedSubscription, Step } from '../../../src/core/model';
import { needsAction, nextAction } from '../../../src/core/urgency';

const TODAY = '2026-05-10';
const SETTINGS = { nudgeAfterDays: 14 };
let seq = 0;

function orig(expiresOn: string, offer = 'Office 365 E3', seats = 10): OriginalSubscription {
  return { id: `o${++seq}`, offer, seats, expiresOn, endBy: 'expire' };
}
function prov(offer = 'Office 365 E3', seats = 10, provisionedOn = '2026-05-01'): ProvisionedSubscription {
  return { id: `p${++seq}`, offer, seats, provisionedOn };
}
function mv(step: Step, extra: Partial<Move> = {}): Move {
  return {
    customerId: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
    companyName: 'Contoso',
    domain: '',
    program: 'open',
    path: 'manual',
    step,
    stepDates: { [step]: '2026-05-01' },
    originals: [],
    provisioned: [],
    licensesReassigned: false,
    notes: '',
    history: [],
    createdAt: '2026-04-01T10:00:00.000Z',
    updatedAt: '2026-04-01T10:00:00.000Z',
    ...extra,
  };
}
const expiringIn = (days: number) => [orig(addDays(TODAY, days))];
const cancelOn = (days: number): OriginalSubscription => ({ ...orig(addDays(TODAY, 90)), endBy: 'cancel', cancelOn: addDays(TODAY, days) });

describe('reassigning licenses', () => {
  it('is urgent, not yet overdue, on the expiry day itself; overdue the day after', () => {
    const m = mv('provisioned', { originals: expiringIn(0), provisioned: [prov('Microsoft 365 E3')] });
    expect(nextAction(m, TODAY, SETTINGS)).toEqual({ kind: 'reassign-licenses', urgency: 'urgent', dueOn: TODAY, daysLeft: 0 });
    expect(nextAction(m, addDays(TODAY, 1), SETTINGS).urgency).toBe('overdue');
  });
});

describe('a requested move on the provision-by day', () => {
  it('is urgent on the last day users keep access, overdue after it (EA: the day before the end date)', () => {
    const m = mv('requested', { program: 'ea', stepDates: { requested: addDays(TODAY, -30) }, originals: expiringIn(1) });
    expect(nextAction(m, TODAY, SETTINGS)).toMatchObject({ kind: 'nudge-customer', urgency: 'urgent' });
    expect(nextAction(m, addDays(TODAY, 1), SETTINGS)).toMatchObject({ kind: 'nudge-customer', urgency: 'overdue' });
  });
});

describe('originals the customer cancels', () => {
  const provisioned = (originals: OriginalSubscription[]) => mv('provisioned', { originals, provisioned: [prov('Office 365 E3', 100)] });

  it('follows the earliest cancellation day, whatever the order they were recorded in', () => {
    expect(nextAction(provisioned([cancelOn(20), cancelOn(5)]), TODAY, SETTINGS)).toEqual({ kind: 'cancel-originals', urgency: 'urgent', dueOn: addDays(TODAY, 5), daysLeft: 5 });
  });

  it('cancel on the day itself (urgent), not yet a confirmation', () => {
    expect(nextAction(provisioned([cancelOn(0)]), TODAY, SETTINGS)).toEqual({ kind: 'cancel-originals', urgency: 'urgent', dueOn: TODAY, daysLeft: 0 });
  });

  it('urgent up to 7 days out, soon from 8 to 30, waiting beyond', () => {
    expect(nextAction(provisioned([cancelOn(7)]), TODAY, SETTINGS)).toMatchObject({ kind: 'cancel-originals', urgency: 'urgent' });
    expect(nextAction(provisioned([cancelOn(8)]), TODAY, SETTINGS)).toMatchObject({ kind: 'cancel-originals', urgency: 'soon' });
    expect(nextAction(provisioned([cancelOn(30)]), TODAY, SETTINGS)).toEqual({ kind: 'cancel-originals', urgency: 'soon', dueOn: addDays(TODAY, 30), daysLeft: 30 });
    expect(nextAction(provisioned([cancelOn(31)]), TODAY, SETTINGS).kind).toBe('wait-for-expiry');
  });
});

describe('EA channel transfer, CSP scheduled', () => {
  const scheduled = (days: number, provisioned: ProvisionedSubscription[] = [prov('Office 365 E3', 10)]) =>
    mv('csp-scheduled', { program: 'ea', path: 'ea-channel-transfer', originals: expiringIn(days), provisioned });

  it('waits for the EA end: soon within 30 days (inclusive), later beyond', () => {
    expect(nextAction(scheduled(30), TODAY, SETTINGS)).toEqual({ kind: 'wait-for-ea-end', urgency: 'soon', dueOn: addDays(TODAY, 30), daysLeft: 30 });
    expect(nextAction(scheduled(31), TODAY, SETTINGS)).toMatchObject({ kind: 'wait-for-ea-end', urgency: 'later' });
  });

  it('does not ask to provision while the creation is only scheduled (nothing recorded yet)', () => {
    expect(nextAction(scheduled(30, []), TODAY, SETTINGS)).toMatchObject({ kind: 'wait-for-ea-end', urgency: 'soon' });
  });
});

describe('once the originals have ended', () => {
  it('nothing provisioned: provisioning is overdue (users have no licence)', () => {
    expect(nextAction(mv('originals-ended', { originals: expiringIn(-3) }), TODAY, SETTINGS)).toEqual({ kind: 'provision', urgency: 'overdue' });
    expect(nextAction(mv('ea-ended', { program: 'ea', path: 'ea-channel-transfer', originals: expiringIn(-3) }), TODAY, SETTINGS)).toEqual({ kind: 'provision', urgency: 'overdue' });
  });

  it('fewer seats than the originals: adding seats is overdue', () => {
    const m = mv('originals-ended', { originals: expiringIn(-3), provisioned: [prov('Office 365 E3', 4)] });
    expect(nextAction(m, TODAY, SETTINGS)).toEqual({ kind: 'add-seats', urgency: 'overdue' });
  });

  it('a partner transfer buys nothing: closes without asking to provision', () => {
    const m = mv('transfer-approved', { program: 'other-partner', path: 'partner-transfer', originals: expiringIn(-3) });
    expect(nextAction(m, TODAY, SETTINGS)).toEqual({ kind: 'close', urgency: 'later' });
  });
});

describe('needsAction', () => {
  it('counts an overdue move', () => {
    const m = mv('accepted', { originals: expiringIn(-40) });
    expect(nextAction(m, TODAY, SETTINGS).urgency).toBe('overdue');
    expect(needsAction(m, TODAY, SETTINGS)).toBe(true);
    expect(needsAction(mv('originals-ended', { originals: expiringIn(-3) }), TODAY, SETTINGS)).toBe(true);
  });
});

describe('a freshly loaded module', () => {
  // The module's tables are built once, when it is loaded: load it anew, as the extension does.
  async function fresh() {
    vi.resetModules();
    return import('../../../src/core/urgency');
  }

  it('lists exactly the action kinds it answers', async () => {
    const { ACTION_KINDS, nextAction: next } = await fresh();
    const moves: Move[] = [
      mv('planned', { originals: expiringIn(60) }),
      mv('requested', { stepDates: { requested: addDays(TODAY, -20) }, originals: expiringIn(90) }),
      mv('requested', { stepDates: { requested: addDays(TODAY, -1) }, originals: expiringIn(90) }),
      mv('accepted', { originals: expiringIn(60) }),
      mv('provisioned', { originals: expiringIn(60), provisioned: [prov('Office 365 E3', 4)] }),
      mv('accepted', { program: 'ea', path: 'ea-channel-transfer', originals: expiringIn(60) }),
      mv('accepted', { program: 'other-partner', path: 'partner-transfer', originals: expiringIn(60) }),
      mv('transfer-requested', { program: 'other-partner', path: 'partner-transfer', originals: expiringIn(60) }),
      mv('csp-scheduled', { program: 'ea', path: 'ea-channel-transfer', originals: expiringIn(60), provisioned: [prov()] }),
      mv('provisioned', { originals: expiringIn(60), provisioned: [prov('Microsoft 365 E3')] }),
      mv('provisioned', { originals: expiringIn(60), provisioned: [prov()] }),
      mv('provisioned', { originals: expiringIn(10), provisioned: [prov()] }),
      mv('provisioned', { originals: [{ ...orig(addDays(TODAY, 60)), endBy: 'cancel' }], provisioned: [prov()] }),
      mv('provisioned', { originals: [cancelOn(5)], provisioned: [prov()] }),
      mv('provisioned', { originals: expiringIn(-1), provisioned: [prov()] }),
      mv('accepted'),
      mv('originals-ended', { originals: expiringIn(-3), provisioned: [prov()] }),
      mv('done'),
    ];
    const answered = moves.map((m) => next(m, TODAY, SETTINGS).kind);
    expect(new Set(answered).size).toBe(moves.length);
    expect([...ACTION_KINDS].sort()).toEqual([...answered].sort());
  });

  it('ranks a move without an expiry after one with, at equal urgency', async () => {
    const { rankMoves } = await fresh();
    const without = mv('originals-ended', { companyName: 'A', provisioned: [prov()] });
    const withExpiry = mv('provisioned', { companyName: 'B', originals: expiringIn(300), provisioned: [prov()] });
    expect(rankMoves([without, withExpiry], TODAY, SETTINGS)).toEqual([withExpiry, without]);
  });
});
