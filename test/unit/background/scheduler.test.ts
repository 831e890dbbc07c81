/**
 * Reminders: one alarm for the next due time, notifications for what is due, missed ones once.
 * fake-browser has no alarms or notifications: a minimal in-memory stand-in records calls.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { localInstant } from '../../../src/core/dates';
import { createMove } from '../../../src/core/steps';
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
    { customerId: A, companyName: 'Contoso', program: 'open', step: 'requested', originals: [{ offer: 'Office 365 E3', seats: 10, expiresOn, endBy: 'expire' }] },
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
    const before = Date.now();
    await armAlarms(store, now);
    expect([...alarms.keys()].sort()).toEqual([MIDNIGHT_ALARM, REMINDER_ALARM]);
    // Never checked, and the 60-day reminder falls today: the check is owed now (real clock).
    expect(alarms.get(REMINDER_ALARM)!.scheduledTime).toBeGreaterThanOrEqual(before);
    expect(alarms.get(REMINDER_ALARM)!.scheduledTime).toBeLessThanOrEqual(Date.now());
    expect((await fireDueReminders(store, now)).map((r) => r.remindOn)).toEqual(['2026-11-25']);
    await armAlarms(store, now);
    // The unanswered request's nudge (14 days after it was sent) comes before the 30-day reminder.
    expect(alarms.get(REMINDER_ALARM)?.scheduledTime).toBe(localInstant('2026-12-09', REMINDER_HOUR));
    await store.update(A, (m) => ({ ...m!, step: 'accepted' }));
    await armAlarms(store, now);
    expect(alarms.get(REMINDER_ALARM)?.scheduledTime).toBe(localInstant('2026-12-25', REMINDER_HOUR)); // 30 days before
    expect(alarms.get(MIDNIGHT_ALARM)?.scheduledTime).toBe(localInstant('2026-11-26', 0));
  });

  test('nothing to remind: no reminder alarm', async () => {
    await armAlarms(store, new Date(2026, 10, 25, 10, 0));
    expect(alarms.has(REMINDER_ALARM)).toBe(false);
  });

  test('told there is no next reminder day (null), it clears the alarm without a pass over every move', async () => {
    const now = new Date(2026, 10, 25, 10, 0);
    await track('2027-01-24', now);
    await armAlarms(store, now);
    expect(alarms.has(REMINDER_ALARM)).toBe(true);
    // The worker knows the day from its index after every write: no move is read again.
    const all = vi.spyOn(store, 'all');
    await armAlarms(store, now, null);
    expect(all).not.toHaveBeenCalled();
    expect(alarms.has(REMINDER_ALARM)).toBe(false);
  });
});

describe('notifications', () => {
  test('the check is recorded after its notifications are out (a recorded day means they were shown)', async () => {
    const now = new Date(2026, 10, 25, 9, 30);
    await track('2026-12-02', now);
    const b = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
    const recordedWhenShown: Array<string | undefined> = [];
    b.notifications!.create = async (id: string) => {
      recordedWhenShown.push(store.getReminderState().lastCheckedDay);
      notes.push({ id, title: '', message: '' });
    };
    await fireDueReminders(store, now);
    expect(recordedWhenShown).toEqual([undefined]);
    expect(store.getReminderState()).toMatchObject({ lastCheckedDay: '2026-11-25', shownOnLastDay: [`original-ends/${A}/o1/2026-12-02`] });
  });

  test('an original recorded after the day was checked: the alarm is set for now, and the next check shows it once', async () => {
    const now = new Date(2026, 10, 25, 10, 0);
    await fireDueReminders(store, now); // nothing yet
    await track('2026-12-02', now); // 7 days ahead: due today, after the check
    const before = Date.now();
    await armAlarms(store, now);
    // Now on the real clock (alarms run on it), not 09:00 of a later day.
    expect(alarms.get(REMINDER_ALARM)!.scheduledTime).toBeGreaterThanOrEqual(before);
    expect(alarms.get(REMINDER_ALARM)!.scheduledTime).toBeLessThanOrEqual(Date.now());
    expect((await fireDueReminders(store, now)).map((r) => r.remindOn)).toEqual(['2026-11-25']);
    expect(await fireDueReminders(store, now)).toEqual([]);
    await armAlarms(store, now);
    expect(alarms.get(REMINDER_ALARM)!.scheduledTime).toBe(localInstant('2026-12-01', REMINDER_HOUR)); // the day before
  });

  test('due today: one notification naming the customer, the offer, the day and who acts, with its buttons', async () => {
    const now = new Date(2026, 10, 25, 9, 30);
    await track('2026-12-02', now); // 7 days ahead
    const due = await fireDueReminders(store, now);
    expect(due.map((r) => [r.kind, r.remindOn])).toEqual([['original-ends', '2026-11-25']]);
    expect(notes).toEqual([
      { id: `reminder|original-ends/${A}/o1/2026-12-02`, title: 'reminder_original_ends|Contoso|Office 365 E3|Dec 2, 2026', message: 'reminder_reason_ends_by_itself' },
    ]);
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
    // The unanswered request's expiry notice (sent 1 Sep, expires 30 Nov: most urgent), and the original's 1-day reminder.
    expect(due.map((r) => `${r.kind}@${r.remindOn}`)).toEqual(['request-expires@2026-11-23', 'original-ends@2026-12-01']);
    expect(notes.map((n) => n.id)).toEqual(['reminders|summary']);
  });

  test('several due the same day: one summary naming the count and the most urgent', async () => {
    const now = new Date(2026, 10, 25, 9, 30);
    const ids = [0, 1, 2, 3, 4].map((i) => `00000000-0000-4000-8000-00000000000${i}`);
    for (const [i, id] of ids.entries()) {
      const m = createMove({ customerId: id, companyName: `C${i}`, program: 'open', originals: [{ offer: 'E3', seats: 1, expiresOn: i === 3 ? '2026-11-26' : '2026-12-02', endBy: 'expire' }] }, now);
      await store.update(id, () => m);
    }
    const due = await fireDueReminders(store, now);
    expect(due).toHaveLength(5);
    expect(notes).toEqual([{ id: 'reminders|summary', title: 'notifySummaryTitle_other|5', message: 'notifyMostUrgent|reminder_original_ends|C3|E3|Nov 26, 2026' }]);
  });

  test('notifications off: nothing shown, but the day is checked', async () => {
    await store.setSettings({ ...store.getSettings(), notificationsOn: false });
    const now = new Date(2026, 10, 25, 9, 30);
    await track('2026-12-02', now);
    await fireDueReminders(store, now);
    expect(notes).toEqual([]);
    expect(store.getReminderState().lastCheckedDay).toBe('2026-11-25');
  });

  test('"acknowledge" on the notification: that decision is never reminded again, even from a new store (worker restart)', async () => {
    const now = new Date(2026, 10, 25, 9, 30);
    await track('2026-12-02', now);
    await fireDueReminders(store, now);
    await onNotificationButton(store, notes[0]!.id, 0, now);
    const restarted = new MoveStore();
    await restarted.ready;
    expect(restarted.getReminderState().acknowledged).toEqual([`original-ends/${A}/o1/2026-12-02`]);
    expect(await fireDueReminders(restarted, new Date(2026, 11, 1, 10, 0))).toEqual([]);
    // The original's end day: only the other decision, provisioning (#17: Open's suggested day is
    // the end date, the deadline 29 days later), never the acknowledged one again.
    expect((await fireDueReminders(restarted, new Date(2026, 11, 2, 10, 0))).map((r) => r.subject)).toEqual([`provision-by/${A}/csp/2026-12-31`]);
  });

  test('"snooze 1 day" on the summary: every one of them fires once, the next day', async () => {
    const now = new Date(2026, 10, 25, 9, 30);
    await track('2026-12-20', now); // 25 days ahead: nothing due until the 14-day reminder
    await store.update(A, (m) => ({ ...m!, originals: [...m!.originals, { ...m!.originals[0]!, id: 'o2', expiresOn: '2026-11-25' }] }));
    // Due today: o2 (ends today) and, nothing being provisioned, the provision-by reminder on its
    // suggested day (#17: Open, the earliest end date; deadline 29 days later). One summary,
    // nearest deadline first.
    const both = [`original-ends/${A}/o2/2026-11-25`, `provision-by/${A}/csp/2026-12-24`];
    expect((await fireDueReminders(store, now)).map((r) => r.subject)).toEqual(both);
    expect(notes.map((n) => n.id)).toEqual(['reminders|summary']);
    await onNotificationButton(store, notes[0]!.id, 1, now);
    expect(await fireDueReminders(store, new Date(2026, 10, 25, 18, 0))).toEqual([]);
    expect((await fireDueReminders(store, new Date(2026, 10, 26, 9, 0))).map((r) => r.subject)).toEqual(both);
    expect(await fireDueReminders(store, new Date(2026, 10, 27, 9, 0))).toEqual([]);
  });
});
