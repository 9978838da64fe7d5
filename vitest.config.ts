import { defineConfig } from 'vitest/config';

// The end-to-end suite (real Claude Code and Codex CLIs, tests/e2e) runs with `npm run
// test:e2e`, and inside `npm test` when LLM_ROUTER_E2E=1 (.ci/run sets it).
const e2e = process.env.LLM_ROUTER_E2E === '1' ? ['tests/e2e/**/*.e2e.test.ts'] : [];

export default defineConfig({
  test: {
    // Only TypeScript sources: compiled output under dist/ is never collected.
    include: ['tests/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}', ...e2e],
    exclude: ['dist/**', 'node_modules/**', ...(e2e.length > 0 ? [] : ['tests/e2e/**'])],
    globalSetup: ['tests/helpers/build-once.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
