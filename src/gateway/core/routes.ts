/**
 * The route table: every path the gateway answers, and the wire format each speaks (so an
 * error anywhere on the way comes back in the client's own shape). HEAD is GET without a body.
 */
import type { WireFormat } from '../../formats/index.js';
import type { HeaderMap } from './types.js';

export type Route =
  | { kind: 'model'; format?: WireFormat }
  | { kind: 'count-tokens' }
  | { kind: 'health' }
  | { kind: 'models-openai' }
  | { kind: 'models-anthropic' }
  | { kind: 'index' }
  | { kind: 'metrics' };

const POST = new Map<string, Route>();
const GET = new Map<string, Route>();

const MODEL_PATHS: [WireFormat, string[]][] = [
  ['anthropic-messages', ['/v1/messages', '/anthropic/v1/messages', '/anthropic/messages', '/messages']],
  ['openai-chat', ['/v1/chat/completions', '/openai/v1/chat/completions', '/openai/chat/completions', '/chat/completions']],
  ['openai-responses', ['/v1/responses', '/openai/v1/responses', '/openai/responses', '/responses']],
];
for (const [format, paths] of MODEL_PATHS) for (const path of paths) POST.set(path, { kind: 'model', format });
for (const path of ['/route', '/', '/v1', '/router']) POST.set(path, { kind: 'model' });
for (const path of ['/v1/messages/count_tokens', '/anthropic/v1/messages/count_tokens']) POST.set(path, { kind: 'count-tokens' });
GET.set('/health', { kind: 'health' });
for (const path of ['/v1/models', '/openai/v1/models', '/models', '/openai/models']) GET.set(path, { kind: 'models-openai' });
for (const path of ['/anthropic/v1/models', '/anthropic/models']) GET.set(path, { kind: 'models-anthropic' });
GET.set('/', { kind: 'index' });
GET.set('/metrics', { kind: 'metrics' });

/** The path without its query string. */
export function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

export function findRoute(method: string, path: string): Route | undefined {
  if (method === 'POST') return POST.get(path);
  if (method === 'GET' || method === 'HEAD') return GET.get(path);
  return undefined;
}

/** Which wire format a request speaks: its route's, else guessed from headers and path (unified and unknown routes). */
export function clientFormatFor(route: Route | undefined, url: string, headers: HeaderMap): WireFormat {
  if (route?.kind === 'model' && route.format) return route.format;
  if (route?.kind === 'count-tokens') return 'anthropic-messages';
  if (headers['anthropic-version'] || url.startsWith('/anthropic')) return 'anthropic-messages';
  if (url.includes('/responses')) return 'openai-responses';
  return 'openai-chat';
}

/** Every path, for the docs and GET /. */
export const ENDPOINTS = {
  anthropic: ['/anthropic/v1/messages', '/v1/messages', '/v1/messages/count_tokens'],
  openai: ['/openai/v1/chat/completions', '/v1/chat/completions', '/openai/v1/responses', '/v1/responses'],
  unified: ['/route', '/v1'],
  models: ['/v1/models', '/openai/v1/models', '/anthropic/v1/models'],
};
