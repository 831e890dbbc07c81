/**
 * The step machine: every change to a move, as a pure function returning a new move with one more
 * history entry (the audit trail keeps every entry). Inputs that would make an invalid move throw a
 * RangeError: callers validate user input first, so a throw here is a programming error.
 */
import { isIsoDate, localDay } from './dates';
import type { OriginalInput, ProvisionedInput } from './inputs';
import {
  PROGRAMS,
  toCustomerId,
  type HistoryEntry,
  type Move,
  type OriginalSubscription,
  type PathId,
  type Program,
  type ProvisionedSubscription,
  type Step,
} from './model';
import { appendHistory } from './history';
import { moveOfferMatch, normaliseOfferName } from './offers';
import { isPathId, pathDef, suggestedPath, pathSteps, phaseIndex, stepDef, stepOnPath, type Phase } from './paths';

export type StepError =
  | 'unchanged'
  | 'skip-needs-confirmation'
  | 'licenses-not-reassigned'
  /** Closing with nothing provisioned: needs `override`. */
  | 'nothing-provisioned'
  /** Closing with fewer seats provisioned than the matched originals had: needs `override`. */
  | 'seats-fewer'
  /** Marking originals ended before their end date: only as a cancellation (`cancelledOn`). */
  | 'originals-not-ended';

/** A guardrail the partner chose to pass, as recorded in the history. */
export type Guard = 'nothing-provisioned' | 'seats-fewer';
export type StepResult = { ok: true; move: Move } | { ok: false; error: StepError };


export interface CreateMoveInput {
  customerId: string;
  companyName: string;
  domain?: string;
  program?: Program;
  /** Default: the path suggested for the program. */
  path?: PathId;
  /** Default: planned (nothing sent yet). */
  step?: Step;
  originals?: OriginalInput[];
  notes?: string;
}

export interface StepContext {
  now: Date;
  /** The partner confirmed a forward jump over steps, or closing while licenses look unassigned. */
  confirmSkip?: boolean;
  /** The partner closes despite too few seats (or none): asked first, recorded in the history. */
  override?: boolean;
  /**
   * Marking originals ended before their end date: the day the customer cancelled them (no refund).
   * Recorded in the history and on each original still running that day.
   */
  cancelledOn?: string;
  note?: string;
}

export interface MoveDetails {
  companyName?: string;
  domain?: string;
  program?: Program;
}

// ---------------------------------------------------------------------------------------------
// Steps

/** Position of `step` on `path` (0 = planned); a RangeError when the path has no such step. */
export function stepIndex(path: PathId, step: Step): number {
  const i = pathSteps(path).indexOf(step);
  if (i < 0) throw new RangeError(`Path ${String(path)} has no step ${String(step)}`);
  return i;
}

export function nextStep(path: PathId, step: Step): Step | undefined {
  return pathSteps(path)[stepIndex(path, step) + 1];
}

export function previousStep(path: PathId, step: Step): Step | undefined {
  // [-1] is undefined: the first step has no previous one.
  return pathSteps(path)[stepIndex(path, step) - 1];
}

/** Whether `move` is at or after `phase` on its path. */
export function reached(move: Pick<Move, 'path' | 'step'>, phase: Phase): boolean {
  return phaseIndex(stepDef(move.path, move.step).phase) >= phaseIndex(phase);
}

/**
 * `prefix` + one more than the largest number already used with it: never an id in `existingIds`,
 * and never one freed by a deletion while its successors remain (an acknowledged reminder names an
 * original by id, so reusing ids could silence a new original's reminders).
 */
export function nextId(prefix: string, existingIds: Iterable<string>): string {
  let max = 0;
  for (const id of existingIds) {
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(prefix.length);
    if (/^\d+$/.test(rest)) max = Math.max(max, Number(rest));
  }
  return `${prefix}${max + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Input checks and canonical shapes

function checkSeats(seats: number): number {
  if (!Number.isSafeInteger(seats) || seats < 0) throw new RangeError(`Not a seat count: ${seats}`);
  return seats;
}

function checkDay(day: string, what: string): string {
  if (!isIsoDate(day)) throw new RangeError(`${what} is not a calendar date: ${day}`);
  return day;
}

function checkOffer(offer: string): string {
  const trimmed = offer.trim();
  if (trimmed === '') throw new RangeError('An offer needs a name');
  return trimmed;
}

function checkProgram(program: Program): Program {
  if (!PROGRAMS.includes(program)) throw new RangeError(`Not a program: ${String(program)}`);
  return program;
}

function skuPart(skuId: string | undefined): { skuId?: string } {
  const trimmed = skuId?.trim();
  return trimmed ? { skuId: trimmed } : {};
}

function toOriginal(id: string, o: OriginalInput): OriginalSubscription {
  if (o.endBy !== 'expire' && o.endBy !== 'cancel') throw new RangeError(`Not a way to end: ${String(o.endBy)}`);
  return {
    id,
    offer: checkOffer(o.offer),
    ...skuPart(o.skuId),
    seats: checkSeats(o.seats),
    expiresOn: checkDay(o.expiresOn, 'expiresOn'),
    endBy: o.endBy,
    // A cancellation day only means something for an original the customer cancels.
    ...(o.endBy === 'cancel' && o.cancelOn ? { cancelOn: checkDay(o.cancelOn, 'cancelOn') } : {}),
  };
}

function toProvisioned(id: string, p: ProvisionedInput): ProvisionedSubscription {
  return {
    id,
    offer: checkOffer(p.offer),
    ...skuPart(p.skuId),
    seats: checkSeats(p.seats),
    provisionedOn: checkDay(p.provisionedOn, 'provisionedOn'),
  };
}

/**
 * Gives every item an id: its own when it has one; else, with `keyOf`, the id of an existing item it
 * restates (same offer and day, so re-importing a spreadsheet keeps ids and with them acknowledged
 * reminders); else a new one after every id in use.
 */
function assignIds<I extends { id?: string }, E extends { id: string }>(
  prefix: string,
  existing: readonly E[],
  items: readonly I[],
  keyOf?: (x: I | E) => string,
): string[] {
  const own = items.map((x) => x.id?.trim() || undefined);
  const explicit = own.filter((id): id is string => id !== undefined);
  if (new Set(explicit).size !== explicit.length) throw new RangeError('Two items share one id');
  // Each key lists the reusable ids in order: two identical originals restated keep both ids.
  const byKey = new Map<string, string[]>();
  if (keyOf) {
    for (const e of existing) {
      if (explicit.includes(e.id)) continue;
      const ids = byKey.get(keyOf(e));
      if (ids) ids.push(e.id);
      else byKey.set(keyOf(e), [e.id]);
    }
  }
  const used = [...existing.map((e) => e.id), ...explicit];
  return items.map((x, i) => {
    const given = own[i];
    if (given !== undefined) return given;
    const reused = keyOf ? byKey.get(keyOf(x))?.shift() : undefined;
    if (reused !== undefined) return reused;
    const id = nextId(prefix, used);
    used.push(id);
    return id;
  });
}

const originalKey = (o: { offer: string; expiresOn: string }) => `${normaliseOfferName(o.offer)}|${o.expiresOn}`;
const provisionedKey = (p: { offer: string; provisionedOn: string }) => `${normaliseOfferName(p.offer)}|${p.provisionedOn}`;

// Field by field: stored objects may list their keys in another order than freshly built ones.
const originalFields = (o: OriginalSubscription) => [o.id, o.offer, o.skuId, o.seats, o.expiresOn, o.endBy, o.cancelOn];
const provisionedFields = (p: ProvisionedSubscription) => [p.id, p.offer, p.skuId, p.seats, p.provisionedOn];

function sameList<T>(a: readonly T[], b: readonly T[], fields: (x: T) => unknown[]): boolean {
  return JSON.stringify(a.map(fields)) === JSON.stringify(b.map(fields));
}

function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase();
}

/** A new move with `changes`, one more history entry, and `updatedAt` = now. */
function record(move: Move, now: Date, entry: Omit<HistoryEntry, 'at' | 'on'>, changes: Partial<Move>): Move {
  const at = now.toISOString();
  return { ...move, ...changes, history: appendHistory(move.history, { at, on: localDay(now), ...entry }), updatedAt: at };
}

// ---------------------------------------------------------------------------------------------
// Operations

/** Starts tracking a customer. Throws a RangeError for an invalid customer id or input. */
export function createMove(input: CreateMoveInput, now: Date): Move {
  const customerId = toCustomerId(input.customerId);
  if (customerId === null) throw new RangeError(`Not a customer id (a GUID): ${input.customerId}`);
  const program = checkProgram(input.program ?? 'unknown');
  const path = input.path ?? suggestedPath(program);
  if (!isPathId(path)) throw new RangeError(`Not a path: ${String(path)}`);
  const step = input.step ?? 'planned';
  stepIndex(path, step);
  const originalsIn = input.originals ?? [];
  const ids = assignIds('o', [], originalsIn, originalKey);
  const at = now.toISOString();
  const on = localDay(now);
  return {
    customerId,
    companyName: input.companyName.trim(),
    domain: normaliseDomain(input.domain ?? ''),
    program,
    path,
    step,
    stepDates: { [step]: on },
    originals: originalsIn.map((o, i) => toOriginal(ids[i]!, o)),
    provisioned: [],
    licensesReassigned: false,
    notes: input.notes ?? '',
    history: [{ at, on, kind: 'created', to: step }],
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Moves to another step of the move's path. One step forward or any step back is always allowed
 * (back removes the dates of the steps after the new one); a longer jump forward needs
 * `confirmSkip`. Guardrails, each a specific error until the partner says otherwise:
 * - closing ('done') while an original has no same or renamed provisioned offer and licenses are not
 *   marked reassigned (`confirmSkip`): its users would be left without a license;
 * - closing a path the partner buys on with nothing provisioned, or fewer seats than the matched
 *   originals had (`override`, recorded in the history with the figures);
 * - marking originals ended (a purchasing path's ended phase) while one still runs: only as a
 *   cancellation with its day (`cancelledOn`), recorded in the history and on the originals.
 */
export function changeStep(move: Move, to: Step, ctx: StepContext): StepResult {
  const from = move.step;
  const steps = pathSteps(move.path);
  const fi = stepIndex(move.path, from);
  const ti = stepIndex(move.path, to);
  if (ti === fi) return { ok: false, error: 'unchanged' };
  const skipped = steps.slice(fi + 1, ti);
  if (skipped.length > 0 && !ctx.confirmSkip) return { ok: false, error: 'skip-needs-confirmation' };
  const today = localDay(ctx.now);
  const forward = ti > fi;
  const purchases = pathDef(move.path).purchases;
  const toPhase = stepDef(move.path, to).phase;
  const passesEnd = forward && purchases && phaseIndex(toPhase) >= phaseIndex('ended') && !reached(move, 'ended');
  let originals = move.originals;
  let cancellation: Omit<HistoryEntry, 'at' | 'on'> | undefined;
  if (passesEnd && move.originals.some((o) => o.expiresOn > today)) {
    if (ctx.cancelledOn === undefined) return { ok: false, error: 'originals-not-ended' };
    const day = checkDay(ctx.cancelledOn, 'cancelledOn');
    originals = move.originals.map((o) => (o.expiresOn > day ? { ...o, endBy: 'cancel' as const, cancelOn: day } : o));
    cancellation = { kind: 'cancellation', note: day };
  }
  if (to === 'done' && !move.licensesReassigned && !ctx.confirmSkip && moveOfferMatch(move).needsLicenseReassignment) {
    return { ok: false, error: 'licenses-not-reassigned' };
  }
  let override: Omit<HistoryEntry, 'at' | 'on'> | undefined;
  if (to === 'done' && purchases) {
    const guard = closingGuard(move);
    if (guard !== undefined) {
      if (!ctx.override) return { ok: false, error: guard.guard };
      override = { kind: 'override', ...guard };
    }
  }
  const stepDates: Move['stepDates'] = {};
  for (const s of steps.slice(0, ti)) if (move.stepDates[s] !== undefined) stepDates[s] = move.stepDates[s];
  stepDates[to] = today;
  const note = ctx.note?.trim();
  const entry: Omit<HistoryEntry, 'at' | 'on'> = {
    kind: 'step',
    from,
    to,
    ...(skipped.length > 0 ? { skipped: [...skipped] } : {}),
    ...(note ? { note } : {}),
  };
  let next = move;
  if (cancellation) next = record(next, ctx.now, cancellation, { originals });
  if (override) next = record(next, ctx.now, override, {});
  return { ok: true, move: record(next, ctx.now, entry, { step: to, stepDates }) };
}

/**
 * Why closing `move` needs an override, if it does: nothing provisioned, or fewer seats provisioned
 * than the originals they carry on had (`seats`: provisioned and needed, the worst group).
 */
export function closingGuard(move: Pick<Move, 'originals' | 'provisioned'>):
  | { guard: Guard; seats?: { provisioned: number; needed: number } }
  | undefined {
  if (move.provisioned.length === 0) return { guard: 'nothing-provisioned' };
  const short = moveOfferMatch(move).seatShortfalls;
  if (short.length === 0) return undefined;
  const worst = short.reduce((a, b) => (b.neededSeats - b.provisionedSeats > a.neededSeats - a.provisionedSeats ? b : a));
  return { guard: 'seats-fewer', seats: { provisioned: worst.provisionedSeats, needed: worst.neededSeats } };
}

/**
 * Follows another path: the step becomes the new path's step in the same phase (stepDates of steps
 * the new path does not have are dropped). Unchanged path returns `move`.
 */
export function changePath(move: Move, path: PathId, now: Date): Move {
  if (!isPathId(path)) throw new RangeError(`Not a path: ${String(path)}`);
  if (path === move.path) return move;
  const step = stepOnPath(move.path, move.step, path);
  const steps = pathSteps(path);
  const stepDates: Move['stepDates'] = {};
  for (const s of steps.slice(0, steps.indexOf(step) + 1)) if (move.stepDates[s] !== undefined) stepDates[s] = move.stepDates[s];
  stepDates[step] ??= move.stepDates[move.step] ?? localDay(now);
  return record(move, now, { kind: 'path', note: `${move.path} → ${path}`, ...(step === move.step ? {} : { from: move.step, to: step }) }, { path, step, stepDates });
}

/** Replaces the original subscriptions. Unchanged input returns `move` itself (no history noise). */
export function recordOriginals(move: Move, originals: readonly OriginalInput[], now: Date): Move {
  const ids = assignIds('o', move.originals, originals, originalKey);
  const next = originals.map((o, i) => toOriginal(ids[i]!, o));
  if (sameList(next, move.originals, originalFields)) return move;
  return record(move, now, { kind: 'originals' }, { originals: next });
}

/** Replaces (or, with `append`, adds to) what was provisioned. Unchanged input returns `move`. */
export function recordProvisioned(
  move: Move,
  items: readonly ProvisionedInput[],
  now: Date,
  options: { append?: boolean } = {},
): Move {
  if (options.append) {
    // Each appended line is a new purchase: it never takes over an existing line's id.
    const clash = items.find((x) => move.provisioned.some((p) => p.id === x.id?.trim()));
    if (clash !== undefined) throw new RangeError(`Id already in use: ${String(clash.id)}`);
  }
  // Recording the same order twice (a reload of the confirmation, a second click) appends nothing:
  // a line equal to one already recorded (offer, sku, seats, day) is the same purchase.
  if (options.append) items = items.filter((x) => !move.provisioned.some((p) => p.offer === x.offer.trim() && (p.skuId ?? '') === (x.skuId?.trim() ?? '') && p.seats === x.seats && p.provisionedOn === x.provisionedOn));
  if (options.append && items.length === 0) return move;
  const ids = assignIds('p', move.provisioned, items, options.append ? undefined : provisionedKey);
  const added = items.map((p, i) => toProvisioned(ids[i]!, p));
  const next = options.append ? [...move.provisioned, ...added] : added;
  if (sameList(next, move.provisioned, provisionedFields)) return move;
  return record(move, now, { kind: 'provisioned' }, { provisioned: next });
}

export function setLicensesReassigned(move: Move, value: boolean, now: Date): Move {
  if (move.licensesReassigned === value) return move;
  return record(move, now, { kind: 'licenses-reassigned', value }, { licensesReassigned: value });
}

export function setNotes(move: Move, notes: string, now: Date): Move {
  if (move.notes === notes) return move;
  return record(move, now, { kind: 'notes' }, { notes });
}

/** Changes company name, domain or program; the history note lists the fields that changed. */
export function updateDetails(move: Move, details: MoveDetails, now: Date): Move {
  const changes: Partial<Pick<Move, 'companyName' | 'domain' | 'program'>> = {};
  if (details.companyName !== undefined && details.companyName.trim() !== move.companyName) {
    changes.companyName = details.companyName.trim();
  }
  if (details.domain !== undefined && normaliseDomain(details.domain) !== move.domain) {
    changes.domain = normaliseDomain(details.domain);
  }
  if (details.program !== undefined && checkProgram(details.program) !== move.program) changes.program = details.program;
  const fields = Object.keys(changes);
  if (fields.length === 0) return move;
  return record(move, now, { kind: 'details', note: fields.join(', ') }, changes);
}
