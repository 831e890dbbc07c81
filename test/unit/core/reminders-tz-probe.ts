/**
 * Run by reminders.tz.test.ts in a child process with TZ set (a zone cannot be switched inside a
 * test worker). For instants around local midnight and 09:00, prints which day's reminders are due,
 * what a 1-day snooze is set to, and whether a reminder due on that day fires.
 */
import { localDay, localInstant } from '../../../src/core/dates';
import { dueReminders, remindersOf, reminderDayAt, snooze } from '../../../src/core/reminders';

const day = process.argv[2] ?? '2026-03-08';
const facts = {
  customerId: '00000000-0000-4000-8000-000000000001',
  companyName: 'C',
  done: false,
  originalsEnded: false,
  originals: [{ id: 'o1', offer: 'E3', endsOn: day, endBy: 'expire' as const, actor: 'nobody' as const }],
};
const all = remindersOf(facts, { leadDays: [], nudgeAfterDays: 14 });
const start = localInstant(day, 0);
const nine = localInstant(day, 9);
const probes: Record<string, number> = {
  'prev 23:59:59': start - 1000,
  '00:00': start,
  '08:59:59': nine - 1000,
  '09:00': nine,
  '23:59:59': localInstant(localDay(new Date(start + 36 * 3_600_000)), 0) - 1000,
};
const out: Record<string, { reminderDay: string; snoozedTo: string; fires: boolean }> = {};
for (const [name, ms] of Object.entries(probes)) {
  const now = new Date(ms);
  const rd = reminderDayAt(now);
  const s = snooze({ acknowledged: [], snoozed: {} }, ['x'], 1, localDay(now));
  out[name] = { reminderDay: rd, snoozedTo: s.snoozed.x!, fires: dueReminders(all, { acknowledged: [], snoozed: {} }, rd).length === 1 };
}
process.stdout.write(JSON.stringify(out));
