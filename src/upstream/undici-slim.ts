/**
 * The pieces of undici the upstream client uses, loaded from undici's own modules
 * instead of its index. The index also loads fetch, WebSocket, EventSource, the cache
 * stores, mocks and every other dispatcher: ~1.2 MB of source the daemon would parse and
 * keep in memory for nothing. undici has no "exports" map, so these paths are public
 * files of the package; the types come from undici's own declarations. The upstream
 * client tests cover every path used here (pool, headers and body timeouts, abort).
 */
import type { Agent as AgentType, errors as ErrorsType } from 'undici';
// @ts-expect-error: undici ships no declarations for its internal modules (typed below).
import AgentImpl from 'undici/lib/dispatcher/agent.js';
// @ts-expect-error: as above.
import errorsImpl from 'undici/lib/core/errors.js';
// @ts-expect-error: as above.
import utilImpl from 'undici/lib/core/util.js';

export const Agent = AgentImpl as typeof AgentType;
export const errors = errorsImpl as typeof ErrorsType;

/** Raw response headers (name, value, name, value, ...) as an object; a repeated name gets an array (undici's `util.parseHeaders`). */
export const parseHeaders = (utilImpl as { parseHeaders: (raw: Buffer[]) => Record<string, string | string[]> }).parseHeaders;
