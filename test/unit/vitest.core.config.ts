// What `npm run mutate` (Stryker) runs for each mutant: the browser-free core's unit tests, and the
// page reader's tests: its DOM tests (the file names its own DOM environment, happy-dom) and the
// pure reading helpers' tests in Node.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/core/**/*.test.ts', 'test/unit/content/readers*.test.ts', 'test/unit/content/content.test.ts'],
    environment: 'node',
    alias: { 'webextension-polyfill': fileURLToPath(new URL('./setup/browser.ts', import.meta.url)) },
    setupFiles: [fileURLToPath(new URL('./setup/globals.ts', import.meta.url))],
    // As the unit project (vitest.config.ts): a loaded 2-core machine is slow, speed is the bench's.
    testTimeout: 30_000,
  },
});
