/**
 * Server-sent events: bytes -> events (eventsource-parser, fed by utf8-chunks so a
 * multi-byte character split across chunks survives), and events -> text.
 */
import { createParser } from 'eventsource-parser';
import type { Stage } from '../stream/stage.js';
import { createUtf8Chunks } from './utf8-chunks.js';

export interface SseEvent {
  event?: string | undefined;
  data: string;
}

export function createSseParser(): Stage<Uint8Array | string, SseEvent> {
  const utf8 = createUtf8Chunks();
  let out: SseEvent[] = [];
  const parser = createParser({
    // The parser's own message object ({id, event, data}) is the event: no second object per event.
    onEvent: (message) => void out.push(message),
  });
  const feed = (text: string): SseEvent[] => {
    out = [];
    if (text !== '') parser.feed(text);
    return out;
  };
  return {
    push: (chunk) => feed(typeof chunk === 'string' ? chunk : utf8.decode(chunk)),
    flush: () => {
      const events = feed(utf8.end());
      parser.reset({ consume: true }); // delivers a final event that lacked its blank line
      return events;
    },
  };
}

/** An event whose data is one line. */
const oneLine = (data: string, event?: string): string => (event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`);

export function formatSse(data: string, event?: string): string {
  // JSON text never holds a raw line break: one data line (the usual case, no splitting).
  if (!data.includes('\n')) return oneLine(data, event);
  const lines = data
    .split('\n')
    .map((line) => `data: ${line}`)
    .join('\n');
  return event === undefined ? `${lines}\n\n` : `event: ${event}\n${lines}\n\n`;
}

/** JSON.stringify writes no raw line break (strings escape theirs): always one data line, no scan. */
export function formatSseJson(value: unknown, event?: string): string {
  return oneLine(JSON.stringify(value), event);
}
