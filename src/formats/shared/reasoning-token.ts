/**
 * Opaque reasoning state carried through a format that has no field for it: an Anthropic
 * thinking signature or redacted_thinking payload rides in a Responses reasoning item's
 * `encrypted_content`, and an OpenAI `encrypted_content` rides in an Anthropic thinking
 * block's `signature`. A prefix says whose it is, so each provider only ever gets back its
 * own tokens (a foreign one is dropped with a warning instead of failing upstream).
 */
import type { ReasoningPart } from '../canonical/types.js';

const SIGNATURE = 'llmr:anthropic-signature:';
const REDACTED = 'llmr:anthropic-redacted:';
const OPENAI = 'llmr:openai-encrypted:';

type ReasoningState = Pick<ReasoningPart, 'signature' | 'redactedData' | 'encryptedContent'>;

/** The Responses `encrypted_content` for a reasoning part (undefined: nothing to carry). */
export function encryptedContentOf(part: ReasoningState): string | undefined {
  if (part.encryptedContent !== undefined) return part.encryptedContent;
  if (part.redactedData !== undefined) return REDACTED + part.redactedData;
  if (part.signature) return SIGNATURE + part.signature;
  return undefined;
}

/**
 * A Responses `encrypted_content` -> reasoning state. Ours carry a prefix; OpenAI's are
 * Fernet tokens ("gAAAAA…"); anything else is an Anthropic signature sent by an earlier
 * llm-router that did not prefix them.
 */
export function fromEncryptedContent(token: string): ReasoningState {
  if (token.startsWith(SIGNATURE)) return { signature: token.slice(SIGNATURE.length) };
  if (token.startsWith(REDACTED)) return { redactedData: token.slice(REDACTED.length) };
  if (token.startsWith('gAAAA')) return { encryptedContent: token };
  return { signature: token };
}

/** The Anthropic thinking `signature` for a reasoning part that came from elsewhere. */
export function anthropicSignatureOf(part: ReasoningState): string {
  if (part.signature) return part.signature;
  if (part.encryptedContent !== undefined) return OPENAI + part.encryptedContent;
  return '';
}

/** An Anthropic thinking `signature` -> reasoning state (ours wrap OpenAI reasoning). */
export function fromAnthropicSignature(signature: string | undefined): ReasoningState {
  if (signature === undefined || signature === '') return {};
  if (signature.startsWith(OPENAI)) return { encryptedContent: signature.slice(OPENAI.length) };
  return { signature };
}
