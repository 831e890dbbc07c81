/**
 * The background's clock: the real time, plus an offset the end-to-end tests set to live through
 * "tomorrow" (a 1-day snooze firing the next day) without waiting a day. The offset lives in
 * `storage.session`, which only the extension's own pages and worker can reach (content scripts
 * cannot: its access level is left at TRUSTED_CONTEXTS), and is gone when the browser closes.
 */
import browser from 'webextension-polyfill';

export const CLOCK_OFFSET_KEY = 'clockOffsetMs';
let offsetMs = 0;

function read(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Loaded before the first use (awaited by every caller that reads the time). */
export const clockReady: Promise<void> = browser.storage.session
  .get(CLOCK_OFFSET_KEY)
  .then((got) => {
    offsetMs = read((got as Record<string, unknown>)[CLOCK_OFFSET_KEY]);
  })
  .catch(() => undefined);

// The session area's own event: a listener on `storage.onChanged` would have the browser copy the
// old and new value of every `storage.local` write (a whole move) into the worker for nothing.
browser.storage.session.onChanged.addListener((changes) => {
  if (CLOCK_OFFSET_KEY in changes) offsetMs = read(changes[CLOCK_OFFSET_KEY]?.newValue);
});

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** The offset itself (alarms are set on the real clock). */
export function clockOffset(): number {
  return offsetMs;
}
