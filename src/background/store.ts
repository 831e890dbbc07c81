/**
 * The store: the background is the only writer of extension storage.
 * - One key per move (`move:<customerId>`): a write costs the size of one move, not of the portfolio.
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
  classifyStoredEntries,
  moveKey,
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

export class MoveStore {
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
    const all = (await browser.storage.local.get(null)) as Record<string, unknown>;
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
    if (result.migrated) for (const m of this.moves.values()) writes[moveKey(m.customerId)] = m;
    const meta = all[META_KEY] as { schemaVersion?: unknown } | undefined;
    if (meta?.schemaVersion !== SCHEMA_VERSION) writes[META_KEY] = { schemaVersion: SCHEMA_VERSION };
    if (Object.keys(writes).length) await write(writes);
    removals.push(...result.staleKeys);
    if (removals.length) await browser.storage.local.remove(removals);
  }

  private assertWritable(): void {
    if (this.readOnly) throw new StoreError('read-only', this.problems[0] ?? 'Storage is read-only.');
  }

  /** The moves by customer id (read-only view of the cache). */
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
      const next = change(this.moves.get(customerId));
      await write({ [moveKey(next.customerId)]: next });
      this.moves.set(next.customerId, next);
      return next;
    });
  }

  /** Writes many moves at once, or none: validation happens before, storage.set is one call. */
  putMany(change: (current: ReadonlyMap<string, Move>) => Move[]): Promise<Move[]> {
    return this.exclusive(async () => {
      this.assertWritable();
      const next = change(this.moves);
      const writes: Record<string, Move> = {};
      for (const m of next) writes[moveKey(m.customerId)] = m;
      await write(writes);
      for (const m of next) this.moves.set(m.customerId, m);
      return next;
    });
  }

  /** Replaces every move and the settings (restore from backup), in one storage call each. */
  replaceAll(moves: Move[], settings: Settings): Promise<void> {
    return this.exclusive(async () => {
      this.assertWritable();
      const writes: Record<string, unknown> = { [SETTINGS_KEY]: settings, [META_KEY]: { schemaVersion: SCHEMA_VERSION } };
      for (const m of moves) writes[moveKey(m.customerId)] = m;
      // Write first, then drop the moves the backup does not have: a failure half way leaves a superset, never a loss.
      await write(writes);
      const keep = new Set(moves.map((m) => m.customerId));
      const stale = [...this.moves.keys()].filter((id) => !keep.has(id));
      if (stale.length) await browser.storage.local.remove(stale.map(moveKey));
      this.moves = new Map(moves.map((m) => [m.customerId, m]));
      this.settings = settings;
    });
  }

  delete(customerId: string): Promise<Move> {
    return this.exclusive(async () => {
      this.assertWritable();
      const current = this.moves.get(customerId);
      if (!current) throw new StoreError('not-found', `No move is tracked for customer ${customerId}.`);
      await browser.storage.local.remove(moveKey(customerId));
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
