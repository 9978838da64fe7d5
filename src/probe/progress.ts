/** Probe events as people read them (one line per step) and as agents do (one JSON object per line). */
import type { ProbeEvent, ProbeListener } from './types.js';

const why = (e: { kind?: string | undefined; detail?: string | undefined }) => `${e.kind ?? 'failed'}${e.detail ? `: ${e.detail}` : ''}`;

export function progressLine(event: ProbeEvent): string {
  switch (event.type) {
    case 'start':
      return `[probe] ${event.providerId}: checking ${event.formats.join(', ')}`;
    case 'format':
      return event.spoken
        ? `[probe] ${event.format} at ${event.baseUrl}: spoken (auth ${event.auth ?? 'none'})`
        : `[probe] ${event.format} at ${event.baseUrl}: not spoken (${why(event)})`;
    case 'models-listed':
      return `[probe] ${event.url}: ${event.count} model(s) listed`;
    case 'models-list-failed':
      return `[probe] ${event.url}: no model list (${why(event)})`;
    case 'selected':
      return `[probe] confirming ${event.count} model(s) with a 1-token request each`;
    case 'model':
      return `[probe] ${event.index}/${event.total} ${event.model}: ${event.confirmed ? `ok via ${event.format ?? '?'}` : why(event)}`;
    case 'rate-limit-wait':
      return `[probe] rate limited by ${event.url}; waiting ${(event.waitMs / 1000).toFixed(1)} s (retry ${event.attempt})`;
    case 'done':
      return `[probe] done: ${event.confirmed} confirmed, ${event.failed} failed`;
  }
}

export function progressWriter(stream: { write(text: string): unknown }, json: boolean): ProbeListener {
  return (event) => {
    stream.write(json ? `${JSON.stringify({ event: 'probe', ...event })}\n` : `${progressLine(event)}\n`);
  };
}
