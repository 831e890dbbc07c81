/**
 * Expiry reminders, computed rather than stored: every original of a running move is reminded
 * `leadDays` before it expires and on the day itself. The background arms one alarm for the next
 * reminder day and, when it fires (or the browser wakes after missing it), asks what is due.
 */
import { addDays, daysBetween } from './dates';
import type { IsoDate, Move } from './model';
import { stepIndex } from './steps';

/** Distributors remind at 60/30 or 60/35/7 days; partners ask for several. Lead 0 is always added. */
export const DEFAULT_LEAD_DAYS: readonly number[] = [60, 30, 14, 7, 1];

export interface Reminder {
  /** Identifies this reminder for acknowledgement; changes when the expiry changes. */
  key: string;
  customerId: string;
  companyName: string;
  originalId: string;
  offer: string;
  expiresOn: IsoDate;
  /** Days before the expiry (0 = the day itself). */
  leadDays: number;
  remindOn: IsoDate;
}

const FIRST_DAY = '1000-01-01';

export function reminderKey(customerId: string, originalId: string, expiresOn: IsoDate, leadDays: number): string {
  return `${customerId}/${originalId}/${expiresOn}/${leadDays}`;
}

/** The usable lead days: whole, not negative, without repeats, with 0 added; largest first. */
function leads(leadDays: readonly number[]): number[] {
  return [...new Set([...leadDays, 0])].filter((n) => Number.isSafeInteger(n) && n >= 0).sort((a, b) => b - a);
}

/** Every reminder of `move`'s originals; none once the originals have ended (or the move is done). */
export function remindersFor(move: Move, leadDays: readonly number[]): Reminder[] {
  if (stepIndex(move.step) >= stepIndex('originals-ended')) return [];
  const usable = leads(leadDays);
  const out: Reminder[] = [];
  for (const o of move.originals) {
    for (const lead of usable) {
      // A reminder before the first representable day cannot be scheduled (nor be useful).
      if (daysBetween(FIRST_DAY, o.expiresOn) < lead) continue;
      out.push({
        key: reminderKey(move.customerId, o.id, o.expiresOn, lead),
        customerId: move.customerId,
        companyName: move.companyName,
        originalId: o.id,
        offer: o.offer,
        expiresOn: o.expiresOn,
        leadDays: lead,
        remindOn: addDays(o.expiresOn, -lead),
      });
    }
  }
  return out;
}

const collator = new Intl.Collator();

/** Soonest expiry first, then company, then customer id and original id (via the unique key). */
function byExpiry(a: Reminder, b: Reminder): number {
  return daysBetween(b.expiresOn, a.expiresOn) || collator.compare(a.companyName, b.companyName) || (a.key < b.key ? -1 : 1);
}

/**
 * Reminders to show now: those whose day falls in (lastCheckedDay, today] and are not acknowledged,
 * at most one per original (the one closest to its expiry), so days missed while the browser was
 * closed fire once rather than in a burst. Never checked before: only today's. Soonest expiry first.
 */
export function dueReminders(
  moves: readonly Move[],
  leadDays: readonly number[],
  lastCheckedDay: IsoDate | undefined,
  today: IsoDate,
  acknowledged: ReadonlySet<string>,
): Reminder[] {
  const perOriginal = new Map<string, Reminder>();
  for (const move of moves) {
    for (const r of remindersFor(move, leadDays)) {
      const inWindow = lastCheckedDay === undefined ? r.remindOn === today : r.remindOn > lastCheckedDay && r.remindOn <= today;
      if (!inWindow || acknowledged.has(r.key)) continue;
      // remindersFor lists lead days largest first: the last one due is the closest to the expiry.
      perOriginal.set(`${r.customerId}/${r.originalId}`, r);
    }
  }
  return [...perOriginal.values()].sort(byExpiry);
}

/** The first reminder day strictly after `today` (for the single alarm), if any. */
export function nextReminderDay(moves: readonly Move[], leadDays: readonly number[], today: IsoDate): IsoDate | undefined {
  let next: IsoDate | undefined;
  for (const move of moves) {
    for (const r of remindersFor(move, leadDays)) {
      if (r.remindOn > today && (next === undefined || r.remindOn < next)) next = r.remindOn;
    }
  }
  return next;
}

/** The acknowledged keys that still name a reminder (storage would otherwise only ever grow). */
export function pruneAcknowledged(acknowledged: Iterable<string>, moves: readonly Move[], leadDays: readonly number[]): string[] {
  const live = new Set<string>();
  for (const move of moves) for (const r of remindersFor(move, leadDays)) live.add(r.key);
  return [...new Set(acknowledged)].filter((k) => live.has(k));
}
