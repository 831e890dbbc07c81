/**
 * Reminders before expiries, with ONE alarm for the next due time (alarms are capped at 500 and
 * cleared on update, so they are re-armed from stored state at every worker start).
 * A reminder is due at 09:00 local time on its day; reminders missed while the browser was closed
 * fire once on the next start (dueReminders collapses them per original), never in a burst.
 */
import browser from 'webextension-polyfill';
import { addDays, localDay, localInstant } from '../core/dates';
import type { IsoDate } from '../core/model';
import { dueReminders, nextReminderDay, pruneAcknowledged, remindersFor, type Reminder } from '../core/reminders';
import { nextAction } from '../core/urgency';
import { t, tn } from '../shared/i18n';
import type { MoveStore } from './store';

export const REMINDER_ALARM = 'reminders';
export const MIDNIGHT_ALARM = 'midnight';
export const REMINDER_HOUR = 9;
/** More due at once than this and the partner gets one summary instead of a wall of notifications. */
const MAX_SEPARATE = 3;

export function customerUrl(customerId: string): string {
  return `https://partner.microsoft.com/dashboard/v2/customers/${encodeURIComponent(customerId)}/account`;
}

/** The day whose reminders are due by `now`: before 09:00, today's have not started yet. */
export function reminderDay(now: Date): IsoDate {
  const today = localDay(now);
  return now.getTime() >= localInstant(today, REMINDER_HOUR) ? today : addDays(today, -1);
}

/**
 * One alarm at 09:00 on the next reminder day (`next`, when the caller already knows it), and one
 * at local midnight for the badge.
 */
export async function armAlarms(store: MoveStore, now: Date, next = nextReminderDay(store.all(), store.getSettings().leadDays, reminderDay(now))): Promise<void> {
  if (next) {
    const when = localInstant(next, REMINDER_HOUR);
    const existing = await browser.alarms.get(REMINDER_ALARM);
    if (!existing || existing.scheduledTime !== when) await browser.alarms.create(REMINDER_ALARM, { when });
  } else {
    await browser.alarms.clear(REMINDER_ALARM);
  }
  const midnight = localInstant(addDays(localDay(now), 1), 0);
  const m = await browser.alarms.get(MIDNIGHT_ALARM);
  if (!m || m.scheduledTime !== midnight) await browser.alarms.create(MIDNIGHT_ALARM, { when: midnight });
}

/** Shows the reminders due since the last check, then records the check. */
export async function fireDueReminders(store: MoveStore, now: Date): Promise<Reminder[]> {
  const settings = store.getSettings();
  const state = store.getReminderState();
  const day = reminderDay(now);
  const due = dueReminders(store.all(), settings.leadDays, state.lastCheckedDay, day, new Set(state.acknowledged));
  if (settings.notificationsOn && due.length) await notify(store, due, day);
  await store.setReminderState({ ...state, lastCheckedDay: day });
  return due;
}

async function notify(store: MoveStore, due: Reminder[], day: IsoDate): Promise<void> {
  const settings = store.getSettings();
  const iconUrl = browser.runtime.getURL('icons/icon-128.png');
  if (due.length > MAX_SEPARATE) {
    await browser.notifications.create('reminders:summary', {
      type: 'basic',
      iconUrl,
      title: tn('notifySummaryTitle', due.length),
      message: due.slice(0, 5).map((r) => `${r.companyName}: ${r.offer} (${r.expiresOn})`).join('\n'),
    });
    return;
  }
  for (const r of due) {
    const move = store.get(r.customerId);
    const action = move ? nextAction(move, day, settings) : undefined;
    const title =
      r.leadDays === 0
        ? t('notifyExpiresToday', [r.companyName, r.offer])
        : tn('notifyExpiresIn', r.leadDays, [r.companyName, r.offer, String(r.leadDays)]);
    await browser.notifications.create(`reminder:${r.customerId}:${r.originalId}`, {
      type: 'basic',
      iconUrl,
      title,
      message: `${t('notifyExpiresOn', [r.expiresOn])}\n${action ? t(`action_${action.kind}`) : ''}`.trim(),
      // Edge and Chrome show buttons; Firefox ignores them (the click still opens the customer).
      ...(browser.runtime.getURL('').startsWith('chrome-extension:') ? { buttons: [{ title: t('notifyAcknowledge') }] } : {}),
    });
  }
}

/** Click on a reminder: open that customer in Partner Center. Summary: open the popup page. */
export async function onNotificationClicked(id: string): Promise<void> {
  await browser.notifications.clear(id);
  const [kind, customerId] = id.split(':');
  if (kind === 'reminder' && customerId) await browser.tabs.create({ url: customerUrl(customerId) });
  else await browser.tabs.create({ url: browser.runtime.getURL('src/popup/index.html') });
}

/**
 * "Acknowledge": the partner has seen to this original subscription; stop reminding about it
 * (until its expiry date changes, which makes new reminder keys).
 */
export async function onNotificationButton(store: MoveStore, id: string): Promise<void> {
  await browser.notifications.clear(id);
  const [kind, customerId, originalId] = id.split(':');
  const move = kind === 'reminder' && customerId ? store.get(customerId) : undefined;
  if (!move) return;
  const leadDays = store.getSettings().leadDays;
  const keys = remindersFor(move, leadDays)
    .filter((r) => r.originalId === originalId)
    .map((r) => r.key);
  const state = store.getReminderState();
  const acknowledged = pruneAcknowledged([...state.acknowledged, ...keys], store.all(), leadDays);
  await store.setReminderState({ ...state, acknowledged });
}
