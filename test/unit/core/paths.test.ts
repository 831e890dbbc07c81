import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, localDay } from '../../../src/core/dates';
import { PATH_IDS, PROGRAMS, STEPS, type Move, type Program } from '../../../src/core/model';
import { moveFacts } from '../../../src/core/move-facts';
import { PATHS, pathDef, pathsFor, pathSteps, phaseOf, stepOnPath, suggestedPath } from '../../../src/core/paths';
import { cancelWindowEnd, DEFAULT_RULE_SETTINGS, END_RULES, openCancelWindow, overlap, serviceEnd, termDates } from '../../../src/core/rules';
import { changePath, changeStep, closingGuard, createMove, recordOriginals, recordProvisioned } from '../../../src/core/steps';
import { needsAction, nextAction } from '../../../src/core/urgency';
import { decisionFacts } from '../../../src/core/facts';
import { remindersOf } from '../../../src/core/reminders';

const ID = '6f1c1a2e-1b2c-4d3e-8f90-a1b2c3d4e5f6';
const T0 = new Date('2026-03-02T09:00:00.000Z');
const TODAY = localDay(T0);
const R = DEFAULT_RULE_SETTINGS;
const SETTINGS = { nudgeAfterDays: 14 };

function must(r: ReturnType<typeof changeStep>): Move {
  if (!r.ok) throw new Error(r.error);
  return r.move;
}

describe('paths as data', () => {
  it('declares every path once, each ordered planned → … → done, with an advice per step', () => {
    expect(PATHS.map((p) => p.id)).toEqual([...PATH_IDS]);
    for (const p of PATHS) {
      const ids = p.steps.map((s) => s.id);
      expect(ids[0]).toBe('planned');
      expect(ids.at(-1)).toBe('done');
      expect(new Set(ids).size).toBe(ids.length);
      for (const s of p.steps) expect(STEPS).toContain(s.id);
      for (const s of p.steps) expect(s.advice).toMatch(/^pathAdvice_/);
    }
    expect(pathSteps('ea-channel-transfer')).toEqual(['planned', 'requested', 'accepted', 'csp-scheduled', 'ea-ended', 'done']);
    expect(pathSteps('partner-transfer')).toEqual(['planned', 'requested', 'accepted', 'transfer-requested', 'transfer-approved', 'done']);
  });

  it('every step of STEPS belongs to some path', () => {
    for (const s of STEPS) expect(PATHS.some((p) => p.steps.some((x) => x.id === s))).toBe(true);
  });

  it('suggests a path from the program, and offers EA the channel transfer beside the manual path', () => {
    expect(PROGRAMS.map((p) => [p, suggestedPath(p)])).toEqual([
      ['open', 'manual'],
      ['ea', 'manual'],
      ['direct', 'manual'],
      ['other-partner', 'partner-transfer'],
      ['other', 'manual'],
      ['unknown', 'manual'],
    ]);
    expect(pathsFor('ea').map((p) => p.id)).toEqual(['manual', 'ea-channel-transfer']);
    expect(pathsFor('direct').map((p) => p.id)).toEqual(['manual']);
    expect(pathsFor('other-partner').map((p) => p.id)).toEqual(['partner-transfer', 'manual']);
    expect(() => pathDef('teleport' as never)).toThrow(RangeError);
  });

  it('maps a step onto another path by its phase', () => {
    expect(stepOnPath('manual', 'provisioned', 'ea-channel-transfer')).toBe('csp-scheduled');
    expect(stepOnPath('ea-channel-transfer', 'ea-ended', 'manual')).toBe('originals-ended');
    expect(stepOnPath('partner-transfer', 'transfer-requested', 'manual')).toBe('accepted');
    expect(stepOnPath('manual', 'requested', 'partner-transfer')).toBe('requested');
    expect(stepOnPath('manual', 'provisioned', 'partner-transfer')).toBe('transfer-requested');
  });

  it('a new move starts planned on the suggested path, unless told otherwise', () => {
    expect(createMove({ customerId: ID, companyName: 'C', program: 'other-partner' }, T0)).toMatchObject({ path: 'partner-transfer', step: 'planned' });
    expect(createMove({ customerId: ID, companyName: 'C', program: 'ea', path: 'ea-channel-transfer', step: 'accepted' }, T0)).toMatchObject({ path: 'ea-channel-transfer', step: 'accepted' });
    expect(() => createMove({ customerId: ID, companyName: 'C', path: 'manual', step: 'transfer-requested' }, T0)).toThrow(RangeError);
  });

  it('changing the path keeps the phase, records it, and walks the new path', () => {
    const m = createMove({ customerId: ID, companyName: 'C', program: 'ea', step: 'provisioned' }, T0);
    const ea = changePath(m, 'ea-channel-transfer', T0);
    expect(ea).toMatchObject({ path: 'ea-channel-transfer', step: 'csp-scheduled', stepDates: { 'csp-scheduled': TODAY } });
    expect(ea.history.at(-1)).toMatchObject({ kind: 'path', note: 'manual → ea-channel-transfer', from: 'provisioned', to: 'csp-scheduled' });
    expect(changePath(ea, 'ea-channel-transfer', T0)).toBe(ea);
    expect(phaseOf(ea)).toBe('provisioned');
    expect(must(changeStep(ea, 'accepted', { now: T0 })).step).toBe('accepted');
  });

  it('a partner transfer closes without purchases, and waits for both partners meanwhile', () => {
    let m = createMove({ customerId: ID, companyName: 'C', program: 'other-partner', step: 'accepted', originals: [{ offer: 'Office 365 E3', seats: 5, expiresOn: addDays(TODAY, 90), endBy: 'expire' }] }, T0);
    expect(nextAction(m, TODAY, SETTINGS).kind).toBe('request-transfer');
    m = must(changeStep(m, 'transfer-requested', { now: T0 }));
    expect(nextAction(m, TODAY, SETTINGS)).toEqual({ kind: 'wait-for-approval', urgency: 'later' });
    m = must(changeStep(m, 'transfer-approved', { now: T0 }));
    expect(nextAction(m, TODAY, SETTINGS).kind).toBe('close');
    expect(must(changeStep(m, 'done', { now: T0 })).step).toBe('done');
  });

  it('an EA channel transfer schedules the CSP creation, then waits for the EA to end', () => {
    let m = createMove({ customerId: ID, companyName: 'C', program: 'ea', path: 'ea-channel-transfer', step: 'accepted', originals: [{ offer: 'Office 365 E3', seats: 5, expiresOn: addDays(TODAY, 60), endBy: 'expire' }] }, T0);
    expect(nextAction(m, TODAY, SETTINGS)).toMatchObject({ kind: 'schedule-creation', dueOn: addDays(TODAY, 57) });
    m = recordProvisioned(must(changeStep(m, 'csp-scheduled', { now: T0 })), [{ offer: 'Office 365 E3', seats: 5, provisionedOn: addDays(TODAY, 60) }], T0);
    expect(nextAction(m, TODAY, SETTINGS)).toMatchObject({ kind: 'wait-for-ea-end', urgency: 'later', dueOn: addDays(TODAY, 60) });
  });
});

describe('end-of-term rules', () => {
  it('declares a rule with a source for every program', () => {
    for (const p of PROGRAMS) expect(END_RULES[p].source).toMatch(/^ruleSource_/);
  });

  it('direct and Open: users keep access 30 days; suggested day is the end date', () => {
    for (const p of ['direct', 'open'] as Program[]) {
      expect(serviceEnd(p, '2026-06-30')).toBe('2026-07-30');
      expect(termDates(p, '2026-06-30', R)).toEqual({
        endDate: '2026-06-30',
        serviceEnd: '2026-07-30',
        provisionBy: '2026-07-29',
        suggestedDay: '2026-06-30',
        requestBy: '2026-06-16',
        ruleKnown: true,
      });
    }
  });

  it('EA: access ends on the end date; suggested day is the lead before it (a setting)', () => {
    expect(termDates('ea', '2026-06-30', R)).toEqual({
      endDate: '2026-06-30',
      serviceEnd: '2026-06-30',
      provisionBy: '2026-06-29',
      suggestedDay: '2026-06-27',
      requestBy: '2026-06-13',
      ruleKnown: true,
    });
    expect(termDates('ea', '2026-06-30', { eaLeadDays: 10, acceptanceDays: 20 })).toMatchObject({ suggestedDay: '2026-06-20', requestBy: '2026-05-31' });
    // A lead of 0 would aim at a day users no longer have: never after the hard deadline.
    expect(termDates('ea', '2026-06-30', { eaLeadDays: 0, acceptanceDays: 0 }).suggestedDay).toBe('2026-06-29');
  });

  it('unknown rule: no service end stated, and the dates assume the worst', () => {
    expect(serviceEnd('other', '2026-06-30')).toBeUndefined();
    // A program never chosen: its rule cannot be known either.
    expect(serviceEnd('unknown', '2026-06-30')).toBeUndefined();
    expect(termDates('unknown', '2026-06-30', R)).toEqual(termDates('other-partner', '2026-06-30', R));
    // …and the UI says why: no program recorded, not a program whose rule is undocumented.
    expect(END_RULES.unknown.source).toBe('ruleSource_program_unknown');
    expect(termDates('other-partner', '2026-06-30', R)).toEqual({
      endDate: '2026-06-30',
      provisionBy: '2026-06-29',
      suggestedDay: '2026-06-27',
      requestBy: '2026-06-13',
      ruleKnown: false,
    });
  });

  it('the paid overlap: purchase (recorded, else suggested) to the original end, warned beyond 30 days', () => {
    const m = createMove({ customerId: ID, companyName: 'C', program: 'direct', originals: [{ offer: 'Office 365 E3', seats: 5, expiresOn: '2026-06-30', endBy: 'expire' }] }, T0);
    expect(overlap(m, R)).toEqual({ days: 0, early: false, warnDays: 30, recorded: false, purchaseDay: '2026-06-30', endDate: '2026-06-30' });
    expect(overlap({ ...m, program: 'ea' }, R)).toMatchObject({ days: 3, early: false });
    const early = recordProvisioned(m, [{ offer: 'Office 365 E3', seats: 5, provisionedOn: '2026-05-30' }], T0);
    expect(overlap(early, R)).toMatchObject({ days: 31, early: true, recorded: true });
    const thirty = recordProvisioned(m, [{ offer: 'Office 365 E3', seats: 5, provisionedOn: '2026-05-31' }], T0);
    expect(overlap(thirty, R)).toMatchObject({ days: 30, early: false });
    expect(overlap({ ...m, originals: [] }, R)).toBeUndefined();
  });

  it('the new-commerce window: 7 days from the purchase day, shown while open', () => {
    expect(cancelWindowEnd('2026-03-02')).toBe('2026-03-08');
    const m = recordProvisioned(createMove({ customerId: ID, companyName: 'C' }, T0), [{ offer: 'Office 365 E3', seats: 5, provisionedOn: '2026-03-02' }], T0);
    expect(openCancelWindow(m, '2026-03-02')).toEqual({ until: '2026-03-08', daysLeft: 6 });
    expect(openCancelWindow(m, '2026-03-08')).toEqual({ until: '2026-03-08', daysLeft: 0 });
    expect(openCancelWindow(m, '2026-03-09')).toBeUndefined();
    expect(openCancelWindow(m, '2026-03-01')).toBeUndefined();
  });
});

describe('planned: the request is due early enough to provision by the suggested day', () => {
  const planned = (program: Program, days: number) =>
    createMove({ customerId: ID, companyName: 'C', program, originals: [{ offer: 'Office 365 E3', seats: 5, expiresOn: addDays(TODAY, days), endBy: 'expire' }] }, T0);

  it('asks to request the relationship by the suggested day minus the acceptance time', () => {
    expect(nextAction(planned('direct', 60), TODAY, SETTINGS)).toEqual({ kind: 'request-relationship', urgency: 'later', dueOn: addDays(TODAY, 46), daysLeft: 46 });
    expect(nextAction(planned('ea', 60), TODAY, SETTINGS)).toMatchObject({ dueOn: addDays(TODAY, 43) });
    expect(nextAction(planned('direct', 60), TODAY, { ...SETTINGS, acceptanceDays: 30 })).toMatchObject({ dueOn: addDays(TODAY, 30) });
  });

  it('counts toward the badge once due: a direct customer ending in 17 days needs the request now', () => {
    expect(needsAction(planned('direct', 17), TODAY, SETTINGS)).toBe(true);
    expect(needsAction(planned('direct', 60), TODAY, SETTINGS)).toBe(false);
    expect(needsAction(planned('direct', 60), addDays(TODAY, 46), SETTINGS)).toBe(true);
  });

  it('without originals the request is still the next action, with no date claimed', () => {
    expect(nextAction(createMove({ customerId: ID, companyName: 'C' }, T0), TODAY, SETTINGS)).toEqual({ kind: 'request-relationship', urgency: 'soon' });
  });
});

describe('guardrails', () => {
  const e3 = (seats: number, expiresOn = addDays(TODAY, -1)) => ({ offer: 'Office 365 E3', seats, expiresOn, endBy: 'expire' as const });
  const ended = (originalSeats: number, provisionedSeats: number[]) => {
    let m = createMove({ customerId: ID, companyName: 'C', step: 'originals-ended', originals: [e3(originalSeats)] }, T0);
    m = recordProvisioned(m, provisionedSeats.map((seats) => ({ offer: 'Office 365 E3', seats, provisionedOn: TODAY })), T0);
    return m;
  };

  it('closing needs something provisioned, and at least the original seats', () => {
    expect(changeStep(ended(100, []), 'done', { now: T0 })).toEqual({ ok: false, error: 'nothing-provisioned' });
    expect(changeStep(ended(100, [10]), 'done', { now: T0 })).toEqual({ ok: false, error: 'seats-fewer' });
    expect(changeStep(ended(100, [60, 40]), 'done', { now: T0 }).ok).toBe(true);
    expect(closingGuard(ended(100, [10]))).toEqual({ guard: 'seats-fewer', seats: { provisioned: 10, needed: 100 } });
    expect(closingGuard(ended(100, [100]))).toBeUndefined();
  });

  it('an override closes, and is recorded in the history and shown', () => {
    const m = must(changeStep(ended(100, [10]), 'done', { now: T0, override: true }));
    expect(m.history.slice(-2)).toMatchObject([
      { kind: 'override', guard: 'seats-fewer', seats: { provisioned: 10, needed: 100 } },
      { kind: 'step', from: 'originals-ended', to: 'done' },
    ]);
    expect(moveFacts(m, TODAY, R).overrides).toHaveLength(1);
    const none = must(changeStep(ended(5, []), 'done', { now: T0, override: true }));
    expect(none.history.at(-2)).toMatchObject({ kind: 'override', guard: 'nothing-provisioned' });
    expect(none.history.at(-2)).not.toHaveProperty('seats');
  });

  it('marking originals ended before their end date is only a dated cancellation', () => {
    let m = createMove({ customerId: ID, companyName: 'C', step: 'provisioned', originals: [e3(5, addDays(TODAY, 40)), e3(5, addDays(TODAY, -3))] }, T0);
    m = recordProvisioned(m, [{ offer: 'Office 365 E3', seats: 10, provisionedOn: TODAY }], T0);
    expect(changeStep(m, 'originals-ended', { now: T0 })).toEqual({ ok: false, error: 'originals-not-ended' });
    const c = must(changeStep(m, 'originals-ended', { now: T0, cancelledOn: TODAY }));
    expect(c.originals.map((o) => [o.endBy, o.cancelOn])).toEqual([
      ['cancel', TODAY],
      ['expire', undefined],
    ]);
    expect(c.history.slice(-2)).toMatchObject([{ kind: 'cancellation', note: TODAY }, { kind: 'step', to: 'originals-ended' }]);
    expect(moveFacts(c, TODAY, R).cancellations).toHaveLength(1);
    // Once every end date has passed, no cancellation is needed; the partner-transfer path never asks.
    expect(changeStep(recordOriginals(m, [e3(5)], T0), 'originals-ended', { now: T0 }).ok).toBe(true);
    const transfer = createMove({ customerId: ID, companyName: 'C', program: 'other-partner', step: 'transfer-requested', originals: [e3(5, addDays(TODAY, 40))] }, T0);
    expect(changeStep(transfer, 'transfer-approved', { now: T0 }).ok).toBe(true);
    expect(() => changeStep(m, 'originals-ended', { now: T0, cancelledOn: 'soon' })).toThrow(RangeError);
  });

  it('endBy cancel keeps its cancellation day; endBy expire drops one', () => {
    const m = createMove({ customerId: ID, companyName: 'C' }, T0);
    const withDay = recordOriginals(m, [{ ...e3(5, '2026-09-30'), endBy: 'cancel', cancelOn: '2026-06-01' }], T0);
    expect(withDay.originals[0]).toMatchObject({ endBy: 'cancel', cancelOn: '2026-06-01' });
    const expiring = recordOriginals(m, [{ ...e3(5, '2026-09-30'), cancelOn: '2026-06-01' }], T0);
    expect(expiring.originals[0]).not.toHaveProperty('cancelOn');
  });

  it('property: a move never reaches done with fewer seats than its matched originals unless an override is recorded', () => {
    const arb = fc.record({
      originalSeats: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 3 }),
      provisionedSeats: fc.array(fc.integer({ min: 0, max: 80 }), { maxLength: 3 }),
      override: fc.boolean(),
      endOffset: fc.integer({ min: -60, max: 60 }),
      cancel: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, (x) => {
        let m = createMove({ customerId: ID, companyName: 'C', step: 'provisioned', originals: x.originalSeats.map((s) => e3(s, addDays(TODAY, x.endOffset))) }, T0);
        m = recordProvisioned(m, x.provisionedSeats.map((seats) => ({ offer: 'Office 365 E3', seats, provisionedOn: TODAY })), T0);
        const r = changeStep(m, 'done', { now: T0, confirmSkip: true, override: x.override, ...(x.cancel ? { cancelledOn: TODAY } : {}) });
        const needed = x.originalSeats.reduce((a, b) => a + b, 0);
        const got = x.provisionedSeats.reduce((a, b) => a + b, 0);
        const short = x.provisionedSeats.length === 0 || got < needed;
        const running = x.endOffset > 0;
        if (running && !x.cancel) expect(r).toEqual({ ok: false, error: 'originals-not-ended' });
        else if (short && !x.override) expect(r.ok ? '' : r.error).toMatch(/^(seats-fewer|nothing-provisioned)$/);
        else {
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.move.history.some((h) => h.kind === 'override')).toBe(short);
          expect(r.move.history.some((h) => h.kind === 'cancellation')).toBe(running);
        }
      }),
    );
  });
});

describe('moveFacts', () => {
  it('lists the path steps with states, the region note before acceptance, and unknown dates as unknown', () => {
    const m = createMove({ customerId: ID, companyName: 'C', program: 'other-partner' }, T0);
    const f = moveFacts(m, TODAY, R);
    expect(f.path).toBe('partner-transfer');
    expect(f.steps.map((s) => [s.id, s.state])).toEqual([
      ['planned', 'current'],
      ['requested', 'todo'],
      ['accepted', 'todo'],
      ['transfer-requested', 'todo'],
      ['transfer-approved', 'todo'],
    ]);
    expect(f.advice).toBe('pathAdvice_planned');
    expect(f.sameRegionNote).toBe(true);
    expect(f.dates).toBeUndefined();
    expect(f.overlap).toBeUndefined();
    expect(f.ruleSource).toBe('ruleSource_unknown');
    const done = must(changeStep({ ...m, step: 'transfer-approved' }, 'done', { now: T0 }));
    expect(moveFacts(done, TODAY, R).steps.every((s) => s.state === 'done')).toBe(true);
    expect(moveFacts(done, TODAY, R).sameRegionNote).toBe(false);
  });
});

describe('the new-commerce window reminder (decision facts)', () => {
  const at = (day: string) => new Date(`${day}T10:00:00.000Z`);
  function bought(offer: string, seats: number, path: 'manual' | 'partner-transfer' = 'manual'): Move {
    let m = createMove({ customerId: ID, companyName: 'Contoso', program: path === 'manual' ? 'open' : 'other-partner', path, step: 'accepted' }, T0);
    m = recordOriginals(m, [{ offer: 'Office 365 E3', seats: 10, expiresOn: '2026-06-30', endBy: 'expire' }], T0);
    return recordProvisioned(m, [{ offer, seats, provisionedOn: '2026-06-01' }], at('2026-06-01'));
  }
  const windowReminders = (m: Move) => remindersOf(decisionFacts(m), { leadDays: [], nudgeAfterDays: 14 }).filter((r) => r.kind === 'window-closes');

  it('fires the day before the window closes when another offer was bought, or fewer seats', () => {
    // Bought 1 June: cancel or reduce until 7 June; reminded on 6 June.
    for (const m of [bought('Microsoft 365 Business Standard', 10), bought('Office 365 E3', 8), bought('Contoso Widget', 10)]) {
      expect(windowReminders(m).map((r) => [r.deadline, r.remindOn, r.actor])).toEqual([['2026-06-07', '2026-06-06', 'partner']]);
    }
  });

  it('is quiet when what was bought carries the originals on (same or renamed, every seat), and on a path without purchases', () => {
    expect(windowReminders(bought('Office 365 E3', 10))).toEqual([]);
    expect(windowReminders(bought('Office 365 Enterprise E3', 12))).toEqual([]);
    expect(windowReminders(bought('Microsoft 365 Business Standard', 10, 'partner-transfer'))).toEqual([]);
    expect(decisionFacts(createMove({ customerId: ID, companyName: 'Contoso' }, T0)).windowCloses).toBeUndefined();
  });

  it('follows the latest purchase', () => {
    const m = recordProvisioned(bought('Office 365 E1', 10), [{ offer: 'Office 365 E1', seats: 10, provisionedOn: '2026-06-01' }, { offer: 'Exchange Online (Plan 1)', seats: 2, provisionedOn: '2026-06-10' }], at('2026-06-10'));
    expect(decisionFacts(m).windowCloses).toBe('2026-06-16');
  });
});
