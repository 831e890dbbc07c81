/**
 * Calendar-date arithmetic. An expiry is a day (`YYYY-MM-DD`), not an instant, so all math runs on
 * UTC day numbers: no local time zone or DST transition can shift a date by one.
 */
import type { IsoDate } from './model';

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a valid ISO date, or NaN. */
function dayNumber(date: IsoDate): number {
  const m = ISO_DATE_RE.exec(date);
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Reject 2026-02-30 and friends: Date.UTC rolls them over silently.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return ms / MS_PER_DAY;
}

function fromDayNumber(n: number): IsoDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** True for a real calendar day written `YYYY-MM-DD` (years 1000–9999). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && !Number.isNaN(dayNumber(value)) && value >= '1000';
}

/** Builds an ISO date from parts, or null when the parts are not a real day. */
export function isoDateFromParts(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1000 || year > 9999) return null;
  const s = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(s) ? s : null;
}

/** `to - from` in whole days (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (Number.isNaN(a) || Number.isNaN(b)) throw new RangeError(`Not a calendar date: ${Number.isNaN(a) ? from : to}`);
  return Math.round(b - a);
}

/** The day `n` days after `date` (before, when `n` is negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  const a = dayNumber(date);
  if (Number.isNaN(a)) throw new RangeError(`Not a calendar date: ${date}`);
  return fromDayNumber(a + Math.trunc(n));
}

/** The calendar day of an instant in the user's own time zone (what "today" means to the partner). */
export function localDay(instant: Date): IsoDate {
  return isoDateFromParts(instant.getFullYear(), instant.getMonth() + 1, instant.getDate()) as IsoDate;
}

/** The instant a local calendar day starts, plus `hour` hours (for scheduling alarms at a local time). */
export function localInstant(date: IsoDate, hour = 0): number {
  const n = dayNumber(date);
  if (Number.isNaN(n)) throw new RangeError(`Not a calendar date: ${date}`);
  const d = new Date(n * MS_PER_DAY);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour).getTime();
}
