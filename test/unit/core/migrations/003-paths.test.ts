/** Migration 003 (version 2 → 3) on its own: every version 2 move keeps its step and follows the manual path. */
import { describe, expect, it } from 'vitest';
import { migration003 } from '../../../../src/core/migrations/003-paths';
import { formatIssues, migrateMove, parseMove } from '../../../../src/core/schema';
import { v2Move } from '../../../fixtures/migrations/v2';

function run(raw: unknown) {
  const r = migration003.apply(raw);
  return r.ok ? { ok: true as const, move: r.value } : { ok: false as const, issues: formatIssues(r.issues) };
}

describe('003: version 2 → 3', () => {
  it('writes version 3', () => {
    expect(migration003.to).toBe(3);
  });

  it.each(['requested', 'accepted', 'provisioned', 'originals-ended', 'done'] as const)('keeps a move at %s, everything else as it was, on the manual path', (step) => {
    const old = v2Move(step);
    const r = run(JSON.parse(JSON.stringify(old)));
    expect(r).toStrictEqual({ ok: true, move: { ...old, path: 'manual' } });
    // And the result is a valid latest move.
    expect(parseMove(r.ok ? r.move : null)).toEqual({ ok: true, move: { ...old, path: 'manual' } });
  });

  it('refuses a version 2 move that already names a path (it is not version 2)', () => {
    expect(run({ ...v2Move(), path: 'manual' })).toMatchObject({ ok: false, issues: [expect.stringMatching(/^path: /)] });
  });

  it('refuses a step version 2 did not have, and says where', () => {
    expect(run({ ...v2Move(), step: 'planned' })).toMatchObject({ ok: false, issues: [expect.stringMatching(/^step: not a step/)] });
    expect(run({ ...v2Move(), stepDates: { planned: '2026-03-01' } })).toMatchObject({ ok: false, issues: [expect.stringMatching(/^stepDates.planned: /)] });
  });

  it('refuses a version 2 move that is not an object', () => {
    expect(run([])).toMatchObject({ ok: false });
    expect(migrateMove([], 2)).toMatchObject({ ok: false, issues: ['not an object'] });
  });

  it('runs from schema.ts for a version 2 move', () => {
    expect(migrateMove(v2Move('done'), 2)).toEqual({ ok: true, move: { ...v2Move('done'), path: 'manual' } });
  });
});
