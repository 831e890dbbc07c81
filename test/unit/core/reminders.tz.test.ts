/**
 * Reminders around local midnight and 09:00 in zones on both sides of the date line and across a
 * DST change that skips midnight: a reminder for day D fires from 09:00 on D (local), not at 08:59,
 * and still counts as D's until 09:00 the next day; a 1-day snooze always means the partner's next
 * calendar day. Each zone runs in a child process (see reminders-tz-probe.ts).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const probe = fileURLToPath(new URL('./reminders-tz-probe.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

function runIn(zone: string, day: string): Record<string, { reminderDay: string; snoozedTo: string; fires: boolean; provisionFires: boolean }> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', probe, day], { cwd: root, env: { ...process.env, TZ: zone }, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`probe failed in ${zone}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const CASES: Array<[string, string]> = [
  ['UTC', '2026-03-08'],
  ['Pacific/Kiritimati', '2026-03-08'],
  ['Pacific/Pago_Pago', '2026-03-08'],
  ['Asia/Taipei', '2026-12-31'],
  ['America/New_York', '2026-03-08'], // DST starts at 02:00
  ['Europe/London', '2026-10-25'], // DST ends: a 25-hour day
  ['America/Sao_Paulo', '2018-11-04'], // DST skipped midnight: the day starts at 01:00
];

describe.each(CASES)('in %s on %s', (zone, day) => {
  const r = runIn(zone, day);
  const prev = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const after = new Date(Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);

  it('before 09:00 the previous day is still the reminder day; from 09:00 the reminder fires', () => {
    expect(r['prev 23:59:59']).toMatchObject({ reminderDay: prev, snoozedTo: day, fires: false });
    expect(r['00:00']).toMatchObject({ reminderDay: prev, snoozedTo: next, fires: false });
    expect(r['08:59:59']).toMatchObject({ reminderDay: prev, snoozedTo: next, fires: false });
    expect(r['09:00']).toMatchObject({ reminderDay: day, snoozedTo: next, fires: true });
  });

  it('an EA move\'s provision-by reminder on its suggested day (end − 3) fires from 09:00 local, like any other (#17)', () => {
    expect(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.provisionFires]))).toEqual({
      'prev 23:59:59': false,
      '00:00': false,
      '08:59:59': false,
      '09:00': true,
      '23:59:59': true,
    });
  });

  it('the last second of the day is still that day: a 1-day snooze means the next calendar day', () => {
    expect(r['23:59:59']).toMatchObject({ reminderDay: day, snoozedTo: next, fires: true });
    expect(after > next).toBe(true);
  });
});

