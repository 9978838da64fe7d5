/** A coding tool llm-router can point at the gateway: where its config lives and how to edit it. */
import type { ToolId } from '../gate/gates.js';

export type Scope = 'user' | 'project';
export const SCOPES: readonly Scope[] = ['user', 'project'];

export interface PathContext {
  env: NodeJS.ProcessEnv;
  /** The project directory (project scope). */
  cwd: string;
}

export interface EditContext {
  /** http://host:port of the gateway. */
  gatewayUrl: string;
  /** The master key, when one is set (written only where the tool needs it in its file). */
  token: string | undefined;
  /** Chosen model ref per tier of this tool. */
  models: Record<string, string>;
  /** OpenCode: which gateway API its provider block uses. */
  api?: 'chat' | 'messages';
}

export interface ToolSpec {
  id: ToolId;
  /** Model tiers the tool distinguishes (the first is its main model). */
  tiers: readonly string[];
  configPath(scope: Scope, ctx: PathContext): string;
  /** The new file text, given the current one (undefined when the file does not exist). */
  edit(text: string | undefined, ctx: EditContext, file: string): string;
  /** The gateway base URL this config points the tool at, if any. */
  pointsAt(text: string): string | undefined;
  /** What the user still has to do (e.g. export the key variable), given the file's current text. */
  notes(ctx: EditContext, before: string | undefined): string[];
}

/** Written when the gateway has no master key: clients insist on some token, the gateway ignores it. */
export const NO_KEY_PLACEHOLDER = 'llm-router-no-key';
export const KEY_ENV_VAR = 'LLM_ROUTER_API_KEY';
export const PROVIDER_ID = 'llm-router';
