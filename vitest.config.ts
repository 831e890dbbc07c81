import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `.ci/run` sets CI_REPORT_DIR: each Vitest process also writes a JSON report there, which
// scripts/ci-tail.mjs reads to print the failing tests last when CI is red.
const reportDir = process.env.CI_REPORT_DIR;

export default defineConfig({
  test: {
    ...(reportDir ? { reporters: ['default', 'json'], outputFile: { json: `${reportDir}/vitest-${process.pid}.json` } } : {}),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
          alias: { 'webextension-polyfill': fileURLToPath(new URL('./test/unit/setup/browser.ts', import.meta.url)) },
          setupFiles: ['test/unit/setup/globals.ts'],
          // Vitest's 5 s default failed a 10,000-character calendar test on a loaded 2-core machine;
          // speed is the bench's to judge, not a unit test's.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // Generous: a busy 2-core machine runs a page test several times slower (speed is the bench's).
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
          // The sample portal runs on the live timings (0.7 s skeleton rows, 0.3 s late renders):
          // expect.poll's 1 s default would race every search, sort and page turn.
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        test: {
          // The Firefox build in Debian's firefox-esr (puppeteer-core over WebDriver BiDi).
          name: 'firefox',
          include: ['test/firefox/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
