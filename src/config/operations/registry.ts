/** Every `config --operation=` by name and seed alias. The CLI dispatches here; the TUI will too. */
import { didYouMean } from '../suggest.js';
import { RouterError } from '../../errors/router-error.js';
import { discoverModels } from './discover-models.js';
import { list, listRouting } from './list.js';
import { migrateConfigOperation } from './migrate-config.js';
import { removeModel } from './remove-model.js';
import { removeModelAlias } from './remove-model-alias.js';
import { removeProvider } from './remove-provider.js';
import { setMasterKey } from './set-master-key.js';
import { setModelFallbacks } from './set-model-fallbacks.js';
import { setModelPricing } from './set-model-pricing.js';
import { setProviderRateLimits } from './set-provider-rate-limits.js';
import type { Operation } from './types.js';
import { upsertModelAlias } from './upsert-model-alias.js';
import { upsertProvider } from './upsert-provider.js';

export const OPERATIONS: readonly Operation[] = [
  upsertProvider,
  removeProvider,
  removeModel,
  setModelFallbacks,
  setModelPricing,
  upsertModelAlias,
  removeModelAlias,
  setProviderRateLimits,
  setMasterKey,
  migrateConfigOperation,
  discoverModels,
  list,
  listRouting,
];

export function findOperation(name: string): Operation {
  const op = OPERATIONS.find((o) => o.name === name || o.aliases.includes(name));
  if (op) return op;
  const names = [...OPERATIONS.flatMap((o) => [o.name, ...o.aliases]), 'startup-install', 'startup-status', 'startup-uninstall'];
  throw new RouterError(
    'USAGE',
    `unknown operation "${name}"${didYouMean(name, names, '--operation=')}; operations: ` +
      `${[...OPERATIONS.map((o) => o.name), 'startup-install', 'startup-status', 'startup-uninstall'].join(', ')}`,
  );
}
