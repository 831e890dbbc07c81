/**
 * The background's list order (background/ranking.ts) against core's rankMoves, the full list's
 * order: the first window, pages read one after another, and after moves change, arrive and go.
 */
import { describe, expect, test } from 'vitest';
import { Ranking } from '../../../src/background/ranking';
import { addDays } from '../../../src/core/dates';
import type { Move, Step } from '../../../src/core/model';
import { changeStep, createMove, recordProvisioned } from '../../../src/core/steps';
import { rankMoves, type UrgencySettings } from '../../../src/core/urgency';
import { MoveRow } from '../../../src/popup/logic';
import { rowFacts } from '../../../src/shared/row-facts';
import { generatePortfolio } from '../../fixtures/generate';

const TODAY = '2026-03-10';
const NOW = new Date('2026-03-10T09:00:00Z');
const STEPS: Step[] = ['planned', 'requested', 'accepted', 'provisioned', 'originals-ended', 'done'];

function portfolio(count: number, seed: number): Move[] {
  return generatePortfolio({ count, seed, today: TODAY }).customers.map((c, i) => {
    let m = createMove(
      {
        customerId: c.tenantId,
        companyName: c.companyName,
        domain: c.domain,
        originals: c.originals.map((o) => ({ offer: o.offer, skuId: o.skuId, seats: o.seats, expiresOn: o.expiresOn, endBy: 'expire' as const })),
        step: 'planned',
      },
      NOW,
    );
    const step = STEPS[i % STEPS.length]!;
    if (step !== 'planned') {
      const r = changeStep(m, step, { now: NOW, confirmSkip: true, override: true, cancelledOn: TODAY });
      if (r.ok) m = r.move;
    }
    // Some provisioned another offer: their match and reassignment facts are not the default.
    if (i % 7 === 0) m = recordProvisioned(m, [{ offer: 'Microsoft 365 Business Basic', seats: 1, provisionedOn: TODAY }], NOW);
    return m;
  });
}

const byId = (moves: readonly Move[]) => new Map(moves.map((m) => [m.customerId, m]));
const ids = (moves: readonly Move[]) => moves.map((m) => m.customerId);

function pages(r: Ranking, moves: ReadonlyMap<string, Move>, settings: UrgencySettings, first: number, page: number): Move[] {
  const out = r.window(moves, TODAY, settings, 0, first);
  for (let offset = first; offset < moves.size; offset += page) out.push(...r.window(moves, TODAY, settings, offset, page));
  return out;
}

describe('Ranking', () => {
  const moves = portfolio(600, 5);
  const settings: UrgencySettings = { nudgeAfterDays: 14 };
  const full = ids(rankMoves(moves, TODAY, settings));

  test('the first window (no order kept yet) is the head of the full list, for any size', () => {
    for (const n of [1, 2, 40, 599, 600, 1000]) {
      expect(ids(new Ranking().window(byId(moves), TODAY, settings, 0, n))).toEqual(full.slice(0, n));
    }
  });

  test('pages read one after another make the full list, each move once', () => {
    const r = new Ranking();
    expect(ids(pages(r, byId(moves), settings, 40, 100))).toEqual(full);
    // Read again (the order kept): the same.
    expect(ids(pages(r, byId(moves), settings, 40, 100))).toEqual(full);
    expect(ids(r.window(byId(moves), TODAY, settings, 590, 100))).toEqual(full.slice(590));
  });

  test('moves changed, added and removed: the windows are those of the changed list', () => {
    const r = new Ranking();
    const store = byId(moves);
    pages(r, store, settings, 40, 100);
    // A few changes: the kept order is mended.
    for (const m of [moves[3]!, moves[50]!, moves[599]!]) {
      const next = changeStep(m, m.step === 'done' ? 'requested' : 'done', { now: NOW, confirmSkip: true, override: true, cancelledOn: TODAY });
      if (next.ok) store.set(m.customerId, next.move);
    }
    store.delete(moves[7]!.customerId);
    const added = portfolio(620, 9).slice(600);
    for (const m of added) store.set(m.customerId, m);
    const expected = ids(rankMoves([...store.values()], TODAY, settings));
    expect(ids(r.window(store, TODAY, settings, 0, 40))).toEqual(expected.slice(0, 40));
    expect(ids(pages(r, store, settings, 40, 100))).toEqual(expected);
    // Many changes at once (an import): ranked again.
    for (const m of portfolio(900, 13).slice(600)) store.set(m.customerId, m);
    expect(ids(pages(r, store, settings, 40, 100))).toEqual(ids(rankMoves([...store.values()], TODAY, settings)));
  });

  test('another day or other settings rank again', () => {
    const r = new Ranking();
    const store = byId(moves);
    pages(r, store, settings, 40, 100);
    const later = addDays(TODAY, 45);
    expect(ids(r.window(store, later, settings, 0, 600))).toEqual(ids(rankMoves(moves, later, settings)));
    const patient = { nudgeAfterDays: 60 };
    expect(ids(r.window(store, later, patient, 0, 600))).toEqual(ids(rankMoves(moves, later, patient)));
  });

  test('each move\'s row facts are the ones the popup states for it', () => {
    const r = new Ranking();
    const ranked = r.window(byId(moves), TODAY, settings, 0, moves.length);
    const facts = ranked.map((m) => r.facts(m));
    expect(facts).toEqual(ranked.map((m) => rowFacts(m, TODAY, settings)));
    expect(facts).toEqual(ranked.map((m) => new MoveRow(m, { today: TODAY, settings }).facts));
    // Not all alike: the portfolio exercises what the rows show.
    expect(new Set(facts.map((f) => f.action.urgency)).size).toBeGreaterThan(2);
    expect(new Set(facts.map((f) => f.match)).size).toBeGreaterThan(1);
    expect(facts.some((f) => f.needsReassignment)).toBe(true);
  });
});
