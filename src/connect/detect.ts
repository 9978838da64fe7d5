/** Which coding tools point at the gateway now, per scope (read-only; a broken file is reported, not fatal). */
import { readFile } from 'node:fs/promises';
import { TOOL_IDS, type ToolId } from './gate/gates.js';
import { TOOLS } from './tools/registry.js';
import { SCOPES, type PathContext, type Scope } from './tools/types.js';

export interface Connection {
  tool: ToolId;
  scope: Scope;
  file: string;
  exists: boolean;
  /** The gateway URL the file points the tool at, if any. */
  pointsAt?: string;
  /** pointsAt is the running gateway. */
  connected: boolean;
  error?: string;
}

export async function detectConnections(paths: PathContext, gatewayUrl: string | undefined): Promise<Connection[]> {
  const rows = TOOL_IDS.flatMap((tool) => SCOPES.map((scope) => ({ tool, scope })));
  return Promise.all(
    rows.map(async ({ tool, scope }): Promise<Connection> => {
      const spec = TOOLS[tool];
      const file = spec.configPath(scope, paths);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        return { tool, scope, file, exists: false, connected: false };
      }
      try {
        const pointsAt = spec.pointsAt(text);
        return { tool, scope, file, exists: true, ...(pointsAt ? { pointsAt } : {}), connected: pointsAt !== undefined && pointsAt === gatewayUrl };
      } catch (err) {
        return { tool, scope, file, exists: true, connected: false, error: (err as Error).message };
      }
    }),
  );
}
