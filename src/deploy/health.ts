/** After a deploy: does the Worker answer GET /health? A miss is a warning, never a failure. */
const HEALTH_TIMEOUT_MS = 8_000;

export async function checkHealth(url: string, signal?: AbortSignal): Promise<{ ok: boolean; detail: string }> {
  const target = `${url.replace(/\/+$/, '')}/health`;
  try {
    const res = await fetch(target, { signal: AbortSignal.any([AbortSignal.timeout(HEALTH_TIMEOUT_MS), ...(signal ? [signal] : [])]) });
    await res.body?.cancel();
    return res.ok ? { ok: true, detail: `${target} answered ${res.status}` } : { ok: false, detail: `${target} answered ${res.status}` };
  } catch (err) {
    const e = err as Error;
    const why = e.name === 'TimeoutError' ? `no answer within ${HEALTH_TIMEOUT_MS} ms` : ((e.cause as Error | undefined)?.message ?? e.message);
    return { ok: false, detail: `${target} not reachable (${why}); a new workers.dev name or route can take a minute to resolve` };
  }
}
