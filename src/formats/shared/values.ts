/** Small, format-neutral helpers for reading untrusted JSON bodies. */
import type { ImageSource } from '../canonical/types.js';

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Assigns only defined values, so optional fields stay absent (exactOptionalPropertyTypes). */
export function defined<T extends object>(target: T, values: { [K in keyof T]?: T[K] | undefined }): T {
  for (const [key, value] of Object.entries(values)) if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  return target;
}

const DATA_URL = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s;

/** `data:image/png;base64,...` -> base64 source; anything else is a URL source. */
export function imageFromUrl(url: string): ImageSource {
  const match = DATA_URL.exec(url);
  return match ? { kind: 'base64', mediaType: match[1] ?? 'image/png', data: match[2] ?? '' } : { kind: 'url', url };
}

export function imageToUrl(source: ImageSource): string {
  return source.kind === 'url' ? source.url : `data:${source.mediaType};base64,${source.data}`;
}

/** Parses tool arguments JSON; on failure returns undefined so callers can warn. */
export function parseJsonObject(text: string): Json | undefined {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
