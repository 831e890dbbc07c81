/**
 * Reminders: one alarm for the next due time, notifications for what is due, missed ones once.
 * fake-browser has no alarms or notifications: a minimal in-memory stand-in records calls.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, test } from 'vitest';
import { localInstant } from '../../../src/core/dates';
import { createMove } from '../../../src/core/steps';
import { nextAction } from '../../../src/core/urgency';
import { MoveStore } from '../../../src/background/store';
import { REMINDER_ALARM, MIDNIGHT_ALARM, REMINDER_HOUR, armAlarms, fireDueReminders, onNotificationButton, reminderDay } from '../../../src/background/scheduler';

const A = '0f2d8e5c-3b1a-4c7d-9e6f-1a2b3c4d5e6f';
type Alarm = { name: string; scheduledTime: number };
let alarms: Map<string, Alarm>;
let notes: Array<{ id: string; title: string; message: string }>;
let store: MoveStore;

beforeEach(async () => {
  fakeBrowser.reset();
  alarms = new Map();
  notes = [];
  const b = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  b.alarms = {
    create: async (name: string, info: { when: number }) => void alarms.set(name, { name, scheduledTime: info.when }),
    get: async (name: string) => alarms.get(name),
    clear: async (name: string) => alarms.delete(name),
  };
  b.notifications = {
    create: async (id: string, o: { title: string; message: string }) => void notes.push({ id, title: o.title, message: o.message }),
    clear: async () => true,
  };
  b.i18n = { getMessage: (key: string, subs?: string[]) => [key, ...(subs ?? [])].join('|'), getUILanguage: () => 'en' };
  store = new MoveStore();
  await store.ready;
});

async function track(expiresOn: string, now: Date) {
  const move = createMove(
    { customerId: A, companyName: 'Contoso', originals: [{ offer: 'Office 365 E3', seats: 10, expiresOn, endBy: 'expire' }] },
    now,
  );
  await store.update(A, () => move);
}

describe('reminderDay', () => {
  test('before 09:00 local, today has not started reminding yet', () => {
    expect(reminderDay(new Date(2026, 10, 25, REMINDER_HOUR - 1, 59))).toBe('2026-11-24');
    expect(reminderDay(new Date(2026, 10, 25, REMINDER_HOUR, 0))).toBe('2026-11-25');
  });
});

describe('alarms', () => {
  test('one alarm at 09:00 local on the next reminder day, and one at midnight', async () => {
    const now = new Date(2026, 10, 25, 10, 0);
    await track('2027-01-24', now); // 60 days after 2026-11-25
    await armAlarms(store, now);
    expect([...alarms.keys()].sort()).toEqual([MIDNIGHT_ALARM, REMINDER_ALARM]);
    expect(alarms.get(REMINDER_ALARM)?.scheduledTime).toBe(localInstant('2026-12-25', REMINDER_HOUR)); // 30 days before
    expect(alarms.get(MIDNIGHT_ALARM)?.scheduledTime).toBe(localInstant('2026-11-26', 0));
  });

  test('nothing to remind: no reminder alarm', async () => {
    await armAlarms(store, new Date(2026, 10, 25, 10, 0));
    expect(alarms.has(REMINDER_ALARM)).toBe(false);
  });
});

describe('notifications', () => {
  test('due today: a notification naming the customer, the offer and the days', async () => {
    const now = new Date(2026, 10, 25, 9, 30);
    await track('2026-12-02', now); // 7 days ahead
    const due = await fireDueReminders(store, now);
    expect(due.map((r) => r.leadDays)).toEqual([7]);
    // The message carries the move's next action (here: the customer has 7 days to accept).
    const action = nextAction(store.get(A)!, '2026-11-25', store.getSettings()).kind;
    expect(action).toBe('nudge-customer');
    expect(notes).toEqual([{ id: `reminder:${A}:o1`, title: 'notifyExpiresIn_other|Contoso|Office 365 E3|7', message: 'notifyExpiresOn|2026-12-02\naction_nudge_customer' }]);
    // Checked: the same day does not fire again.
    await fireDueReminders(store, new Date(2026, 10, 25, 15, 0));
    expect(notes).toHaveLength(1);
  });

  test('missed while the browser was closed: once, not a burst', async () => {
    await track('2026-12-02', new Date(2026, 8, 1, 10, 0));
    await fireDueReminders(store, new Date(2026, 8, 1, 10, 0)); // checked on 1 Sep, nothing due
    notes = [];
    // Browser closed until 1 December: the 60, 30, 14, 7 and 1-day reminders were all missed.
    const due = await fireDueReminders(store, new Date(2026, 11, 1, 12, 0));
    expect(due).toHaveLength(1);
    expect(due[0]?.leadDays).toBe(1);
    expect(notes).toHaveLength(1);
  });

  test('notifications off: nothing shown, but the day is checked', async () => {
    await store.setSettings({ ...store.getSettings(), notificationsOn: false });
    const now = new Date(2026, 10, 25, 9, 30);
    await track('2026-12-02', now);
    await fireDueReminders(store, now);
    expect(notes).toEqual([]);
    expect(store.getReminderState().lastCheckedDay).toBe('2026-11-25');
  });

  test('acknowledged: that original is not reminded again', async () => {
    const now = new Date(2026, 10, 25, 9, 30);
    await track('2026-12-02', now);
    await onNotificationButton(store, `reminder:${A}:o1`);
    expect(await fireDueReminders(store, now)).toEqual([]);
    expect(await fireDueReminders(store, new Date(2026, 11, 2, 10, 0))).toEqual([]);
  });
});
