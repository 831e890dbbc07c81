/** The real public/_locales messages and an emulation of Chrome's `i18n.getMessage` over them (for i18n tests). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const LOCALES = ['en', 'zh_TW'] as const;
export type Locale = (typeof LOCALES)[number];

export interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Messages = Record<string, Message>;

const root = fileURLToPath(new URL('../../', import.meta.url));
export const messages = Object.fromEntries(
  LOCALES.map((l) => [l, JSON.parse(readFileSync(`${root}public/_locales/${l}/messages.json`, 'utf8')) as Messages]),
) as Record<Locale, Messages>;

/** Chrome's getMessage: case-insensitive names, named placeholders, then $1…$9, `$$` for `$`; '' when missing. */
export function getMessage(locale: Locale, name: string, subs?: string | string[]): string {
  const list = typeof subs === 'string' ? [subs] : (subs ?? []);
  const entry = Object.entries(messages[locale]).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  if (!entry) return '';
  const defs = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  const positional = (s: string) => s.replace(/\$\$|\$([1-9])/g, (_m, d: string | undefined) => (d ? (list[Number(d) - 1] ?? '') : '$'));
  return positional(entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_m, n: string) => defs[n.toLowerCase()] ?? ''));
}
