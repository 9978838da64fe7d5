/**
 * A stream stage: push inputs, get outputs; flush at the end. State lives in the stage's
 * closure. Stages chain into bytes -> SSE events -> canonical parts -> client events.
 */
export interface Stage<I, O> {
  push(input: I): O[];
  flush(): O[];
}

export function chain<A, B, C>(first: Stage<A, B>, second: Stage<B, C>): Stage<A, C> {
  // Most pushes carry one item through: no flatMap array and callback per item.
  const through = (items: B[]): C[] => {
    if (items.length === 1) return second.push(items[0]!);
    const out: C[] = [];
    for (const item of items) for (const next of second.push(item)) out.push(next);
    return out;
  };
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
