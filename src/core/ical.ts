/**
 * The expiry calendar: an iCalendar (.ics) file of every original subscription's expiry date and of
 * the reminders before it, plus the other decisions' deadlines and reminders (provision by, the
 * new-commerce cancel window, the relationship request's expiry: `decisionEvents`), for the
 * partner's own calendar (Outlook, Google, Apple...).
 *
 * Decisions:
 * - Moves at step `done` are skipped; every other move contributes all of its originals, whatever
 *   their `endBy`.
 * - One all-day expiry event per original, ALWAYS (also when the day has passed: the move is still
 *   open, the date is a fact the partner needs to see).
 * - One all-day reminder event per original and lead day, `lead` days before the expiry. Lead days
 *   that are not whole numbers from 1 to {@link MAX_LEAD_DAYS} are ignored, duplicates collapse.
 *   Reminders falling before `now`'s local calendar day are left out (a reminder in the past is
 *   noise); a reminder falling on that day is kept.
 * - All-day events are `DTSTART;VALUE=DATE` / `DTEND;VALUE=DATE` (the next day), computed on
 *   calendar days, so no time zone can shift them; they are transparent (FREE), not busy time.
 * - Stable UIDs `<customerId>-<originalId>-<leadDays>@csp-move-assistant` (0 = the expiry itself;
 *   ids are URI-encoded), and `SEQUENCE` = whole minutes since 1970 at `now` and
 *   `DTSTAMP` = `now`: importing a newer export updates the events instead of duplicating them.
 * - Summary: `Expires: <offer> — <company>` and
 *   `Reminder: <offer> — <company> expires in <n> days (<date>)`, on one line (line breaks → spaces).
 *   Description: company (domain), offer, SKU, seats, expiry date, the next-step advice for the
 *   move's step, customer id and the Partner Center account URL (also in `URL`).
 * - Text is normalised (CRLF/CR → LF, other control characters dropped) and escaped by `ics`.
 * - An original without a valid expiry date, or any error reported by `ics`, throws an `Error`
 *   with a clear message (an invalid `now` throws the RangeError of `localDay`).
 * - Cost: `ics` validates and folds every event, about 0.5 ms per event (8,000 events ≈ 4–5 s on a
 *   slow machine): run it off the UI's critical path for very large portfolios.
 */
import { createEvents, type DateArray, type EventAttributes } from 'ics';
import { customerAccountUrl } from './routes';
import type { IsoDate, Move, OriginalSubscription } from './model';
import { addDays, localDay } from './dates';
import { decisionFacts } from './facts';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from './rules';
import { remindersOf, type Reminder, type ReminderKind } from './reminders';
import { timelineDates } from './timeline';

export const ICS_PRODUCT_ID = 'csp-move-assistant';
export const ICS_CALENDAR_NAME = 'CSP Move Assistant: expiries';
export const UID_DOMAIN = 'csp-move-assistant';
/** Longest reminder lead accepted, in days. */
export const MAX_LEAD_DAYS = 366;


/** The stable UID of an original's expiry event (`leadDays` 0) or of a reminder `leadDays` before it. */
export function expiryEventUid(customerId: string, originalId: string, leadDays: number): string {
  return `${encodeURIComponent(customerId)}-${encodeURIComponent(originalId)}-${leadDays}@${UID_DOMAIN}`;
}

/** The next-step advice for an original, by the move's step (English). */
export function nextStepAdvice(move: Move, original: OriginalSubscription): string {
  switch (move.step) {
    case 'requested':
      return 'Next step: make sure the customer accepts the reseller relationship request, then provision the same offers in CSP before this date.';
    case 'accepted':
      return 'Next step: provision the same offer and seats in CSP before this date, so users keep their licenses without reassignment.';
    case 'provisioned':
      return original.endBy === 'cancel'
        ? 'Next step: the customer cancels this original subscription near this date (cancelled subscriptions get no refund; until then both are billed).'
        : 'Next step: let this original subscription expire on this date; do not cancel it early (cancelled subscriptions get no refund).';
    default:
      return 'Next step: check that the customer continues on the CSP subscriptions, then mark the move done.';
  }
}

/** CRLF and lone CR become LF; other control characters (except tab and LF) are dropped. */
function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
}

/** Summaries are one line: line breaks become spaces. */
function oneLine(text: string): string {
  return cleanText(text).replace(/\n+/g, ' ');
}

function toDateArray(date: IsoDate): DateArray {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

function uniqueLeads(leadDays: readonly number[]): number[] {
  const valid = leadDays.filter((n) => Number.isInteger(n) && n >= 1 && n <= MAX_LEAD_DAYS);
  return [...new Set(valid)].sort((a, b) => b - a);
}

function description(move: Move, original: OriginalSubscription): string {
  const sku = original.skuId === undefined || original.skuId === '' ? '' : ` (SKU ${original.skuId})`;
  return cleanText(
    [
      `${move.companyName}${move.domain === '' ? '' : ` (${move.domain})`}`,
      `Original subscription: ${original.offer}${sku}, ${original.seats} seats, expires on ${original.expiresOn}.`,
      nextStepAdvice(move, original),
      `Customer ID: ${move.customerId}`,
      `Partner Center: ${customerAccountUrl(move.customerId)}`,
    ].join('\n'),
  );
}

/** The decision kinds besides an original's end (which has its own events above), in calendar words. */
const DEADLINE_TITLE: Record<Exclude<ReminderKind, 'original-ends'>, string> = {
  'provision-by': 'Provision by',
  'window-closes': 'Cancel window closes',
  'request-nudge': 'Relationship request expires',
  'request-expires': 'Relationship request expires',
};
const REMINDER_TITLE: Record<Exclude<ReminderKind, 'original-ends'>, string> = {
  'provision-by': 'Reminder: provision in CSP',
  'window-closes': 'Reminder: last day to cancel or reduce seats tomorrow',
  'request-nudge': 'Reminder: the customer has not accepted the relationship request',
  'request-expires': 'Reminder: the relationship request expires in 7 days',
};

/**
 * The same decisions the reminders are about: one all-day event per deadline (provision by, the
 * cancel window's last day, the request's expiry), one per reminder day not yet past, and the
 * new-commerce cancel window as a span. Stable UIDs `<customer>-<kind>-<day>[-<remind day>]`.
 */
function decisionEvents(move: Move, today: IsoDate, common: object, nudgeAfterDays: number, rules: RuleSettings): EventAttributes[] {
  const out: EventAttributes[] = [];
  const url = customerAccountUrl(move.customerId);
  const who = oneLine(move.companyName || move.customerId);
  const base = `Customer ID: ${move.customerId}\nPartner Center: ${url}`;
  const day = (d: IsoDate, title: string, uid: string, description: string): EventAttributes =>
    ({ ...common, uid: `${encodeURIComponent(move.customerId)}-${uid}@${UID_DOMAIN}`, title, description, url, start: toDateArray(d), end: toDateArray(addDays(d, 1)) }) as EventAttributes;
  const seen = new Set<string>();
  const rs = remindersOf(decisionFacts(move, rules), { leadDays: [], nudgeAfterDays }).filter(
    (r): r is Reminder & { kind: Exclude<ReminderKind, 'original-ends'> } => r.kind !== 'original-ends',
  );
  for (const r of rs) {
    if (!seen.has(r.subject)) {
      seen.add(r.subject);
      out.push(day(r.deadline, `${DEADLINE_TITLE[r.kind]}: ${who} (${r.deadline})`, `${r.kind === 'request-nudge' ? 'request-expires' : r.kind}-${r.deadline}`, base));
    }
    if (r.remindOn !== r.deadline && r.remindOn >= today) out.push(day(r.remindOn, `${REMINDER_TITLE[r.kind]} — ${who}`, `${r.kind}-${r.deadline}-${r.remindOn}`, base));
  }
  const w = timelineDates(move, today).window;
  if (w) {
    out.push({
      ...common,
      uid: `${encodeURIComponent(move.customerId)}-cancel-window-${w.from}@${UID_DOMAIN}`,
      title: `New-commerce cancel window: ${who} (until ${w.to})`,
      description: `Cancel with a prorated refund, or reduce seats, until ${w.to}; afterwards no refund.\n${base}`,
      url,
      start: toDateArray(w.from),
      end: toDateArray(addDays(w.to, 1)),
    } as EventAttributes);
  }
  return out;
}

/**
 * Builds the expiry calendar (see the module comment for every rule).
 * @param leadDays reminder lead times in days, e.g. `[60, 30, 7]`
 * @param now the export instant: "today" for past reminders, DTSTAMP and SEQUENCE
 */
export function expiriesToIcs(moves: readonly Move[], leadDays: readonly number[], now: Date, options: { nudgeAfterDays?: number; rules?: RuleSettings } = {}): string {
  const today = localDay(now);
  const leads = uniqueLeads(leadDays);
  const common = {
    timestamp: now.getTime(),
    sequence: Math.floor(now.getTime() / 60_000),
    transp: 'TRANSPARENT',
    busyStatus: 'FREE',
  } as const;
  const events: EventAttributes[] = [];

  for (const move of moves) {
    if (move.step === 'done') continue;
    for (const original of move.originals) {
      const shift = (days: number): IsoDate => {
        try {
          return addDays(original.expiresOn, days);
        } catch {
          throw new Error(
            `Cannot build the expiry calendar: original ${JSON.stringify(original.id)} of customer ${move.customerId} has no valid expiry date (${JSON.stringify(original.expiresOn)}).`,
          );
        }
      };
      const end = toDateArray(shift(1));
      const what = oneLine(`${original.offer} — ${move.companyName}`);
      const body = description(move, original);
      const url = customerAccountUrl(move.customerId);

      const expiry: EventAttributes & { timestamp: number } = {
        ...common,
        uid: expiryEventUid(move.customerId, original.id, 0),
        title: `Expires: ${what}`,
        description: body,
        url,
        start: toDateArray(original.expiresOn),
        end,
      };
      events.push(expiry);

      for (const lead of leads) {
        const day = shift(-lead);
        if (day < today) continue;
        const reminder: EventAttributes & { timestamp: number } = {
          ...common,
          uid: expiryEventUid(move.customerId, original.id, lead),
          title: `Reminder: ${what} expires in ${lead} ${lead === 1 ? 'day' : 'days'} (${original.expiresOn})`,
          description: body,
          url,
          start: toDateArray(day),
          end: toDateArray(shift(1 - lead)),
        };
        events.push(reminder);
      }
    }
  }

  for (const move of moves) events.push(...decisionEvents(move, today, common, options.nudgeAfterDays ?? 14, options.rules ?? DEFAULT_RULE_SETTINGS));

  const { error, value } = createEvents(events, { productId: ICS_PRODUCT_ID, calName: ICS_CALENDAR_NAME });
  if (error !== null || value === null) {
    throw new Error(`Cannot build the expiry calendar: ${error === null ? 'no output' : error.message}`, { cause: error });
  }
  return value;
}
