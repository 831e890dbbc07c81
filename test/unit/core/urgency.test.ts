import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/dates';
import { pathSteps } from '../../../src/core/paths';
import { PATH_IDS, STEPS, type Move, type OriginalSubscription, type ProvisionedSubscription, type Step } from '../../../src/core/model';
import {
  ACTION_KINDS,
  URGENCIES,
  compareMoves,
  daysToEarliestExpiry,
  earliestExpiry,
  needsAction,
  nextAction,
  rankMoves,
} from '../../../src/core/urgency';

const TODAY = '2026-05-10';
const SETTINGS = { nudgeAfterDays: 14 };
let seq = 0;

function orig(expiresOn: string, offer = 'Office 365 E3', seats = 10): OriginalSubscription {
  return { id: `o${++seq}`, offer, seats, expiresOn, endBy: 'expire' };
}
function prov(offer = 'Office 365 E3', seats = 10): ProvisionedSubscription {
  return { id: `p${++seq}`, offer, seats, provisionedOn: '2026-05-01' };
}

function mv(step: Step, extra: Partial<Move> = {}): Move {
  const id = (extra.customerId ?? `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`).toLowerCase();
  return {
    customerId: id,
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

/** A move whose earliest original expires `days` after TODAY. */
const expiringIn = (days: number) => [orig(addDays(TODAY, days))];

describe('codes', () => {
  // The UI words every listed code (the locale test checks each has a text): each must be one
  // nextAction can answer, and nextAction must answer nothing else.
  function answers(): { kinds: Set<string>; urgencies: Set<string> } {
    const kinds = new Set<string>();
    const urgencies = new Set<string>();
    for (const path of PATH_IDS)
    for (const step of pathSteps(path))
      for (const days of [[], [-40], [-3, 5], [3], [20], [45], [400]])
        for (const requestedAgo of [0, 13, 30])
          for (const provisioned of [[], ['Office 365 E3'], ['Microsoft 365 E3']])
            for (const licensesReassigned of [false, true])
            // Ending by expiry, or by a cancellation with or without its day.
            for (const ends of [{}, { endBy: 'cancel' as const }, { endBy: 'cancel' as const, cancelOn: addDays(TODAY, 2) }]) {
              const m = mv(step, {
                path,
                stepDates: { [step]: addDays(TODAY, -requestedAgo) },
                originals: days.map((d) => ({ ...orig(addDays(TODAY, d)), ...ends })),
                provisioned: provisioned.map((o) => prov(o)),
                licensesReassigned,
              });
              const a = nextAction(m, TODAY, SETTINGS);
              kinds.add(a.kind);
              urgencies.add(a.urgency);
            }
    return { kinds, urgencies };
  }

  it('answers every listed action kind, and no other', () => {
    const { kinds } = answers();
    expect([...kinds].sort()).toEqual([...ACTION_KINDS].sort());
  });

  it('answers every listed urgency, and no other', () => {
    expect([...answers().urgencies].sort()).toEqual([...URGENCIES].sort());
  });

  it('ranks one move of each urgency overdue, urgent, soon, later, none', () => {
    const byUrgency = new Map<string, Move>([
      ['none', mv('done', { originals: expiringIn(-1) })],
      ['later', mv('accepted', { originals: expiringIn(60) })],
      ['soon', mv('accepted', { originals: expiringIn(20) })],
      ['urgent', mv('accepted', { originals: expiringIn(3) })],
      // Open: users keep access 30 days after the end date; past that, provisioning is overdue.
      ['overdue', mv('accepted', { originals: expiringIn(-40) })],
    ]);
    for (const [urgency, m] of byUrgency) expect(nextAction(m, TODAY, SETTINGS).urgency).toBe(urgency);
    const ranked = rankMoves([...byUrgency.values()], TODAY, SETTINGS).map((m) => nextAction(m, TODAY, SETTINGS).urgency);
    expect(ranked).toEqual(['overdue', 'urgent', 'soon', 'later', 'none']);
  });
});

describe('earliestExpiry and daysToEarliestExpiry', () => {
  it('is the earliest expiry of the originals', () => {
    const m = mv('accepted', { originals: [orig('2026-09-30'), orig('2026-06-30'), orig('2026-07-31')] });
    expect(earliestExpiry(m)).toBe('2026-06-30');
    expect(daysToEarliestExpiry(m, TODAY)).toBe(51);
  });

  it('counts past expiries (not yet confirmed ended) as negative days', () => {
    const m = mv('provisioned', { originals: [orig('2026-05-09')] });
    expect(earliestExpiry(m)).toBe('2026-05-09');
    expect(daysToEarliestExpiry(m, TODAY)).toBe(-1);
  });

  it('is undefined without originals', () => {
    expect(earliestExpiry(mv('accepted'))).toBeUndefined();
    expect(daysToEarliestExpiry(mv('accepted'), TODAY)).toBeUndefined();
  });

  it.each(['originals-ended', 'done'] as const)('is undefined at %s: the originals have ended', (step) => {
    const m = mv(step, { originals: [orig('2026-06-30')] });
    expect(earliestExpiry(m)).toBeUndefined();
    expect(daysToEarliestExpiry(m, TODAY)).toBeUndefined();
  });

  it.each(['requested', 'accepted', 'provisioned'] as const)('counts at %s', (step) => {
    expect(earliestExpiry(mv(step, { originals: [orig('2026-06-30')] }))).toBe('2026-06-30');
  });
});

describe('nextAction', () => {
  describe('requested', () => {
    const requested = (requestedOn: string, extra: Partial<Move> = {}) => mv('requested', { stepDates: { requested: requestedOn }, ...extra });

    it('waits for acceptance until nudgeAfterDays have passed', () => {
      const m = requested(addDays(TODAY, -13), { originals: expiringIn(90) });
      expect(nextAction(m, TODAY, SETTINGS)).toEqual({ kind: 'wait-for-acceptance', urgency: 'later', dueOn: addDays(TODAY, 1), daysLeft: 1 });
    });

    it('nudges on the day nudgeAfterDays have passed, and after', () => {
      const m = requested(addDays(TODAY, -14), { originals: expiringIn(90) });
      expect(nextAction(m, TODAY, SETTINGS)).toEqual({ kind: 'nudge-customer', urgency: 'soon', dueOn: TODAY, daysLeft: 0 });
      const late = requested(addDays(TODAY, -20), { originals: expiringIn(90) });
      expect(nextAction(late, TODAY, SETTINGS)).toEqual({ kind: 'nudge-customer', urgency: 'soon', dueOn: addDays(TODAY, -6), daysLeft: -6 });
    });

    it('honours the nudge setting', () => {
      const m = requested(addDays(TODAY, -3), { originals: expiringIn(90) });
      expect(nextAction(m, TODAY, { nudgeAfterDays: 3 }).kind).toBe('nudge-customer');
      expect(nextAction(m, TODAY, { nudgeAfterDays: 4 }).kind).toBe('wait-for-acceptance');
    });

    it('raises a nudge to the expiry urgency when the expiry is near', () => {
      const base = { stepDates: { requested: addDays(TODAY, -30) } };
      expect(nextAction(mv('requested', { ...base, originals: expiringIn(20) }), TODAY, SETTINGS).urgency).toBe('soon');
      expect(nextAction(mv('requested', { ...base, originals: expiringIn(7) }), TODAY, SETTINGS).urgency).toBe('urgent');
      // Open users keep access 30 days past the end date: a missed end date is urgent, not yet overdue.
      expect(nextAction(mv('requested', { ...base, originals: expiringIn(-1) }), TODAY, SETTINGS).urgency).toBe('urgent');
      expect(nextAction(mv('requested', { ...base, originals: expiringIn(-30) }), TODAY, SETTINGS).urgency).toBe('overdue');
      // An EA's licences stop on the end date itself: overdue from that day.
      expect(nextAction(mv('requested', { ...base, program: 'ea', originals: expiringIn(0) }), TODAY, SETTINGS).urgency).toBe('overdue');
    });

    it('nudges at once, before the delay, when the expiry is a week away or past', () => {
      const fresh = addDays(TODAY, -1);
      expect(nextAction(requested(fresh, { originals: expiringIn(7) }), TODAY, SETTINGS)).toEqual({
        kind: 'nudge-customer',
        urgency: 'urgent',
        dueOn: TODAY,
        daysLeft: 0,
      });
      expect(nextAction(requested(fresh, { originals: expiringIn(8) }), TODAY, SETTINGS).kind).toBe('wait-for-acceptance');
      expect(nextAction(requested(fresh, { originals: expiringIn(-3) }), TODAY, SETTINGS)).toMatchObject({ kind: 'nudge-customer', urgency: 'urgent' });
      expect(nextAction(requested(fresh, { originals: expiringIn(-31) }), TODAY, SETTINGS)).toMatchObject({ kind: 'nudge-customer', urgency: 'overdue' });
    });

    it('waits soon-ish when the expiry is within 30 days, later beyond', () => {
      const fresh = addDays(TODAY, -1);
      expect(nextAction(requested(fresh, { originals: expiringIn(30) }), TODAY, SETTINGS).urgency).toBe('soon');
      expect(nextAction(requested(fresh, { originals: expiringIn(31) }), TODAY, SETTINGS).urgency).toBe('later');
    });

    it('asks to record originals while waiting when none are recorded (low urgency)', () => {
      expect(nextAction(requested(addDays(TODAY, -1)), TODAY, SETTINGS)).toEqual({ kind: 'record-originals', urgency: 'later' });
    });

    it('still nudges without originals once the delay has passed', () => {
      expect(nextAction(requested(addDays(TODAY, -14)), TODAY, SETTINGS)).toEqual({ kind: 'nudge-customer', urgency: 'soon', dueOn: TODAY, daysLeft: 0 });
    });

    it('falls back to the creation day when the request is not dated', () => {
      const m = mv('requested', { stepDates: {}, createdAt: new Date(2026, 3, 26, 12).toISOString(), originals: expiringIn(90) });
      expect(nextAction(m, TODAY, SETTINGS)).toEqual({ kind: 'nudge-customer', urgency: 'soon', dueOn: TODAY, daysLeft: 0 });
      expect(nextAction(m, addDays(TODAY, -1), SETTINGS).kind).toBe('wait-for-acceptance');
    });
  });

  describe('accepted', () => {
    it.each([
      [-30, 'overdue'],
      [-29, 'urgent'],
      [-1, 'urgent'],
      [0, 'urgent'],
      [7, 'urgent'],
      [8, 'soon'],
      [30, 'soon'],
      [31, 'later'],
    ])('provisions (Open), %i days before the expiry: %s', (days, urgency) => {
      const m = mv('accepted', { originals: expiringIn(days) });
      expect(nextAction(m, TODAY, SETTINGS)).toEqual({ kind: 'provision', urgency, dueOn: addDays(TODAY, days), daysLeft: days });
    });

    it('uses the earliest expiry', () => {
      const m = mv('accepted', { originals: [...expiringIn(60), ...expiringIn(5)] });
      expect(nextAction(m, TODAY, SETTINGS)).toMatchObject({ urgency: 'urgent', daysLeft: 5 });
    });

    it('aims at the EA lead before an EA end date, overdue from the end date itself', () => {
      const m = mv('accepted', { program: 'ea', originals: expiringIn(10) });
      expect(nextAction(m, TODAY, SETTINGS)).toEqual({ kind: 'provision', urgency: 'urgent', dueOn: addDays(TODAY, 7), daysLeft: 7 });
      expect(nextAction(m, TODAY, { ...SETTINGS, eaLeadDays: 1 })).toMatchObject({ urgency: 'soon', dueOn: addDays(TODAY, 9) });
      // Lead passed, end date ahead: urgent; on the end date: overdue.
      expect(nextAction(m, addDays(TODAY, 9), SETTINGS)).toMatchObject({ urgency: 'urgent', daysLeft: -2 });
      expect(nextAction(m, addDays(TODAY, 10), SETTINGS)).toMatchObject({ urgency: 'overdue' });
    });

    it('aims at the end date itself for direct and Open (users keep access 30 more days)', () => {
      for (const program of ['direct', 'open'] as const) {
        const m = mv('accepted', { program, originals: expiringIn(10) });
        expect(nextAction(m, TODAY, SETTINGS)).toMatchObject({ urgency: 'soon', dueOn: addDays(TODAY, 10) });
        expect(nextAction(m, addDays(TODAY, 10), SETTINGS)).toMatchObject({ urgency: 'urgent', daysLeft: 0 });
        expect(nextAction(m, addDays(TODAY, 39), SETTINGS).urgency).toBe('urgent');
        expect(nextAction(m, addDays(TODAY, 40), SETTINGS).urgency).toBe('overdue');
      }
    });

    it('assumes the worst for a program whose rule is unknown', () => {
      const m = mv('accepted', { program: 'other', originals: expiringIn(10) });
      expect(nextAction(m, addDays(TODAY, 10), SETTINGS).urgency).toBe('overdue');
    });

    it('asks to record originals first (they set the deadline)', () => {
      expect(nextAction(mv('accepted'), TODAY, SETTINGS)).toEqual({ kind: 'record-originals', urgency: 'soon' });
    });
  });

  describe('provisioned', () => {
    const provisioned = (days: number[], extra: Partial<Move> = {}) =>
      mv('provisioned', { originals: days.map((d) => orig(addDays(TODAY, d))), provisioned: [prov('Office 365 E3', 100)], ...extra });

    it('waits for the expiry while it is more than 30 days away: cancelling early earns no refund', () => {
      expect(nextAction(provisioned([31]), TODAY, SETTINGS)).toEqual({
        kind: 'wait-for-expiry',
        urgency: 'later',
        dueOn: addDays(TODAY, 1),
        daysLeft: 1,
      });
      expect(nextAction(provisioned([200]), TODAY, SETTINGS)).toMatchObject({ kind: 'wait-for-expiry', daysLeft: 170 });
    });

    it.each([
      [30, 'soon'],
      [8, 'soon'],
      [7, 'urgent'],
      [0, 'urgent'],
    ])('lets the originals end when %i days away: %s', (days, urgency) => {
      expect(nextAction(provisioned([days]), TODAY, SETTINGS)).toEqual({
        kind: 'let-originals-end',
        urgency,
        dueOn: addDays(TODAY, days),
        daysLeft: days,
      });
    });

    it('looks at the next original still running when an earlier one has passed', () => {
      expect(nextAction(provisioned([-10, 45]), TODAY, SETTINGS)).toMatchObject({ kind: 'wait-for-expiry', dueOn: addDays(TODAY, 15) });
      expect(nextAction(provisioned([-10, 0, 3]), TODAY, SETTINGS)).toMatchObject({ kind: 'let-originals-end', daysLeft: 0 });
    });

    it('asks to confirm the originals ended once every expiry has passed', () => {
      expect(nextAction(provisioned([-1]), TODAY, SETTINGS)).toEqual({
        kind: 'confirm-originals-ended',
        urgency: 'urgent',
        dueOn: addDays(TODAY, -1),
        daysLeft: -1,
      });
      expect(nextAction(provisioned([-9, -2, -30]), TODAY, SETTINGS)).toMatchObject({ dueOn: addDays(TODAY, -2), daysLeft: -2 });
    });

    it('asks to reassign licenses when the offer differs, by the earliest expiry, at least soon', () => {
      const m = provisioned([60, 40], { provisioned: [prov('Microsoft 365 E3')] });
      expect(nextAction(m, TODAY, SETTINGS)).toEqual({ kind: 'reassign-licenses', urgency: 'soon', dueOn: addDays(TODAY, 40), daysLeft: 40 });
      expect(nextAction({ ...m, originals: expiringIn(5) }, TODAY, SETTINGS).urgency).toBe('urgent');
      expect(nextAction({ ...m, originals: expiringIn(-5) }, TODAY, SETTINGS).urgency).toBe('overdue');
    });

    it('does not ask again once licenses are marked reassigned', () => {
      const m = provisioned([60], { provisioned: [prov('Microsoft 365 E3')], licensesReassigned: true });
      expect(nextAction(m, TODAY, SETTINGS).kind).toBe('wait-for-expiry');
    });

    it('does not ask to reassign for a renamed offer', () => {
      const m = provisioned([60], { provisioned: [prov('Office 365 Enterprise E3')] });
      expect(nextAction(m, TODAY, SETTINGS).kind).toBe('wait-for-expiry');
    });

    it('asks to provision, not to reassign, while nothing is recorded as provisioned', () => {
      expect(nextAction(provisioned([60], { provisioned: [] }), TODAY, SETTINGS)).toMatchObject({ kind: 'provision', dueOn: addDays(TODAY, 60) });
    });

    it('asks to add seats when fewer are provisioned than the originals had', () => {
      expect(nextAction(provisioned([60], { provisioned: [prov('Office 365 E3', 4)] }), TODAY, SETTINGS)).toMatchObject({ kind: 'add-seats', urgency: 'later' });
      expect(nextAction(provisioned([5], { provisioned: [prov('Office 365 E3', 4)] }), TODAY, SETTINGS)).toMatchObject({ kind: 'add-seats', urgency: 'urgent' });
    });

    it('asks for the cancellation day of an original the customer cancels, then follows it', () => {
      const cancel = { ...orig(addDays(TODAY, 90)), endBy: 'cancel' as const };
      expect(nextAction(provisioned([], { originals: [cancel] }), TODAY, SETTINGS)).toEqual({ kind: 'set-cancellation-date', urgency: 'soon' });
      const dated = { ...cancel, cancelOn: addDays(TODAY, 5) };
      expect(nextAction(provisioned([], { originals: [dated] }), TODAY, SETTINGS)).toEqual({
        kind: 'cancel-originals',
        urgency: 'urgent',
        dueOn: addDays(TODAY, 5),
        daysLeft: 5,
      });
      expect(nextAction(provisioned([], { originals: [{ ...dated, cancelOn: addDays(TODAY, 20) }] }), TODAY, SETTINGS).urgency).toBe('soon');
      expect(nextAction(provisioned([], { originals: [{ ...dated, cancelOn: addDays(TODAY, -1) }] }), TODAY, SETTINGS)).toMatchObject({ kind: 'confirm-originals-ended', urgency: 'urgent' });
      // A cancellation months away: wait like any original.
      expect(nextAction(provisioned([], { originals: [{ ...dated, cancelOn: addDays(TODAY, 60) }] }), TODAY, SETTINGS).kind).toBe('wait-for-expiry');
    });

    it('asks to record originals when there are none', () => {
      expect(nextAction(mv('provisioned'), TODAY, SETTINGS)).toEqual({ kind: 'record-originals', urgency: 'soon' });
    });
  });

  describe('originals-ended and done', () => {
    it('closes once the originals have ended', () => {
      expect(nextAction(mv('originals-ended', { originals: expiringIn(-3), provisioned: [prov()] }), TODAY, SETTINGS)).toEqual({
        kind: 'close',
        urgency: 'later',
      });
    });

    it('reassigns licenses at once if the offer changed and they are not', () => {
      const m = mv('originals-ended', { originals: expiringIn(-3), provisioned: [prov('Microsoft 365 E3')] });
      expect(nextAction(m, TODAY, SETTINGS)).toEqual({ kind: 'reassign-licenses', urgency: 'overdue' });
      expect(nextAction({ ...m, licensesReassigned: true }, TODAY, SETTINGS).kind).toBe('close');
    });

    it('has nothing to do when done', () => {
      expect(nextAction(mv('done', { originals: expiringIn(-3), provisioned: [prov('Microsoft 365 E3')] }), TODAY, SETTINGS)).toEqual({
        kind: 'none',
        urgency: 'none',
      });
    });
  });

  it('always answers with a known kind and urgency, and dueOn with daysLeft', () => {
    const arb = fc.record({
      step: fc.constantFrom(...pathSteps('manual')),
      days: fc.array(fc.integer({ min: -400, max: 400 }), { maxLength: 3 }),
      requestedAgo: fc.integer({ min: 0, max: 60 }),
      provisioned: fc.constantFrom([], ['Office 365 E3'], ['Microsoft 365 E3']),
      licensesReassigned: fc.boolean(),
      nudgeAfterDays: fc.integer({ min: 0, max: 60 }),
    });
    fc.assert(
      fc.property(arb, (x) => {
        const m = mv(x.step, {
          stepDates: { [x.step]: addDays(TODAY, -x.requestedAgo) },
          originals: x.days.map((d) => orig(addDays(TODAY, d))),
          provisioned: x.provisioned.map((o) => prov(o)),
          licensesReassigned: x.licensesReassigned,
        });
        const a = nextAction(m, TODAY, { nudgeAfterDays: x.nudgeAfterDays });
        expect(ACTION_KINDS).toContain(a.kind);
        expect(URGENCIES).toContain(a.urgency);
        expect(a.dueOn === undefined).toBe(a.daysLeft === undefined);
        if (a.dueOn !== undefined) expect(addDays(TODAY, a.daysLeft!)).toBe(a.dueOn);
        expect(a.kind === 'none').toBe(x.step === 'done');
        expect(a.kind === 'request-relationship').toBe(x.step === 'planned');
      }),
    );
  });
});

describe('needsAction', () => {
  it('counts overdue and urgent actions', () => {
    expect(needsAction(mv('accepted', { originals: expiringIn(-1) }), TODAY, SETTINGS)).toBe(true);
    expect(needsAction(mv('accepted', { originals: expiringIn(7) }), TODAY, SETTINGS)).toBe(true);
    expect(needsAction(mv('accepted', { originals: expiringIn(8) }), TODAY, SETTINGS)).toBe(false);
    expect(needsAction(mv('accepted', { originals: expiringIn(40) }), TODAY, SETTINGS)).toBe(false);
  });

  it('counts a due nudge even when it is only soon', () => {
    const m = mv('requested', { stepDates: { requested: addDays(TODAY, -14) }, originals: expiringIn(90) });
    expect(nextAction(m, TODAY, SETTINGS).urgency).toBe('soon');
    expect(needsAction(m, TODAY, SETTINGS)).toBe(true);
    expect(needsAction(m, addDays(TODAY, -1), SETTINGS)).toBe(false);
  });

  it('does not count closed or waiting moves', () => {
    expect(needsAction(mv('done'), TODAY, SETTINGS)).toBe(false);
    expect(needsAction(mv('originals-ended', { provisioned: [prov()] }), TODAY, SETTINGS)).toBe(false);
    expect(needsAction(mv('provisioned', { originals: expiringIn(90), provisioned: [prov()] }), TODAY, SETTINGS)).toBe(false);
  });
});

describe('compareMoves and rankMoves', () => {
  const overdue = mv('accepted', { companyName: 'Zeta', originals: expiringIn(-2) });
  const urgent = mv('accepted', { companyName: 'Yak', originals: expiringIn(3) });
  const soon = mv('accepted', { companyName: 'Xeno', originals: expiringIn(20) });
  const later = mv('accepted', { companyName: 'Wolf', originals: expiringIn(90) });
  const none = mv('done', { companyName: 'Alpha' });

  it('puts the most urgent first', () => {
    expect(rankMoves([none, later, soon, urgent, overdue], TODAY, SETTINGS)).toEqual([overdue, urgent, soon, later, none]);
    expect(rankMoves([soon, none, overdue, later, urgent], TODAY, SETTINGS)).toEqual([overdue, urgent, soon, later, none]);
  });

  it('ranks by urgency before expiry', () => {
    const nudge = mv('requested', { companyName: 'A', stepDates: { requested: addDays(TODAY, -20) }, originals: expiringIn(90) });
    const waiting = mv('provisioned', { companyName: 'B', originals: expiringIn(40), provisioned: [prov()] });
    expect(nextAction(nudge, TODAY, SETTINGS).urgency).toBe('soon');
    expect(nextAction(waiting, TODAY, SETTINGS).urgency).toBe('later');
    expect(rankMoves([waiting, nudge], TODAY, SETTINGS)).toEqual([nudge, waiting]);
    expect(compareMoves(nudge, waiting, TODAY, SETTINGS)).toBeLessThan(0);
  });

  it('breaks ties by earliest expiry, with no expiry last', () => {
    const a = mv('provisioned', { companyName: 'B', originals: expiringIn(100), provisioned: [prov()] });
    const b = mv('provisioned', { companyName: 'A', originals: expiringIn(200), provisioned: [prov()] });
    const c = mv('originals-ended', { companyName: '0', provisioned: [prov()] });
    const d = mv('accepted', { companyName: '1', originals: expiringIn(300) });
    expect(rankMoves([c, b, d, a], TODAY, SETTINGS)).toEqual([a, b, d, c]);
    expect(compareMoves(a, b, TODAY, SETTINGS)).toBeLessThan(0);
    expect(compareMoves(b, a, TODAY, SETTINGS)).toBeGreaterThan(0);
    expect(compareMoves(d, c, TODAY, SETTINGS)).toBeLessThan(0);
    expect(compareMoves(c, d, TODAY, SETTINGS)).toBeGreaterThan(0);
  });

  it('then by company name, locale-aware', () => {
    const e = (companyName: string) => mv('done', { companyName });
    const names = ['beta', 'Alpha', 'Émile', 'alpha2', 'Zeta'];
    const ranked = rankMoves(names.map(e), TODAY, SETTINGS).map((m) => m.companyName);
    expect(ranked).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('then by customer id', () => {
    const x = mv('done', { companyName: 'Same', customerId: '00000000-0000-4000-8000-00000000000b' });
    const y = mv('done', { companyName: 'Same', customerId: '00000000-0000-4000-8000-00000000000a' });
    expect(rankMoves([x, y], TODAY, SETTINGS)).toEqual([y, x]);
    expect(compareMoves(x, y, TODAY, SETTINGS)).toBe(1);
    expect(compareMoves(y, x, TODAY, SETTINGS)).toBe(-1);
    expect(compareMoves(x, x, TODAY, SETTINGS)).toBe(0);
  });

  it('does not change the input array', () => {
    const input = [none, overdue];
    rankMoves(input, TODAY, SETTINGS);
    expect(input).toEqual([none, overdue]);
  });

  it('agrees with compareMoves and is a total order', () => {
    const arb = fc.array(
      fc.record({
        step: fc.constantFrom(...pathSteps('manual')),
        days: fc.array(fc.integer({ min: -40, max: 100 }), { maxLength: 2 }),
        name: fc.constantFrom('A', 'b', 'B', 'c'),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, (xs) => {
        const moves = xs.map((x) => mv(x.step, { companyName: x.name, originals: x.days.map((d) => orig(addDays(TODAY, d))) }));
        const ranked = rankMoves(moves, TODAY, SETTINGS);
        expect(ranked).toHaveLength(moves.length);
        for (let i = 1; i < ranked.length; i++) expect(compareMoves(ranked[i - 1]!, ranked[i]!, TODAY, SETTINGS)).toBeLessThan(0);
      }),
    );
  });

  // How fast is the benchmark's business (popup first row at 10,000 moves); here only that it is right.
  // Not a timing: a loaded 2-core machine takes seconds (speed is the benchmark's business).
  it('ranks 10,000 moves, none lost or doubled', { timeout: 60_000 }, () => {
    const moves = Array.from({ length: 10_000 }, (_, i) =>
      mv(STEPS[(i % 4) + 1]!, {
        companyName: `Customer ${(i * 7919) % 10_000}`,
        stepDates: { [STEPS[(i % 4) + 1]!]: addDays(TODAY, -(i % 30)) },
        originals: [orig(addDays(TODAY, (i % 400) - 50)), orig(addDays(TODAY, (i % 200) - 20), 'Exchange Online (Plan 1)')],
        provisioned: i % 4 >= 2 ? [prov(), prov(i % 3 ? 'Exchange Online (Plan 1)' : 'Microsoft 365 E3')] : [],
      }),
    );
    const ranked = rankMoves(moves, TODAY, SETTINGS);
    expect(ranked).toHaveLength(10_000);
    expect(new Set(ranked.map((m) => m.customerId)).size).toBe(10_000);
  });
});
