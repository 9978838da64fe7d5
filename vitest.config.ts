import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Only TypeScript sources: compiled output under dist/ is never collected.
    include: ['tests/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    exclude: ['dist/**', 'node_modules/**'],
    globalSetup: ['tests/helpers/build-once.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
