/** UI strings come from `_locales/` through the standard i18n API (en and zh_TW). */
import browser from 'webextension-polyfill';

/**
 * A UI string. Message names may only hold [A-Za-z0-9_], so codes such as `originals-ended`
 * are looked up with `-` read as `_`.
 */
export function t(key: string, substitutions?: string[]): string {
  try {
    return browser.i18n.getMessage(key.replace(/-/g, '_'), substitutions) || key;
  } catch {
    // The context was invalidated (extension updated under an open tab): show the key, never throw.
    return key;
  }
}

export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

let dateFormat: Intl.DateTimeFormat | undefined;
/** A calendar date for the UI language. Formatted in UTC so the day never shifts. */
export function formatDay(isoDate: string): string {
  dateFormat ??= new Intl.DateTimeFormat(uiLanguage(), { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(ms) ? isoDate : dateFormat.format(ms);
}
