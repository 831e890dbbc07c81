/**
 * DST and zone checks: Node re-reads process.env.TZ when it is assigned, so each zone is set in
 * turn. Every day of a whole year (and of a year with historic DST rules) must map to itself.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDay, localInstant } from '../../../src/core/dates';

const ZONES = ['America/Sao_Paulo', 'Europe/London', 'Pacific/Auckland', 'UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
// 2018: São Paulo still had DST, starting at midnight (00:00 did not exist on 4 November 2018).
const YEARS = [2018, 2026];
const originalTz = process.env.TZ;

afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

function everyDay(year: number): string[] {
  const days: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) days.push(d);
  return days;
}

describe.each(ZONES)('in %s', (zone) => {
  it('is really running in that zone', () => {
    process.env.TZ = zone;
    const offsets = new Set([0, 6].map((m) => new Date(2018, m, 15).getTimezoneOffset()));
    const expected: Record<string, number[]> = {
      'America/Sao_Paulo': [120, 180],
      'Europe/London': [0, -60],
      'Pacific/Auckland': [-780, -720],
      UTC: [0],
      'Pacific/Kiritimati': [-840],
      'Pacific/Pago_Pago': [660],
    };
    expect([...offsets].sort()).toEqual([...(expected[zone] ?? [])].sort());
  });

  it.each(YEARS)('maps every day of %i to itself at every hour', (year) => {
    process.env.TZ = zone;
    const days = everyDay(year);
    expect(days).toHaveLength(year % 4 === 0 ? 366 : 365);
    for (const d of days) {
      for (const h of [0, 1, 2, 3, 12, 23]) {
        expect(localDay(new Date(localInstant(d, h)))).toBe(d);
      }
    }
  });

  it.each(YEARS)('counts consecutive local midnights of %i as one day apart', (year) => {
    process.env.TZ = zone;
    for (const d of everyDay(year)) {
      const next = addDays(d, 1);
      const hours = (localInstant(next) - localInstant(d)) / 3_600_000;
      // A DST day is 23 or 25 hours long, never a different number of calendar days.
      expect([23, 24, 25]).toContain(hours);
      expect(daysBetween(d, next)).toBe(1);
      expect(localDay(new Date(localInstant(next) - 1))).toBe(d);
    }
  });
});

it('starts a day whose midnight DST skips at 01:00 (São Paulo, 4 Nov 2018)', () => {
  process.env.TZ = 'America/Sao_Paulo';
  const start = new Date(localInstant('2018-11-04'));
  expect(start.getHours()).toBe(1);
  expect(localDay(start)).toBe('2018-11-04');
});

it('keeps the partner day near midnight on both sides of the date line', () => {
  const instant = new Date('2026-03-01T11:30:00Z');
  process.env.TZ = 'Pacific/Auckland';
  expect(localDay(instant)).toBe('2026-03-02');
  process.env.TZ = 'Pacific/Pago_Pago';
  expect(localDay(instant)).toBe('2026-03-01');
});
