/**
 * Step bookkeeping shared by deploy and key rotation: each step emits start, then ok / skip /
 * fail, and a failure becomes a StepFailure carrying the catalog code and what was left in
 * place. Plus the tool snippets the result prints.
 */
import { isRouterError, RouterError } from '../errors/router-error.js';
import { CloudflareApiError } from './cloudflare-api.js';
import type { DeployEvent, DeployStepId } from './types.js';

export class StepFailure extends Error {
  readonly step: DeployStepId;
  readonly code: string;
  readonly exitCode: number;
  readonly details: readonly string[];
  constructor(step: DeployStepId, error: RouterError) {
    super(error.message);
    this.step = step;
    this.code = error.code;
    this.exitCode = error.exitCode;
    this.details = error.details;
  }
}

/** Cloudflare failures in catalog terms: the token, account or zone is bad input (2); the network is runtime (1). */
export function asRouterError(err: unknown): RouterError {
  if (isRouterError(err)) return err;
  if (err instanceof CloudflareApiError) {
    const input = err.problem === 'bad-token' || err.problem === 'forbidden' || err.problem === 'not-found';
    return new RouterError(input ? 'INVALID_INPUT' : 'CLOUDFLARE_API', err.message, { cause: err });
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return new RouterError('IO', (err as Error).message, { cause: err });
  return new RouterError('INTERNAL', err instanceof Error ? err.message : String(err), { cause: err });
}

export type Emit = (event: DeployEvent) => void;

export interface StepDone<T> {
  value: T;
  detail?: string;
  status?: 'ok' | 'skip';
}

export async function step<T>(emit: Emit, id: DeployStepId, run: () => Promise<StepDone<T>>): Promise<T> {
  emit({ step: id, status: 'start' });
  try {
    const done = await run();
    emit({ step: id, status: done.status ?? 'ok', ...(done.detail !== undefined ? { detail: done.detail } : {}) });
    return done.value;
  } catch (err) {
    const error = asRouterError(err);
    emit({ step: id, status: 'fail', detail: error.message });
    throw new StepFailure(id, error);
  }
}

/** Safe wrapper around a user's onEvent: a throwing listener must not break the deploy. */
export function safeEmit(onEvent: (event: DeployEvent) => void): Emit {
  return (event) => {
    try {
      onEvent(event);
    } catch {
      // The listener's problem; the deploy goes on.
    }
  };
}

export function toolSnippets(url: string | undefined): { tool: string; text: string }[] {
  const base = url ?? 'https://<your-worker-host>';
  return [
    {
      tool: 'Claude Code',
      text: [`export ANTHROPIC_BASE_URL=${base}/anthropic`, 'export ANTHROPIC_AUTH_TOKEN=<the master key>'].join('\n'),
    },
    {
      tool: 'Codex',
      text: [
        'export LLM_ROUTER_KEY=<the master key>',
        `codex -c model_provider=llm-router -c 'model_providers.llm-router={ name="llm-router", base_url="${base}/openai/v1", wire_api="responses", env_key="LLM_ROUTER_KEY" }'`,
      ].join('\n'),
    },
  ];
}
