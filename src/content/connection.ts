/**
 * The content script's link to the background, and orphan detection: after the extension is
 * reloaded or updated under an open tab, this script lives on but every extension API throws
 * "Extension context invalidated". We then abort everything, remove our UI and go quiet.
 */
import { nativeBrowser } from '../shared/native';
import { createClient, isChangeNotice } from '../shared/client';
import type { MessageType, RequestOf, ResponseOf } from '../shared/protocol';
import type { Runtime } from 'webextension-polyfill';

// Native namespace, not the polyfill: see shared/native.ts (content-script size budget).
const browser = nativeBrowser();

const life = new AbortController();
/** Aborted when this script is orphaned: the parent of every page's signal. */
export const lifetime = life.signal;

export function isOrphaned(): boolean {
  try {
    return !browser.runtime?.id;
  } catch {
    return true;
  }
}

export function goQuiet(): void {
  if (life.signal.aborted) return;
  life.abort();
  for (const el of document.querySelectorAll('[data-csp-move]')) el.remove();
}

/** Checks for orphaning; true when the script may go on. */
export function alive(): boolean {
  if (isOrphaned()) goQuiet();
  return !life.signal.aborted;
}

const post = createClient((message) => browser.runtime.sendMessage(message));

/** The shared typed client, quiet once the script is orphaned. */
export async function send<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  if (!alive()) throw new Error('orphaned');
  try {
    return await post(type, payload);
  } catch (err) {
    if (!alive()) throw new Error('orphaned');
    throw err;
  }
}

type Listener = (ids: string[] | 'all') => void;
const listeners = new Set<Listener>();
let listening = false;

/** Calls `listener` when the background says moves changed; stops on abort. */
export function onMovesChanged(listener: Listener, signal: AbortSignal): void {
  if (!listening) {
    listening = true;
    const handler = (message: unknown) => {
      if (isChangeNotice(message)) for (const l of listeners) l(message.customerIds);
    };
    browser.runtime.onMessage.addListener(handler);
    lifetime.addEventListener('abort', () => {
      try {
        browser.runtime.onMessage.removeListener(handler);
      } catch {
        /* context gone */
      }
    });
    void send('tab/watch', {}).catch(() => undefined);
  }
  listeners.add(listener);
  signal.addEventListener('abort', () => listeners.delete(listener));
}

/** A port to the background named `name`, or undefined once orphaned (then everything goes quiet). */
export function connect(name: string): Runtime.Port | undefined {
  if (!alive()) return undefined;
  try {
    return browser.runtime.connect({ name });
  } catch {
    alive();
    return undefined;
  }
}
