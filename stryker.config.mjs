// @ts-check
/**
 * Mutation testing of the browser-free domain core (step machine, dates, urgency, reminders, offer
 * matching, CSV/iCal, the storage schema and its migrations) and of the page reader
 * (`src/content/scrape.ts`, against its happy-dom and Node tests). Target 85 %; a run fails below 80 %.
 *
 * Incremental: results are kept in `test/stryker-incremental.json` (committed). `npm run mutate`
 * runs every mutant (`--force`) and rewrites that file: commit it. `.ci/run` runs
 * `npm run mutate:changed`, which reuses the file's results and tests only the mutants in code
 * or tests that changed since it was written; the score still covers every mutant.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/unit/vitest.core.config.ts' },
  mutate: ['src/core/**/*.ts', 'src/content/scrape.ts'],
  coverageAnalysis: 'perTest',
  // A static mutant (module-level data: the offer catalogue, schemas, tables) reruns every test:
  // 800 of them would take hours on 2 cores. They are left out of the score; the tests that read
  // those tables (offer matching, the schema's issues) check their contents by behaviour.
  ignoreStatic: true,
  concurrency: 2,
  thresholds: { high: 85, low: 80, break: 80 },
  incremental: true,
  incrementalFile: 'test/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
