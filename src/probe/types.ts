/** What a provider probe finds, and the events it reports as it goes (JSON-safe). */
import type { Format } from '../config/schema.js';

/** Why one probe request did not confirm what it asked. */
export type FailureKind =
  'auth' | 'format-mismatch' | 'rate-limited' | 'model-unsupported' | 'network' | 'timeout' | 'non-json' | 'bad-request' | 'upstream-error';

export type AuthStyle = 'bearer' | 'x-api-key' | 'none';

export interface Outcome {
  ok: boolean;
  kind?: FailureKind;
  /** Short human detail: the provider's error message (key scrubbed) or what was wrong. */
  detail?: string;
  status?: number;
}

/** One format's check: spoken (with the endpoint and auth style that worked) or why not. */
export interface FormatCheck {
  format: Format;
  baseUrl: string;
  spoken: boolean;
  auth?: AuthStyle;
  kind?: FailureKind;
  detail?: string;
}

export interface ModelCheck {
  model: string;
  confirmed: boolean;
  /** The format the 1-token request worked in. */
  format?: Format;
  kind?: FailureKind;
  detail?: string;
  /** Every attempt, in order: format and outcome. */
  attempts: { format: Format; ok: boolean; kind?: FailureKind; detail?: string }[];
}

export interface DiscoveredModel {
  id: string;
  displayName?: string;
}

export type ProbeEvent =
  | { type: 'start'; providerId: string; formats: Format[] }
  | { type: 'format'; format: Format; baseUrl: string; spoken: boolean; auth?: AuthStyle; kind?: FailureKind; detail?: string }
  | { type: 'models-listed'; url: string; count: number }
  | { type: 'models-list-failed'; url: string; kind?: FailureKind; detail?: string }
  | { type: 'selected'; count: number; models: string[] }
  | { type: 'model'; index: number; total: number; model: string; confirmed: boolean; format?: Format; kind?: FailureKind; detail?: string }
  | { type: 'rate-limit-wait'; url: string; waitMs: number; attempt: number }
  | { type: 'done'; ok: boolean; confirmed: number; failed: number; formats: Format[] };

export type ProbeListener = (event: ProbeEvent) => void;
