/**
 * Run by dates.tz.test.ts in a child process with TZ set: a zone cannot be switched reliably inside
 * a test worker (threads share one ICU zone), so each zone gets its own process.
 * Prints one JSON object: the zone's offsets and every day that failed a check.
 */
import { addDays, localDay, localInstant } from '../../../src/core/dates';

const failures: string[] = [];
const dayLengths = new Set<number>();
for (const year of [2018, 2026]) {
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    for (const h of [0, 1, 2, 3, 12, 23]) {
      const back = localDay(new Date(localInstant(d, h)));
      if (back !== d) failures.push(`${d} ${h}h → ${back}`);
    }
    const next = addDays(d, 1);
    dayLengths.add((localInstant(next) - localInstant(d)) / 3_600_000);
    if (localDay(new Date(localInstant(next) - 1)) !== d) failures.push(`${d}: the last millisecond is not that day`);
  }
}
const offsets = [0, 6].map((month) => new Date(2018, month, 15).getTimezoneOffset());
const saoPauloDstStartHour = new Date(localInstant('2018-11-04')).getHours();
const dayOfInstant = localDay(new Date('2026-03-01T11:30:00Z'));
process.stdout.write(JSON.stringify({ offsets, dayLengths: [...dayLengths].sort(), failures: failures.slice(0, 20), saoPauloDstStartHour, dayOfInstant }));
