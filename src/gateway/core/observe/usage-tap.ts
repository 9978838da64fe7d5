/**
 * Reads token usage (and in-stream errors) out of a passed-through stream without decoding
 * it: SSE framing by eventsource-parser, and JSON.parse only for the few events that carry
 * a usage object or an error.
 */
import { createParser } from 'eventsource-parser';
import type { UpstreamFormat, Usage } from '../../../formats/index.js';
import { usageFromStreamEvent } from '../../../formats/usage.js';

const HAS_USAGE = /"usage"\s*:\s*\{/;
const HAS_ERROR = /"error"\s*:\s*\{/;

function errorMessage(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as { error?: unknown; type?: unknown; response?: { error?: unknown } };
  const error = record.error ?? (record.type === 'response.failed' ? record.response?.error : undefined);
  if (typeof error !== 'object' || error === null) return undefined;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' ? message : JSON.stringify(error).slice(0, 300);
}

export interface UsageTap {
  push(chunk: Uint8Array | string): void;
}

export function createUsageTap(format: UpstreamFormat, onUsage: (usage: Partial<Usage>) => void, onError?: (message: string) => void): UsageTap {
  const decoder = new TextDecoder();
  const parser = createParser({
    onEvent(event) {
      const usage = HAS_USAGE.test(event.data);
      const error = onError !== undefined && (event.event === 'error' || HAS_ERROR.test(event.data));
      if (!usage && !error) return;
      try {
        const data: unknown = JSON.parse(event.data);
        const reported = usage ? usageFromStreamEvent(format, data) : undefined;
        if (reported) onUsage(reported);
        const message = error ? errorMessage(data) : undefined;
        if (message !== undefined) onError?.(message);
      } catch {
        // not JSON: the client gets it as it is; there is no usage to read
      }
    },
  });
  return {
    push: (chunk) => parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })),
  };
}
