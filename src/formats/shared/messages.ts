import type { CanonicalMessage } from '../canonical/types.js';

/**
 * Appends a message, merging it into the previous one when both have the same role
 * (Anthropic needs strictly alternating turns; OpenAI's consecutive tool messages are
 * one user turn of tool results). Empty messages are skipped.
 */
export function appendMessage(messages: CanonicalMessage[], message: CanonicalMessage): void {
  if (message.content.length === 0) return;
  const last = messages[messages.length - 1];
  if (last && last.role === message.role) {
    (last.content as unknown[]).push(...message.content);
    return;
  }
  messages.push(message);
}
