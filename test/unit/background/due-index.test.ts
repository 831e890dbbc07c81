import { describe, expect, test } from 'vitest';
import { DueIndex } from '../../../src/background/due-index';
import { addDays } from '../../../src/core/dates';
import type { Move } from '../../../src/core/model';
import { DEFAULT_SETTINGS } from '../../../src/core/schema';
import { changeStep, createMove } from '../../../src/core/steps';

const TODAY = '2026-11-25';
const NOW = new Date(2026, 10, 25, 10);
const STATE = { acknowledged: [], snoozed: {} };
const settings = { ...DEFAULT_SETTINGS, leadDays: [...DEFAULT_SETTINGS.leadDays] };

function move(n: number, expiresInDays: number): Move {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  // An EA move: its licences stop on the end date, so a passed end date is overdue at once.
  return createMove({ customerId: id, companyName: `C${n}`, program: 'ea', step: 'requested', originals: [{ offer: 'Office 365 E3', seats: 1, expiresOn: addDays(TODAY, expiresInDays), endBy: 'expire' }] }, NOW);
}

describe('DueIndex', () => {
  test('incremental updates agree with a full pass', () => {
    const moves = new Map([move(1, 3), move(2, 200), move(3, -2)].map((m) => [m.customerId, m]));
    const index = new DueIndex();
    index.update(moves, 'all', TODAY, TODAY, settings, STATE);
    const before = index.badge();
    expect(before.count).toBe(2);

    // One move changes (its original now expires in 2 days); another is deleted.
    const changed = move(2, 2);
    moves.set(changed.customerId, changed);
    const gone = [...moves.keys()][2]!;
    moves.delete(gone);
    index.update(moves, [changed.customerId, gone], TODAY, TODAY, settings, STATE);

    const full = new DueIndex();
    full.update(moves, 'all', TODAY, TODAY, settings, STATE);
    expect(index.badge()).toEqual(full.badge());
    expect(index.nextReminder()).toEqual(full.nextReminder());
    expect(index.badge().count).toBe(2);
  });

  test('a new day recomputes everything, even when no move changed', () => {
    const m = move(1, 40);
    const moves = new Map([[m.customerId, m]]);
    const index = new DueIndex();
    index.update(moves, [], TODAY, TODAY, settings, STATE);
    expect(index.badge().count).toBe(0);
    // 38 days later the original is 2 days from expiry: urgent, with no change to the move.
    index.update(moves, [], addDays(TODAY, 38), addDays(TODAY, 38), settings, STATE);
    expect(index.badge()).toEqual({ count: 1, worst: 'urgent' });
  });

  test('the worst urgency colours the badge', () => {
    const accepted = changeStep(move(1, -1), 'accepted', { now: NOW });
    if (!accepted.ok) throw new Error(accepted.error);
    const moves = new Map([[accepted.move.customerId, accepted.move]]);
    const index = new DueIndex();
    index.update(moves, 'all', TODAY, TODAY, settings, STATE);
    expect(index.badge()).toEqual({ count: 1, worst: 'overdue' });
  });
});
