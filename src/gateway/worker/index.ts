/** The Cloudflare Worker entry: the gateway's fetch handler and the routing-state Durable Object. */
import sealed from './sealed-config.js';
import { createWorkerHandler } from './handler.js';

export { RoutingStateObject } from './state-object.js';

export default { fetch: createWorkerHandler(sealed) };
