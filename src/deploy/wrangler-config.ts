/**
 * The wrangler.json deploy writes next to the bundle, and the target helpers around it
 * (route patterns, host/zone matching, the Worker's name and URL). Pure functions.
 */
import type { DeployTarget, StateBackend } from './types.js';

export const WORKER_NAME = 'llm-router';
/** Supported by the pinned wrangler 4.86.0 / miniflare 4.20260426.0 runtime. */
export const COMPATIBILITY_DATE = '2026-04-01';
export const STATE_BINDING = 'LLM_ROUTER_STATE';
export const STATE_CLASS = 'RoutingStateObject';
export const MAIN_MODULE = 'worker.js';
export const SEALED_MODULE = 'sealed-config.js';

/** wrangler names an `--env` Worker `<name>-<env>`. */
export function workerName(env?: string): string {
  return env ? `${WORKER_NAME}-${env}` : WORKER_NAME;
}

/** A domain becomes the pattern `<domain>/*`; a pattern keeps its path (scheme dropped). */
export function normaliseRoutePattern(value: string): string {
  const bare = value.trim().replace(/^https?:\/\//i, '');
  return bare.includes('/') ? bare : `${bare}/*`;
}

/** The host part of a route pattern (`*.example.com/*` -> `*.example.com`). */
export function patternHost(pattern: string): string {
  return (normaliseRoutePattern(pattern).split('/')[0] ?? '').toLowerCase();
}

/** A route host belongs to a zone when it is the zone or a name under it (wildcards included). */
export function hostInZone(host: string, zone: string): boolean {
  const h = host.toLowerCase().replace(/^\*\.?/, '');
  const z = zone.toLowerCase().replace(/\.$/, '');
  return h === z || h.endsWith(`.${z}`);
}

/** The zone a host most likely belongs to: its last two labels (a guess for a hint only). */
export function guessZone(host: string): string {
  return host
    .replace(/^\*\.?/, '')
    .split('.')
    .slice(-2)
    .join('.');
}

/** Where the deployed Worker answers; undefined when workers.dev has no subdomain yet. */
export function targetUrl(target: DeployTarget, env: string | undefined, subdomain: string | undefined): string | undefined {
  if (target.kind === 'workers-dev') return subdomain ? `https://${workerName(env)}.${subdomain}.workers.dev` : undefined;
  const host = patternHost(target.pattern);
  return host.includes('*') ? undefined : `https://${host}`;
}

export interface WranglerConfigInput {
  target: DeployTarget;
  stateBackend: StateBackend;
  env?: string | undefined;
}

/** wrangler.json: the bundle as-is (no re-bundling, two ES modules), the target, the state binding. */
export function wranglerConfig(input: WranglerConfigInput): Record<string, unknown> {
  const perEnv: Record<string, unknown> = {
    workers_dev: input.target.kind === 'workers-dev',
    preview_urls: false,
  };
  if (input.target.kind === 'route') {
    perEnv.routes = [{ pattern: normaliseRoutePattern(input.target.pattern), zone_name: input.target.zoneName }];
  }
  if (input.stateBackend === 'durable-object') {
    perEnv.durable_objects = { bindings: [{ name: STATE_BINDING, class_name: STATE_CLASS }] };
  }
  const config: Record<string, unknown> = {
    name: WORKER_NAME,
    main: MAIN_MODULE,
    compatibility_date: COMPATIBILITY_DATE,
    no_bundle: true,
    rules: [{ type: 'ESModule', globs: ['**/*.js'] }],
    ...perEnv,
  };
  if (input.stateBackend === 'durable-object') config.migrations = [{ tag: 'v1', new_sqlite_classes: [STATE_CLASS] }];
  // Bindings and routes are not inherited by a wrangler environment: repeat them there.
  if (input.env) config.env = { [input.env]: perEnv };
  return config;
}
