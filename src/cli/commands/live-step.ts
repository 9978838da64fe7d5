/**
 * The live step some operations need before the locked write: upsert-provider probes the
 * provider, discover-models reads its model list. Progress goes to stderr (one line per
 * step, or one JSON object per event with --json-progress); stdout keeps the one result.
 */
import { readConfig } from '../../config/store.js';
import { parseOperationInput } from '../../config/operations/execute.js';
import type { Operation } from '../../config/operations/types.js';
import type { ProbeReport } from '../../probe/probe-report.js';
import type { Io } from '../io.js';

export interface LiveResult {
  input: Record<string, unknown>;
  report?: ProbeReport;
}

export async function runLiveStep(op: Operation, raw: Record<string, unknown>, configPath: string, io: Io, json: boolean): Promise<LiveResult> {
  if (op.name !== 'upsert-provider' && op.name !== 'discover-models') return { input: raw };
  const input = parseOperationInput(op, raw) as Record<string, unknown>;
  if (op.name === 'upsert-provider' && input.skipProbe === true) return { input };
  const { progressWriter } = await import('../../probe/progress.js');
  const quiet = json && input.jsonProgress !== true;
  const onEvent = quiet ? undefined : progressWriter(io.stderr, input.jsonProgress === true);
  const options = { env: io.env, ...(onEvent ? { onEvent } : {}) };
  const { config } = await readConfig(configPath);
  if (op.name === 'discover-models') {
    const { prepareDiscoverModels } = await import('../../probe/prepare-discover.js');
    return { input: await prepareDiscoverModels(config, input as { providerId: string }, options) };
  }
  const { prepareUpsertProvider } = await import('../../probe/prepare-upsert.js');
  return prepareUpsertProvider(config, input, options);
}
