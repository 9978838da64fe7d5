/**
 * A stream stage: push inputs, get outputs; flush at the end. State lives in the stage's
 * closure. Stages chain into bytes -> SSE events -> canonical parts -> client events.
 */
export interface Stage<I, O> {
  push(input: I): O[];
  flush(): O[];
}

export function chain<A, B, C>(first: Stage<A, B>, second: Stage<B, C>): Stage<A, C> {
  const through = (items: B[]): C[] => items.flatMap((item) => second.push(item));
  return {
    push: (input) => through(first.push(input)),
    flush: () => [...through(first.flush()), ...second.flush()],
  };
}

/** Runs a stage over a whole input list (tests, benchmarks, non-streaming use). */
export function runStage<I, O>(stage: Stage<I, O>, inputs: Iterable<I>): O[] {
  const out: O[] = [];
  for (const input of inputs) out.push(...stage.push(input));
  out.push(...stage.flush());
  return out;
}
