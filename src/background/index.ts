/**
 * The service worker. Listeners are registered synchronously at top level (MV3 requirement: the
 * worker may be stopped after 30 s idle and woken by any of these events). All state is in storage;
 * `store` is rebuilt from it on every start, and alarms are re-armed from it too.
 */
import browser from 'webextension-polyfill';
import { localDay } from '../core/dates';
import type { ChangeNotice } from '../shared/client';
import { showBadge } from './badge';
import { dispatch, type Context } from './handlers';
import { DueIndex } from './due-index';
import { MIDNIGHT_ALARM, REMINDER_ALARM, armAlarms, fireDueReminders, onNotificationButton, onNotificationClicked, reminderDay } from './scheduler';
import { clockOffset, clockReady, now as clockNow } from './clock';
import { MoveStore } from './store';
import { loadProductTable } from '../shared/product-table';
import { BADGES_PORT } from '../shared/badge-facts';
import { TrackedFacts } from './tracked-facts';

const store = new MoveStore();
const WATCHED_TABS_KEY = 'watchedTabs';

/**
 * Offer matches (the badge's next actions, the closing guard) judge by Microsoft's product table, as
 * the offer warning does: read it first (tens of milliseconds at start). Unreadable: the catalogue's
 * matching stands.
 */
const productTable = loadProductTable().then(() => undefined, report);

const due = new DueIndex();
/** Moves changed since the last refresh ('all' after a restore or a settings change). */
let pendingChanges: Set<string> | 'all' = 'all';

/** Store, product table and clock are read: a change can be shown as soon as it is written. */
let warm = false;

async function refresh(): Promise<void> {
  await store.ready;
  await productTable;
  await clockReady;
  warm = true;
  const now = showChanges();
  await armAlarms(store, now, due.nextReminder(), clockOffset());
}

/** The pending changes into the due index, the tabs' badge facts and the toolbar badge. */
function showChanges(): Date {
  const now = clockNow();
  const changed = pendingChanges;
  pendingChanges = new Set();
  due.update(store.map(), changed, localDay(now), reminderDay(now), store.getSettings(), store.getReminderState());
  pushBadgeFacts(changed, localDay(now));
  void showBadge(due.badge(), store.problems.length > 0).catch(report);
  return now;
}

/** The Partner Center tabs showing badges: each holds every tracked move's badge fact. */
const badgePorts = new Set<browser.Runtime.Port>();
const trackedFacts = new TrackedFacts();

function pushBadgeFacts(changed: Set<string> | 'all', today: string): void {
  if (!badgePorts.size) return;
  const message = trackedFacts.push(store.map(), changed, today, store.getSettings());
  if (message.type === 'badges/delta' && !message.removed.length && !Object.keys(message.set).length) return;
  for (const port of badgePorts) post(port, message);
}

function post(port: browser.Runtime.Port, message: unknown): void {
  try {
    port.postMessage(message);
  } catch {
    badgePorts.delete(port); // The tab went away between its disconnect and this push.
  }
}

// A tab asks for the badge facts by connecting; it gets them all, then what each write changes.
// The port does not keep the worker alive: when it stops, the tab keeps its facts and connects
// again at the next change notice or when it is shown (content/tracked.ts).
browser.runtime.onConnect.addListener((port) => {
  if (port.name !== BADGES_PORT) return;
  badgePorts.add(port);
  port.onDisconnect.addListener(() => badgePorts.delete(port));
  void (async () => {
    await store.ready;
    await productTable;
    await clockReady;
    if (badgePorts.has(port)) post(port, trackedFacts.all(store.map(), localDay(clockNow()), store.getSettings()));
  })().catch(report);
});

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
/** Coalesces a burst of changes into one badge and alarm update. */
function scheduleRefresh(ids: string[] | 'all' = 'all'): void {
  if (ids === 'all' || pendingChanges === 'all') pendingChanges = 'all';
  else for (const id of ids) pendingChanges.add(id);
  // The toolbar badge and the tabs' badges go out with the reply, not a task later: behind a
  // popup's queued list pages that task waited up to tens of milliseconds. The alarms can wait.
  // Never into the request: its write is done; a failure is reported and the refresh does it all again.
  if (warm) {
    try {
      showChanges();
    } catch (err) {
      pendingChanges = 'all';
      report(err);
    }
  }
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refresh().catch(report), 0);
}

async function watchedTabs(): Promise<number[]> {
  const got = (await browser.storage.session.get(WATCHED_TABS_KEY)) as Record<string, number[] | undefined>;
  return got[WATCHED_TABS_KEY] ?? [];
}

let tabEdits: Promise<unknown> = Promise.resolve();
/** Read-modify-write of the watched tabs, one at a time (two tabs saying hello at once both stay). */
function editWatchedTabs(edit: (tabs: number[]) => number[]): void {
  tabEdits = tabEdits
    .then(async () => {
      const tabs = await watchedTabs();
      const next = edit(tabs);
      if (next.length !== tabs.length || next.some((t, i) => t !== tabs[i])) await browser.storage.session.set({ [WATCHED_TABS_KEY]: next });
    })
    .catch(report);
}

/** Targeted change notices: open extension pages, and the Partner Center tabs that asked for them. */
async function notifyChanged(customerIds: string[] | 'all'): Promise<void> {
  const notice: ChangeNotice = { type: 'moves/changed', customerIds: customerIds === 'all' || customerIds.length > 200 ? 'all' : customerIds };
  browser.runtime.sendMessage(notice).catch(() => undefined); // No page open: nothing to tell.
  const tabs = await watchedTabs();
  const gone: number[] = [];
  await Promise.all(tabs.map((id) => browser.tabs.sendMessage(id, notice).catch(() => gone.push(id))));
  if (gone.length) editWatchedTabs((current) => current.filter((id) => !gone.includes(id)));
}

const ctx: Context = {
  store,
  now: clockNow,
  changed: (ids) => {
    scheduleRefresh(ids);
    void notifyChanged(ids).catch(report);
  },
  watchTab: (tabId) => editWatchedTabs((tabs) => (tabs.includes(tabId) ? tabs : [...tabs, tabId])),
  clicks: {
    // The extension's own session storage (gone when the browser closes), one key per tab, at most
    // 100 customers each: never the portal's sessionStorage, which the page's scripts share.
    remember: async (tabId, customerId, entry) => {
      const key = `clicked:${tabId}`;
      const got = ((await browser.storage.session.get(key)) as Record<string, Record<string, { companyName: string; domain: string }> | undefined>)[key] ?? {};
      delete got[customerId];
      const next = Object.fromEntries([...Object.entries(got), [customerId, entry]].slice(-100));
      await browser.storage.session.set({ [key]: next });
    },
    recall: async (tabId, customerId) => {
      const key = `clicked:${tabId}`;
      const got = ((await browser.storage.session.get(key)) as Record<string, Record<string, { companyName: string; domain: string }> | undefined>)[key];
      return got?.[customerId] ?? null;
    },
  },
};

browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(`clicked:${tabId}`).catch(report));

let firing: Promise<unknown> = Promise.resolve();
/** Start-up and a missed alarm can both ask at once: one check at a time, so nothing fires twice. */
function fireReminders(): Promise<unknown> {
  firing = firing.then(async () => {
    await clockReady;
    await fireDueReminders(store, clockNow());
  }).catch(report);
  return firing;
}

function report(err: unknown): void {
  console.warn('[csp-move]', err);
}

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  // Notices are for pages, not for us; anything else is a request.
  if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'moves/changed') return undefined;
  return productTable.then(() => dispatch(message, ctx, sender));
});

browser.alarms.onAlarm.addListener((alarm) => {
  void (async () => {
    await store.ready;
    if (alarm.name === REMINDER_ALARM) await fireReminders();
    await refresh();
  })().catch(report);
  if (alarm.name !== REMINDER_ALARM && alarm.name !== MIDNIGHT_ALARM) void browser.alarms.clear(alarm.name);
});

browser.notifications.onClicked.addListener((id) => void onNotificationClicked(id).catch(report));
browser.notifications.onButtonClicked?.addListener((id, index) => {
  void (async () => {
    await store.ready;
    await clockReady;
    const ids = await onNotificationButton(store, id, index, clockNow());
    if (ids.length) ctx.changed(ids);
  })().catch(report);
});

browser.runtime.onInstalled.addListener(() => void refresh().catch(report));
browser.runtime.onStartup.addListener(() => {
  // Reminders missed while the browser was closed: once, now.
  void store.ready.then(fireReminders).then(refresh).catch(report);
});

// Every worker start (install, update, wake-up): badge and alarms from stored state.
void refresh().catch(report);
