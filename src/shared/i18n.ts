/**
 * UI strings come from `_locales/` through the standard i18n API (en and zh_TW). The i18n API is
 * synchronous and the same everywhere, so this uses the native namespace (no polyfill in the
 * content script's bundle).
 */
import { daysBetween } from '../core/dates';
import { nativeBrowser } from './native';

/**
 * Messages already asked for: each ask is a call into the browser, and a page view asks for the
 * same few again and again (every render of the overlay, every badge). The messages do not change
 * while the page lives; the cache is bounded (values substituted in, such as dates, vary).
 */
const said = new Map<string, string>();
const SAID_LIMIT = 500;

/**
 * A UI string. Message names may only hold [A-Za-z0-9_], so codes such as `originals-ended`
 * are looked up with `-` read as `_`.
 */
export function t(key: string, substitutions?: string[]): string {
  const id = substitutions?.length ? `${key}\u0000${substitutions.join('\u0000')}` : key;
  const kept = said.get(id);
  if (kept !== undefined) return kept;
  let text: string;
  try {
    text = nativeBrowser().i18n.getMessage(key.replace(/-/g, '_'), substitutions) || key;
  } catch {
    // The context was invalidated (extension updated under an open tab): show the key, never throw.
    return key;
  }
  if (said.size >= SAID_LIMIT) said.clear();
  said.set(id, text);
  return text;
}

export function uiLanguage(): string {
  try {
    return nativeBrowser().i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

/**
 * The locale dates and numbers are formatted for: the browser's UI language when our messages are
 * in that language (en-GB keeps its day-month order), else the language of the messages actually
 * shown (a zh-CN browser gets the English messages, so English dates rather than Chinese dates in
 * English sentences). `localeTag` is each messages.json's own BCP 47 tag.
 */
export function formatLocale(): string {
  const messages = t('localeTag');
  const ui = uiLanguage().replace(/_/g, '-');
  const sameLanguage = `${ui.toLowerCase()}-`.startsWith(`${messages.toLowerCase()}-`);
  const candidates = messages === 'localeTag' ? [ui] : sameLanguage ? [ui, messages] : [messages];
  for (const tag of candidates) {
    try {
      return Intl.DateTimeFormat.supportedLocalesOf(tag)[0] ?? new Intl.Locale(tag).toString();
    } catch {
      // Not a well-formed tag: try the next one.
    }
  }
  return 'en';
}

let dateFormat: Intl.DateTimeFormat | undefined;
/**
 * A calendar date (`YYYY-MM-DD`) for the UI language. Formatted in UTC so the day never shifts
 * with the time zone; anything that is not a real calendar date is shown as given.
 */
export function formatDay(isoDate: string): string {
  dateFormat ??= new Intl.DateTimeFormat(formatLocale(), { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? Date.parse(`${isoDate}T00:00:00Z`) : NaN;
  // Date.parse rolls 2026-02-30 over to 2 March: only a date that reads back the same is real.
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDate ? isoDate : dateFormat.format(ms);
}

let numberFormat: Intl.NumberFormat | undefined;
/** A count (seats, days) for the UI language: grouping separators, the locale's digits. */
export function formatNumber(n: number): string {
  numberFormat ??= new Intl.NumberFormat(formatLocale(), { maximumFractionDigits: 0 });
  return numberFormat.format(n);
}

let pluralRules: Intl.PluralRules | undefined;
/**
 * A message that counts something: `key_one`, `key_other`… chosen by the plural rules of the
 * language the messages are written in (en: one/other; zh-TW has no plural form, only `other`).
 * `subs` default to the formatted count as $1; pass them when the count sits elsewhere. A locale
 * without the category's message falls back to `key_other`.
 */
export function tn(key: string, count: number, subs: string[] = [formatNumber(count)]): string {
  if (!pluralRules) {
    try {
      pluralRules = new Intl.PluralRules(t('localeTag'));
    } catch {
      pluralRules = new Intl.PluralRules('en');
    }
  }
  const name = `${key}_${pluralRules.select(count)}`;
  const chosen = t(name, subs);
  return chosen === name ? t(`${key}_other`, subs) : chosen;
}

/** Relative days are shown only this close: "in 2016 days" says less than the date itself. */
export const RELATIVE_DAYS = 60;
let relativeFormat: Intl.RelativeTimeFormat | undefined;
/**
 * A day in words: always the date, and within 60 days of `today` how far it is ("Dec 12, 2026 (in
 * 14 days)", "Nov 28, 2026 (today)"; zh-TW "2026年12月12日（14 天後）"), worded by the locale's own
 * relative-time rules (plurals included).
 */
export function dayWords(isoDate: string, today: string): string {
  const date = formatDay(isoDate);
  let days: number;
  try {
    days = daysBetween(today, isoDate);
  } catch {
    return date; // Not a calendar day: shown as given.
  }
  if (Math.abs(days) > RELATIVE_DAYS) return date;
  relativeFormat ??= new Intl.RelativeTimeFormat(formatLocale(), { numeric: 'auto' });
  return t('dayWithRelative', [date, relativeFormat.format(days, 'day')]);
}

/** When an action is due: "By Dec 12, 2026 (in 14 days)", or once past "Was due Nov 3, 2026 (25 days ago)". */
export function dueWords(dueOn: string, today: string): string {
  return t(dueOn >= today ? 'dueBy' : 'dueWas', [dayWords(dueOn, today)]);
}
