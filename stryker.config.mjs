// @ts-check
/**
 * Mutation testing of the browser-free domain core (step machine, dates, urgency, reminders, offer
 * matching, CSV/iCal, the storage schema and its migrations) and of the page reader
 * (`src/content/scrape.ts`, against its happy-dom and Node tests). Target 85 %; a run fails below 80 %.
 *
 * Incremental: results are kept in `test/stryker-incremental.json` (committed). `npm run mutate`
 * runs every mutant (`--force`) and rewrites that file: commit it. `npm run mutate:changed` and
 * CI (`scripts/ci-mutation.sh`, from `.ci/run`) reuse the file's results and test only the
 * mutants in code or tests changed since it was written; the score still covers every mutant.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/unit/vitest.core.config.ts' },
  // Data tables are not logic: offer-catalog.ts (checked row by row against shared/offers.csv) and
  // sku-names.ts (the renames, checked both ways in sku-table.test.ts). Mutating their strings
  // only measures whether a test repeats each string.
  mutate: ['src/core/**/*.ts', '!src/core/offer-catalog.ts', '!src/core/sku-names.ts', 'src/content/scrape.ts'],
  coverageAnalysis: 'perTest',
  // A static mutant (in code run once at import: tables, schemas, the offer catalogue) reruns every
  // test file: hundreds of them would take hours on 2 cores. Stryker reports them as ignored, out
  // of the score.
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
