/** Saves through the same operations layer as the CLI: validated, locked, atomic. */
import { executeOperation } from '../../config/operations/execute.js';
import type { Operation } from '../../config/operations/types.js';
import type { TuiServices } from '../services.js';

export type Save = (op: Operation, input: Record<string, unknown>) => Promise<string[]>;

export function makeSave(services: TuiServices, afterSave: () => Promise<void>): Save {
  return async (op, input) => {
    const result = await executeOperation(op, input, {
      configPath: services.configPath,
      env: services.env,
      ...(services.randomBytes ? { randomBytes: services.randomBytes } : {}),
    });
    await afterSave();
    const notes = result.written ? [] : ['Nothing changed; the config file was not rewritten.'];
    return [...result.lines, ...result.warnings.map((w) => `warning: ${w}`), ...notes];
  };
}
