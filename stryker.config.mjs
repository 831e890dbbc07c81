// @ts-check
/**
 * Mutation testing of the browser-free domain core (`npm run mutate`): step machine, dates, urgency,
 * reminders, offer matching, CSV/iCal and the storage schema with its migrations.
 * Target 85 %; the run fails below 80 %.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/unit/vitest.core.config.ts' },
  mutate: ['src/core/**/*.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  thresholds: { high: 85, low: 80, break: 80 },
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
