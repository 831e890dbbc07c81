/**
 * Per page view, shared by the features on it: the customer rows the grids show (kept up to date
 * from the tree scopes that changed, never by re-walking a 5,000-row page each frame), and the
 * moves of the customers seen (one `moves/lookup` per batch of new tenant ids, refreshed when the
 * background says moves changed).
 */
import type { IsoDate, Move } from '../core/model';
import type { Settings } from '../core/schema';
import { onMovesChanged, send } from './connection';
import { observeDeep, shadowRoots, type Root } from './dom';
import { customerRowsIn } from './scrape';

type Listener = () => void;

class Emitter {
  private listeners = new Set<Listener>();
  subscribe(l: Listener, signal: AbortSignal): void {
    this.listeners.add(l);
    signal.addEventListener('abort', () => this.listeners.delete(l));
  }
  protected emit(): void {
    for (const l of [...this.listeners]) l();
  }
}

export class CustomerRows extends Emitter {
  private byRoot = new Map<Root, Array<[string, Element]>>();
  private merged: Map<string, Element> | undefined;

  constructor(signal: AbortSignal) {
    super();
    this.scan([document, ...shadowRoots(document)]);
    observeDeep((dirty) => this.scan(dirty), signal);
  }

  private scan(roots: Iterable<Root>): void {
    let changed = false;
    for (const root of roots) {
      const rows = root.isConnected ? customerRowsIn(root) : [];
      const before = this.byRoot.get(root);
      if (!before && rows.length === 0) continue;
      if (before && before.length === rows.length && before.every(([id, row], i) => rows[i]?.[0] === id && rows[i]?.[1] === row)) continue;
      if (rows.length) this.byRoot.set(root, rows);
      else this.byRoot.delete(root);
      changed = true;
    }
    // Scopes taken out of the page (a grid replaced wholesale) report no mutation of their own.
    for (const root of this.byRoot.keys()) {
      if (!root.isConnected) {
        this.byRoot.delete(root);
        changed = true;
      }
    }
    if (changed) {
      this.merged = undefined;
      this.emit();
    }
  }

  /** Tenant id → row, for every customer row on the page now. */
  current(): Map<string, Element> {
    if (!this.merged) {
      this.merged = new Map();
      for (const rows of this.byRoot.values()) for (const [id, row] of rows) if (!this.merged.has(id)) this.merged.set(id, row);
    }
    return this.merged;
  }
}

export class PageMoves extends Emitter {
  private known = new Map<string, Move | null>();
  /** Known but changed since: shown as they were until the fresh answer comes (no flicker). */
  private stale = new Set<string>();
  private pending = new Set<string>();
  private inFlight = new Set<string>();
  private queued = false;
  today?: IsoDate;
  settings?: Settings;

  constructor(private signal: AbortSignal) {
    super();
    onMovesChanged((ids) => {
      for (const id of ids === 'all' ? this.known.keys() : ids) if (this.known.has(id)) this.stale.add(id);
      this.emit();
    }, signal);
  }

  /** The move of `id`: a Move, null when not tracked, undefined while unknown. */
  get(id: string): Move | null | undefined {
    return this.known.get(id);
  }

  /** Asks for the moves of the ids not known yet: one request per batch. */
  want(ids: Iterable<string>): void {
    for (const id of ids) if ((!this.known.has(id) || this.stale.has(id)) && !this.inFlight.has(id)) this.pending.add(id);
    if (this.pending.size === 0 || this.queued) return;
    this.queued = true;
    queueMicrotask(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.queued = false;
    const ids = [...this.pending].slice(0, 10_000);
    for (const id of ids) {
      this.pending.delete(id);
      this.stale.delete(id);
      this.inFlight.add(id);
    }
    try {
      const r = await send('moves/lookup', { customerIds: ids });
      if (this.signal.aborted) return;
      this.today = r.today;
      this.settings = r.settings;
      for (const id of ids) this.known.set(id, null);
      for (const m of r.moves) this.known.set(m.customerId, m);
      this.emit();
    } catch (err) {
      if ((err as Error).message !== 'orphaned') console.debug('[csp-move] lookup', err);
    } finally {
      for (const id of ids) this.inFlight.delete(id);
      if (this.pending.size && !this.signal.aborted) this.want([]);
    }
  }
}

const rowsBySignal = new WeakMap<AbortSignal, CustomerRows>();
const movesBySignal = new WeakMap<AbortSignal, PageMoves>();

/** The page view's customer rows (created on first use). */
export function customerRows(signal: AbortSignal): CustomerRows {
  let r = rowsBySignal.get(signal);
  if (!r) rowsBySignal.set(signal, (r = new CustomerRows(signal)));
  return r;
}

/** The page view's moves cache (created on first use). */
export function pageMoves(signal: AbortSignal): PageMoves {
  let m = movesBySignal.get(signal);
  if (!m) movesBySignal.set(signal, (m = new PageMoves(signal)));
  return m;
}
