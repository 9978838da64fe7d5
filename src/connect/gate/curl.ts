/** The gate's checks as curl commands a person (or agent) can paste. The token stays an env var. */
import { probeSpecs } from './probes.js';

export const TOKEN_VAR = 'LLM_ROUTER_API_KEY';

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlCommands(baseUrl: string, model: string | undefined, withToken: boolean): string[] {
  const auth = withToken ? ` -H "Authorization: Bearer $${TOKEN_VAR}"` : '';
  return probeSpecs(model)
    .filter((s) => !s.anonymous)
    .map((s) => {
      const body = s.body === undefined ? '' : ` -H 'content-type: application/json' -d ${shellQuote(JSON.stringify(s.body))}`;
      return `curl -sS${s.method === 'POST' ? ' -X POST' : ''} ${baseUrl}${s.path}${auth}${body}`;
    });
}
