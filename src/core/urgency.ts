/**
 * The next action for a move and how urgent it is, encoding the seed's advice: provision before the
 * originals expire (late = service gap), do not cancel originals early (no refund), reassign
 * licenses when the offer changed, then close. Codes only: the UI words them (English, zh-TW).
 */
import { addDays, daysBetween, localDay } from './dates';
import type { IsoDate, Move } from './model';
import { moveOfferMatch } from './offers';
import { pathDef, stepDef } from './paths';
import { DEFAULT_RULE_SETTINGS, termDates, type RuleSettings, type TermDates } from './rules';
import { closingGuard, reached } from './steps';

export type ActionKind =
  /** Planned: send the relationship request (due early enough for the customer to accept). */
  | 'request-relationship'
  | 'nudge-customer'
  | 'wait-for-acceptance'
  | 'provision'
  /** Something provisioned, but fewer seats than the originals it carries on. */
  | 'add-seats'
  /** EA channel transfer: schedule the CSP subscriptions' creation at the EA's end. */
  | 'schedule-creation'
  /** Partner transfer: send the transfer request to the other partner. */
  | 'request-transfer'
  | 'wait-for-approval'
  | 'wait-for-ea-end'
  | 'reassign-licenses'
  | 'wait-for-expiry'
  | 'let-originals-end'
  /** An original the customer cancels has no cancellation day yet. */
  | 'set-cancellation-date'
  | 'cancel-originals'
  | 'confirm-originals-ended'
  | 'record-originals'
  | 'close'
  | 'none';

export const ACTION_KINDS: readonly ActionKind[] = [
  'request-relationship',
  'nudge-customer',
  'wait-for-acceptance',
  'provision',
  'add-seats',
  'schedule-creation',
  'request-transfer',
  'wait-for-approval',
  'wait-for-ea-end',
  'reassign-licenses',
  'wait-for-expiry',
  'let-originals-end',
  'set-cancellation-date',
  'cancel-originals',
  'confirm-originals-ended',
  'record-originals',
  'close',
  'none',
];

/** Most urgent first. */
export const URGENCIES = ['overdue', 'urgent', 'soon', 'later', 'none'] as const;
export type Urgency = (typeof URGENCIES)[number];

export interface NextAction {
  kind: ActionKind;
  urgency: Urgency;
  /** The day the action is due (or was: then `daysLeft` is negative). */
  dueOn?: IsoDate;
  daysLeft?: number;
}

export interface UrgencySettings {
  /** Nudge the customer when the relationship request is unanswered for this many days. */
  nudgeAfterDays: number;
  /** Days allowed for acceptance before the suggested provisioning day (default 14). */
  acceptanceDays?: number;
  /** Days before an EA's end date to provision (default 3). */
  eaLeadDays?: number;
}

/** A deadline this close (days, inclusive) is urgent; within SOON_DAYS it is soon. */
export const URGENT_DAYS = 7;
/** Also the window before expiry in which to see to the originals' end (distributors advise 30 days). */
export const SOON_DAYS = 30;

export function ruleSettings(settings: UrgencySettings): RuleSettings {
  return {
    acceptanceDays: settings.acceptanceDays ?? DEFAULT_RULE_SETTINGS.acceptanceDays,
    eaLeadDays: settings.eaLeadDays ?? DEFAULT_RULE_SETTINGS.eaLeadDays,
  };
}

/** The earliest expiry among originals still running: none once the step says they have ended. */
export function earliestExpiry(move: Move): IsoDate | undefined {
  if (reached(move, 'ended')) return undefined;
  return expiries(move)[0];
}

/** The originals' expiry days, earliest first (ISO dates sort as text). */
function expiries(move: Move): IsoDate[] {
  return move.originals.map((o) => o.expiresOn).sort();
}

export function daysToEarliestExpiry(move: Move, today: IsoDate): number | undefined {
  const e = earliestExpiry(move);
  return e === undefined ? undefined : daysBetween(today, e);
}

function byDeadline(daysLeft: number): Urgency {
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= URGENT_DAYS) return 'urgent';
  if (daysLeft <= SOON_DAYS) return 'soon';
  return 'later';
}

function atLeast(u: Urgency, floor: Urgency): Urgency {
  return URGENCIES.indexOf(u) < URGENCIES.indexOf(floor) ? u : floor;
}

function atMost(u: Urgency, ceiling: Urgency): Urgency {
  return URGENCIES.indexOf(u) > URGENCIES.indexOf(ceiling) ? u : ceiling;
}

function due(kind: ActionKind, urgency: Urgency, dueOn: IsoDate, today: IsoDate): NextAction {
  return { kind, urgency, dueOn, daysLeft: daysBetween(today, dueOn) };
}

/**
 * Due on `dueOn` (a target), overdue only once the hard deadline `provisionBy` has passed: a missed
 * target with the deadline ahead is urgent, never yet overdue.
 */
function towards(kind: ActionKind, dueOn: IsoDate, dates: TermDates, today: IsoDate): NextAction {
  const urgency = today > dates.provisionBy ? 'overdue' : atMost(byDeadline(daysBetween(today, dueOn)), 'urgent');
  return due(kind, urgency, dueOn, today);
}

function licensesPending(move: Move): boolean {
  return !move.licensesReassigned && moveOfferMatch(move).needsLicenseReassignment;
}

function whilePlanned(today: IsoDate, dates: TermDates | undefined): NextAction {
  if (dates === undefined) return { kind: 'request-relationship', urgency: 'soon' };
  return towards('request-relationship', dates.requestBy, dates, today);
}

function whileRequested(move: Move, today: IsoDate, settings: UrgencySettings, dates: TermDates | undefined): NextAction {
  const requestedOn = move.stepDates.requested ?? localDay(new Date(move.createdAt));
  const nudgeOn = addDays(requestedOn, settings.nudgeAfterDays);
  const target = dates?.suggestedDay;
  const days = target === undefined ? undefined : daysBetween(today, target);
  // With the suggested day a week away, waiting out the nudge delay would leave no time to provision.
  if (nudgeOn <= today || (days ?? Infinity) <= URGENT_DAYS) {
    const urgency = dates !== undefined && today > dates.provisionBy ? 'overdue' : atLeast(atMost(byDeadline(days ?? Infinity), 'urgent'), 'soon');
    return due('nudge-customer', urgency, nudgeOn <= today ? nudgeOn : today, today);
  }
  if (days === undefined) return { kind: 'record-originals', urgency: 'later' };
  return due('wait-for-acceptance', days <= SOON_DAYS ? 'soon' : 'later', nudgeOn, today);
}

/** An original the customer cancels: its day is asked for, then it drives the action. */
function cancellation(move: Move, today: IsoDate): NextAction | undefined {
  const cancels = move.originals.filter((o) => o.endBy === 'cancel');
  if (cancels.some((o) => o.cancelOn === undefined)) return { kind: 'set-cancellation-date', urgency: 'soon' };
  const next = cancels.map((o) => o.cancelOn!).sort()[0];
  if (next === undefined) return undefined;
  const days = daysBetween(today, next);
  if (days < 0) return due('confirm-originals-ended', 'urgent', next, today);
  if (days > SOON_DAYS) return undefined;
  return due('cancel-originals', days <= URGENT_DAYS ? 'urgent' : 'soon', next, today);
}

function whileProvisioned(move: Move, today: IsoDate, dates: TermDates, expiry: IsoDate): NextAction {
  const def = pathDef(move.path);
  if (def.purchases) {
    const guard = closingGuard(move);
    if (guard?.guard === 'seats-fewer') return towards('add-seats', dates.suggestedDay, dates, today);
    if (guard?.guard === 'nothing-provisioned' && move.path === 'manual') return towards('provision', dates.suggestedDay, dates, today);
  }
  if (licensesPending(move)) {
    return due('reassign-licenses', atLeast(byDeadline(daysBetween(today, expiry)), 'soon'), expiry, today);
  }
  const cancel = cancellation(move, today);
  if (cancel) return cancel;
  const all = expiries(move);
  const next = all.find((d) => d >= today);
  if (next === undefined) return due('confirm-originals-ended', 'urgent', all.at(-1)!, today);
  const days = daysBetween(today, next);
  if (stepDef(move.path, move.step).action === 'wait-for-ea-end') {
    return due('wait-for-ea-end', days <= SOON_DAYS ? 'soon' : 'later', next, today);
  }
  // Far from expiry: wait. Cancelling now would forfeit the rest of the term (no refund).
  if (days > SOON_DAYS) return due('wait-for-expiry', 'later', addDays(next, -SOON_DAYS), today);
  return due('let-originals-end', days <= URGENT_DAYS ? 'urgent' : 'soon', next, today);
}

function whileEnded(move: Move): NextAction {
  // The originals are gone: users of a changed offer are without a license right now.
  if (licensesPending(move)) return { kind: 'reassign-licenses', urgency: 'overdue' };
  if (pathDef(move.path).purchases) {
    const guard = closingGuard(move);
    if (guard?.guard === 'seats-fewer') return { kind: 'add-seats', urgency: 'overdue' };
    if (guard?.guard === 'nothing-provisioned') return { kind: 'provision', urgency: 'overdue' };
  }
  return { kind: 'close', urgency: 'later' };
}

/** What the partner should do next for `move` on `today`, and how urgently. */
export function nextAction(move: Move, today: IsoDate, settings: UrgencySettings): NextAction {
  const def = stepDef(move.path, move.step);
  if (def.phase === 'done') {
    return { kind: 'none', urgency: 'none' };
  }
  if (def.phase === 'ended') return whileEnded(move);
  if (def.phase === 'transferring') return { kind: 'wait-for-approval', urgency: 'later' };
  const expiry = earliestExpiry(move);
  const dates = expiry === undefined ? undefined : termDates(move.program, expiry, ruleSettings(settings));
  if (def.phase === 'planned') return whilePlanned(today, dates);
  if (def.phase === 'requested') return whileRequested(move, today, settings, dates);
  // Without expiry dates nothing else can be planned.
  if (dates === undefined || expiry === undefined) return { kind: 'record-originals', urgency: 'soon' };
  if (def.phase === 'accepted') {
    const kind = def.action === 'schedule-creation' || def.action === 'request-transfer' ? def.action : 'provision';
    return towards(kind, dates.suggestedDay, dates, today);
  }
  return whileProvisioned(move, today, dates, expiry);
}

/** Counts toward the toolbar badge: overdue or urgent, or a customer to nudge. */
export function needsAction(move: Move, today: IsoDate, settings: UrgencySettings): boolean {
  const a = nextAction(move, today, settings);
  return a.urgency === 'overdue' || a.urgency === 'urgent' || a.kind === 'nudge-customer';
}

/** What a move is ranked by (rankMoves): computed once per move, compared many times. */
export interface RankKey {
  urgency: number;
  expiry: string;
  name: string;
  id: string;
}

/** Sorts after every date: moves without an expiry go last. */
const NO_EXPIRY = '\uffff';

const collator = new Intl.Collator();

export function rankKey(move: Move, today: IsoDate, settings: UrgencySettings): RankKey {
  return {
    urgency: URGENCIES.indexOf(nextAction(move, today, settings).urgency),
    expiry: earliestExpiry(move) ?? NO_EXPIRY,
    name: move.companyName,
    id: move.customerId,
  };
}

export function compareKeys(a: RankKey, b: RankKey): number {
  if (a.urgency !== b.urgency) return a.urgency - b.urgency;
  if (a.expiry !== b.expiry) return a.expiry < b.expiry ? -1 : 1;
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Most urgent first; ties by earliest expiry, then company name, then customer id. */
export function compareMoves(a: Move, b: Move, today: IsoDate, settings: UrgencySettings): number {
  return compareKeys(rankKey(a, today, settings), rankKey(b, today, settings));
}

/** `moves` sorted by compareMoves, computing each move's key once (a new array). */
export function rankMoves(moves: readonly Move[], today: IsoDate, settings: UrgencySettings): Move[] {
  return moves
    .map((move) => ({ move, key: rankKey(move, today, settings) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((d) => d.move);
}
