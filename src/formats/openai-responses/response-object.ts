/** The Responses API `response` object and its output items, shared by the body builder and the stream encoder. */
import type { Citation, FinishReason, Usage } from '../canonical/types.js';
import type { Json } from '../shared/values.js';

export function responseId(id: string): string {
  return id.startsWith('resp_') ? id : `resp_${id.replace(/^(chatcmpl-|msg_)/, '') || 'router'}`;
}

export function usageToResponses(usage: Usage): Json {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cacheReadTokens ?? 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

export function statusFor(reason: FinishReason): { status: string; incomplete: Json | null } {
  if (reason === 'length' || reason === 'context_window') return { status: 'incomplete', incomplete: { reason: 'max_output_tokens' } };
  if (reason === 'content_filter' || reason === 'refusal') return { status: 'incomplete', incomplete: { reason: 'content_filter' } };
  return { status: 'completed', incomplete: null };
}

export interface ResponseShell {
  id: string;
  created: number;
  model: string;
}

export function responseObject(
  shell: ResponseShell,
  fields: { status: string; output: Json[]; usage?: Usage; incomplete?: Json | null; error?: Json | null },
): Json {
  return {
    id: shell.id,
    object: 'response',
    created_at: shell.created,
    status: fields.status,
    error: fields.error ?? null,
    incomplete_details: fields.incomplete ?? null,
    instructions: null,
    max_output_tokens: null,
    model: shell.model,
    output: fields.output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: null,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    truncation: 'disabled',
    usage: fields.usage ? usageToResponses(fields.usage) : null,
    metadata: {},
  };
}

export const messageItem = (id: string, text: string, status: string, annotations: Json[] = []): Json => ({
  id,
  type: 'message',
  status,
  role: 'assistant',
  content: status === 'in_progress' ? [] : [{ type: 'output_text', text, annotations, logprobs: [] }],
});

/** A canonical citation as a Responses `url_citation` annotation (indices relative to the item's text). */
export function urlCitation(citation: Citation, textStart: number): Json {
  const out: Json = { type: 'url_citation', url: citation.url, title: citation.title ?? citation.url };
  out.start_index = Math.max(0, (citation.startIndex ?? textStart) - textStart);
  out.end_index = Math.max(0, (citation.endIndex ?? textStart) - textStart);
  return out;
}

export const customToolCallItem = (id: string, callId: string, name: string, input: string, status: string): Json => ({
  id,
  type: 'custom_tool_call',
  status,
  call_id: callId,
  name,
  input,
});

export const functionCallItem = (id: string, callId: string, name: string, args: string, status: string): Json => ({
  id,
  type: 'function_call',
  status,
  arguments: args,
  call_id: callId,
  name,
});

/** Reasoning item; Anthropic signatures and redacted thinking ride in encrypted_content (shared/reasoning-token.ts). */
export const reasoningItem = (id: string, text: string, encryptedContent?: string): Json => {
  const item: Json = { id, type: 'reasoning', summary: text === '' ? [] : [{ type: 'summary_text', text }] };
  if (encryptedContent !== undefined) item.encrypted_content = encryptedContent;
  return item;
};
