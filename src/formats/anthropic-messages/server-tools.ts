/**
 * Anthropic server-tool blocks in a response (web search, web fetch, code execution run on
 * Anthropic's side). Clients of other formats must never see them as function calls they
 * are expected to run: code-execution output is shown as text, search and fetch results
 * are left out (the answer's citations name the sources), the calls themselves are not
 * sent. The streamed and the non-streamed paths use the same rules.
 */
import type { Citation } from '../canonical/types.js';
import { arr, defined, isRecord, str, type Json } from '../shared/values.js';

/** True for block types that are a server tool's call or result, not model output. */
export function isServerToolBlock(type: unknown): boolean {
  return typeof type === 'string' && (type === 'server_tool_use' || type === 'mcp_tool_use' || type.endsWith('_tool_result'));
}

/** The text a server tool's result contributes to the answer (code execution output), if any. */
export function serverToolText(block: Json): string | undefined {
  if (typeof block.type !== 'string' || !block.type.includes('code_execution')) return undefined;
  const content = isRecord(block.content) ? block.content : {};
  const stdout = str(content.stdout) ?? '';
  const stderr = str(content.stderr) ?? '';
  if (stdout === '' && stderr === '') return undefined;
  const parts = [
    stdout !== '' ? `\n\`\`\`\n${stdout.replace(/\n$/, '')}\n\`\`\`\n` : '',
    stderr !== '' ? `\n\`\`\`stderr\n${stderr.replace(/\n$/, '')}\n\`\`\`\n` : '',
  ];
  return parts.join('');
}

/** An Anthropic citation with a URL (web search, search results) -> canonical; others (document locations) are dropped. */
export function citationOf(value: unknown): Citation | undefined {
  if (!isRecord(value)) return undefined;
  const url = str(value.url) ?? (value.type === 'search_result_location' ? str(value.source) : undefined);
  if (!url) return undefined;
  return defined({ url } as Citation, { title: str(value.title), citedText: str(value.cited_text) });
}

export function citationsOf(value: unknown): Citation[] {
  return arr(value).flatMap((c) => citationOf(c) ?? []);
}
