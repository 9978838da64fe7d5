import type { StreamPart } from '../canonical/types.js';
import type { SseEvent } from '../sse/sse.js';
import { isRecord, type Json } from './values.js';

/** An upstream stream problem the router reports as a 502 in the client's error shape. */
export function upstreamStreamError(message: string): StreamPart {
  return { type: 'error', error: { status: 502, kind: 'api_error', message } };
}

/** The event's JSON object; an error part when it is not JSON; undefined for non-object JSON. */
export function eventJson(event: SseEvent): { json: Json } | { error: StreamPart } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(event.data);
  } catch {
    return { error: upstreamStreamError(`upstream sent a stream event that is not JSON: ${event.data.slice(0, 200)}`) };
  }
  return isRecord(value) ? { json: value } : undefined;
}
