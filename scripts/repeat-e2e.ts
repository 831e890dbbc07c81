/**
 * `npm run test:e2e:repeat -- N`: runs the whole end-to-end suite N times in a row (default 10) and
 * prints the tally: which runs failed, which tests failed in them, and how long each run took.
 * Flakes show up here before they show up in CI. Extra arguments go to Vitest (e.g. a file filter).
 * Each run's JSON report is kept in reports/e2e-repeat/run-<i>.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

interface JsonReport {
  numTotalTests: number;
  numFailedTests: number;
  testResults: Array<{ name: string; assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }> }>;
}

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 10);
const passThrough = args.filter((a) => !/^\d+$/.test(a));
if (!Number.isInteger(runs) || runs < 1) throw new Error(`Give the number of runs as a positive integer, not ${args[0]}.`);

const dir = join('reports', 'e2e-repeat');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const tally: Array<{ run: number; seconds: number; tests: number; failed: string[] }> = [];
for (let i = 1; i <= runs; i++) {
  const out = join(dir, `run-${i}.json`);
  const started = Date.now();
  const r = spawnSync('npx', ['vitest', 'run', '--project', 'e2e', '--reporter=dot', '--reporter=json', `--outputFile.json=${out}`, ...passThrough], { stdio: 'inherit' });
  const seconds = (Date.now() - started) / 1000;
  let report: JsonReport | undefined;
  try {
    report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
  } catch {
    report = undefined;
  }
  const failed = report
    ? report.testResults.flatMap((f) => f.assertionResults.filter((t) => t.status === 'failed').map((t) => `${f.name.replace(`${process.cwd()}/`, '')} > ${t.fullName}: ${(t.failureMessages[0] ?? '').split('\n')[0]}`))
    : [`run ${i} wrote no report (exit code ${r.status ?? r.signal})`];
  if (r.status !== 0 && failed.length === 0) failed.push(`run ${i} exited with ${r.status ?? r.signal} and no failed test in its report`);
  tally.push({ run: i, seconds, tests: report?.numTotalTests ?? 0, failed });
  console.log(`\nrun ${i}/${runs}: ${failed.length ? `FAILED (${failed.length})` : 'passed'}, ${report?.numTotalTests ?? '?'} tests, ${seconds.toFixed(0)} s\n`);
}

const red = tally.filter((t) => t.failed.length);
const secs = tally.map((t) => t.seconds).sort((a, b) => a - b);
console.log('\n=== e2e repeat tally ===');
for (const t of tally) console.log(`run ${String(t.run).padStart(2)}: ${t.failed.length ? 'FAIL' : 'pass'}  ${t.tests} tests  ${t.seconds.toFixed(0)} s`);
console.log(`${runs - red.length}/${runs} runs green; median ${secs[Math.floor(secs.length / 2)]!.toFixed(0)} s per run, ${(secs.reduce((a, b) => a + b, 0) / 60).toFixed(1)} min in all`);
for (const t of red) for (const f of t.failed) console.log(`run ${t.run}: ${f}`);
process.exit(red.length ? 1 : 0);
