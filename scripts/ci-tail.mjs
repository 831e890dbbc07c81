// Printed last by .ci/run when a step failed, so a red run can be read from its tail: the failing
// tests (name, file, first lines of the error) from Vitest's JSON reports, or else the failing
// step's last lines.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [logPath] = process.argv.slice(2);
const dir = 'reports/ci';
const failures = [];
if (existsSync(dir)) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    let report;
    try {
      report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch {
      continue;
    }
    for (const suite of report.testResults ?? []) {
      if (suite.status === 'failed' && !suite.assertionResults?.some((t) => t.status === 'failed')) {
        failures.push({ name: `${suite.name} (the file itself)`, error: suite.message ?? '' });
      }
      for (const t of suite.assertionResults ?? []) {
        if (t.status === 'failed') failures.push({ name: `${suite.name.replace(`${process.cwd()}/`, '')} > ${t.fullName}`, error: (t.failureMessages ?? []).join('\n') });
      }
    }
  }
}
console.log('\n========== CI FAILED ==========');
if (failures.length) {
  for (const f of failures) {
    console.log(`\n✗ ${f.name}`);
    // The message and the project's own stack frames; the test runner's frames say nothing.
    const lines = f.error.split('\n').filter((l) => !/node_modules|node:internal|new Promise \(<anonymous>\)/.test(l));
    console.log(lines.slice(0, 14).join('\n'));
  }
  console.log(`\n${failures.length} failing test(s), listed above.`);
} else if (logPath && existsSync(logPath)) {
  const lines = readFileSync(logPath, 'utf8').split('\n');
  console.log('No failing test in the reports: the last lines of the failed step follow.\n');
  console.log(lines.slice(-60).join('\n'));
}
