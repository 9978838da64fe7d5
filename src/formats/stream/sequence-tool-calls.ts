/**
 * Canonical parts -> the same parts with each tool call contiguous (its start, then all its
 * argument deltas), for client formats whose content blocks or output items are strictly
 * sequential (Anthropic Messages, OpenAI Responses).
 *
 * An OpenAI-format upstream may interleave the argument deltas of parallel tool calls
 * (0, 1, 0, 1). The open call is left for the next one only once its arguments so far are
 * complete JSON; until then the other calls' arguments are held and released whole, in
 * order, when the open call is complete or when anything else (text, reasoning, the end)
 * arrives. Nothing is lost and nothing is reordered within a call.
 */
import type { StreamPart } from '../canonical/types.js';
import type { Stage } from './stage.js';

type Start = Extract<StreamPart, { type: 'tool-call-start' }>;

function isCompleteJson(text: string): boolean {
  if (text === '') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function createToolCallSequencer(): Stage<StreamPart, StreamPart> {
  let open: { index: number; args: string; custom: boolean } | undefined;
  const held = new Map<number, { start: Start; args: string }>();

  const release = (index: number): StreamPart[] => {
    const call = held.get(index);
    if (!call) return [];
    held.delete(index);
    open = { index, args: call.args, custom: call.start.custom === true };
    const out: StreamPart[] = [call.start];
    if (call.args !== '') out.push({ type: 'tool-call-delta', index, argumentsDelta: call.args });
    return out;
  };

  /** Every held call, whole and in order; after it no call is open. */
  const releaseAll = (): StreamPart[] => {
    const out: StreamPart[] = [];
    // Most parts of an answer come with no call held: no key list, sort or spread for them.
    if (held.size > 0) for (const index of [...held.keys()].sort((a, b) => a - b)) out.push(...release(index));
    open = undefined;
    return out;
  };

  return {
    push(part) {
      if (part.type === 'tool-call-start') {
        held.set(part.index, { start: part, args: '' });
        return open ? [] : release(part.index);
      }
      if (part.type === 'tool-call-delta') {
        if (open?.index === part.index) {
          open.args += part.argumentsDelta;
          return [part];
        }
        const call = held.get(part.index);
        if (!call) return [part]; // a call this stage never saw start: let the encoder decide
        call.args += part.argumentsDelta;
        if (open && !open.custom && isCompleteJson(open.args)) return release(part.index);
        return [];
      }
      if (part.type === 'usage') return [part];
      const out = releaseAll();
      out.push(part);
      return out;
    },
    flush: () => releaseAll(),
  };
}
