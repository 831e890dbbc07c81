/**
 * Message handlers: one per protocol type. Each payload is validated with its message's schema
 * (shared/protocol.ts) before it touches the store. Errors come back as `{code, message, issues}`
 * naming the field and why.
 */
import * as v from 'valibot';
import browser from 'webextension-polyfill';
import { addDays, localDay } from '../core/dates';
import type { OriginalInput } from '../core/inputs';
import { catalogueTable, pickOffer, suggestOffers, type ProductTable } from '../core/offer-search';
import { findOffer, moveOfferMatch } from '../core/offers';
import { judgeOffer, judgeSplit } from '../core/offer-view';
import { offerVerdicts, originalNames, productNames, type SkuTable } from '../core/sku-table';
import { loadProductTable } from '../shared/product-table';
import { moveView } from './move-view';
import { toCustomerId, type IsoDate, type Move, type PathId, type Program } from '../core/model';
import { makeBackup, parseBackup, parseSettings, type Settings } from '../core/schema';
import {
  changePath,
  changeStep,
  createMove,
  recordOriginals,
  reached,
  recordProvisioned,
  setLicensesReassigned,
  setNotes,
  updateDetails,
} from '../core/steps';
import { needsAction } from '../core/urgency';
import { dueByDay, standingReminders } from '../core/reminders';
import { customerMessages } from '../core/customer-messages';
import { timelineDates } from '../core/timeline';
import type { Envelope } from '../shared/client';
import { isMessageType, protocol, type MessageType, type PayloadOf, type ResponseOf, type Table } from '../shared/protocol';
import { acknowledgeSubjects, allReminders, moveReminders, reminderDay, snoozeSubjects } from './scheduler';
import { hasStep, isPathId, pathDef, pathWithStep } from '../core/paths';
import { StoreError, type MoveStore } from './store';
import { Ranking } from './ranking';

export interface Context {
  store: MoveStore;
  now: () => Date;
  /** Called after any change to moves or settings: badge, alarms, notices to open views. */
  changed: (customerIds: string[] | 'all') => void;
  watchTab: (tabId: number) => void;
  /** Per-tab memory of customers clicked in a grid (the extension's session storage); absent: nothing kept. */
  clicks?: {
    remember: (tabId: number, customerId: string, entry: { companyName: string; domain: string }) => Promise<void>;
    recall: (tabId: number, customerId: string) => Promise<{ companyName: string; domain: string } | null>;
  };
  /** Names for the type-ahead (default: every name in Microsoft's product table). */
  products?: ProductTable;
  /** Microsoft's product table with service plans (default: the shipped data/skus.json, read once). */
  skus?: () => Promise<SkuTable>;
}

const namesOf = new WeakMap<SkuTable, ProductTable>();
/** The type-ahead's names: Microsoft's product table; the offer catalogue while it cannot be read. */
async function productsOf(ctx: Context): Promise<ProductTable> {
  if (ctx.products) return ctx.products;
  try {
    const table = await (ctx.skus ?? loadProductTable)();
    let names = namesOf.get(table);
    if (names === undefined) namesOf.set(table, (names = productNames(table)));
    return names;
  } catch {
    return catalogueTable();
  }
}

type Handler<K extends MessageType> = (payload: PayloadOf<K>, ctx: Context, sender: browser.Runtime.MessageSender) => Promise<ResponseOf<K>>;
type Handlers = { [K in MessageType]: Handler<K> };

function fail(code: string, message: string): never {
  throw new StoreError(code, message);
}

function requireMove(ctx: Context, customerId: string): Move {
  return ctx.store.get(customerId) ?? fail('not-found', `No move is tracked for customer ${customerId}.`);
}

/** Applies a pure change to an existing move inside the store's write queue. */
function change(ctx: Context, customerId: string, apply: (m: Move) => Move): Promise<Move> {
  return ctx.store.update(customerId, (current) => apply(current ?? fail('not-found', `No move is tracked for customer ${customerId}.`)));
}

/** The popup's list order and row facts, kept between requests (per stored move object). */
const ranking = new Ranking();

/**
 * needsAction per stored move, for one day and settings object (both replaced, never changed in
 * place): the popup asks for the status at every open, and at 10,000 moves a pass took ~30 ms.
 */
const needsByMove = new WeakMap<Move, { today: IsoDate; settings: Settings; needs: boolean }>();
function needsActionOn(m: Move, today: IsoDate, settings: Settings): boolean {
  const known = needsByMove.get(m);
  if (known && known.today === today && known.settings === settings) return known.needs;
  const needs = needsAction(m, today, settings);
  needsByMove.set(m, { today, settings, needs });
  return needs;
}

/**
 * A move as the popup's list carries it: its history cut to what the popup states (overrides and
 * cancellations, see core/move-facts). A move's history is most of its size (up to 100 dated
 * changes and 20 edits): ten pages of 1,000 full moves are ~37 MB through the messaging channel,
 * and the worker is busy serialising them while a partner's first change waits.
 */
const listedByMove = new WeakMap<Move, Move>();
/** How long after a write the popup's next list page waits: a partner's burst of changes goes first. */
const LIST_QUIET_MS = 150;

function listed(m: Move): Move {
  let out = listedByMove.get(m);
  if (!out) {
    const history = m.history.filter((h) => h.kind === 'override' || h.kind === 'cancellation');
    out = history.length === m.history.length ? m : { ...m, history };
    listedByMove.set(m, out);
  }
  return out;
}

function snapshot(ctx: Context) {
  return { today: localDay(ctx.now()), settings: ctx.store.getSettings() };
}

const handlers: Handlers = {
  'moves/list': async (p, ctx) => {
    // A page past the first screen gives way to the partner's changes, and to a burst of them
    // (store.settled): the rest of the list can come a moment later.
    if (p.offset) await ctx.store.settled(LIST_QUIET_MS);
    const snap = snapshot(ctx);
    if (p.first === undefined) {
      const all = ctx.store.all();
      return { moves: all, total: all.length, ...snap };
    }
    const moves = ranking.window(ctx.store.map(), snap.today, snap.settings, p.offset ?? 0, p.first);
    return { moves: moves.map(listed), facts: moves.map((m) => ranking.facts(m)), total: ctx.store.size, ...snap };
  },
  'moves/get': async (p, ctx) => {
    const move = ctx.store.get(p.customerId) ?? null;
    const snap = snapshot(ctx);
    return { move, view: move && moveView(move, snap.today, snap.settings), ...snap };
  },
  'moves/search': async (p, ctx) => {
    const q = p.query.toLowerCase();
    const hits = ctx.store.all().filter((m) => m.companyName.toLowerCase().includes(q) || m.domain.toLowerCase().includes(q) || m.customerId.includes(q));
    // Planned first (the ones the request can still mark), then by name.
    hits.sort((a, b) => Number(b.step === 'planned') - Number(a.step === 'planned') || a.companyName.localeCompare(b.companyName));
    return { moves: hits.slice(0, p.limit ?? 50) };
  },
  'moves/lookup': async (p, ctx) => {
    const moves: Move[] = [];
    for (const raw of p.customerIds) {
      const id = toCustomerId(raw);
      const m = id ? ctx.store.get(id) : undefined;
      if (m) moves.push(m);
    }
    return { moves, ...snapshot(ctx) };
  },
  'moves/track': async (p, ctx) =>
    ctx.store.update(p.customerId, (current) => {
      if (current) return current; // Tracking twice is harmless: keep what we have.
      return createMove({ ...p, program: p.program ?? ctx.store.getSettings().defaultProgram }, ctx.now());
    }),
  'moves/step': async (p, ctx) =>
    change(ctx, p.customerId, (m) => {
      if (!hasStep(m.path, p.to)) fail('not-on-path', `${p.to} is not a step of the ${m.path} path.`);
      const result = changeStep(m, p.to, {
        now: ctx.now(),
        confirmSkip: p.confirmSkip,
        override: p.override,
        cancelledOn: p.cancelledOn,
        note: p.note,
      });
      if (!result.ok) fail(result.error, stepErrorMessage(result.error, m, p.to));
      return result.move;
    }),
  'moves/path': async (p, ctx) => change(ctx, p.customerId, (m) => changePath(m, p.path, ctx.now())),
  'moves/originals': async (p, ctx) => change(ctx, p.customerId, (m) => recordOriginals(m, p.originals, ctx.now())),
  'moves/provisioned': async (p, ctx) =>
    change(ctx, p.customerId, (m) => recordProvisioned(m, p.items, ctx.now(), { append: p.append })),
  'moves/purchased': async (p, ctx) => {
    const move = await change(ctx, p.customerId, (m) => {
      const next = recordProvisioned(m, p.items, ctx.now(), { append: true });
      // The path's step where the CSP side exists (provisioned; CSP creation scheduled on an EA transfer).
      const target = pathDef(next.path).steps.find((s) => s.phase === 'provisioned')?.id;
      if (target === undefined || reached(next, 'provisioned')) return next;
      const result = changeStep(next, target, { now: ctx.now(), confirmSkip: true, note: p.note });
      if (!result.ok) fail(result.error, stepErrorMessage(result.error, next, target));
      return result.move;
    });
    const m = moveOfferMatch(move);
    return { move, match: { match: m.match, reassign: m.needsLicenseReassignment, unmatchedOriginalIds: m.unmatchedOriginals.map((o) => o.id) } };
  },
  'moves/licenses': async (p, ctx) => change(ctx, p.customerId, (m) => setLicensesReassigned(m, p.reassigned, ctx.now())),
  'moves/update': async (p, ctx) =>
    change(ctx, p.customerId, (m) => {
      let next = m;
      const details = { companyName: p.companyName, domain: p.domain, program: p.program };
      if (details.companyName !== undefined || details.domain !== undefined || details.program !== undefined) {
        next = updateDetails(next, details, ctx.now());
      }
      if (p.notes !== undefined && p.notes !== next.notes) next = setNotes(next, p.notes, ctx.now());
      return next;
    }),
  'moves/delete': async (p, ctx) => {
    requireMove(ctx, p.customerId);
    return { deleted: await ctx.store.delete(p.customerId) };
  },
  'moves/put': async (p, ctx) => ctx.store.update(p.move.customerId, () => p.move),
  'moves/requested': async (p, ctx) => {
    const now = ctx.now();
    const moves = await ctx.store.putMany((current) =>
      p.customers.map((c) => {
        const existing = current.get(c.customerId);
        if (!existing) return createMove({ ...c, program: c.program ?? ctx.store.getSettings().defaultProgram, step: 'requested' }, now);
        // Planned: the request is what it was waiting for. Further on, the step is the partner's to change.
        if (existing.step !== 'planned') return existing;
        const sent = changeStep(existing, 'requested', { now });
        return sent.ok ? sent.move : existing;
      }),
    );
    return { moves };
  },
  'moves/import': async (p, ctx) => {
    const now = ctx.now();
    let created = 0;
    let updated = 0;
    let untouched = 0;
    await ctx.store.putMany((current) => {
      const changed: Move[] = [];
      for (const c of p.customers) {
        const existing = current.get(c.customerId);
        if (!existing) {
          created++;
          const move = createMove(
            {
              customerId: c.customerId,
              companyName: c.companyName || c.customerId,
              domain: c.domain,
              program: c.program ?? ctx.store.getSettings().defaultProgram,
              originals: c.originals,
              ...newMovePath(c, c.program ?? ctx.store.getSettings().defaultProgram),
              ...(c.step === undefined ? {} : { step: c.step }),
            },
            now,
          );
          // An exported move comes back with the days its steps were reached.
          changed.push(c.stepDates === undefined ? move : { ...move, stepDates: { ...c.stepDates, [move.step]: c.stepDates[move.step] ?? move.stepDates[move.step] } });
          continue;
        }
        // Partner Center's customer list only creates: a tracked customer's move is the partner's.
        if (p.createOnly) {
          untouched++;
          continue;
        }
        let next = recordOriginals(existing, keepEndBy(existing, c.originals), now);
        if (c.companyName) next = updateDetails(next, { companyName: c.companyName, domain: c.domain, program: c.program }, now);
        // Re-importing what is already stored changes nothing and writes nothing.
        if (next !== existing) {
          updated++;
          changed.push(next);
        }
      }
      return changed;
    });
    return { created, updated, untouched };
  },
  'settings/get': async (_p, ctx) => ctx.store.getSettings(),
  'settings/set': async (p, ctx) => {
    const merged: Settings = parseSettings({ ...ctx.store.getSettings(), ...p });
    return ctx.store.setSettings(merged);
  },
  'backup/export': async (_p, ctx) => ({ json: JSON.stringify(makeBackup(ctx.store.all(), ctx.store.getSettings(), ctx.now()), null, 1) }),
  'backup/restore': async (p, ctx) => {
    const parsed = parseBackup(p.json);
    if (!parsed.ok) throw Object.assign(new StoreError('bad-backup', parsed.errors[0] ?? 'The backup cannot be read.'), { issues: parsed.errors });
    await ctx.store.replaceAll(parsed.moves, parsed.settings);
    return { moves: parsed.moves.length, migratedFrom: parsed.migratedFrom };
  },
  'status/get': async (_p, ctx) => {
    const { today, settings } = snapshot(ctx);
    let count = 0;
    for (const m of ctx.store.all()) if (needsActionOn(m, today, settings)) count++;
    return {
      version: browser.runtime.getManifest().version,
      needsAction: count,
      moves: ctx.store.size,
      problems: ctx.store.problems,
      readOnly: ctx.store.readOnly,
    };
  },
  'ui/get': async (_p, ctx) => ctx.store.getUi(),
  'ui/set': async (p, ctx) => ctx.store.setUi({ ...ctx.store.getUi(), ...p }),
  'reminders/list': async (p, ctx) => {
    const now = ctx.now();
    const settings = ctx.store.getSettings();
    const moves = p.customerId === undefined ? ctx.store.all() : [ctx.store.get(p.customerId)].filter((m): m is Move => m !== undefined);
    const all = allReminders(moves, settings);
    const state = ctx.store.getReminderState();
    const today = localDay(now);
    const upcoming = [...dueByDay(all, state, today, p.days ?? 28)].map(([day, rs]) => ({ day, count: rs.length, customerIds: [...new Set(rs.map((r) => r.customerId))] }));
    // Standing reminders only for one move: for every move they would be a long list nobody shows.
    return { reminders: p.customerId === undefined ? [] : standingReminders(all, state, reminderDay(now)), upcoming, today };
  },
  'moves/extras': async (p, ctx) => {
    const move = requireMove(ctx, p.customerId);
    const now = ctx.now();
    const settings = ctx.store.getSettings();
    const today = localDay(now);
    return {
      reminders: standingReminders(moveReminders(move, settings), ctx.store.getReminderState(), reminderDay(now)),
      messages: customerMessages(move, { invitationLink: settings.invitationLink }),
      timeline: timelineDates(move, today),
      today,
    };
  },
  'reminders/acknowledge': async (p, ctx) => {
    ctx.changed(await acknowledgeSubjects(ctx.store, p.subjects));
    return { ok: true };
  },
  'reminders/snooze': async (p, ctx) => {
    const now = ctx.now();
    ctx.changed(await snoozeSubjects(ctx.store, p.subjects, p.days, now));
    return { until: addDays(localDay(now), p.days) };
  },
  'tab/watch': async (_p, ctx, sender) => {
    if (sender.tab?.id !== undefined) ctx.watchTab(sender.tab.id);
    return { ok: true };
  },
  'tab/remember': async (p, ctx, sender) => {
    if (sender.tab?.id !== undefined) await ctx.clicks?.remember(sender.tab.id, p.customerId, { companyName: p.companyName, domain: p.domain ?? '' });
    return { ok: true };
  },
  'tab/recall': async (p, ctx, sender) => ({
    customer: sender.tab?.id !== undefined && ctx.clicks ? await ctx.clicks.recall(sender.tab.id, p.customerId) : null,
  }),
  'offers/verdicts': async (p, ctx) => {
    const move = ctx.store.get(p.customerId);
    if (!move) return { offers: [], splits: [], originals: [] };
    const shown = p.offers.map((o) => ({ productId: o.productId ?? '', name: o.name, ...(o.quantity === undefined ? {} : { quantity: o.quantity }) }));
    let table: SkuTable | undefined;
    try {
      table = await (ctx.skus ?? loadProductTable)();
    } catch {
      // No table: the offer catalogue's match alone.
    }
    if (!table) return { offers: shown.map((o) => judgeOffer(move.originals, o)), splits: [], originals: [] };
    // The page's new-commerce product ids are the offer catalogue's: it names their GUIDs.
    const verdicts = offerVerdicts(table, move.originals, p.offers, (id) => findOffer(id)?.graphSkuId);
    return {
      offers: shown.map((o, i) => judgeOffer(move.originals, o, verdicts.offers[i])),
      splits: verdicts.splits.map((split) => judgeSplit(move.originals, shown, split)),
      originals: originalNames(table, move.originals),
    };
  },
  'offers/suggest': async (p, ctx) => {
    const table = await productsOf(ctx);
    const picked = pickOffer(table, p.query);
    return { offers: suggestOffers(table, p.query, p.limit ?? 8), ...(picked ? { picked } : {}) };
  },
};

/** A CSV cannot say "cancel": keep how the partner said an original will end when it is the same one. */
function keepEndBy(existing: Move, imported: readonly OriginalInput[]): OriginalInput[] {
  return imported.map((o) => {
    const same = existing.originals.find((e) => e.offer === o.offer && (e.skuId ?? '') === (o.skuId ?? '') && e.expiresOn === o.expiresOn);
    return same ? { ...o, endBy: same.endBy, ...(same.cancelOn ? { cancelOn: same.cancelOn } : {}) } : o;
  });
}

function stepErrorMessage(code: string, move: Move, to: string): string {
  switch (code) {
    case 'unchanged':
      return `${move.companyName} is already at step ${to}.`;
    case 'skip-needs-confirmation':
      return `Moving ${move.companyName} from ${move.step} to ${to} skips steps; confirm the skip to do it.`;
    case 'licenses-not-reassigned':
      return `${move.companyName} was provisioned a different offer: reassign licenses (or confirm) before closing the move.`;
    case 'nothing-provisioned':
      return `Nothing is recorded as provisioned for ${move.companyName}: record it, or close anyway (recorded in the history).`;
    case 'seats-fewer':
      return `Fewer seats are provisioned for ${move.companyName} than its originals had: add seats, or close anyway (recorded in the history).`;
    case 'originals-not-ended':
      return `An original of ${move.companyName} runs past today: mark the originals ended only as a cancellation, with its date.`;
    default:
      return `Cannot move ${move.companyName} to ${to} (${code}).`;
  }
}

const table: Table = protocol;

function isMessage(value: unknown): value is { type: MessageType; payload?: unknown } {
  return typeof value === 'object' && value !== null && 'type' in value && isMessageType(value.type);
}

/** Validates, runs and reports one request of type K (generic, so schema, handler and change list agree). */
async function run<K extends MessageType>(type: K, payload: unknown, ctx: Context, sender: browser.Runtime.MessageSender): Promise<Envelope<ResponseOf<K>>> {
  const message = table[type];
  const parsed = v.safeParse(message.request, payload ?? {});
  if (!parsed.success) {
    const issues = parsed.issues.map((i) => `${v.getDotPath(i) ?? '(payload)'}: ${i.message}`);
    return { ok: false, error: { code: 'bad-request', message: `Invalid ${type} request: ${issues[0]}`, issues } };
  }
  const request: PayloadOf<K> = parsed.output;
  await ctx.store.ready;
  const handler: Handler<K> = handlers[type];
  const data = await handler(request, ctx, sender);
  const changes = message.changes;
  if (changes) ctx.changed(changes(request));
  return { ok: true, data };
}

/** Validates and dispatches one request; never throws: every failure is an error envelope. */
export async function dispatch(message: unknown, ctx: Context, sender: browser.Runtime.MessageSender): Promise<Envelope<unknown>> {
  if (!isMessage(message)) return { ok: false, error: { code: 'unknown-message', message: 'Unknown message type.' } };
  try {
    return await run(message.type, message.payload, ctx, sender);
  } catch (err) {
    const e = err as Error & { code?: string; issues?: string[] };
    return { ok: false, error: { code: e.code ?? 'internal', message: e.message || String(err), issues: e.issues } };
  }
}

/** A new move's path from an import: the file's when it names one, else one that has the file's step. */
function newMovePath(c: PayloadOf<'moves/import'>['customers'][number], program: Program): { path?: PathId } {
  if (isPathId(c.path)) return { path: c.path };
  return c.step === undefined ? {} : { path: pathWithStep(program, c.step) };
}
