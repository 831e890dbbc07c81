/**
 * Reminders where a decision is due, with ONE alarm for the next due time (alarms are capped at 500
 * and cleared on update, so they are re-armed from stored state at every worker start).
 * A reminder is due at 09:00 local time on its day; reminders missed while the browser was closed
 * fire once on the next start (dueReminders collapses them per decision), never in a burst.
 * One due: one notification with "acknowledge" and "snooze 1 day" buttons. Several: ONE summary
 * naming the count and the most urgent, whose buttons act on all of them.
 */
import browser from 'webextension-polyfill';
import { customerAccountUrl } from '../core/routes';
import { addDays, localDay, localInstant } from '../core/dates';
import { decisionFacts } from '../core/facts';
import type { IsoDate, Move } from '../core/model';
import { ruleSettings, type UrgencySettings } from '../core/urgency';
import {
  REMINDER_HOUR,
  acknowledge,
  checked,
  dueReminders,
  nextReminderDay,
  pruneState,
  reminderDayAt,
  remindersOf,
  snooze,
  type Reminder,
  type ReminderSettings,
  type SnoozeDays,
} from '../core/reminders';
import { t, tn } from '../shared/i18n';
import { reminderReason, reminderTitle } from '../shared/reminder-text';
import type { MoveStore } from './store';

export const REMINDER_ALARM = 'reminders';
export const MIDNIGHT_ALARM = 'midnight';
export { REMINDER_HOUR };
/** Notification ids: `reminder|<subject>` for one, `reminders|summary` for several. */
export const SINGLE_PREFIX = 'reminder|';
export const SUMMARY_ID = 'reminders|summary';
/** storage.session: the subjects each shown notification stands for (its buttons act on them after a worker restart). */
const SHOWN_KEY = 'notifiedSubjects';

/** The day whose reminders are due by `now`: before 09:00, today's have not started yet. */
export const reminderDay = reminderDayAt;

/**
 * A stored move's reminders, per settings object. Stored moves and settings are replaced, never
 * changed in place, so the pair is the key: at 10,000 moves computing them all took ~450 ms and
 * the popup's next weeks asked for it at every open; now only changed moves are computed again.
 */
const remindersByMove = new WeakMap<Move, { settings: object; reminders: Reminder[] }>();

/** Every reminder of one move (each occurrence). Treat the result as read-only (it is shared). */
export function moveReminders(move: Move, settings: ReminderSettings & UrgencySettings): Reminder[] {
  const known = remindersByMove.get(move);
  if (known?.settings === settings) return known.reminders;
  const reminders = remindersOf(decisionFacts(move, ruleSettings(settings)), settings);
  remindersByMove.set(move, { settings, reminders });
  return reminders;
}

export function allReminders(moves: readonly Move[], settings: ReminderSettings & UrgencySettings): Reminder[] {
  return moves.flatMap((m) => moveReminders(m, settings));
}

/**
 * One alarm at 09:00 on the next reminder day (`next`, when the caller already knows it: `null`
 * for none, so that no pass over every move is made), and one at local midnight for the badge.
 * `offsetMs`: the test clock's offset (clock.ts); alarms run on the real clock.
 */
export async function armAlarms(store: MoveStore, now: Date, next?: IsoDate | null, offsetMs = 0): Promise<void> {
  if (next === undefined) next = nextReminderDay(allReminders(store.all(), store.getSettings()), store.getReminderState(), reminderDay(now));
  if (next) {
    // Owed today (it fell due after today's check): now, on the real clock.
    const owedNow = next <= reminderDay(now);
    const when = owedNow ? Date.now() : localInstant(next, REMINDER_HOUR) - offsetMs;
    const existing = await browser.alarms.get(REMINDER_ALARM);
    const keep = existing && (owedNow ? existing.scheduledTime <= when + 1000 : existing.scheduledTime === when);
    if (!keep) await browser.alarms.create(REMINDER_ALARM, { when });
  } else {
    await browser.alarms.clear(REMINDER_ALARM);
  }
  const midnight = localInstant(addDays(localDay(now), 1), 0) - offsetMs;
  const m = await browser.alarms.get(MIDNIGHT_ALARM);
  if (!m || m.scheduledTime !== midnight) await browser.alarms.create(MIDNIGHT_ALARM, { when: midnight });
}

/**
 * Shows the reminders due since the last check, then records the check. In that order: a worker
 * stopped in between shows them again at the next check under the same notification ids (which
 * replace, not add), and a recorded check always means its notifications are out.
 */
export async function fireDueReminders(store: MoveStore, now: Date): Promise<Reminder[]> {
  const settings = store.getSettings();
  const day = reminderDay(now);
  const all = allReminders(store.all(), settings);
  const due = dueReminders(all, store.getReminderState(), day);
  if (settings.notificationsOn && due.length) await notify(due);
  await store.editReminderState((state) => pruneState(checked(state, day, due), all));
  return due;
}

function buttons(): { buttons?: Array<{ title: string }> } {
  // Edge and Chrome show buttons (two at most); Firefox ignores them (the popup and overlay do the rest).
  return browser.runtime.getURL('').startsWith('chrome-extension:')
    ? { buttons: [{ title: t('notifyAcknowledge') }, { title: t('notifySnooze1') }] }
    : {};
}

async function remember(id: string, subjects: string[]): Promise<void> {
  const got = (await browser.storage.session.get(SHOWN_KEY)) as Record<string, Record<string, string[]> | undefined>;
  await browser.storage.session.set({ [SHOWN_KEY]: { ...(got[SHOWN_KEY] ?? {}), [id]: subjects } });
}

async function forget(id: string): Promise<string[]> {
  const got = (await browser.storage.session.get(SHOWN_KEY)) as Record<string, Record<string, string[]> | undefined>;
  const shown = { ...(got[SHOWN_KEY] ?? {}) };
  const subjects = shown[id] ?? (id.startsWith(SINGLE_PREFIX) ? [id.slice(SINGLE_PREFIX.length)] : []);
  delete shown[id];
  await browser.storage.session.set({ [SHOWN_KEY]: shown });
  return subjects;
}

async function notify(due: Reminder[]): Promise<void> {
  const iconUrl = browser.runtime.getURL('icons/icon-128.png');
  const first = due[0]!;
  if (due.length > 1) {
    // One summary: the count and the most urgent (due is sorted most urgent first).
    await browser.notifications.clear(SUMMARY_ID);
    await remember(SUMMARY_ID, due.map((r) => r.subject));
    await browser.notifications.create(SUMMARY_ID, {
      type: 'basic',
      iconUrl,
      title: tn('notifySummaryTitle', due.length),
      message: t('notifyMostUrgent', [reminderTitle(first)]),
      ...buttons(),
    });
    return;
  }
  const id = `${SINGLE_PREFIX}${first.subject}`;
  await remember(id, [first.subject]);
  await browser.notifications.create(id, { type: 'basic', iconUrl, title: reminderTitle(first), message: reminderReason(first), ...buttons() });
}

/** Click on a reminder: open that customer in Partner Center. Summary: open the popup page. */
export async function onNotificationClicked(id: string): Promise<void> {
  await browser.notifications.clear(id);
  const customerId = id.startsWith(SINGLE_PREFIX) ? id.slice(SINGLE_PREFIX.length).split('/')[1] : undefined;
  if (customerId) await browser.tabs.create({ url: customerAccountUrl(customerId) });
  else await browser.tabs.create({ url: browser.runtime.getURL('src/popup/index.html') });
}

/** Acknowledges `subjects` (they never fire again); returns the customers concerned. */
export async function acknowledgeSubjects(store: MoveStore, subjects: readonly string[]): Promise<string[]> {
  await store.editReminderState((s) => acknowledge(s, subjects));
  return customersOf(subjects);
}

/** Snoozes `subjects` for `days` from the partner's day at `now`; returns the customers concerned. */
export async function snoozeSubjects(store: MoveStore, subjects: readonly string[], days: SnoozeDays, now: Date): Promise<string[]> {
  await store.editReminderState((s) => snooze(s, subjects, days, localDay(now)));
  return customersOf(subjects);
}

function customersOf(subjects: readonly string[]): string[] {
  return [...new Set(subjects.map((s) => s.split('/')[1]).filter((x): x is string => !!x))];
}

/** Button 0: "acknowledge"; button 1: "snooze 1 day" (for every reminder the notification stands for). */
export async function onNotificationButton(store: MoveStore, id: string, index: number, now: Date): Promise<string[]> {
  await browser.notifications.clear(id);
  const subjects = await forget(id);
  if (!subjects.length) return [];
  return index === 0 ? acknowledgeSubjects(store, subjects) : snoozeSubjects(store, subjects, 1, now);
}
