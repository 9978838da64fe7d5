/**
 * Which models to confirm: `--models` (names, `all`, globs over the listing); else the
 * provider's saved models; else, for a new provider, every listed model when there are
 * few enough to confirm in reasonable time.
 */
import { RouterError } from '../errors/router-error.js';
import type { Provider } from '../config/schema.js';
import type { EndpointProbe } from './probe-endpoints.js';
import { failureLine } from './probe-report.js';
import { isPattern, selectModels, type Selection } from './select-models.js';

/** Without --models, a new provider takes all its listed models only up to this many. */
export const MAX_IMPLICIT_MODELS = 20;

function sample(ids: readonly string[]): string {
  return `${ids.slice(0, 8).join(', ')}${ids.length > 8 ? `, ... (${ids.length - 8} more)` : ''}`;
}

function listProblem(endpoints: EndpointProbe): string {
  const why = endpoints.listFailures.map((f) => failureLine({ what: f.url, ...(f.kind ? { kind: f.kind } : {}), ...(f.detail ? { detail: f.detail } : {}) }));
  return why.length > 0 ? `: ${why.join('; ')}` : '';
}

export function resolveModelSelection(models: readonly string[] | undefined, existing: Provider | undefined, endpoints: EndpointProbe): Selection {
  const listed = endpoints.discovered?.map((m) => m.id);
  let requested = models ? [...models] : existing ? existing.models.map((m) => m.id) : undefined;
  if (!requested) {
    if (!listed || listed.length === 0) {
      throw new RouterError('INVALID_INPUT', `--models is required: the provider's model list could not be read${listProblem(endpoints)}`, { path: 'models' });
    }
    if (listed.length > MAX_IMPLICIT_MODELS) {
      throw new RouterError(
        'INVALID_INPUT',
        `--models is required: the provider lists ${listed.length} models and each is confirmed with a 1-token request; ` +
          `choose with --models=all, a filter like --models='${listed[0]?.split(/[-/]/)[0] ?? 'name'}-*', or names (listed: ${sample(listed)})`,
        { path: 'models' },
      );
    }
    requested = ['all'];
  }
  const patterns = requested.filter(isPattern);
  if (patterns.length > 0 && !listed) {
    throw new RouterError('INVALID_INPUT', `--models=${patterns.join(',')} needs the provider's model list, which could not be read${listProblem(endpoints)}`, {
      path: 'models',
    });
  }
  const selection = selectModels(requested, listed ?? []);
  if (selection.models.length === 0) {
    throw new RouterError(
      'INVALID_INPUT',
      `--models=${requested.join(',')} matches none of the ${listed?.length ?? 0} listed models (${sample(listed ?? [])})`,
      {
        path: 'models',
      },
    );
  }
  return selection;
}
