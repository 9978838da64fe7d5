/** Client format for the unified endpoints (/, /v1, /route): headers first, then body shape. */
import type { WireFormat } from '../../../formats/index.js';

type Body = Record<string, unknown>;

const has = (value: unknown, pred: (v: Record<string, unknown>) => boolean): boolean =>
  Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null && pred(v as Record<string, unknown>));

export function detectClientFormat(headers: Record<string, string | string[] | undefined>, body: Body): WireFormat {
  if (headers['anthropic-version'] || body.anthropic_version) return 'anthropic-messages';
  if (body.input !== undefined && body.messages === undefined) return 'openai-responses';
  if (body.max_completion_tokens !== undefined || body.response_format !== undefined || body.n !== undefined) return 'openai-chat';
  if (has(body.tools, (t) => t.input_schema !== undefined)) return 'anthropic-messages';
  if (has(body.tools, (t) => t.type === 'function' || t.function !== undefined)) return 'openai-chat';
  const choice = body.tool_choice;
  if (choice === 'required' || choice === 'none' || (typeof choice === 'object' && choice !== null && (choice as Body).type === 'function'))
    return 'openai-chat';
  if (typeof choice === 'object' && choice !== null && ['any', 'tool'].includes(String((choice as Body).type))) return 'anthropic-messages';
  const messages = Array.isArray(body.messages) ? (body.messages as Body[]) : [];
  if (messages.some((m) => m?.role === 'tool' || m?.role === 'system' || m?.tool_call_id !== undefined || m?.tool_calls !== undefined)) return 'openai-chat';
  const blocks = messages.flatMap((m) => (Array.isArray(m?.content) ? (m.content as Body[]) : []));
  if (blocks.some((b) => ['tool_use', 'tool_result', 'thinking', 'redacted_thinking'].includes(String(b?.type)))) return 'anthropic-messages';
  if (blocks.some((b) => ['image_url', 'input_text', 'input_image'].includes(String(b?.type)))) return 'openai-chat';
  if (body.system !== undefined) return 'anthropic-messages';
  return 'anthropic-messages';
}
