/** UI strings come from `_locales/` through the standard i18n API (en and zh_TW). */
import browser from 'webextension-polyfill';

export function t(key: string, substitutions?: string[]): string {
  try {
    return browser.i18n.getMessage(key, substitutions) || key;
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
