import { defineConfig } from 'vitest/config';

/** `npm run test:e2e`: the real coding tools through the real gateway (tests/e2e). */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/helpers/build-once.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
