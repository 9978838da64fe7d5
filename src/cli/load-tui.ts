/**
 * Loads the terminal UI module under the conditions it needs to paint at once.
 *
 * - Ink's layout engine (yoga, emscripten) loads its inlined wasm through global fetch
 *   when one exists, and merely touching Node's lazy fetch loads its bundled HTTP stack
 *   (~65 ms before the first frame). Hidden while the UI loads, yoga decodes the wasm
 *   directly.
 * - Ink decides once, when it loads, whether it runs "in CI" (CI or CONTINUOUS_INTEGRATION
 *   set), and then paints nothing until exit. We only open the UI on a real terminal, so a
 *   CI marker inherited by a developer's shell or a terminal test must not blank it. The
 *   variables are put back right after loading, so child processes still see them.
 */
import type * as RunTui from '../tui/run-tui.js';

const CI_MARKERS = ['CI', 'CONTINUOUS_INTEGRATION'] as const;

export async function loadTui(): Promise<typeof RunTui> {
  const fetchDescriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  const hideFetch = fetchDescriptor?.configurable === true;
  const saved = CI_MARKERS.map((name) => [name, process.env[name]] as const);
  if (hideFetch) Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  for (const name of CI_MARKERS) delete process.env[name];
  try {
    return await import('../tui/run-tui.js');
  } finally {
    if (hideFetch && fetchDescriptor) Object.defineProperty(globalThis, 'fetch', fetchDescriptor);
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}
