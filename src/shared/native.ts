/**
 * The browser's own extension namespace (`browser` in Firefox, `chrome` in Chrome and Edge),
 * without webextension-polyfill. Used where size matters and the polyfill adds nothing: the content
 * script (it runs on every Partner Center page, budget 12 kB gzip) calls only APIs that are already
 * promise-based (`runtime.sendMessage`) or synchronous (`runtime.id`, `i18n.*`) in both.
 * Extension pages and the background keep the polyfill (`import browser from 'webextension-polyfill'`).
 */
import type { Browser } from 'webextension-polyfill';

export function nativeBrowser(): Browser {
  const g = globalThis as unknown as { browser?: Browser; chrome?: Browser };
  return (g.browser ?? g.chrome) as Browser;
}
