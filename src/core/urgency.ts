/**
 * The next action for a move and how urgent it is, encoding the seed's advice: provision before the
 * originals expire (late = service gap), do not cancel originals early (no refund), reassign
 * licenses when the offer changed, then close. Codes only: the UI words them (English, zh-TW).
 */
import { addDays, daysBetween, localDay } from './dates';
import type { IsoDate, Move } from './model';
import { moveOfferMatch } from './offers';
import { stepIndex } from './steps';

export type ActionKind =
  /** For a customer not tracked yet (UI only: a move starts once the request is sent). */
  | 'request-relationship'
  | 'nudge-customer'
  | 'wait-for-acceptance'
  | 'provision'
  | 'reassign-licenses'
  | 'wait-for-expiry'
  | 'let-originals-end'
  | 'confirm-originals-ended'
  | 'record-originals'
  | 'close'
  | 'none';

export const ACTION_KINDS: readonly ActionKind[] = [
  'request-relationship',
  'nudge-customer',
  'wait-for-acceptance',
  'provision',
  'reassign-licenses',
  'wait-for-expiry',
  'let-originals-end',
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
  /** Aim to provision this many days before the earliest expiry (default 0: by the expiry day). */
  provisionLeadDays?: number;
}

/** A deadline this close (days, inclusive) is urgent; within SOON_DAYS it is soon. */
export const URGENT_DAYS = 7;
/** Also the window before expiry in which to see to the originals' end (distributors advise 30 days). */
export const SOON_DAYS = 30;

/** The earliest expiry among originals still running: none once the step says they have ended. */
export function earliestExpiry(move: Move): IsoDate | undefined {
  if (stepIndex(move.step) >= stepIndex('originals-ended')) return undefined;
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

function due(kind: ActionKind, urgency: Urgency, dueOn: IsoDate, today: IsoDate): NextAction {
  return { kind, urgency, dueOn, daysLeft: daysBetween(today, dueOn) };
}

function licensesPending(move: Move): boolean {
  return !move.licensesReassigned && moveOfferMatch(move).needsLicenseReassignment;
}

function whileRequested(move: Move, today: IsoDate, settings: UrgencySettings, expiry: IsoDate | undefined): NextAction {
  const requestedOn = move.stepDates.requested ?? localDay(new Date(move.createdAt));
  const nudgeOn = addDays(requestedOn, settings.nudgeAfterDays);
  const days = expiry === undefined ? undefined : daysBetween(today, expiry);
  // With an expiry a week away, waiting out the nudge delay would leave no time to provision.
  if (nudgeOn <= today || (days ?? Infinity) <= URGENT_DAYS) {
    return due('nudge-customer', atLeast(byDeadline(days ?? Infinity), 'soon'), nudgeOn <= today ? nudgeOn : today, today);
  }
  if (days === undefined) return { kind: 'record-originals', urgency: 'later' };
  return due('wait-for-acceptance', days <= SOON_DAYS ? 'soon' : 'later', nudgeOn, today);
}

function whileProvisioned(move: Move, today: IsoDate, expiry: IsoDate): NextAction {
  if (licensesPending(move)) {
    return due('reassign-licenses', atLeast(byDeadline(daysBetween(today, expiry)), 'soon'), expiry, today);
  }
  const all = expiries(move);
  const next = all.find((d) => d >= today);
  if (next === undefined) return due('confirm-originals-ended', 'urgent', all.at(-1)!, today);
  const days = daysBetween(today, next);
  // Far from expiry: wait. Cancelling now would forfeit the rest of the term (no refund).
  if (days > SOON_DAYS) return due('wait-for-expiry', 'later', addDays(next, -SOON_DAYS), today);
  return due('let-originals-end', days <= URGENT_DAYS ? 'urgent' : 'soon', next, today);
}

/** What the partner should do next for `move` on `today`, and how urgently. */
export function nextAction(move: Move, today: IsoDate, settings: UrgencySettings): NextAction {
  if (move.step === 'done') return { kind: 'none', urgency: 'none' };
  if (move.step === 'originals-ended') {
    // The originals are gone: users of a changed offer are without a license right now.
    return licensesPending(move) ? { kind: 'reassign-licenses', urgency: 'overdue' } : { kind: 'close', urgency: 'later' };
  }
  const expiry = earliestExpiry(move);
  if (move.step === 'requested') return whileRequested(move, today, settings, expiry);
  // Without expiry dates nothing else can be planned.
  if (expiry === undefined) return { kind: 'record-originals', urgency: 'soon' };
  if (move.step === 'accepted') {
    const dueOn = addDays(expiry, -(settings.provisionLeadDays ?? 0));
    return due('provision', byDeadline(daysBetween(today, dueOn)), dueOn, today);
  }
  return whileProvisioned(move, today, expiry);
}

/** Counts toward the toolbar badge: overdue or urgent, or a customer to nudge. */
export function needsAction(move: Move, today: IsoDate, settings: UrgencySettings): boolean {
  const a = nextAction(move, today, settings);
  return a.urgency === 'overdue' || a.urgency === 'urgent' || a.kind === 'nudge-customer';
}

interface RankKey {
  urgency: number;
  expiry: string;
  name: string;
  id: string;
}

/** Sorts after every date: moves without an expiry go last. */
const NO_EXPIRY = '\uffff';

const collator = new Intl.Collator();

function rankKey(move: Move, today: IsoDate, settings: UrgencySettings): RankKey {
  return {
    urgency: URGENCIES.indexOf(nextAction(move, today, settings).urgency),
    expiry: earliestExpiry(move) ?? NO_EXPIRY,
    name: move.companyName,
    id: move.customerId,
  };
}

function compareKeys(a: RankKey, b: RankKey): number {
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
