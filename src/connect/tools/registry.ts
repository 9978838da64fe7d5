/** The coding tools `setup` knows, by id. */
import { RouterError } from '../../errors/router-error.js';
import { didYouMean } from '../../config/suggest.js';
import { TOOL_IDS, type ToolId } from '../gate/gates.js';
import { claudeCode } from './claude-code.js';
import { codex } from './codex.js';
import { opencode } from './opencode.js';
import type { ToolSpec } from './types.js';

export const TOOLS: Record<ToolId, ToolSpec> = { 'claude-code': claudeCode, codex, opencode };

export function findTool(name: string | undefined): ToolSpec {
  const id = name === 'codex-cli' ? 'codex' : name;
  if (id !== undefined && (TOOL_IDS as readonly string[]).includes(id)) return TOOLS[id as ToolId];
  throw new RouterError(
    'USAGE',
    name === undefined
      ? `setup needs a tool: llm-router setup <${TOOL_IDS.join('|')}>`
      : `unknown tool "${name}"${didYouMean(name, TOOL_IDS)}; tools: ${TOOL_IDS.join(', ')}`,
  );
}
