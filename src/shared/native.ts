/**
 * The browser's own extension namespace (`browser` in Firefox, `chrome` in Chrome and Edge),
 * without webextension-polyfill. Used where size matters and the polyfill adds nothing: the content
 * script (it runs on every Partner Center page, budget 12 kB gzip) calls only APIs that are already
 * promise-based (`runtime.sendMessage`) or synchronous (`runtime.id`, `i18n.*`) in both.
 * Extension pages and the background keep the polyfill (`import browser from 'webextension-polyfill'`).
 */
import type { Browser } from 'webextension-polyfill';

// By name: the `chrome` global is typed as Chrome's own namespace, while both namespaces serve the
// calls we make as the polyfill's types describe them (see above).
const lookUp = (name: string): Browser | undefined => Reflect.get(globalThis, name);

export function nativeBrowser(): Browser {
  return (lookUp('browser') ?? lookUp('chrome'))!;
}
