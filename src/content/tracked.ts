/**
 * Per page view, shared by the features on it: the customer rows the grids show (kept up to date
 * from the tree scopes that changed, never by re-walking a 5,000-row page each frame), and the
 * moves of the customers seen (one `moves/lookup` per batch of new tenant ids, refreshed when the
 * background says moves changed).
 */
import type { IsoDate, Move } from '../core/model';
import type { Settings } from '../core/schema';
import type { Runtime } from 'webextension-polyfill';
import { BADGES_PORT, type BadgeFact, type BadgesMessage } from '../shared/badge-facts';
import { alive, connect, onMovesChanged, send } from './connection';
import { observeDeep, openScopes, queryChanged, type Changed, type Root } from './dom';
import { CUSTOMER_ROW, customerRowsIn, rowCustomerId } from './scrape';

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

  /**
   * The scopes holding rows get an observer of their own (child lists and ids), whose callback reads
   * them at once: a new page of rows is seen in the microtask after it is inserted, not a frame
   * later. The shared observer still finds new grids, and reads the scopes without one.
   */
  private holders = new Map<Root, MutationObserver>();

  constructor(private signal: AbortSignal) {
    super();
    this.scan(openScopes());
    // A scope with its own observer (hold) is read there, at once: the shared observer's report a
    // frame later would read it again for nothing.
    observeDeep((dirty, changed) => this.scan([...dirty].filter((root) => !this.holders.has(root)), changed), signal);
    signal.addEventListener('abort', () => {
      for (const o of this.holders.values()) o.disconnect();
      this.holders.clear();
    });
  }

  /**
   * A scope that has shown rows keeps its own observer while it is on the page, rows or not: a grid
   * paging shows skeleton rows (no customer rows) before the new page, and an observer dropped then
   * left the new page to the shared observer, a frame later.
   */
  private hold(root: Root, rows: number): void {
    // Not the document: a busy page's own feeds live there, and the shared observer batches them per frame.
    if (root === document) return;
    const o = this.holders.get(root);
    if (rows && !o && !this.signal.aborted) {
      const observer = new MutationObserver(() => this.scan([root]));
      // All that makes a row a customer's: its being there and its id (a grid paging in place renames rows).
      observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] });
      this.holders.set(root, observer);
    } else if (o && !root.isConnected) {
      o.disconnect();
      this.holders.delete(root);
    }
  }

  /**
   * The rows of `root` now. With the nodes that changed in it (`nodes`): the rows kept from before
   * that are still there, and those under the changed nodes (a busy feed's line costs a look at
   * that line, not a query of the whole scope every frame).
   */
  private rowsOf(root: Root, nodes: ReadonlySet<Node> | undefined): Array<[string, Element]> {
    if (!root.isConnected) return [];
    if (!nodes || nodes.has(root)) return customerRowsIn(root);
    const out: Array<[string, Element]> = [];
    const seen = new Set<Element>();
    const add = (row: Element) => {
      const id = seen.has(row) ? null : rowCustomerId(row.id);
      seen.add(row);
      if (id) out.push([id, row]);
    };
    for (const [, row] of this.byRoot.get(root) ?? []) if (row.isConnected && row.getRootNode() === root) add(row);
    for (const row of queryChanged(root, nodes, CUSTOMER_ROW)) add(row);
    return out;
  }

  private scan(roots: Iterable<Root>, changedNodes?: Changed): void {
    let changed = false;
    for (const root of roots) {
      const rows = this.rowsOf(root, changedNodes?.get(root));
      const before = this.byRoot.get(root);
      this.hold(root, rows.length);
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
    for (const root of this.holders.keys()) if (!root.isConnected) this.hold(root, 0);
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

/**
 * Every tracked customer's badge fact, pushed by the background over a port (all of them when the
 * port opens, then what each write changes): a new page of rows needs no request. The port does not
 * keep the worker alive; when it closes (the worker stopped) the facts stay, and the port opens
 * again at the next change notice or when the tab is shown again, so an idle tab never wakes it.
 */
export class BadgeFacts extends Emitter {
  private facts = new Map<string, BadgeFact>();
  private port: Runtime.Port | undefined;
  /** True once the first full set came: until then "no fact" does not mean "not tracked". */
  ready = false;
  today?: IsoDate;

  constructor(private signal: AbortSignal) {
    super();
    this.open();
    onMovesChanged(() => this.open(), signal);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && this.open(), { signal });
    signal.addEventListener('abort', () => {
      try {
        this.port?.disconnect();
      } catch {
        /* context gone */
      }
      this.port = undefined;
    });
  }

  get(id: string): BadgeFact | undefined {
    return this.facts.get(id);
  }

  private open(): void {
    if (this.port || this.signal.aborted) return;
    const port = connect(BADGES_PORT);
    if (!port) return;
    this.port = port;
    port.onMessage.addListener((m) => this.receive(m as BadgesMessage));
    port.onDisconnect.addListener(() => {
      if (this.port === port) this.port = undefined;
      alive(); // Orphaned (extension reloaded): everything goes quiet.
    });
  }

  private receive(m: BadgesMessage): void {
    if (this.signal.aborted) return;
    this.today = m.today;
    if (m.type === 'badges/all') {
      this.facts = new Map(Object.entries(m.facts));
      this.ready = true;
    } else {
      for (const [id, fact] of Object.entries(m.set)) this.facts.set(id, fact);
      for (const id of m.removed) this.facts.delete(id);
    }
    this.emit();
  }
}

const factsBySignal = new WeakMap<AbortSignal, BadgeFacts>();

/** The page view's badge facts (created on first use). */
export function badgeFacts(signal: AbortSignal): BadgeFacts {
  let f = factsBySignal.get(signal);
  if (!f) factsBySignal.set(signal, (f = new BadgeFacts(signal)));
  return f;
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
