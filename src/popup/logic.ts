/**
 * The popup's pure logic, browser-free (unit-tested in Node): decorated rows with lazily computed,
 * cached facts; search and filters; the windowing math of the virtualised list; small parsers for
 * the settings and edit forms.
 */
import * as v from 'valibot';
import { daysBetween } from '../core/dates';
import { OriginalInputSchema, ProvisionedInputSchema, type OriginalInput, type ProvisionedInput } from '../core/inputs';
import { LIMITS } from '../core/limits';
import { toCustomerId, type IsoDate, type Move, type PathId, type Step } from '../core/model';
import { pathSteps } from '../core/paths';
import { rowFacts, type RowFacts } from '../shared/row-facts';
import { compareMoves, earliestExpiry, rankMoves, SOON_DAYS, URGENT_DAYS, type NextAction, type UrgencySettings } from '../core/urgency';

export interface RankContext {
  today: IsoDate;
  settings: UrgencySettings;
}

/**
 * One move as the list shows it. Everything derived is computed on first use and then kept:
 * ranking 10,000 moves already costs one nextAction each, so rows only pay for what is displayed
 * (about ten at a time) or filtered on. Rows the background ranked come with their facts
 * (computed there by the same rowFacts, with Microsoft's product table).
 */
export class MoveRow {
  private cachedFacts?: RowFacts;
  private cachedSearch?: string;
  private cachedDays?: { value: number | undefined };

  /** Placed and stated by the background (`moves/list`), not by the popup. */
  readonly ranked: boolean;

  constructor(
    readonly move: Move,
    private readonly ctx: RankContext,
    facts?: RowFacts,
  ) {
    this.cachedFacts = facts;
    this.ranked = facts !== undefined;
  }

  get id(): string {
    return this.move.customerId;
  }

  /** The next action and the offer match in brief. */
  get facts(): RowFacts {
    return (this.cachedFacts ??= rowFacts(this.move, this.ctx.today, this.ctx.settings));
  }

  get action(): NextAction {
    return this.facts.action;
  }

  get expiry(): IsoDate | undefined {
    return earliestExpiry(this.move);
  }

  /** Days from today to the earliest original expiry (negative: passed); undefined without one. */
  get days(): number | undefined {
    if (this.cachedDays === undefined) {
      const e = this.expiry;
      this.cachedDays = { value: e === undefined ? undefined : daysBetween(this.ctx.today, e) };
    }
    return this.cachedDays.value;
  }

  /** A provisioned offer differs from an original and licenses are not yet marked reassigned. */
  get needsReassignment(): boolean {
    return this.facts.needsReassignment;
  }

  /** Lower-cased name, domain and tenant id: what the search box matches. */
  get search(): string {
    return (this.cachedSearch ??= searchText(this.move));
  }
}

export function searchText(move: Pick<Move, 'companyName' | 'domain' | 'customerId'>): string {
  return `${move.companyName}\n${move.domain}\n${move.customerId}`.normalize('NFKC').toLowerCase();
}

/** Ranks once (most urgent first, core's rankMoves) and wraps each move in a row. */
export function buildRows(moves: readonly Move[], ctx: RankContext): MoveRow[] {
  return rankMoves(moves, ctx.today, ctx.settings).map((m) => new MoveRow(m, ctx));
}

/**
 * Rows of moves the background ranked (`moves/list` with `first`), in its order, with its facts;
 * a move already among `seen` (it moved up while the list was read page by page) is left out.
 */
export function rankedRows(page: { moves: readonly Move[]; facts?: readonly RowFacts[] }, ctx: RankContext, seen?: Set<string>): MoveRow[] {
  const out: MoveRow[] = [];
  page.moves.forEach((m, i) => {
    if (seen?.has(m.customerId)) return;
    seen?.add(m.customerId);
    out.push(new MoveRow(m, ctx, page.facts?.[i]));
  });
  return out;
}

/**
 * Applies a few changed moves to ranked rows without ranking everything again: each changed or
 * removed row leaves, each changed move goes back in at its place (binary search with the same
 * comparison rankMoves sorts by). Returns a new array.
 */
export function applyChanges(rows: readonly MoveRow[], changed: readonly Move[], removedIds: Iterable<string>, ctx: RankContext): MoveRow[] {
  const gone = new Set(removedIds);
  for (const m of changed) gone.add(m.customerId);
  const next = gone.size === 0 ? [...rows] : rows.filter((r) => !gone.has(r.id));
  for (const move of changed) {
    let lo = 0;
    let hi = next.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareMoves(next[mid]!.move, move, ctx.today, ctx.settings) <= 0) lo = mid + 1;
      else hi = mid;
    }
    next.splice(lo, 0, new MoveRow(move, ctx));
  }
  return next;
}

// ---------------------------------------------------------------------------------------------
// Search and filters

export interface Filters {
  /** Raw search text: every whitespace-separated term must occur in name, domain or tenant id. */
  query: string;
  step: Step | '';
  /** The next action due within this many days (overdue included); null: any. */
  dueWithin: number | null;
  needsReassignment: boolean;
  showDone: boolean;
}

export const NO_FILTERS: Readonly<Filters> = Object.freeze({ query: '', step: '', dueWithin: null, needsReassignment: false, showDone: false });

export function queryTerms(query: string): string[] {
  return query.normalize('NFKC').toLowerCase().split(/\s+/u).filter((s) => s !== '');
}

export function filterRows(rows: readonly MoveRow[], f: Filters): MoveRow[] {
  const terms = queryTerms(f.query);
  // A step filter of 'done' shows done moves whatever the toggle says.
  const hideDone = !f.showDone && f.step !== 'done';
  const out: MoveRow[] = [];
  for (const r of rows) {
    const step = r.move.step;
    if (hideDone && step === 'done') continue;
    if (f.step !== '' && step !== f.step) continue;
    if (f.dueWithin !== null) {
      // The action's due day (provision by, nudge on…), not the original's expiry.
      const d = r.action.kind === 'none' ? undefined : r.action.daysLeft;
      if (d === undefined || d > f.dueWithin) continue;
    }
    if (f.needsReassignment && !r.needsReassignment) continue;
    if (terms.length > 0) {
      const s = r.search;
      if (!terms.every((t) => s.includes(t))) continue;
    }
    out.push(r);
  }
  return out;
}

export function countDone(rows: readonly MoveRow[]): number {
  let n = 0;
  for (const r of rows) if (r.move.step === 'done') n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// How a row words its expiry and step

export type ExpiryTone = 'overdue' | 'urgent' | 'soon' | 'later' | 'none';

/** Overdue once the day has passed; urgent within a week; soon within 30 days. */
export function expiryTone(days: number | undefined): ExpiryTone {
  if (days === undefined) return 'none';
  if (days < 0) return 'overdue';
  if (days <= URGENT_DAYS) return 'urgent';
  if (days <= SOON_DAYS) return 'soon';
  return 'later';
}

/** The path's steps before done: 1–n while a move runs, n of n complete once done. */
export function stepProgress(path: PathId, step: Step): { current: number; total: number; complete: boolean } {
  const steps = pathSteps(path).filter((s) => s !== 'done');
  if (step === 'done') return { current: steps.length, total: steps.length, complete: true };
  return { current: steps.indexOf(step) + 1, total: steps.length, complete: false };
}

// ---------------------------------------------------------------------------------------------
// Windowing (fixed row height)

export interface WindowRange {
  /** First row index rendered (inclusive). */
  start: number;
  /** Last row index rendered (exclusive). */
  end: number;
  /** Height of all rows, px. */
  total: number;
}

/**
 * The rows to render for a scroll position: the visible ones plus `overscan` above and below,
 * clamped to [0, count]. Robust to a scroll position past the end (the list just shrank).
 */
export function windowRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 4): WindowRange {
  const total = count * rowHeight;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, total: Math.max(0, total) };
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, total - viewportHeight));
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight) - first;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + Math.max(1, visible) + overscan);
  return { start, end, total };
}

/** The scrollTop that brings row `index` fully into view (unchanged when it already is). */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  // A row taller than the viewport shows its top.
  if (top < scrollTop || rowHeight >= viewportHeight) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

// ---------------------------------------------------------------------------------------------
// Form parsers

export type LeadDaysResult = { ok: true; days: number[] } | { ok: false; error: 'not-number' | 'out-of-range' | 'too-many'; value?: string };

/**
 * Reminder lead times typed as "60, 30, 7" (commas, full-width commas, semicolons or spaces):
 * whole numbers of days 0–365, at most 12, repeats collapsed, largest first. Empty: none.
 */
export function parseLeadDays(text: string): LeadDaysResult {
  const parts = text
    .normalize('NFKC')
    .split(/[\s,;、]+/u)
    .filter((s) => s !== '');
  const days: number[] = [];
  for (const p of parts) {
    if (!/^\d+$/.test(p)) return { ok: false, error: 'not-number', value: p };
    const n = Number(p);
    if (n > LIMITS.leadDay) return { ok: false, error: 'out-of-range', value: p };
    days.push(n);
  }
  const unique = [...new Set(days)].sort((a, b) => b - a);
  if (unique.length > LIMITS.leadDaysCount) return { ok: false, error: 'too-many' };
  return { ok: true, days: unique };
}

/** A whole number in [min, max] typed in a form, or null. */
export function parseWhole(text: string, min: number, max: number): number | null {
  const s = text.normalize('NFKC').trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

export interface OriginalDraft {
  id?: string;
  offer: string;
  skuId: string;
  seats: string;
  expiresOn: string;
  endBy: 'expire' | 'cancel';
}

export interface ProvisionedDraft {
  id?: string;
  offer: string;
  skuId: string;
  seats: string;
  provisionedOn: string;
}

export type DraftField = 'offer' | 'skuId' | 'seats' | 'expiresOn' | 'provisionedOn' | 'customerId' | 'companyName';
export interface DraftError {
  /** Line of the list (0-based); -1 for the move's own fields. */
  line: number;
  field: DraftField;
  error: 'required' | 'too-long' | 'not-seats' | 'not-date' | 'not-guid';
}

function draftError(line: number, field: string, typed: string): DraftError | null {
  const empty = typed.trim() === '';
  switch (field) {
    case 'offer':
      return { line, field, error: empty ? 'required' : 'too-long' };
    case 'skuId':
      return { line, field, error: 'too-long' };
    case 'seats':
      return { line, field, error: empty ? 'required' : 'not-seats' };
    case 'expiresOn':
    case 'provisionedOn':
      return { line, field, error: empty ? 'required' : 'not-date' };
    default:
      return null;
  }
}

/**
 * Checks each typed line with the schema the background applies (core/inputs.ts), so a form
 * accepts exactly what the background will; errors name the line and field.
 */
function checkLines<D extends { id?: string; offer: string; skuId: string; seats: string }, T>(
  schema: v.GenericSchema<unknown, T>,
  drafts: readonly D[],
  toInput: (d: D) => Record<string, unknown>,
): { ok: true; lines: T[] } | { ok: false; errors: DraftError[] } {
  const errors: DraftError[] = [];
  const lines: T[] = [];
  drafts.forEach((d, line) => {
    const seats = parseWhole(d.seats, 0, LIMITS.seats);
    const candidate = {
      ...(d.id ? { id: d.id } : {}),
      offer: d.offer,
      ...(d.skuId.trim() ? { skuId: d.skuId } : {}),
      seats: seats ?? Number.NaN,
      ...toInput(d),
    };
    const r = v.safeParse(schema, candidate);
    if (r.success) {
      lines.push(r.output);
      return;
    }
    const seen = new Set<string>();
    for (const issue of r.issues) {
      const field = String(issue.path?.[0]?.key ?? '');
      if (seen.has(field)) continue;
      seen.add(field);
      const typed = String(Reflect.get(d, field) ?? '');
      const e = draftError(line, field, typed);
      if (e) errors.push(e);
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, lines };
}

export function validateOriginals(drafts: readonly OriginalDraft[]): { ok: true; originals: OriginalInput[] } | { ok: false; errors: DraftError[] } {
  const r = checkLines(OriginalInputSchema, drafts, (d) => ({ expiresOn: d.expiresOn, endBy: d.endBy }));
  return r.ok ? { ok: true, originals: r.lines } : r;
}

export function validateProvisioned(drafts: readonly ProvisionedDraft[]): { ok: true; items: ProvisionedInput[] } | { ok: false; errors: DraftError[] } {
  const r = checkLines(ProvisionedInputSchema, drafts, (d) => ({ provisionedOn: d.provisionedOn }));
  return r.ok ? { ok: true, items: r.lines } : r;
}

export function originalDrafts(move: Pick<Move, 'originals'>): OriginalDraft[] {
  return move.originals.map((o) => ({ id: o.id, offer: o.offer, skuId: o.skuId ?? '', seats: String(o.seats), expiresOn: o.expiresOn, endBy: o.endBy }));
}

export function provisionedDrafts(move: Pick<Move, 'provisioned'>): ProvisionedDraft[] {
  return move.provisioned.map((p) => ({ id: p.id, offer: p.offer, skuId: p.skuId ?? '', seats: String(p.seats), provisionedOn: p.provisionedOn }));
}

/** Same content, compared field by field (ids included): unchanged lists are not sent. */
export function sameOriginals(a: readonly OriginalInput[], b: Move['originals']): boolean {
  const key = (o: OriginalInput) => [o.id ?? '', o.offer, o.skuId ?? '', o.seats, o.expiresOn, o.endBy];
  return JSON.stringify(a.map(key)) === JSON.stringify(b.map(key));
}

export function sameProvisioned(a: readonly ProvisionedInput[], b: Move['provisioned']): boolean {
  const key = (p: ProvisionedInput) => [p.id ?? '', p.offer, p.skuId ?? '', p.seats, p.provisionedOn];
  return JSON.stringify(a.map(key)) === JSON.stringify(b.map(key));
}

/** A tenant id typed by hand (with or without braces), lower-cased; null when it is not a GUID. */
export function parseCustomerId(text: string): string | null {
  const s = text.trim();
  const inner = /^\{(.*)\}$/u.exec(s);
  return toCustomerId(inner ? inner[1]! : s);
}

// ---------------------------------------------------------------------------------------------
// Files

export function exportFileName(kind: 'csv' | 'ics' | 'backup', today: IsoDate): string {
  if (kind === 'backup') return `csp-moves-backup-${today}.json`;
  return `csp-moves-${today}.${kind}`;
}

/** What a backup file holds, read cheaply for the confirmation (the background validates it fully). */
export function peekBackup(text: string): { moves: number; exportedAt?: string } | null {
  try {
    const data = JSON.parse(text) as unknown;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
    const d = data as { moves?: unknown; exportedAt?: unknown };
    return {
      moves: Array.isArray(d.moves) ? d.moves.length : 0,
      ...(typeof d.exportedAt === 'string' ? { exportedAt: d.exportedAt } : {}),
    };
  } catch {
    return null;
  }
}

export interface ImportSummary {
  customers: number;
  originals: number;
  created: number;
  updated: number;
}

export function summariseImport(customers: ReadonlyArray<{ customerId: string; originals: readonly unknown[] }>, existing: ReadonlySet<string> | ReadonlyMap<string, unknown>): ImportSummary {
  let originals = 0;
  let updated = 0;
  for (const c of customers) {
    originals += c.originals.length;
    if (existing.has(c.customerId)) updated++;
  }
  return { customers: customers.length, originals, created: customers.length - updated, updated };
}

/**
 * The date order a locale writes (`en-US` month first, `en-GB`/`de` day first, `zh-TW` year then
 * month: month first for a year-last date), from Intl's own format: the import's default.
 */
export function dateOrderForLocale(locale: string): 'dmy' | 'mdy' {
  try {
    const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(Date.UTC(2027, 1, 13)));
    const types = parts.map((p) => p.type).filter((x) => x === 'day' || x === 'month');
    return types[0] === 'day' ? 'dmy' : 'mdy';
  } catch {
    return 'dmy';
  }
}

/** What the preview shows of one customer: its lines grouped with counts and flags. */
export interface PreviewCustomerFacts {
  originals: number;
  csp: number;
  trials: number;
  inactive: number;
  noDate: number;
  unknownProducts: number;
  /** Imported originals whose end date is more than a year before today. */
  longPast: number;
}

/** A date more than a year before today (a typo, or a file from long ago): flagged in the preview. */
export function isLongPast(date: IsoDate, today: IsoDate): boolean {
  return daysBetween(date, today) > 365;
}

export function previewFacts(
  lines: ReadonlyArray<{ skip?: string; product?: string; expiresOn?: IsoDate }>,
  today: IsoDate,
): PreviewCustomerFacts {
  const f: PreviewCustomerFacts = { originals: 0, csp: 0, trials: 0, inactive: 0, noDate: 0, unknownProducts: 0, longPast: 0 };
  for (const l of lines) {
    if (l.skip === 'csp') f.csp++;
    else if (l.skip === 'trial') f.trials++;
    else if (l.skip === 'inactive') f.inactive++;
    else if (l.skip === 'no-date') f.noDate++;
    else {
      f.originals++;
      if (l.product === 'unknown') f.unknownProducts++;
      if (l.expiresOn !== undefined && isLongPast(l.expiresOn, today)) f.longPast++;
    }
  }
  return f;
}
