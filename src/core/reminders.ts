/**
 * Reminders only where a decision is due, computed rather than stored. Each reminder names its
 * reason (its kind), the deadline it is about and who must act:
 * - `provision-by`: nothing provisioned yet; on the suggested provisioning day and on the last day
 *   before users lose access (the dates are the rules' business: `facts.ts`);
 * - `original-ends`: an original ends (expires, or the customer cancels it): `leadDays` before and on
 *   the day itself; who acts depends on how it ends and on the program;
 * - `window-closes`: the day before the new-commerce cancel window closes, when what was bought
 *   differs from the originals (a cancel or a seat reduction is still possible);
 * - `request-nudge` / `request-expires`: the relationship request is unanswered after the nudge
 *   delay; a GDAP request expires 90 days after it was sent (reminded 7 days before).
 *
 * What the partner did about a reminder is the only stored part (`ReminderState`): acknowledged
 * subjects never fire again; a snoozed subject fires once on its new day. A subject is one decision
 * (kind, customer, item, deadline): a new deadline (an edited date) is a new decision.
 */
import { addDays, daysBetween, localDay, localInstant } from './dates';
import type { EndBy, IsoDate } from './model';

/** Distributors remind at 60/30 or 60/35/7 days; partners ask for several. Lead 0 is always added. */
export const DEFAULT_LEAD_DAYS: readonly number[] = [60, 30, 14, 7, 1];

/** Most urgent kind first (ties between equal deadlines). */
export const REMINDER_KINDS = ['provision-by', 'original-ends', 'window-closes', 'request-expires', 'request-nudge'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * Who must act on the decision: the partner, the customer, nobody (it ends by itself: check it does),
 * or unknown (no program recorded, so whether it renews by itself is not known).
 */
export type Actor = 'partner' | 'customer' | 'nobody' | 'unknown';

/** GDAP relationship requests expire after 90 days (docs/portal-facts.md, "Pages and fields"). */
export const REQUEST_EXPIRY_DAYS = 90;
/** The unanswered request's expiry is reminded this many days before. */
export const REQUEST_EXPIRY_NOTICE_DAYS = 7;
/** Snoozes the partner can choose. */
export const SNOOZE_DAYS = [1, 3, 7] as const;
export type SnoozeDays = (typeof SNOOZE_DAYS)[number];
/** Reminders are due from 09:00 local time on their day. */
export const REMINDER_HOUR = 9;

/** One original's end, as the reminders need it. */
export interface EndingOriginal {
  id: string;
  offer: string;
  /** The day it ends: its end date, or the day the customer cancels it. */
  endsOn: IsoDate;
  endBy: EndBy;
  actor: Actor;
}

/**
 * What a move's reminders are computed from: the move's own facts and the dates its path and
 * program's rules give (see facts.ts, which builds this from a move).
 */
export interface DecisionFacts {
  customerId: string;
  companyName: string;
  /** The move is done: no reminder at all. */
  done: boolean;
  /** The originals are recorded as ended: no reminder about them. */
  originalsEnded: boolean;
  /** The day the relationship request was sent, while it waits for the customer's answer. */
  requestedOn?: IsoDate;
  /** Nothing provisioned yet: the suggested day and the hard deadline. */
  provision?: { suggestedDay: IsoDate; provisionBy: IsoDate };
  /** A purchase that differs from the originals: the last day it can be cancelled or reduced. */
  windowCloses?: IsoDate;
  originals: readonly EndingOriginal[];
}

export interface ReminderSettings {
  leadDays: readonly number[];
  nudgeAfterDays: number;
}

export interface Reminder {
  /** This occurrence: the subject and the day it is due. */
  key: string;
  /** The decision: acknowledging or snoozing applies to it (every occurrence). */
  subject: string;
  kind: ReminderKind;
  customerId: string;
  companyName: string;
  /** The original it is about (`original-ends`). */
  originalId?: string;
  offer?: string;
  endBy?: EndBy;
  /** The day the decision is about. */
  deadline: IsoDate;
  /** The day it is due (before any snooze). */
  remindOn: IsoDate;
  actor: Actor;
}

export interface ReminderState {
  /** The last reminder day already checked (reminders up to it have been shown). */
  lastCheckedDay?: IsoDate;
  /**
   * Subjects shown at the checks of `lastCheckedDay`. A reminder can fall due on a day after that
   * day's check (an original recorded at 14:00 that ends in 7 days): it is still owed, once.
   */
  shownOnLastDay?: string[];
  /** Subjects the partner has seen to: never again. */
  acknowledged: string[];
  /** Subject → the day it fires again (once). */
  snoozed: Record<string, IsoDate>;
}

export const EMPTY_REMINDER_STATE: Readonly<ReminderState> = Object.freeze({ acknowledged: [], snoozed: {} });

const FIRST_DAY = '1000-01-01';

export function subjectOf(kind: ReminderKind, customerId: string, item: string, deadline: IsoDate): string {
  return `${kind}/${customerId}/${item}/${deadline}`;
}

/** The usable lead days: whole, not negative, without repeats, with 0 added; largest first. */
function leads(leadDays: readonly number[]): number[] {
  return [...new Set([...leadDays, 0])].filter((n) => Number.isSafeInteger(n) && n >= 0).sort((a, b) => b - a);
}

/** Whether `day - n` is still a representable day. */
function fits(day: IsoDate, n: number): boolean {
  return daysBetween(FIRST_DAY, day) >= n;
}

/** Every reminder of one move (each occurrence), before acknowledgements and snoozes. */
export function remindersOf(f: DecisionFacts, settings: ReminderSettings): Reminder[] {
  if (f.done) return [];
  const out: Reminder[] = [];
  const base = { customerId: f.customerId, companyName: f.companyName };
  const add = (kind: ReminderKind, item: string, deadline: IsoDate, remindOn: IsoDate, actor: Actor, extra: Partial<Reminder> = {}) => {
    // The nudge and the expiry notice are one decision (the customer has not answered): one subject.
    const subject = subjectOf(kind === 'request-nudge' ? 'request-expires' : kind, f.customerId, item, deadline);
    out.push({ key: `${subject}@${remindOn}`, subject, kind, ...base, ...extra, deadline, remindOn, actor });
  };
  if (f.provision) {
    const { suggestedDay, provisionBy } = f.provision;
    if (suggestedDay < provisionBy) add('provision-by', 'csp', provisionBy, suggestedDay, 'partner');
    add('provision-by', 'csp', provisionBy, provisionBy, 'partner');
  }
  if (!f.originalsEnded) {
    for (const o of f.originals) {
      for (const lead of leads(settings.leadDays)) {
        if (!fits(o.endsOn, lead)) continue;
        add('original-ends', o.id, o.endsOn, addDays(o.endsOn, -lead), o.actor, { originalId: o.id, offer: o.offer, endBy: o.endBy });
      }
    }
  }
  if (f.windowCloses !== undefined && fits(f.windowCloses, 1)) add('window-closes', 'csp', f.windowCloses, addDays(f.windowCloses, -1), 'partner');
  if (f.requestedOn !== undefined) {
    const expires = addDays(f.requestedOn, REQUEST_EXPIRY_DAYS);
    const nudge = addDays(f.requestedOn, settings.nudgeAfterDays);
    const notice = addDays(expires, -REQUEST_EXPIRY_NOTICE_DAYS);
    // A nudge later than the expiry notice would only repeat it.
    if (nudge < notice) add('request-nudge', 'request', expires, nudge, 'customer');
    add('request-expires', 'request', expires, notice, 'customer');
  }
  return out;
}

const collator = new Intl.Collator();

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Most urgent first: nearest deadline, then kind, then company, then the unique key. */
export function byUrgency(a: Reminder, b: Reminder): number {
  // ISO days compare as strings: no parsing in a sort over thousands of reminders.
  return (
    cmp(a.deadline, b.deadline) ||
    REMINDER_KINDS.indexOf(a.kind) - REMINDER_KINDS.indexOf(b.kind) ||
    collator.compare(a.companyName, b.companyName) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/**
 * The days each subject fires on, given its snooze: a snoozed subject fires on the snooze day, and
 * after it only on its own later days (the ones before were put off, not repeated).
 */
function fireDays(occurrences: readonly Reminder[], snoozedTo: IsoDate | undefined): Array<{ r: Reminder; on: IsoDate }> {
  if (snoozedTo === undefined) return occurrences.map((r) => ({ r, on: r.remindOn }));
  const later = occurrences.filter((r) => r.remindOn > snoozedTo).map((r) => ({ r, on: r.remindOn }));
  // The snooze day fires as the latest occurrence due by then (the closest to the deadline).
  const upTo = occurrences.filter((r) => r.remindOn <= snoozedTo).at(-1) ?? occurrences[0];
  return upTo ? [{ r: upTo, on: snoozedTo }, ...later] : later;
}

function bySubject(reminders: readonly Reminder[]): Map<string, Reminder[]> {
  const map = new Map<string, Reminder[]>();
  for (const r of reminders) {
    const list = map.get(r.subject);
    if (list) list.push(r);
    else map.set(r.subject, [r]);
  }
  for (const list of map.values()) if (list.length > 1) list.sort((a, b) => cmp(a.remindOn, b.remindOn));
  return map;
}

/**
 * Reminders to show now: those firing in (lastCheckedDay, today] or owed from the last checked day
 * (due after its check: `owed`), not acknowledged, at most one
 * per subject (the one closest to its deadline), so days missed while the browser was closed fire
 * once rather than in a burst. Never checked before: only today's. Most urgent first.
 */
export function dueReminders(all: readonly Reminder[], state: ReminderState, today: IsoDate): Reminder[] {
  const acknowledged = new Set(state.acknowledged);
  const shown = new Set(state.shownOnLastDay);
  const out: Reminder[] = [];
  for (const [subject, occurrences] of bySubject(all)) {
    if (acknowledged.has(subject)) continue;
    let last: Reminder | undefined;
    for (const { r, on } of fireDays(occurrences, state.snoozed[subject])) {
      if (on <= today && owed(on, subject, state, shown, today)) last = r;
    }
    if (last) out.push(last);
  }
  return out.sort(byUrgency);
}

/**
 * Whether a firing on `on` has not been shown yet: after the last checked day, or on that day
 * but after its check. Never checked before: only today's (earlier days are not a backlog).
 */
function owed(on: IsoDate, subject: string, state: ReminderState, shown: ReadonlySet<string>, today: IsoDate): boolean {
  const last = state.lastCheckedDay;
  if (last === undefined) return on >= today;
  // No list: a check recorded before the list existed, taken to have shown all of its day.
  return on > last || (on === last && state.shownOnLastDay !== undefined && !shown.has(subject));
}

/** The state after the check of `day` showed `due`: that day is checked, and what it showed is remembered. */
export function checked(state: ReminderState, day: IsoDate, due: readonly Reminder[]): ReminderState {
  const before = state.lastCheckedDay === day ? (state.shownOnLastDay ?? []) : [];
  return { ...state, lastCheckedDay: day, shownOnLastDay: [...new Set([...before, ...due.map((r) => r.subject)])] };
}

/**
 * The reminders standing on `today` (for the popup and the overlay): per subject, the latest
 * occurrence already due, unless acknowledged or snoozed past today. Most urgent first.
 */
export function standingReminders(all: readonly Reminder[], state: ReminderState, today: IsoDate): Reminder[] {
  const acknowledged = new Set(state.acknowledged);
  const out: Reminder[] = [];
  for (const [subject, occurrences] of bySubject(all)) {
    if (acknowledged.has(subject)) continue;
    const snoozed = state.snoozed[subject];
    if (snoozed !== undefined && snoozed > today) continue;
    const last = occurrences.filter((r) => r.remindOn <= today).at(-1);
    if (last) out.push(last);
  }
  return out.sort(byUrgency);
}

/**
 * The next day something fires, for the single alarm: the first day after `today`, or `today` (or
 * earlier) itself when something became due after that day's check and is still owed.
 */
export function nextReminderDay(all: readonly Reminder[], state: ReminderState, today: IsoDate): IsoDate | undefined {
  const acknowledged = new Set(state.acknowledged);
  const shown = new Set(state.shownOnLastDay);
  let next: IsoDate | undefined;
  for (const [subject, occurrences] of bySubject(all)) {
    if (acknowledged.has(subject)) continue;
    for (const { on } of fireDays(occurrences, state.snoozed[subject])) {
      const pending = on > today || owed(on, subject, state, shown, today);
      if (pending && (next === undefined || on < next)) next = on;
    }
  }
  return next;
}

/** The state after acknowledging `subjects`: they never fire again (and lose any snooze). */
export function acknowledge(state: ReminderState, subjects: readonly string[]): ReminderState {
  const snoozed = { ...state.snoozed };
  for (const s of subjects) delete snoozed[s];
  return { ...state, acknowledged: [...new Set([...state.acknowledged, ...subjects])], snoozed };
}

/** The state after snoozing `subjects` for `days` from the partner's `today`: each fires once on that day. */
export function snooze(state: ReminderState, subjects: readonly string[], days: SnoozeDays, today: IsoDate): ReminderState {
  if (!(SNOOZE_DAYS as readonly number[]).includes(days)) throw new RangeError(`Not a snooze: ${String(days)} days`);
  const until = addDays(today, days);
  const snoozed = { ...state.snoozed };
  for (const s of subjects) snoozed[s] = until;
  return { ...state, snoozed };
}

/**
 * Acknowledgements and snoozes that still name a live subject (storage would otherwise only grow);
 * a snooze whose day has been checked has fired and is dropped.
 */
export function pruneState(state: ReminderState, all: readonly Reminder[]): ReminderState {
  const live = new Set(all.map((r) => r.subject));
  const snoozed: Record<string, IsoDate> = {};
  for (const [s, day] of Object.entries(state.snoozed)) {
    if (live.has(s) && (state.lastCheckedDay === undefined || day > state.lastCheckedDay)) snoozed[s] = day;
  }
  const shownOnLastDay = state.shownOnLastDay?.filter((s) => live.has(s));
  return { ...state, acknowledged: [...new Set(state.acknowledged)].filter((s) => live.has(s)), snoozed, ...(shownOnLastDay ? { shownOnLastDay } : {}) };
}

/**
 * The day whose reminders are due at `now` (local time): before 09:00, today's have not started.
 * Local, because "today" is the partner's day wherever the partner is.
 */
export function reminderDayAt(now: Date): IsoDate {
  const today = localDay(now);
  return now.getTime() >= localInstant(today, REMINDER_HOUR) ? today : addDays(today, -1);
}

/** What is due per day over `days` days from `today` (the popup's "next 4 weeks"): deadlines, one per subject. */
export function dueByDay(all: readonly Reminder[], state: ReminderState, today: IsoDate, days: number): Map<IsoDate, Reminder[]> {
  const acknowledged = new Set(state.acknowledged);
  const out = new Map<IsoDate, Reminder[]>();
  for (let i = 0; i < days; i++) out.set(addDays(today, i), []);
  // Every occurrence of a subject shares its deadline: one per subject, no sorting needed.
  const seen = new Set<string>();
  for (const r of all) {
    const day = out.get(r.deadline);
    // Outside the window first: most of 10,000 moves' reminders are, and need no set of subjects.
    if (!day || seen.has(r.subject) || acknowledged.has(r.subject)) continue;
    seen.add(r.subject);
    day.push(r);
  }
  for (const list of out.values()) list.sort(byUrgency);
  return out;
}
