// What `npm run mutate` (Stryker) runs for each mutant: the browser-free core's unit tests, and the
// page readers' DOM tests (each file names its own DOM environment), so `npx stryker run --mutate
// src/content/scrape.ts` mutates the readers against the tests written for them.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/core/**/*.test.ts', 'test/unit/content/readers.dom.test.ts'],
    environment: 'node',
    alias: { 'webextension-polyfill': fileURLToPath(new URL('./setup/browser.ts', import.meta.url)) },
    setupFiles: [fileURLToPath(new URL('./setup/globals.ts', import.meta.url))],
  },
});
