/**
 * DST and zone checks: every day of a whole year (2026, and 2018 when São Paulo still had DST
 * starting at midnight) must map to itself at every hour, in zones on both sides of the date line.
 * Each zone runs in a child process (see dates-tz-probe.ts).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const probe = fileURLToPath(new URL('./dates-tz-probe.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

interface ProbeResult {
  offsets: number[];
  dayLengths: number[];
  failures: string[];
  saoPauloDstStartHour: number;
  dayOfInstant: string;
}

// One probe process per zone, run while the file is collected (no test timeout applies there) and
// shared by every test of that zone: spawning tsx inside a test races the 5 s test timeout under load.
const probed = new Map<string, ProbeResult>();
function runIn(zone: string): ProbeResult {
  const seen = probed.get(zone);
  if (seen) return seen;
  const result = probe1(zone);
  probed.set(zone, result);
  return result;
}

function probe1(zone: string): ProbeResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', probe], { cwd: root, env: { ...process.env, TZ: zone }, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`probe failed in ${zone}: ${r.stderr}`);
  return JSON.parse(r.stdout) as ProbeResult;
}

const ZONES: Array<[string, number[], number[]]> = [
  // zone, offsets in January and July 2018 (minutes, as getTimezoneOffset), hours a day can last
  ['America/Sao_Paulo', [120, 180], [23, 24, 25]],
  ['Europe/London', [0, -60], [23, 24, 25]],
  ['Pacific/Auckland', [-780, -720], [23, 24, 25]],
  ['UTC', [0, 0], [24]],
  ['Pacific/Kiritimati', [-840, -840], [24]],
  ['Pacific/Pago_Pago', [660, 660], [24]],
];

describe.each(ZONES)('in %s', (zone, offsets, dayLengths) => {
  const result = runIn(zone);

  it('really runs in that zone', () => {
    expect(result.offsets).toEqual(offsets);
  });

  it('maps every day of 2018 and 2026 to itself at every hour, and days never overlap', () => {
    expect(result.failures).toEqual([]);
    expect(result.dayLengths).toEqual(dayLengths);
  });
});

it('starts a day whose midnight DST skipped at 01:00 (São Paulo, 4 Nov 2018)', () => {
  expect(runIn('America/Sao_Paulo').saoPauloDstStartHour).toBe(1);
});

it('keeps the partner day on both sides of the date line', () => {
  expect(runIn('Pacific/Auckland').dayOfInstant).toBe('2026-03-02');
  expect(runIn('Pacific/Pago_Pago').dayOfInstant).toBe('2026-03-01');
});
