// The browser-free core's unit tests alone: what `npm run mutate` (Stryker) runs for each mutant.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['test/unit/core/**/*.test.ts'], environment: 'node' },
});
