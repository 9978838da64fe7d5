#!/usr/bin/env node
// `npm test`: type-checks (tsc --noEmit), checks formatting (prettier) and lint (eslint),
// then runs vitest (which builds the bundle first, see tests/helpers/build-once.ts), and ends
// with the one line CI reads: "N passed, N failed[, N skipped]". A failed type check,
// formatting check or lint counts as one failure each.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const typecheck = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit'], { stdio: 'inherit' });
if (typecheck.status !== 0) console.error('Type check failed (tsc --noEmit); see above.');
const format = spawnSync(process.execPath, ['node_modules/prettier/bin/prettier.cjs', '--check', '--log-level=warn', '**/*.{ts,tsx,mjs,js}'], {
  stdio: 'inherit',
});
if (format.status !== 0) console.error('Formatting check failed: run `npm run format` (prettier --write).');
const lint = spawnSync(process.execPath, ['node_modules/eslint/bin/eslint.js', '.'], { stdio: 'inherit' });
if (lint.status !== 0) console.error('Lint failed (eslint); see above. `npm run lint -- --fix` fixes some.');
const preflightFailures = [typecheck, format, lint].filter((r) => r.status !== 0).length;

const results = '.vitest-results.json';
rmSync(results, { force: true });
const run = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
const report = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : { numPassedTests: 0, numFailedTests: 1 };
const failed = report.numFailedTests + preflightFailures;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : (run.status ?? 1));
