/**
 * The popup's list order, kept by the background: most urgent first, by core's rank key (the same
 * comparison rankMoves and the popup's re-slotting use). The key and the row facts of a move are
 * computed once per stored move object (the store replaces a move on every change) and day and
 * settings; the ranked order is kept and mended for the moves that changed. So the first screen
 * of the popup costs a pass over cached keys, not a ranking of the whole store.
 */
import type { IsoDate, Move } from '../core/model';
import { compareKeys, rankKey, type RankKey, type UrgencySettings } from '../core/urgency';
import { rowFacts, type RowFacts } from '../shared/row-facts';

interface Cached {
  key: RankKey;
  facts?: RowFacts;
}

/** Past this share of changed moves, sorting again beats inserting each one. */
const RESORT_SHARE = 1 / 8;

export class Ranking {
  private today = '';
  private settings: UrgencySettings | null = null;
  private cache = new WeakMap<Move, Cached>();
  /** Every move ranked, for `today` and `settings`; null until a page past the first needs it. */
  private order: Move[] | null = null;

  private rebase(today: IsoDate, settings: UrgencySettings): void {
    // The store hands out a new settings object on every change: identity is enough.
    if (today === this.today && settings === this.settings) return;
    this.today = today;
    this.settings = settings;
    this.cache = new WeakMap();
    this.order = null;
  }

  private cached(move: Move): Cached {
    let c = this.cache.get(move);
    if (c === undefined) this.cache.set(move, (c = { key: rankKey(move, this.today, this.settings!) }));
    return c;
  }

  private compare = (a: Move, b: Move): number => compareKeys(this.cached(a).key, this.cached(b).key);

  /** The row facts of a move, for the day and settings last ranked by. */
  facts(move: Move): RowFacts {
    const c = this.cached(move);
    return (c.facts ??= rowFacts(move, this.today, this.settings!));
  }

  /** The moves ranked [offset, offset + limit). */
  window(moves: ReadonlyMap<string, Move>, today: IsoDate, settings: UrgencySettings, offset: number, limit: number): Move[] {
    this.rebase(today, settings);
    // The first screen without a ranked order at hand (a new day, new settings, a worker start):
    // the most urgent few by one pass, not a sort of everything.
    if (offset === 0 && !this.current(moves)) return this.smallest(moves.values(), limit);
    return this.ranked(moves).slice(offset, offset + limit);
  }

  /** The kept order is exactly the stored moves. */
  private current(moves: ReadonlyMap<string, Move>): boolean {
    const order = this.order;
    return order !== null && order.length === moves.size && order.every((m) => moves.get(m.customerId) === m);
  }

  private ranked(moves: ReadonlyMap<string, Move>): Move[] {
    if (this.current(moves)) return this.order!;
    const kept = this.order?.filter((m) => moves.get(m.customerId) === m) ?? [];
    const present = new Set(kept);
    const added: Move[] = [];
    for (const m of moves.values()) if (!present.has(m)) added.push(m);
    if (this.order === null || added.length > moves.size * RESORT_SHARE) {
      this.order = [...moves.values()].sort(this.compare);
      return this.order;
    }
    for (const m of added) kept.splice(this.insertionPoint(kept, m), 0, m);
    this.order = kept;
    return kept;
  }

  /** After every move that ranks before or with `move` (the popup's re-slotting does the same). */
  private insertionPoint(sorted: readonly Move[], move: Move): number {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(sorted[mid]!, move) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The `limit` first moves in rank order, in one pass (keys compared against the last kept). */
  private smallest(moves: Iterable<Move>, limit: number): Move[] {
    const best: Move[] = [];
    for (const m of moves) {
      if (best.length === limit && this.compare(best[limit - 1]!, m) <= 0) continue;
      best.splice(this.insertionPoint(best, m), 0, m);
      if (best.length > limit) best.pop();
    }
    return best;
  }
}
