/**
 * Run by reminders.tz.test.ts in a child process with TZ set (a zone cannot be switched inside a
 * test worker). For instants around local midnight and 09:00, prints which day's reminders are due,
 * what a 1-day snooze is set to, and whether a reminder due on that day fires.
 */
import { localDay, localInstant } from '../../../src/core/dates';
import { addDays } from '../../../src/core/dates';
import { decisionFacts } from '../../../src/core/facts';
import type { Move } from '../../../src/core/model';
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
// An EA move from a real move (#17): ends 3 days after `day`, so `day` is its suggested provisioning day.
const ea: Move = {
  customerId: '00000000-0000-4000-8000-000000000002',
  companyName: 'E',
  domain: '',
  program: 'ea',
  path: 'ea-channel-transfer',
  step: 'accepted',
  stepDates: {},
  originals: [{ id: 'o1', offer: 'E3', seats: 1, expiresOn: addDays(day, 3), endBy: 'expire' }],
  provisioned: [],
  licensesReassigned: false,
  notes: '',
  history: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const provision = remindersOf(decisionFacts(ea), { leadDays: [], nudgeAfterDays: 14 }).filter((r) => r.kind === 'provision-by');
const start = localInstant(day, 0);
const nine = localInstant(day, 9);
const probes: Record<string, number> = {
  'prev 23:59:59': start - 1000,
  '00:00': start,
  '08:59:59': nine - 1000,
  '09:00': nine,
  '23:59:59': localInstant(localDay(new Date(start + 36 * 3_600_000)), 0) - 1000,
};
const out: Record<string, { reminderDay: string; snoozedTo: string; fires: boolean; provisionFires: boolean }> = {};
for (const [name, ms] of Object.entries(probes)) {
  const now = new Date(ms);
  const rd = reminderDayAt(now);
  const s = snooze({ acknowledged: [], snoozed: {} }, ['x'], 1, localDay(now));
  out[name] = { reminderDay: rd, snoozedTo: s.snoozed.x!, fires: dueReminders(all, { acknowledged: [], snoozed: {} }, rd).length === 1,
    provisionFires: dueReminders(provision, { acknowledged: [], snoozed: {} }, rd).some((r) => r.remindOn === day),
  };
}
process.stdout.write(JSON.stringify(out));
