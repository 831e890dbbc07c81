/**
 * Run by i18n.test.ts in a child process with TZ set (a zone cannot be switched reliably inside a
 * test worker): formats days with shared/i18n for an English and a Traditional Chinese browser.
 * Prints one JSON object.
 */
import { localDay, localInstant } from '../../src/core/dates';
import type * as I18n from '../../src/shared/i18n';
import { getMessage, type Locale } from './i18n-messages';

const DAYS = JSON.parse(process.argv[2] ?? '[]') as string[];

// webextension-polyfill hands back an existing `browser`; its i18n answers for the browser set below.
let current: { ui: string; locale: Locale } = { ui: 'en-US', locale: 'en' };
const g = globalThis as Record<string, unknown>;
g.chrome = { runtime: { id: 'probe' } };
g.browser = { runtime: { id: 'probe' }, i18n: { getMessage: (n: string, s?: string[]) => getMessage(current.locale, n, s), getUILanguage: () => current.ui } };

/** A fresh copy of shared/i18n for a browser in `ui` showing `locale`. */
async function i18nFor(ui: string, locale: Locale) {
  current = { ui, locale };
  const mod = (await import(`../../src/shared/i18n.ts?${locale}`)) as typeof I18n;
  mod.formatDay('2000-01-01'); // the format is made on first use: make it now, for this browser
  return mod;
}

const en = await i18nFor('en-US', 'en');
const zh = await i18nFor('zh-TW', 'zh_TW');
const offsets = [0, 6].map((month) => new Date(2026, month, 15).getTimezoneOffset());
const formatted = DAYS.map((d) => ({ day: d, en: en.formatDay(d), zh: zh.formatDay(d) }));
// Today as the extension works it out from the clock, at several hours of the local day.
const today = DAYS.flatMap((d) => [0, 1, 12, 23].map((h) => ({ day: d, hour: h, en: en.formatDay(localDay(new Date(localInstant(d, h) + 59 * 60_000))) })));
process.stdout.write(JSON.stringify({ offsets, formatted, today }));
