import { describe, expect, test, vi } from 'vitest';
import * as urgency from '../../../src/core/urgency';
import { DueIndex } from '../../../src/background/due-index';
import { addDays } from '../../../src/core/dates';
import type { Move } from '../../../src/core/model';
import { DEFAULT_SETTINGS } from '../../../src/core/schema';
import { changeStep, createMove } from '../../../src/core/steps';

// Counted, not changed: how many moves a change makes the index judge.
vi.mock(import('../../../src/core/urgency'), async (original) => {
  const m = await original();
  return { ...m, needsAction: vi.fn(m.needsAction) };
});

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

  test('many changes, one at a time: the badge and the next reminder day always agree with a full pass', () => {
    let seed = 3;
    const random = (n: number) => ((seed = (seed * 16807) % 2147483647) % n);
    const moves = new Map<string, Move>();
    const index = new DueIndex();
    index.update(moves, 'all', TODAY, TODAY, settings, STATE);
    for (let i = 0; i < 300; i++) {
      const n = random(40);
      const id = move(n, 0).customerId;
      // Added, changed (another expiry, from overdue to far off) or deleted.
      if (random(4) === 0) moves.delete(id);
      else moves.set(id, move(n, random(140) - 20));
      index.update(moves, [id], TODAY, TODAY, settings, STATE);
      const full = new DueIndex();
      full.update(moves, 'all', TODAY, TODAY, settings, STATE);
      expect(index.badge(), `change ${i}`).toEqual(full.badge());
      expect(index.nextReminder(), `change ${i}`).toEqual(full.nextReminder());
    }
    moves.clear();
    index.update(moves, [...Array(40).keys()].map((n) => move(n, 0).customerId), TODAY, TODAY, settings, STATE);
    expect(index.badge()).toEqual({ count: 0, worst: 'other' });
    expect(index.nextReminder()).toBeNull();
  });

  test('one changed move among 2,000: judged alone, read alone, and the badge walks no moves', () => {
    const moves = new Map(Array.from({ length: 2000 }, (_, n) => move(n, (n % 150) - 10)).map((m) => [m.customerId, m]));
    const index = new DueIndex();
    index.update(moves, 'all', TODAY, TODAY, settings, STATE);
    const changed = move(7, 1);
    moves.set(changed.customerId, changed);
    // Every read of the moves is seen: by id, or a walk over them.
    const read: string[] = [];
    let walks = 0;
    const seen: ReadonlyMap<string, Move> = {
      get: (id: string) => (read.push(id), moves.get(id)),
      has: (id: string) => (read.push(id), moves.has(id)),
      get size() {
        return moves.size;
      },
      values: () => (walks++, moves.values()),
      keys: () => (walks++, moves.keys()),
      entries: () => (walks++, moves.entries()),
      forEach: (...args: Parameters<Map<string, Move>['forEach']>) => (walks++, moves.forEach(...args)),
      [Symbol.iterator]: () => (walks++, moves[Symbol.iterator]()),
    };
    vi.mocked(urgency.needsAction).mockClear();
    index.update(seen, [changed.customerId], TODAY, TODAY, settings, STATE);
    // Reading the totals walks none of the index's 2,000 entries either.
    const mapWalk = vi.spyOn(Map.prototype, 'values');
    const badge = index.badge();
    const next = index.nextReminder();
    const walkedEntries = mapWalk.mock.calls.length;
    mapWalk.mockRestore();
    expect(vi.mocked(urgency.needsAction)).toHaveBeenCalledTimes(1);
    expect(read).toEqual([changed.customerId]);
    expect(walks).toBe(0);
    expect(walkedEntries).toBe(0);
    const full = new DueIndex();
    full.update(moves, 'all', TODAY, TODAY, settings, STATE);
    expect(badge).toEqual(full.badge());
    expect(next).toEqual(full.nextReminder());
  });
});
