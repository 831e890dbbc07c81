/** The few browser calls the popup makes besides messages: tabs, downloads, file reading. */
import browser from 'webextension-polyfill';
import { customerAccountUrl } from '../core/routes';

export function openInPartnerCenter(customerId: string): void {
  void browser.tabs.create({ url: customerAccountUrl(customerId) });
}

export const TAB_MODE = typeof location !== 'undefined' && new URLSearchParams(location.search).has('tab');

export function openAsTab(): void {
  void browser.tabs.create({ url: browser.runtime.getURL('src/popup/index.html?tab') });
  // The toolbar popup has done its job; a tab opened from a tab stays.
  if (!TAB_MODE) window.close();
}

/** Saves `text` as a file the way a link with `download` does (an object URL, revoked later). */
export function downloadText(text: string, fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
