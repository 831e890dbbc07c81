/** Migration 004 (version 3 → 4) on its own: the move's shape is unchanged; what moved is where the store keeps the history. */
import { describe, expect, it } from 'vitest';
import { migration004 } from '../../../../src/core/migrations/004-history-apart';
import { SCHEMA_VERSION, formatIssues, migrateMove, parseHistory, parseMove, splitMove } from '../../../../src/core/schema';
import { statedHistory } from '../../../../src/core/history';
import { v3Move } from '../../../fixtures/migrations/v3';

function run(raw: unknown) {
  const r = migration004.apply(raw);
  return r.ok ? { ok: true as const, move: r.value } : { ok: false as const, issues: formatIssues(r.issues) };
}

describe('004: version 3 → 4', () => {
  it('writes version 4, the latest', () => {
    expect(migration004.to).toBe(4);
    expect(SCHEMA_VERSION).toBe(4);
  });

  it('keeps a version 3 move exactly as it was, and it is a valid latest move', () => {
    const old = v3Move();
    expect(run(JSON.parse(JSON.stringify(old)))).toStrictEqual({ ok: true, move: old });
    expect(migrateMove(old, 3)).toEqual({ ok: true, move: old });
  });

  it('refuses what is not a move: not an object, or no history list', () => {
    expect(run([])).toMatchObject({ ok: false });
    expect(run('move')).toMatchObject({ ok: false });
    expect(run({ ...v3Move(), history: 'none' })).toMatchObject({ ok: false, issues: [expect.stringMatching(/^history: not a list/)] });
  });
});

describe('splitMove: what the store writes from version 4 on', () => {
  it('the entry keeps the move with only the history its facts state; the whole history goes apart', () => {
    const move = parseMove(v3Move());
    expect(move.ok).toBe(true);
    if (!move.ok) return;
    const { entry, history } = splitMove(move.move);
    expect(history).toBe(move.move.history);
    expect(entry.history.map((h) => h.kind)).toEqual(['cancellation', 'override']);
    expect({ ...entry, history: move.move.history }).toEqual(move.move);
    // The entry is itself a valid move, and the history apart reads back as it was.
    expect(parseMove(entry)).toEqual({ ok: true, move: entry });
    expect(parseHistory(JSON.parse(JSON.stringify(history)))).toEqual({ ok: true, history });
    expect(statedHistory(history)).toEqual(entry.history);
  });

  it('a move whose history is all stated is its own entry', () => {
    const m = parseMove({ ...v3Move(), history: v3Move().history.filter((h) => h.kind === 'override') });
    if (!m.ok) throw new Error('fixture');
    expect(splitMove(m.move).entry).toBe(m.move);
  });

  it('parseHistory says which entry and field is wrong', () => {
    const history = v3Move().history;
    expect(parseHistory({})).toEqual({ ok: false, issues: ['not a list'] });
    expect(parseHistory([history[0], { ...history[1], on: '2026-13-01' }])).toEqual({ ok: false, issues: ['[1].on: not a calendar date'] });
  });
});
