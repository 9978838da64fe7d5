/**
 * Property-based fuzzing settings: a fixed seed and a few hundred runs in `npm test`
 * (bounded time, reproducible), many more with `npm run fuzz` (LLM_ROUTER_FUZZ_RUNS,
 * LLM_ROUTER_FUZZ_SEED to replay a failure fast-check printed).
 */
export const FUZZ = {
  seed: Number(process.env.LLM_ROUTER_FUZZ_SEED ?? 20261202),
  numRuns: Number(process.env.LLM_ROUTER_FUZZ_RUNS ?? 300),
};
export const LONG = process.env.LLM_ROUTER_FUZZ_RUNS !== undefined;
