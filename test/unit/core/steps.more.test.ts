/**
 * More of the step machine: errors that name the field, cancellations recorded only on originals
 * still running, the worst seat shortfall reported when closing, what a change of path keeps, ids
 * kept when the same subscriptions are re-entered, and appended purchases recognised as duplicates.
 */
import { describe, expect, it } from 'vitest';
import type { Move, OriginalSubscription, PathId, ProvisionedSubscription, Step } from '../../../src/core/model';
import { changePath, changeStep, closingGuard, createMove, recordOriginals, recordProvisioned } from '../../../src/core/steps';

const ID = '6f1c1a2e-1b2c-4d3e-8f90-a1b2c3d4e5f6';
// Noon UTC: the same calendar day in any time zone the suite runs in.
const NOW = new Date('2027-01-10T12:00:00.000Z');
const LATER = new Date('2027-01-20T12:00:00.000Z');

function original(id: string, offer: string, seats: number, expiresOn: string): OriginalSubscription {
  return { id, offer, seats, expiresOn, endBy: 'expire' };
}
function bought(id: string, offer: string, seats: number, provisionedOn = '2027-01-05', skuId?: string): ProvisionedSubscription {
  return { id, offer, seats, provisionedOn, ...(skuId ? { skuId } : {}) };
}

function move(path: PathId, step: Step, over: Partial<Move> = {}): Move {
  return {
    customerId: ID,
    companyName: 'Contoso',
    domain: 'contoso.com',
    program: path === 'partner-transfer' ? 'other-partner' : path === 'ea-channel-transfer' ? 'ea' : 'open',
    path,
    step,
    stepDates: {},
    originals: [original('o1', 'Office 365 E3', 10, '2027-03-31')],
    provisioned: [],
    licensesReassigned: false,
    notes: '',
    history: [],
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    ...over,
  };
}

describe('errors name the field and the path', () => {
  it('an invalid cancellation day of an original names cancelOn', () => {
    expect(() =>
      createMove({ customerId: ID, companyName: 'Contoso', originals: [{ offer: 'Office 365 E3', seats: 1, expiresOn: '2027-03-31', endBy: 'cancel', cancelOn: '31/01/2027' }] }, NOW),
    ).toThrow('cancelOn is not a calendar date: 31/01/2027');
  });

  it('an invalid cancellation day when marking originals ended names cancelledOn', () => {
    const m = move('manual', 'provisioned', { provisioned: [bought('p1', 'Office 365 E3', 10)] });
    expect(() => changeStep(m, 'originals-ended', { now: NOW, cancelledOn: 'yesterday' })).toThrow('cancelledOn is not a calendar date: yesterday');
  });

  it('creating a move on an unknown path says which', () => {
    expect(() => createMove({ customerId: ID, companyName: 'Contoso', path: 'teleport' as PathId }, NOW)).toThrow('Not a path: teleport');
  });

  it('changing to an unknown path says which', () => {
    expect(() => changePath(move('manual', 'accepted'), 'teleport' as PathId, NOW)).toThrow('Not a path: teleport');
  });
});

describe('marking originals ended as a cancellation', () => {
  it('marks cancelled only the originals still running on the cancellation day', () => {
    const m = move('manual', 'provisioned', {
      originals: [original('o1', 'Office 365 E3', 10, '2027-02-01'), original('o2', 'Office 365 E1', 5, '2027-03-31')],
      provisioned: [bought('p1', 'Office 365 E3', 10), bought('p2', 'Office 365 E1', 5)],
    });
    const r = changeStep(m, 'originals-ended', { now: NOW, cancelledOn: '2027-02-01' });
    if (!r.ok) throw new Error(r.error);
    // o1 ends that very day by itself: not a cancellation.
    expect(r.move.originals).toStrictEqual([
      original('o1', 'Office 365 E3', 10, '2027-02-01'),
      { ...original('o2', 'Office 365 E1', 5, '2027-03-31'), endBy: 'cancel', cancelOn: '2027-02-01' },
    ]);
  });
});

describe('closingGuard reports the worst seat shortfall', () => {
  const originals = [original('o1', 'Office 365 E3', 10, '2027-03-31'), original('o2', 'Office 365 E1', 10, '2027-03-31')];

  it('the group short by the most seats, listed first', () => {
    const g = closingGuard({ originals, provisioned: [bought('p1', 'Office 365 E3', 3), bought('p2', 'Office 365 E1', 8)] });
    expect(g).toEqual({ guard: 'seats-fewer', seats: { provisioned: 3, needed: 10 } });
  });

  it('the group short by the most seats, listed last', () => {
    const g = closingGuard({ originals, provisioned: [bought('p1', 'Office 365 E3', 8), bought('p2', 'Office 365 E1', 3)] });
    expect(g).toEqual({ guard: 'seats-fewer', seats: { provisioned: 3, needed: 10 } });
  });

  it('by the gap, not by the size of the group', () => {
    const big = [original('o1', 'Office 365 E3', 100, '2027-03-31'), original('o2', 'Office 365 E1', 10, '2027-03-31')];
    expect(closingGuard({ originals: big, provisioned: [bought('p1', 'Office 365 E3', 98), bought('p2', 'Office 365 E1', 4)] })).toEqual({
      guard: 'seats-fewer',
      seats: { provisioned: 4, needed: 10 },
    });
    expect(closingGuard({ originals: [big[1]!, big[0]!], provisioned: [bought('p2', 'Office 365 E1', 4), bought('p1', 'Office 365 E3', 98)] })).toEqual({
      guard: 'seats-fewer',
      seats: { provisioned: 4, needed: 10 },
    });
  });

  it('on a tie, the first group short is reported', () => {
    const g = closingGuard({ originals, provisioned: [bought('p1', 'Office 365 E3', 8), bought('p2', 'Office 365 E1', 8)] });
    expect(g?.seats).toEqual({ provisioned: 8, needed: 10 });
    const h = closingGuard({
      originals: [original('o1', 'Office 365 E3', 10, '2027-03-31'), original('o2', 'Office 365 E1', 5, '2027-03-31')],
      provisioned: [bought('p1', 'Office 365 E3', 8), bought('p2', 'Office 365 E1', 3)],
    });
    expect(h?.seats).toEqual({ provisioned: 8, needed: 10 });
  });
});

describe('changePath', () => {
  it('keeps the days of the steps both paths share, up to the new step, and no others', () => {
    const m = move('manual', 'accepted', { stepDates: { planned: '2026-12-01', requested: '2026-12-05', accepted: '2026-12-20' } });
    const n = changePath(m, 'ea-channel-transfer', LATER);
    expect(n.step).toBe('accepted');
    expect(n.stepDates).toStrictEqual({ planned: '2026-12-01', requested: '2026-12-05', accepted: '2026-12-20' });
  });

  it('a step never reached keeps no day (no empty entry)', () => {
    const m = move('manual', 'accepted', { stepDates: { requested: '2026-12-05', accepted: '2026-12-20' } });
    expect(changePath(m, 'partner-transfer', LATER).stepDates).toStrictEqual({ requested: '2026-12-05', accepted: '2026-12-20' });
  });

  it('drops a stale day of a step after the new one', () => {
    const m = move('manual', 'accepted', { stepDates: { requested: '2026-12-05', accepted: '2026-12-20', done: '2026-12-24' } });
    expect(changePath(m, 'ea-channel-transfer', LATER).stepDates).toStrictEqual({ requested: '2026-12-05', accepted: '2026-12-20' });
  });

  it('the new step keeps the day the old step was reached, not today', () => {
    const m = move('manual', 'provisioned', { stepDates: { accepted: '2026-12-20', provisioned: '2027-01-02' } });
    const n = changePath(m, 'ea-channel-transfer', LATER);
    expect(n.step).toBe('csp-scheduled');
    expect(n.stepDates).toStrictEqual({ accepted: '2026-12-20', 'csp-scheduled': '2027-01-02' });
  });

  it('the new step is dated today when the old one had no day', () => {
    const m = move('manual', 'provisioned', { stepDates: { accepted: '2026-12-20' } });
    expect(changePath(m, 'ea-channel-transfer', LATER).stepDates['csp-scheduled']).toBe('2027-01-20');
  });

  it('the history names the step change only when the step changes', () => {
    const same = changePath(move('manual', 'accepted'), 'ea-channel-transfer', LATER).history.at(-1)!;
    expect(same).toStrictEqual({ at: LATER.toISOString(), on: '2027-01-20', kind: 'path', note: 'manual → ea-channel-transfer' });
    const moved = changePath(move('manual', 'provisioned'), 'ea-channel-transfer', LATER).history.at(-1)!;
    expect(moved).toMatchObject({ kind: 'path', from: 'provisioned', to: 'csp-scheduled' });
  });
});

describe('re-entering subscriptions keeps their ids', () => {
  it('originals restated in another order keep the id of the same offer and end date', () => {
    const m = move('manual', 'accepted', { originals: [original('o1', 'Office 365 E3', 10, '2027-03-31'), original('o2', 'Office 365 E1', 5, '2027-06-30')] });
    const n = recordOriginals(
      m,
      [
        { offer: 'Office 365 E1', seats: 6, expiresOn: '2027-06-30', endBy: 'expire' },
        { offer: 'Office 365 E3', seats: 10, expiresOn: '2027-03-31', endBy: 'expire' },
      ],
      LATER,
    );
    expect(n.originals.map((o) => [o.id, o.offer, o.seats])).toEqual([
      ['o2', 'Office 365 E1', 6],
      ['o1', 'Office 365 E3', 10],
    ]);
  });

  it('a changed seat count on one original is recorded (not taken for the same list)', () => {
    const m = move('manual', 'accepted');
    const n = recordOriginals(m, [{ id: 'o1', offer: 'Office 365 E3', seats: 12, expiresOn: '2027-03-31', endBy: 'expire' }], LATER);
    expect(n).not.toBe(m);
    expect(n.originals[0]!.seats).toBe(12);
    expect(n.history.at(-1)?.kind).toBe('originals');
  });

  it('purchases restated in another order keep the id of the same offer and day', () => {
    const m = move('manual', 'provisioned', { provisioned: [bought('p1', 'Office 365 E3', 10, '2027-01-05'), bought('p2', 'Office 365 E1', 5, '2027-01-06')] });
    const n = recordProvisioned(
      m,
      [
        { offer: 'Office 365 E1', seats: 5, provisionedOn: '2027-01-06' },
        { offer: 'Office 365 E3', seats: 10, provisionedOn: '2027-01-05' },
      ],
      LATER,
    );
    expect(n.provisioned.map((p) => [p.id, p.offer])).toEqual([
      ['p2', 'Office 365 E1'],
      ['p1', 'Office 365 E3'],
    ]);
  });

  it('a changed seat count on one purchase is recorded', () => {
    const m = move('manual', 'provisioned', { provisioned: [bought('p1', 'Office 365 E3', 10)] });
    const n = recordProvisioned(m, [{ id: 'p1', offer: 'Office 365 E3', seats: 8, provisionedOn: '2027-01-05' }], LATER);
    expect(n).not.toBe(m);
    expect(n.provisioned[0]!.seats).toBe(8);
  });
});

describe('appending a purchase already recorded', () => {
  it('appends nothing when the same line is read again with spaces around the offer and sku', () => {
    const m = move('manual', 'provisioned', { provisioned: [bought('p1', 'Office 365 E3', 10, '2027-01-05', 'sku-e3')] });
    const n = recordProvisioned(m, [{ offer: '  Office 365 E3 ', skuId: ' sku-e3 ', seats: 10, provisionedOn: '2027-01-05' }], LATER, { append: true });
    expect(n).toBe(m);
  });

  it('appends a line that differs in seats', () => {
    const m = move('manual', 'provisioned', { provisioned: [bought('p1', 'Office 365 E3', 10, '2027-01-05', 'sku-e3')] });
    const n = recordProvisioned(m, [{ offer: 'Office 365 E3', skuId: 'sku-e3', seats: 2, provisionedOn: '2027-01-05' }], LATER, { append: true });
    expect(n.provisioned.map((p) => [p.id, p.seats])).toEqual([
      ['p1', 10],
      ['p2', 2],
    ]);
  });
});
