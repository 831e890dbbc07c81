import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDay } from '../../../src/core/dates';
import { type Move, type Step } from '../../../src/core/model';
import { pathSteps } from '../../../src/core/paths';
import { appendHistory } from '../../../src/core/history';

const MANUAL_STEPS = pathSteps('manual');
import {
  changeStep,
  createMove,
  nextId,
  nextStep,
  previousStep,
  recordOriginals,
  recordProvisioned,
  setLicensesReassigned,
  setNotes,
  stepIndex,
  updateDetails,
} from '../../../src/core/steps';
import type { OriginalInput } from '../../../src/core/inputs';

const ID = '6f1c1a2e-1b2c-4d3e-8f90-a1b2c3d4e5f6';
const T0 = new Date('2026-03-02T09:00:00.000Z');
const T1 = new Date('2026-03-05T10:30:00.000Z');
const T2 = new Date('2026-04-01T08:00:00.000Z');

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

const e3: OriginalInput = { offer: 'Office 365 E3', seats: 10, expiresOn: '2026-09-30', endBy: 'expire' };
const exo: OriginalInput = { offer: 'Exchange Online (Plan 1)', seats: 4, expiresOn: '2026-06-30', endBy: 'cancel' };

function base(extra: Partial<Parameters<typeof createMove>[0]> = {}): Move {
  return deepFreeze(createMove({ customerId: ID, companyName: 'Contoso', step: 'requested', ...extra }, T0));
}

function step(move: Move, to: Step, ctx: Partial<Parameters<typeof changeStep>[2]> = {}): Move {
  const r = changeStep(move, to, { now: T1, ...ctx });
  if (!r.ok) throw new Error(r.error);
  return deepFreeze(r.move);
}

describe('stepIndex, nextStep, previousStep', () => {
  const MANUAL = ['planned', 'requested', 'accepted', 'provisioned', 'originals-ended', 'done'] as const;
  it('follows the order of the path', () => {
    expect(MANUAL.map((s) => stepIndex('manual', s))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(MANUAL.map((s) => nextStep('manual', s))).toEqual(['requested', 'accepted', 'provisioned', 'originals-ended', 'done', undefined]);
    expect(MANUAL.map((s) => previousStep('manual', s))).toEqual([undefined, 'planned', 'requested', 'accepted', 'provisioned', 'originals-ended']);
    expect(nextStep('partner-transfer', 'accepted')).toBe('transfer-requested');
    expect(nextStep('ea-channel-transfer', 'csp-scheduled')).toBe('ea-ended');
  });

  it('throws for a value that is not a step of the path', () => {
    expect(() => stepIndex('manual', 'shipped' as Step)).toThrow(new RangeError('Path manual has no step shipped'));
    expect(() => stepIndex('manual', 'csp-scheduled')).toThrow(RangeError);
    expect(() => nextStep('manual', 'shipped' as Step)).toThrow(RangeError);
    expect(() => previousStep('manual', 'shipped' as Step)).toThrow(RangeError);
  });
});

describe('nextId', () => {
  it('starts at 1 and follows the largest number in use', () => {
    expect(nextId('o', [])).toBe('o1');
    expect(nextId('o', ['o1', 'o2'])).toBe('o3');
    expect(nextId('o', ['o7', 'o2'])).toBe('o8');
    expect(nextId('o', ['o2'])).toBe('o3');
  });

  it('ignores other prefixes and non-numeric tails', () => {
    expect(nextId('o', ['p9', 'ox', 'ox5', 'o', 'o1a', 'xo5', 'o-3'])).toBe('o1');
    expect(nextId('p', ['p1', 'o9'])).toBe('p2');
  });

  it('reads numbers with leading zeros', () => {
    expect(nextId('o', ['o009'])).toBe('o10');
  });

  it('accepts any iterable', () => {
    expect(nextId('o', new Set(['o4']))).toBe('o5');
  });

  it('never returns an id in use', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(1000).map((n) => `o${n}`), fc.string({ maxLength: 4 }))), (ids) => {
        const id = nextId('o', ids);
        expect(ids).not.toContain(id);
        expect(id).toMatch(/^o[1-9]\d*$/);
      }),
    );
  });
});

describe('createMove', () => {
  it('creates a move at planned on the suggested path, with a created entry and dates from now', () => {
    const m = createMove({ customerId: ID, companyName: 'Contoso' }, T0);
    expect(m).toEqual({
      customerId: ID,
      companyName: 'Contoso',
      domain: '',
      // Never chosen: unknown, not a guessed program.
      program: 'unknown',
      path: 'manual',
      step: 'planned',
      stepDates: { planned: localDay(T0) },
      originals: [],
      provisioned: [],
      licensesReassigned: false,
      notes: '',
      history: [{ at: T0.toISOString(), on: localDay(T0), kind: 'created', to: 'planned' }],
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
    });
  });

  it('normalises the customer id, name and domain', () => {
    const m = createMove({ customerId: `  ${ID.toUpperCase()} `, companyName: '  Contoso Ltd ', domain: ' Contoso.ONMICROSOFT.com ' }, T0);
    expect(m.customerId).toBe(ID);
    expect(m.companyName).toBe('Contoso Ltd');
    expect(m.domain).toBe('contoso.onmicrosoft.com');
  });

  it.each(['', 'not-a-guid', '6f1c1a2e-1b2c-4d3e-8f90-a1b2c3d4e5f', '{6f1c1a2e-1b2c-4d3e-8f90-a1b2c3d4e5f6}'])('throws a RangeError for customer id %j', (bad) => {
    expect(() => createMove({ customerId: bad, companyName: 'X' }, T0)).toThrow(RangeError);
  });

  it('starts at a given step, dated today', () => {
    const m = createMove({ customerId: ID, companyName: 'C', step: 'provisioned', program: 'ea', notes: 'n' }, T0);
    expect(m.step).toBe('provisioned');
    expect(m.stepDates).toEqual({ provisioned: localDay(T0) });
    expect(m.history[0]).toMatchObject({ kind: 'created', to: 'provisioned' });
    expect(m.program).toBe('ea');
    expect(m.notes).toBe('n');
  });

  it('rejects an unknown step or program', () => {
    expect(() => createMove({ customerId: ID, companyName: 'C', step: 'x' as Step }, T0)).toThrow(RangeError);
    expect(() => createMove({ customerId: ID, companyName: 'C', program: 'csp' as 'open' }, T0)).toThrow(new RangeError('Not a program: csp'));
  });

  it('numbers originals o1, o2 … and keeps their fields', () => {
    const m = createMove({ customerId: ID, companyName: 'C', originals: [e3, exo, e3] }, T0);
    expect(m.originals).toEqual([
      { id: 'o1', offer: 'Office 365 E3', seats: 10, expiresOn: '2026-09-30', endBy: 'expire' },
      { id: 'o2', offer: 'Exchange Online (Plan 1)', seats: 4, expiresOn: '2026-06-30', endBy: 'cancel' },
      { id: 'o3', offer: 'Office 365 E3', seats: 10, expiresOn: '2026-09-30', endBy: 'expire' },
    ]);
  });

  it('keeps a trimmed skuId and drops an empty one', () => {
    const m = createMove(
      { customerId: ID, companyName: 'C', originals: [{ ...e3, skuId: ' SPE_E3 ' }, { ...exo, skuId: '  ' }] },
      T0,
    );
    expect(m.originals[0]?.skuId).toBe('SPE_E3');
    expect('skuId' in m.originals[1]!).toBe(false);
  });

  it.each([
    ['seats -1', { ...e3, seats: -1 }, 'Not a seat count: -1'],
    ['seats 1.5', { ...e3, seats: 1.5 }, 'Not a seat count: 1.5'],
    ['seats NaN', { ...e3, seats: NaN }, 'Not a seat count: NaN'],
    ['expiry 2026-02-30', { ...e3, expiresOn: '2026-02-30' }, 'expiresOn is not a calendar date: 2026-02-30'],
    ['an empty offer', { ...e3, offer: '  ' }, 'An offer needs a name'],
    ['endBy other', { ...e3, endBy: 'other' as 'expire' }, 'Not a way to end: other'],
  ])('throws for an original with %s', (_what, o, message) => {
    expect(() => createMove({ customerId: ID, companyName: 'C', originals: [o] }, T0)).toThrow(new RangeError(message));
  });

  it('names the bad customer id', () => {
    expect(() => createMove({ customerId: 'nope', companyName: 'C' }, T0)).toThrow(new RangeError('Not a customer id (a GUID): nope'));
  });

  it('accepts zero seats', () => {
    expect(createMove({ customerId: ID, companyName: 'C', originals: [{ ...e3, seats: 0 }] }, T0).originals[0]?.seats).toBe(0);
  });
});

describe('changeStep', () => {
  it('refuses the current step', () => {
    expect(changeStep(base(), 'requested', { now: T1 })).toEqual({ ok: false, error: 'unchanged' });
  });

  it('moves one step forward, dated, with a history entry', () => {
    const m = base();
    const r = changeStep(m, 'accepted', { now: T1, note: '  customer said yes  ' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.move.step).toBe('accepted');
    expect(r.move.stepDates).toStrictEqual({ requested: localDay(T0), accepted: localDay(T1) });
    expect(r.move.history.at(-1)).toEqual({
      at: T1.toISOString(),
      on: localDay(T1),
      kind: 'step',
      from: 'requested',
      to: 'accepted',
      note: 'customer said yes',
    });
    expect(r.move.updatedAt).toBe(T1.toISOString());
    expect(r.move.createdAt).toBe(T0.toISOString());
    expect(m.step).toBe('requested');
  });

  it('leaves out an empty note', () => {
    const r = changeStep(base(), 'accepted', { now: T1, note: '   ' });
    expect(r.ok && 'note' in r.move.history.at(-1)!).toBe(false);
  });

  it('needs confirmation to jump forward over steps', () => {
    expect(changeStep(base(), 'provisioned', { now: T1 })).toEqual({ ok: false, error: 'skip-needs-confirmation' });
    expect(changeStep(base(), 'provisioned', { now: T1, confirmSkip: false })).toEqual({ ok: false, error: 'skip-needs-confirmation' });
  });

  it('records the skipped steps of a confirmed jump', () => {
    const m = step(base(), 'originals-ended', { confirmSkip: true });
    expect(m.step).toBe('originals-ended');
    expect(m.history.at(-1)).toMatchObject({ from: 'requested', to: 'originals-ended', skipped: ['accepted', 'provisioned'] });
    expect(m.stepDates).toStrictEqual({ requested: localDay(T0), 'originals-ended': localDay(T1) });
  });

  it('does not record skipped for a single step', () => {
    expect('skipped' in step(base(), 'accepted').history.at(-1)!).toBe(false);
  });

  it('goes back without confirmation and drops the dates after the new step', () => {
    const at3 = step(step(step(base(), 'accepted'), 'provisioned'), 'originals-ended');
    const r = changeStep(at3, 'accepted', { now: T2 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.move.step).toBe('accepted');
    expect(r.move.stepDates).toStrictEqual({ requested: localDay(T0), accepted: localDay(T2) });
    expect(r.move.history.at(-1)).toMatchObject({ kind: 'step', from: 'originals-ended', to: 'accepted' });
    expect('skipped' in r.move.history.at(-1)!).toBe(false);
  });

  it('goes back to the first step', () => {
    const r = changeStep(step(base(), 'accepted'), 'requested', { now: T2 });
    expect(r.ok && r.move.stepDates).toStrictEqual({ requested: localDay(T2) });
  });

  describe('closing (done)', () => {
    const ended = (originals: OriginalInput[], provisioned: string[]) => {
      let m = createMove({ customerId: ID, companyName: 'C', step: 'originals-ended', originals }, T0);
      m = recordProvisioned(m, provisioned.map((offer) => ({ offer, seats: 10, provisionedOn: '2026-03-03' })), T0);
      return deepFreeze(m);
    };

    it('is allowed when every original has the same offer provisioned', () => {
      expect(changeStep(ended([e3], ['Office 365 E3']), 'done', { now: T1 }).ok).toBe(true);
    });

    it('is allowed for a renamed offer', () => {
      expect(changeStep(ended([{ ...e3, offer: 'Office 365 Enterprise E3' }], ['Office 365 E3']), 'done', { now: T1 }).ok).toBe(true);
    });

    it('is refused when an offer differs and licenses are not marked reassigned', () => {
      expect(changeStep(ended([e3], ['Microsoft 365 E3']), 'done', { now: T1 })).toEqual({ ok: false, error: 'licenses-not-reassigned' });
    });

    it('is allowed once licenses are marked reassigned', () => {
      const m = setLicensesReassigned(ended([e3], ['Microsoft 365 E3']), true, T0);
      expect(changeStep(m, 'done', { now: T1 }).ok).toBe(true);
    });

    it('is allowed with confirmSkip', () => {
      expect(changeStep(ended([e3], ['Microsoft 365 E3']), 'done', { now: T1, confirmSkip: true }).ok).toBe(true);
    });

    it('is allowed with no originals: nothing to compare', () => {
      expect(changeStep(ended([], ['Office 365 E3']), 'done', { now: T1 }).ok).toBe(true);
    });

    it('checks licenses only when going to done', () => {
      const m = deepFreeze(createMove({ customerId: ID, companyName: 'C', step: 'accepted', originals: [e3] }, T0));
      const prov = recordProvisioned(m, [{ offer: 'Microsoft 365 E3', seats: 10, provisionedOn: '2026-03-03' }], T0);
      expect(changeStep(prov, 'provisioned', { now: T1 }).ok).toBe(true);
    });

    it('asks for skip confirmation before the license check', () => {
      const m = deepFreeze(createMove({ customerId: ID, companyName: 'C', step: 'provisioned', originals: [e3] }, T0));
      const prov = recordProvisioned(m, [{ offer: 'Microsoft 365 E3', seats: 10, provisionedOn: '2026-03-03' }], T0);
      expect(changeStep(prov, 'done', { now: T1 })).toEqual({ ok: false, error: 'skip-needs-confirmation' });
    });
  });

  it('throws for an unknown target step', () => {
    expect(() => changeStep(base(), 'nope' as Step, { now: T1 })).toThrow(RangeError);
  });
});

describe('recordOriginals', () => {
  it('replaces the originals, numbers new ones after every id in use, and records it', () => {
    const m = base({ originals: [e3] });
    const next = recordOriginals(m, [exo], T1);
    expect(next.originals).toEqual([{ id: 'o2', ...exo }]);
    expect(next.history.at(-1)).toEqual({ at: T1.toISOString(), on: localDay(T1), kind: 'originals' });
    expect(next.updatedAt).toBe(T1.toISOString());
    expect(m.originals).toHaveLength(1);
  });

  it('keeps given ids and edits in place', () => {
    const m = base({ originals: [e3, exo] });
    const next = recordOriginals(m, [{ ...e3, id: 'o1', seats: 12 }], T1);
    expect(next.originals).toEqual([{ id: 'o1', ...e3, seats: 12 }]);
  });

  it('trims given ids and treats a blank one as none', () => {
    const m = base({ originals: [e3] });
    expect(recordOriginals(m, [{ ...e3, id: ' o1 ' }], T1)).toBe(m);
    expect(recordOriginals(m, [{ ...exo, id: '  ' }], T1).originals.map((o) => o.id)).toEqual(['o2']);
  });

  it('reuses the id of an original restated without one (a re-import), so reminders stay acknowledged', () => {
    const m = base({ originals: [e3, exo] });
    const next = recordOriginals(m, [{ ...exo, seats: 5 }, { ...e3, offer: 'OFFICE 365 E3 (Annual)' }], T1);
    expect(next.originals.map((o) => o.id)).toEqual(['o2', 'o1']);
  });

  it('gives a repeated original a new id, and does not reuse an id claimed explicitly', () => {
    const m = base({ originals: [e3] });
    expect(recordOriginals(m, [e3, e3], T1).originals.map((o) => o.id)).toEqual(['o1', 'o2']);
    expect(recordOriginals(m, [e3, { ...exo, id: 'o1' }], T1).originals.map((o) => o.id)).toEqual(['o2', 'o1']);
  });

  it('restates two identical originals onto their own ids', () => {
    const m = base({ originals: [e3, e3] });
    expect(recordOriginals(m, [e3, e3], T1)).toBe(m);
  });

  it('returns the same move when nothing changes (no history noise)', () => {
    const m = base({ originals: [e3, exo] });
    expect(recordOriginals(m, [e3, exo], T1)).toBe(m);
    expect(recordOriginals(m, [{ ...e3, id: 'o1' }, { ...exo, id: 'o2' }], T1)).toBe(m);
  });

  it('notices a change in any field, including order', () => {
    const m = base({ originals: [e3, exo] });
    for (const change of [
      [{ ...e3, seats: 11 }, exo],
      [{ ...e3, skuId: 'ENTERPRISEPACK' }, exo],
      [{ ...e3, endBy: 'cancel' as const }, exo],
      [e3, { ...exo, expiresOn: '2026-07-01' }],
      [e3, { ...exo, offer: 'Exchange Online (Plan 2)' }],
      [{ ...e3, id: 'o9' }, exo],
      [exo, e3],
      [e3],
      [],
    ]) {
      expect(recordOriginals(m, change, T1)).not.toBe(m);
    }
  });

  it('sees through a stored original whose keys are in another order', () => {
    const m = base({ originals: [{ ...e3, skuId: 'X' }] });
    const reordered = deepFreeze({ ...m, originals: [{ endBy: 'expire' as const, skuId: 'X', expiresOn: e3.expiresOn, seats: 10, offer: e3.offer, id: 'o1' }] });
    expect(recordOriginals(reordered, [{ ...e3, skuId: 'X' }], T1)).toBe(reordered);
  });

  it('throws for two originals with one id, or invalid input', () => {
    expect(() => recordOriginals(base(), [{ ...e3, id: 'a' }, { ...exo, id: 'a' }], T1)).toThrow(new RangeError('Two items share one id'));
    expect(() => recordOriginals(base(), [{ ...e3, expiresOn: '2026-13-01' }], T1)).toThrow(RangeError);
  });
});

describe('recordProvisioned', () => {
  const p1 = { offer: 'Office 365 E3', seats: 10, provisionedOn: '2026-03-03' };
  const p2 = { offer: 'Exchange Online (Plan 1)', seats: 4, provisionedOn: '2026-03-04' };

  it('replaces by default and records it', () => {
    const m = recordProvisioned(base(), [p1], T1);
    expect(m.provisioned).toEqual([{ id: 'p1', ...p1 }]);
    expect(m.history.at(-1)).toEqual({ at: T1.toISOString(), on: localDay(T1), kind: 'provisioned' });
    const replaced = recordProvisioned(deepFreeze(m), [p2], T2);
    expect(replaced.provisioned).toEqual([{ id: 'p2', ...p2 }]);
  });

  it('keeps the id of a restated line when replacing', () => {
    const m = deepFreeze(recordProvisioned(base(), [p1, p2], T1));
    expect(recordProvisioned(m, [p2, { ...p1, seats: 12 }], T2).provisioned.map((p) => p.id)).toEqual(['p2', 'p1']);
    expect(recordProvisioned(m, [p1, p2], T2)).toBe(m);
  });

  it('notices a change in any provisioned field', () => {
    const m = deepFreeze(recordProvisioned(base(), [p1], T1));
    for (const change of [
      { ...p1, id: 'p5' },
      { ...p1, offer: 'Office 365 E5' },
      { ...p1, skuId: 'ENTERPRISEPACK' },
      { ...p1, seats: 11 },
      { ...p1, provisionedOn: '2026-03-09' },
    ]) {
      expect(recordProvisioned(m, [change], T2)).not.toBe(m);
    }
  });

  it('appends with fresh ids; a line restating one already recorded (same offer, sku, seats, day) is the same purchase', () => {
    const m = deepFreeze(recordProvisioned(base(), [p1], T1));
    const next = recordProvisioned(m, [p1, p2], T2, { append: true });
    expect(next.provisioned).toEqual([{ id: 'p1', ...p1 }, { id: 'p2', ...p2 }]);
    expect(next.history).toHaveLength(m.history.length + 1);
    // The same order recorded twice appends nothing the second time.
    expect(recordProvisioned(next, [p1, p2], T2, { append: true })).toBe(next);
    // Any field that differs is another purchase.
    for (const other of [{ ...p1, seats: p1.seats + 1 }, { ...p1, provisionedOn: '2026-03-09' }, { ...p1, offer: 'Office 365 E5' }, { ...p1, skuId: 'OTHER' }]) {
      expect(recordProvisioned(next, [other], T2, { append: true }).provisioned, JSON.stringify(other)).toHaveLength(3);
    }
  });

  it('appending nothing changes nothing', () => {
    const m = deepFreeze(recordProvisioned(base(), [p1], T1));
    expect(recordProvisioned(m, [], T2, { append: true })).toBe(m);
    expect(recordProvisioned(base(), [], T2)).toEqual(base());
  });

  it('edits a line in place when replacing with its id', () => {
    const m = deepFreeze(recordProvisioned(base(), [p1, p2], T1));
    expect(recordProvisioned(m, [{ ...p1, id: 'p1', seats: 12 }], T2).provisioned).toEqual([{ id: 'p1', ...p1, seats: 12 }]);
  });

  it('refuses to append a line with an id already in use', () => {
    const m = deepFreeze(recordProvisioned(base(), [p1], T1));
    expect(() => recordProvisioned(m, [{ ...p2, id: 'p1' }], T2, { append: true })).toThrow(new RangeError('Id already in use: p1'));
    expect(() => recordProvisioned(m, [{ ...p2, id: ' p1 ' }], T2, { append: true })).toThrow(RangeError);
    expect(recordProvisioned(m, [{ ...p2, id: 'p7' }], T2, { append: true }).provisioned.map((p) => p.id)).toEqual(['p1', 'p7']);
  });

  it('validates the day and seats', () => {
    expect(() => recordProvisioned(base(), [{ ...p1, provisionedOn: 'yesterday' }], T1)).toThrow(
      new RangeError('provisionedOn is not a calendar date: yesterday'),
    );
    expect(() => recordProvisioned(base(), [{ ...p1, seats: -2 }], T1)).toThrow(new RangeError('Not a seat count: -2'));
  });
});

describe('setLicensesReassigned, setNotes, updateDetails', () => {
  it('sets and clears the licenses flag, recording the value', () => {
    const on = setLicensesReassigned(base(), true, T1);
    expect(on.licensesReassigned).toBe(true);
    expect(on.history.at(-1)).toEqual({ at: T1.toISOString(), on: localDay(T1), kind: 'licenses-reassigned', value: true });
    const off = setLicensesReassigned(deepFreeze(on), false, T2);
    expect(off.licensesReassigned).toBe(false);
    expect(off.history.at(-1)).toMatchObject({ kind: 'licenses-reassigned', value: false });
    expect(off.updatedAt).toBe(T2.toISOString());
  });

  it('does nothing when the flag already has the value', () => {
    const m = base();
    expect(setLicensesReassigned(m, false, T1)).toBe(m);
  });

  it('sets notes as given', () => {
    const m = setNotes(base(), ' call Amy \n', T1);
    expect(m.notes).toBe(' call Amy \n');
    expect(m.history.at(-1)).toEqual({ at: T1.toISOString(), on: localDay(T1), kind: 'notes' });
    expect(m.updatedAt).toBe(T1.toISOString());
    expect(setNotes(deepFreeze(m), ' call Amy \n', T2)).toBe(m);
  });

  it('updates details and names the changed fields', () => {
    const m = updateDetails(base(), { companyName: ' Fabrikam ', domain: 'Fabrikam.com', program: 'ea' }, T1);
    expect(m).toMatchObject({ companyName: 'Fabrikam', domain: 'fabrikam.com', program: 'ea', updatedAt: T1.toISOString() });
    expect(m.history.at(-1)).toEqual({ at: T1.toISOString(), on: localDay(T1), kind: 'details', note: 'companyName, domain, program' });
  });

  it.each([
    [{ companyName: 'Fabrikam' }, 'companyName'],
    [{ domain: 'fabrikam.com' }, 'domain'],
    [{ program: 'direct' as const }, 'program'],
    [{ companyName: 'Contoso', domain: 'x.com' }, 'domain'],
  ])('records only what changed: %o', (details, note) => {
    expect(updateDetails(base(), details, T1).history.at(-1)?.note).toBe(note);
  });

  it('does nothing when nothing changes', () => {
    const m = base({ domain: 'contoso.com' });
    expect(updateDetails(m, {}, T1)).toBe(m);
    expect(updateDetails(m, { companyName: ' Contoso ', domain: 'CONTOSO.com ', program: 'unknown' }, T1)).toBe(m);
  });

  it('rejects an unknown program', () => {
    expect(() => updateDetails(base(), { program: 'csp' as 'open' }, T1)).toThrow(RangeError);
  });
});

describe('step machine invariants', () => {
  type Op =
    | { op: 'step'; to: Step; confirmSkip: boolean }
    | { op: 'originals'; n: number }
    | { op: 'provisioned'; same: boolean; append: boolean }
    | { op: 'licenses'; value: boolean }
    | { op: 'notes'; text: string };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant('step' as const), to: fc.constantFrom(...MANUAL_STEPS), confirmSkip: fc.boolean() }),
    fc.record({ op: fc.constant('originals' as const), n: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ op: fc.constant('provisioned' as const), same: fc.boolean(), append: fc.boolean() }),
    fc.record({ op: fc.constant('licenses' as const), value: fc.boolean() }),
    fc.record({ op: fc.constant('notes' as const), text: fc.string({ maxLength: 5 }) }),
  );

  it('keeps every move valid, immutable and fully audited', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MANUAL_STEPS), fc.array(opArb, { maxLength: 25 }), (start, ops) => {
        let m = deepFreeze(createMove({ customerId: ID, companyName: 'C', step: start, originals: [e3] }, T0));
        let t = T0.getTime();
        for (const o of ops) {
          t += 36e5 * 7;
          const now = new Date(t);
          const before = m;
          let next: Move = m;
          if (o.op === 'step') {
            const r = changeStep(m, o.to, { now, confirmSkip: o.confirmSkip });
            const jump = stepIndex('manual', o.to) - stepIndex('manual', m.step);
            if (jump === 0) expect(r).toEqual({ ok: false, error: 'unchanged' });
            else if (jump > 1 && !o.confirmSkip) expect(r).toEqual({ ok: false, error: 'skip-needs-confirmation' });
            else if (jump < 0 || jump === 1 || o.confirmSkip) {
              if (r.ok) {
                next = r.move;
                expect(next.step).toBe(o.to);
                expect(next.stepDates[o.to]).toBe(localDay(now));
                expect(next.history.at(-1)?.skipped ?? []).toEqual(jump > 1 ? MANUAL_STEPS.slice(stepIndex('manual', before.step) + 1, stepIndex('manual', o.to)) : []);
              } else if (r.error === 'originals-not-ended') {
                // Passing the originals' end while one still runs needs a dated cancellation.
                expect(['originals-ended', 'done']).toContain(o.to);
                expect(m.originals.some((x) => x.expiresOn > localDay(now))).toBe(true);
              } else {
                expect(['licenses-not-reassigned', 'nothing-provisioned', 'seats-fewer']).toContain(r.error);
                expect(o.to).toBe('done');
                if (r.error === 'licenses-not-reassigned') expect(o.confirmSkip).toBe(false);
              }
            }
          } else if (o.op === 'originals') {
            next = recordOriginals(m, [e3, exo, e3].slice(0, o.n), now);
          } else if (o.op === 'provisioned') {
            const offer = o.same ? 'Office 365 E3' : 'Microsoft 365 E3';
            next = recordProvisioned(m, [{ offer, seats: 10, provisionedOn: localDay(now) }], now, { append: o.append });
          } else if (o.op === 'licenses') {
            next = setLicensesReassigned(m, o.value, now);
          } else {
            next = setNotes(m, o.text, now);
          }
          // Unchanged moves come back as they were; changed ones end with one new entry, dated now,
          // after the earlier history (compacted by appendHistory: history.test.ts).
          if (next !== before) {
            expect(next.history).toEqual(appendHistory(before.history, next.history.at(-1)!));
            expect(next.history.at(-1)).not.toBe(before.history.at(-1));
            expect(next.history.at(-1)?.at).toBe(now.toISOString());
            expect(next.updatedAt).toBe(now.toISOString());
          }
          m = deepFreeze(next);
          // Always: the current step is dated, no later step is, ids are unique.
          expect(m.stepDates[m.step]).toBeDefined();
          for (const s of MANUAL_STEPS.slice(stepIndex('manual', m.step) + 1)) expect(m.stepDates[s]).toBeUndefined();
          expect(new Set(m.originals.map((x) => x.id)).size).toBe(m.originals.length);
          expect(new Set(m.provisioned.map((x) => x.id)).size).toBe(m.provisioned.length);
          expect(m.createdAt).toBe(T0.toISOString());
        }
      }),
    );
  });
});
