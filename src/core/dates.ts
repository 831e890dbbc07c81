/**
 * Calendar-date arithmetic. An expiry is a day (`YYYY-MM-DD`), not an instant, so all math runs on
 * UTC day numbers: no local time zone or DST transition can shift a date by one.
 */
import type { IsoDate } from './model';

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const MS_PER_DAY = 86_400_000;
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

/**
 * Parsed days, remembered: ranking 10,000 moves parses the same few hundred dates tens of thousands
 * of times (the popup's first render and the badge count wait on it). Bounded, so it cannot grow
 * without limit in a long-lived page.
 */
const parsed = new Map<string, number>();
const PARSED_MAX = 20_000;

/** Days since 1970-01-01 for a valid ISO date, or NaN. */
function dayNumber(date: IsoDate): number {
  const known = parsed.get(date);
  if (known !== undefined) return known;
  const n = parseDayNumber(date);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(date, n);
  return n;
}

function parseDayNumber(date: IsoDate): number {
  if (typeof date !== 'string') return NaN;
  const m = ISO_DATE_RE.exec(date);
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR) return NaN;
  const ms = Date.UTC(y, mo - 1, d);
  // Reject 2026-02-30 and friends: Date.UTC rolls an impossible day or month into another month.
  if (new Date(ms).getUTCMonth() !== mo - 1) return NaN;
  return ms / MS_PER_DAY;
}

function fromDayNumber(n: number): IsoDate {
  const d = new Date(n * MS_PER_DAY);
  const year = d.getUTCFullYear();
  // toISOString would write '+010000-01-01' past year 9999: a string no other function here accepts.
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) throw new RangeError('Date out of range (years 1000–9999)');
  return d.toISOString().slice(0, 10);
}

function assertDay(date: IsoDate): number {
  const n = dayNumber(date);
  if (Number.isNaN(n)) throw new RangeError(`Not a calendar date: ${date}`);
  return n;
}

/** True for a real calendar day written `YYYY-MM-DD` (years 1000–9999). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && !Number.isNaN(dayNumber(value));
}

/** True for an instant as `Date.prototype.toISOString` writes it (UTC, `Z`), naming a real time. */
export function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_INSTANT_RE.test(value)) return false;
  const ms = Date.parse(value);
  // Date.parse accepts 2026-02-30T…; the round trip through the date part rejects it.
  return !Number.isNaN(ms) && isIsoDate(value.slice(0, 10)) && new Date(ms).toISOString().slice(0, 10) === value.slice(0, 10);
}

/** Builds an ISO date from parts, or null when the parts are not a real day. */
export function isoDateFromParts(year: number, month: number, day: number): IsoDate | null {
  // Fractions, NaN, negative or 3- and 5-digit years all fail isIsoDate's pattern.
  const s = `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(s) ? s : null;
}

/** `to - from` in whole days (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return assertDay(to) - assertDay(from);
}

/** The day `n` days after `date` (before, when `n` is negative). `n` must be a whole number. */
export function addDays(date: IsoDate, n: number): IsoDate {
  const a = assertDay(date);
  // Silently truncating 1.5 (or NaN) would hide a caller's bug behind a plausible date.
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return fromDayNumber(a + n);
}

/** The calendar day of an instant in the user's own time zone (what "today" means to the partner). */
export function localDay(instant: Date): IsoDate {
  const day = isoDateFromParts(instant.getFullYear(), instant.getMonth() + 1, instant.getDate());
  if (day === null) throw new RangeError(`Not a usable instant: ${String(instant)}`);
  return day;
}

/**
 * The instant a local calendar day starts, plus `hour` hours (for scheduling alarms at a local time).
 * Where DST skips local midnight (e.g. São Paulo before 2019) the day starts at 01:00: still that day.
 */
export function localInstant(date: IsoDate, hour = 0): number {
  const n = assertDay(date);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`Not an hour of the day: ${hour}`);
  const d = new Date(n * MS_PER_DAY);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour).getTime();
}
