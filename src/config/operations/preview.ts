/**
 * Runs an operation against an in-memory config without writing: what the TUI uses for
 * live validation while a form is being filled. Returns the problems a save would report.
 */
import { randomBytes } from 'node:crypto';
import { isRouterError } from '../../errors/router-error.js';
import { formatIssue } from '../config-path.js';
import type { Config } from '../schema.js';
import { validateConfig } from '../validate-config.js';
import { parseOperationInput } from './execute.js';
import type { Operation } from './types.js';

export function previewOperation(op: Operation, config: Config, rawInput: unknown, configPath = ''): string[] {
  try {
    const input = parseOperationInput(op, rawInput);
    const outcome = op.run(config, input, { now: new Date(), randomBytes: (n) => randomBytes(n), configPath, configExists: true });
    if (!outcome.config) return [];
    return validateConfig(outcome.config).map(formatIssue);
  } catch (err) {
    if (isRouterError(err)) return err.details.length > 1 ? [...err.details] : [err.message];
    throw err;
  }
}
