/** The badge facts the background pushes to Partner Center tabs: all at connect, then only what changed. */
import { describe, expect, test } from 'vitest';
import { TrackedFacts, badgeFact } from '../../../src/background/tracked-facts';
import type { Move, Step } from '../../../src/core/model';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/schema';

const A = '0f2d8e5c-3b1a-4c7d-9e6f-1a2b3c4d5e6f';
const B = '1e3f5a7b-9c2d-4e4f-8a6b-7c8d9e0f1a2b';
const TODAY = '2026-05-10';

function move(id: string, step: Step, expiresOn?: string): Move {
  return {
    customerId: id, companyName: 'C', domain: '', program: 'open', path: 'manual', step, stepDates: { [step]: '2026-05-01' },
    originals: expiresOn ? [{ id: 'o1', offer: 'Office 365 E3', seats: 5, expiresOn, endBy: 'expire' }] : [],
    provisioned: [], licensesReassigned: false, notes: '', history: [], createdAt: '2026-05-01T00:00:00Z', updatedAt: '2026-05-01T00:00:00Z',
  };
}
const settings = (): Settings => ({ ...DEFAULT_SETTINGS, leadDays: [...DEFAULT_SETTINGS.leadDays] });

describe('badgeFact', () => {
  test('the step, the next action and its urgency, and the earliest end date', () => {
    expect(badgeFact(move(A, 'requested', '2026-05-13'), TODAY, settings())).toEqual({ step: 'requested', urgency: 'urgent', action: expect.any(String), expiresOn: '2026-05-13' });
    expect(badgeFact(move(A, 'requested'), TODAY, settings())).not.toHaveProperty('expiresOn');
  });
});

describe('TrackedFacts', () => {
  test('all at connect; after a write only the changed moves, removed ones named', () => {
    const s = settings();
    const facts = new TrackedFacts();
    let moves = new Map([[A, move(A, 'requested', '2026-05-13')], [B, move(B, 'accepted')]]);
    const all = facts.all(moves, TODAY, s);
    expect(all).toMatchObject({ type: 'badges/all', today: TODAY });
    expect(Object.keys(all.type === 'badges/all' ? all.facts : {})).toEqual([A, B]);
    // The first push after a start is whole (tabs may hold facts from before it).
    expect(facts.push(moves, [A], TODAY, s).type).toBe('badges/all');
    moves = new Map([[A, move(A, 'provisioned', '2026-05-13')]]);
    const delta = facts.push(moves, [A, B], TODAY, s);
    expect(delta).toEqual({ type: 'badges/delta', today: TODAY, set: { [A]: expect.objectContaining({ step: 'provisioned' }) }, removed: [B] });
  });

  test('a new day or new settings make the push whole', () => {
    const s = settings();
    const facts = new TrackedFacts();
    const moves = new Map([[A, move(A, 'requested', '2026-05-13')], [B, move(B, 'accepted')]]);
    facts.push(moves, [], TODAY, s);
    expect(facts.push(moves, [A], TODAY, s).type).toBe('badges/delta');
    const tomorrow = facts.push(moves, [A], '2026-05-11', s);
    expect(tomorrow.type).toBe('badges/all');
    expect(facts.push(moves, [], '2026-05-11', settings()).type).toBe('badges/all');
  });

  test('a fact is kept per stored move, day and settings, and judged again when any of them changes', () => {
    const s = settings();
    const facts = new TrackedFacts();
    const m = move(A, 'requested', '2026-05-13');
    const first = facts.fact(m, TODAY, s);
    expect(facts.fact(m, TODAY, s)).toBe(first);
    expect(facts.fact(m, '2026-01-10', s).urgency).not.toBe(first.urgency);
    expect(facts.fact({ ...m, step: 'accepted' }, TODAY, s).step).toBe('accepted');
    expect(facts.fact(m, TODAY, { ...s, nudgeAfterDays: 1 })).not.toBe(first);
  });
});
