/**
 * A promise that rejects with "<what> timed out after N ms" when `promise` takes longer (the
 * work itself is not cancelled). The deadline is checked after the event loop's I/O phase,
 * so a reply that arrived in time but waits behind other work is not counted as late.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let check: NodeJS.Immediate | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      check = setImmediate(() => reject(new Error(`${what} timed out after ${ms} ms`)));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
    if (check) clearImmediate(check);
  });
}
