/**
 * The store: the background is the only writer of extension storage.
 * - One key per move (`move:<customerId>`): a write costs the size of one move, not of the portfolio.
 *   Its history is stored apart (`history:<customerId>`, core/schema.ts `splitMove`): the cache holds
 *   each move with only the history its facts state, and the whole history is read when a move is
 *   changed, shown whole (`whole`), deleted or backed up. The worker's start reads no history.
 * - Writes run one at a time through a queue, so concurrent requests from 20 tabs lose nothing.
 * - The in-memory map is a read cache of storage, rebuilt at every worker start; storage stays the truth.
 * - Entries that cannot be read are moved aside under `quarantine:<key>` (never overwritten) and reported.
 * - Data written by a newer schema makes the store read-only rather than risk overwriting it.
 */
import browser from 'webextension-polyfill';
import type { Move } from '../core/model';
import { DEFAULT_OVERLAY_STATE, type OverlayState } from '../shared/ui-state';
import {
  DEFAULT_SETTINGS,
  META_KEY,
  REMINDERS_KEY,
  SCHEMA_VERSION,
  SETTINGS_KEY,
  HISTORY_KEY_PREFIX,
  classifyStoredEntries,
  historyKey,
  moveKey,
  parseHistory,
  splitMove,
  type ReminderState,
  type Settings,
} from '../core/schema';

export const QUARANTINE_PREFIX = 'quarantine:';
export const UI_KEY = 'ui';

export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/**
 * `storage.local.set`, with a full store said plainly. The browser checks the quota before it writes
 * anything, so a refused write stores nothing of the batch and everything stored stays; the cache is
 * changed only after a write succeeded. With `unlimitedStorage` there is no quota in Chromium: a full
 * disk is what refuses, as LevelDB's `FILE_ERROR_NO_SPACE` (its batch is not applied). Firefox says
 * `QuotaExceededError` for its limit and for a full disk alike.
 */
async function write(items: Record<string, unknown>): Promise<void> {
  try {
    await browser.storage.local.set(items);
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    if (/quota|FILE_ERROR_NO_SPACE/i.test(text)) {
      throw new StoreError('quota', 'The browser\'s storage for this extension is full: nothing was written, and everything already stored is kept. Export a backup, then delete moves that are done.');
    }
    throw err;
  }
}

/** What storage holds for a move: its entry and its history apart. */
function stored(move: Move, into: Record<string, unknown>): Move {
  const { entry, history } = splitMove(move);
  into[moveKey(move.customerId)] = entry;
  into[historyKey(move.customerId)] = history;
  return entry;
}

type LocalArea = typeof browser.storage.local & { getKeys?: () => Promise<string[]> };

/**
 * Every stored entry but the histories. `getKeys` (Chrome 130, Firefox 143) lets the read leave them
 * in storage; before it, everything is read and the histories dropped unread (never checked here).
 * Returns the entries and the customers that have a history stored apart.
 */
async function readAllButHistories(): Promise<{ all: Record<string, unknown>; apart: Set<string> }> {
  const area = browser.storage.local as LocalArea;
  const apart = new Set<string>();
  let all: Record<string, unknown>;
  if (typeof area.getKeys === 'function') {
    const keys = await area.getKeys();
    const rest: string[] = [];
    for (const k of keys) {
      if (k.startsWith(HISTORY_KEY_PREFIX)) apart.add(k.slice(HISTORY_KEY_PREFIX.length));
      else rest.push(k);
    }
    all = rest.length ? ((await area.get(rest)) as Record<string, unknown>) : {};
  } else {
    all = (await area.get(null)) as Record<string, unknown>;
    for (const k of Object.keys(all)) {
      if (!k.startsWith(HISTORY_KEY_PREFIX)) continue;
      apart.add(k.slice(HISTORY_KEY_PREFIX.length));
      delete all[k];
    }
  }
  return { all, apart };
}

export class MoveStore {
  /** Each move as stored in its entry: its history only what its facts state (see the top). */
  private moves = new Map<string, Move>();
  private settings: Settings = { ...DEFAULT_SETTINGS, leadDays: [...DEFAULT_SETTINGS.leadDays] };
  private reminders: ReminderState = { acknowledged: [], snoozed: {} };
  private ui: OverlayState = DEFAULT_OVERLAY_STATE;
  private queue: Promise<unknown> = Promise.resolve();
  problems: string[] = [];
  readOnly = false;
  readonly ready: Promise<void>;

  constructor() {
    this.ready = this.exclusive(() => this.load(), false);
  }

  /**
   * Runs `task` after every earlier write has finished: the single-writer guarantee. A `write`
   * marks when it ended (settled); the load is not a partner's write.
   */
  private exclusive<T>(task: () => Promise<T>, write = true): Promise<T> {
    const marked = async () => {
      try {
        return await task();
      } finally {
        if (write) this.lastWrite = Date.now();
      }
    };
    const run = this.queue.then(marked, marked);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** When the last write ended (Date.now()). */
  private lastWrite = 0;

  /**
   * Resolves once no write is queued or running, and none ended in the last `quietMs` (at most
   * `maxWaitMs` of waiting for quiet). The popup's list pages wait for it: a page is milliseconds of
   * serialising on the worker and of reading in the popup, and a partner's change that comes
   * meanwhile waits behind it (a burst of changes while a 10,000-move list loaded took twice as long).
   */
  async settled(quietMs = 0, maxWaitMs = 2000): Promise<void> {
    const until = Date.now() + maxWaitMs;
    for (;;) {
      await this.queue;
      const wait = Math.min(this.lastWrite + quietMs, until) - Date.now();
      if (wait <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async load(): Promise<void> {
    const { all, apart } = await readAllButHistories();
    const result = classifyStoredEntries(all);
    this.problems = [];
    if (result.futureVersion !== undefined) {
      this.readOnly = true;
      this.problems.push(
        `Stored data has schema version ${result.futureVersion}, newer than this extension understands (${SCHEMA_VERSION}). Update the extension; nothing was changed.`,
      );
    }
    this.moves = new Map(result.moves.map((m) => [m.customerId, m]));
    this.settings = result.settings;
    this.reminders = result.reminders;
    const ui = all[UI_KEY] as Partial<OverlayState> | undefined;
    this.ui = {
      collapsed: typeof ui?.collapsed === 'boolean' ? ui.collapsed : DEFAULT_OVERLAY_STATE.collapsed,
      // One position for every page (before 0.2) is dropped: it covered controls on other pages.
      positions: Object.fromEntries(
        Object.entries(ui?.positions && typeof ui.positions === 'object' ? ui.positions : {}).filter(
          ([, p]) => typeof p?.right === 'number' && typeof p?.bottom === 'number',
        ),
      ),
    };
    if (this.readOnly) return;

    const writes: Record<string, unknown> = {};
    const removals: string[] = [];
    for (const { key, reason } of result.corrupt) {
      const aside = `${QUARANTINE_PREFIX}${key}`;
      // Keep the raw value as it was; never overwrite an earlier quarantined copy.
      if (!(aside in all)) writes[aside] = { reason, keptAt: new Date().toISOString(), raw: all[key] };
      removals.push(key);
      this.problems.push(`${key}: ${reason} (kept aside as ${aside})`);
    }
    for (const key of Object.keys(all)) {
      if (key.startsWith(QUARANTINE_PREFIX) && !(key.slice(QUARANTINE_PREFIX.length) in writes)) {
        const reason = (all[key] as { reason?: unknown } | null)?.reason;
        const line = `${key.slice(QUARANTINE_PREFIX.length)}: ${typeof reason === 'string' ? reason : 'unreadable'} (kept aside as ${key})`;
        if (!this.problems.includes(line)) this.problems.push(line);
      }
    }
    for (const m of this.moves.values()) {
      // A move with no history apart holds its whole history (version 3, or before): split it.
      if (!apart.has(m.customerId)) this.moves.set(m.customerId, stored(m, writes));
      else if (result.migrated) writes[moveKey(m.customerId)] = m;
    }
    const meta = all[META_KEY] as { schemaVersion?: unknown } | undefined;
    if (meta?.schemaVersion !== SCHEMA_VERSION) writes[META_KEY] = { schemaVersion: SCHEMA_VERSION };
    if (Object.keys(writes).length) await write(writes);
    removals.push(...result.staleKeys);
    if (removals.length) await browser.storage.local.remove(removals);
  }

  private assertWritable(): void {
    if (this.readOnly) throw new StoreError('read-only', this.problems[0] ?? 'Storage is read-only.');
  }

  /**
   * `entry` with its whole history, read from storage. A history that cannot be read is moved aside
   * (`quarantine:history:<id>`, kept as it was) and reported; the move goes on with the history its
   * entry states.
   */
  private async withHistory(entry: Move): Promise<Move> {
    return (await this.withHistories([entry]))[0]!;
  }

  private async withHistories(entries: readonly Move[]): Promise<Move[]> {
    if (!entries.length) return [];
    const keys = entries.map((m) => historyKey(m.customerId));
    const got = (await browser.storage.local.get(keys)) as Record<string, unknown>;
    const aside: Record<string, unknown> = {};
    const whole = entries.map((m, i) => {
      const raw = got[keys[i]!];
      if (raw === undefined) return m;
      const r = parseHistory(raw);
      if (r.ok) return { ...m, history: r.history };
      this.setAside(keys[i]!, r.issues.join('; '), raw, aside);
      return m;
    });
    if (Object.keys(aside).length && !this.readOnly) {
      await write(aside);
      await browser.storage.local.remove(Object.keys(aside).map((k) => k.slice(QUARANTINE_PREFIX.length)));
    }
    return whole;
  }

  private setAside(key: string, reason: string, raw: unknown, into: Record<string, unknown>): void {
    const aside = `${QUARANTINE_PREFIX}${key}`;
    into[aside] = { reason, keptAt: new Date().toISOString(), raw };
    this.problems.push(`${key}: ${reason} (kept aside as ${aside})`);
  }

  /** The move with its whole history (what the partner sees of one move), after the writes queued before. */
  whole(customerId: string): Promise<Move | undefined> {
    return this.exclusive(async () => {
      const entry = this.moves.get(customerId);
      return entry && this.withHistory(entry);
    }, false);
  }

  /** Every move with its whole history (a backup), after the writes queued before. */
  allWhole(): Promise<Move[]> {
    return this.exclusive(() => this.withHistories([...this.moves.values()]), false);
  }

  /** The moves by customer id (read-only view of the cache: each with the history its facts state). */
  map(): ReadonlyMap<string, Move> {
    return this.moves;
  }

  all(): Move[] {
    return [...this.moves.values()];
  }

  get(customerId: string): Move | undefined {
    return this.moves.get(customerId);
  }

  get size(): number {
    return this.moves.size;
  }

  getSettings(): Settings {
    return this.settings;
  }

  getReminderState(): ReminderState {
    return this.reminders;
  }

  /**
   * Reads the current move, applies `change` and writes the result, all inside the write queue,
   * so two concurrent changes to the same move both land.
   */
  update(customerId: string, change: (current: Move | undefined) => Move): Promise<Move> {
    return this.exclusive(async () => {
      this.assertWritable();
      const entry = this.moves.get(customerId);
      const next = change(entry && (await this.withHistory(entry)));
      const writes: Record<string, unknown> = {};
      const kept = stored(next, writes);
      await write(writes);
      this.moves.set(next.customerId, kept);
      return next;
    });
  }

  /**
   * Writes many moves at once, or none: validation happens before, storage.set is one call. `change`
   * is given the stored moves of `customerIds`, whole; it may return only those, or new ones (a move
   * it was not given would be written without its history: refused before anything is written).
   */
  putMany(customerIds: readonly string[], change: (current: ReadonlyMap<string, Move>) => Move[]): Promise<Move[]> {
    return this.exclusive(async () => {
      this.assertWritable();
      const entries = [...new Set(customerIds)].map((id) => this.moves.get(id)).filter((m): m is Move => m !== undefined);
      const current = new Map((await this.withHistories(entries)).map((m) => [m.customerId, m]));
      const next = change(current);
      const stray = next.find((m) => this.moves.has(m.customerId) && !current.has(m.customerId));
      if (stray) throw new StoreError('internal', `A change wrote the move of ${stray.customerId} without reading it first: nothing was written.`);
      const writes: Record<string, unknown> = {};
      const kept = next.map((m) => stored(m, writes));
      await write(writes);
      for (const m of kept) this.moves.set(m.customerId, m);
      return next;
    });
  }

  /** Replaces every move and the settings (restore from backup), in one storage call each. */
  replaceAll(moves: Move[], settings: Settings): Promise<void> {
    return this.exclusive(async () => {
      this.assertWritable();
      const writes: Record<string, unknown> = { [SETTINGS_KEY]: settings, [META_KEY]: { schemaVersion: SCHEMA_VERSION } };
      const kept = moves.map((m) => stored(m, writes));
      // Write first, then drop the moves the backup does not have: a failure half way leaves a superset, never a loss.
      await write(writes);
      const keep = new Set(moves.map((m) => m.customerId));
      const stale = [...this.moves.keys()].filter((id) => !keep.has(id));
      if (stale.length) await browser.storage.local.remove(stale.flatMap((id) => [moveKey(id), historyKey(id)]));
      this.moves = new Map(kept.map((m) => [m.customerId, m]));
      this.settings = settings;
    });
  }

  /** Deletes a move and its history; returns it whole (the popup's undo puts it back). */
  delete(customerId: string): Promise<Move> {
    return this.exclusive(async () => {
      this.assertWritable();
      const entry = this.moves.get(customerId);
      if (!entry) throw new StoreError('not-found', `No move is tracked for customer ${customerId}.`);
      const current = await this.withHistory(entry);
      await browser.storage.local.remove([moveKey(customerId), historyKey(customerId)]);
      this.moves.delete(customerId);
      return current;
    });
  }

  setSettings(settings: Settings): Promise<Settings> {
    return this.exclusive(async () => {
      this.assertWritable();
      await write({ [SETTINGS_KEY]: settings });
      this.settings = settings;
      return settings;
    });
  }

  getUi(): OverlayState {
    return this.ui;
  }

  setUi(ui: OverlayState): Promise<OverlayState> {
    return this.exclusive(async () => {
      if (!this.readOnly) await write({ [UI_KEY]: ui });
      this.ui = ui;
      return ui;
    });
  }

  setReminderState(state: ReminderState): Promise<void> {
    return this.editReminderState(() => state).then(() => undefined);
  }

  /** Read-modify-write of the reminder state inside the write queue (two acknowledgements at once both land). */
  editReminderState(edit: (current: ReminderState) => ReminderState): Promise<ReminderState> {
    return this.exclusive(async () => {
      if (this.readOnly) return this.reminders;
      const next = edit(this.reminders);
      await write({ [REMINDERS_KEY]: next });
      this.reminders = next;
      return next;
    });
  }
}
