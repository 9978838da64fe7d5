/**
 * A scripted model behind the gateway, speaking the provider side of Anthropic Messages,
 * OpenAI Chat Completions and OpenAI Responses, for driving the real coding tools through
 * a real tool loop:
 *   1. the prompt carries `TOKEN=<t> FILE=<f>` (and `PARALLEL` for two calls in one turn);
 *      the model asks the tool's shell to write the token into the file;
 *   2. once the conversation holds the tool results, it answers `I saw: <results>`.
 * Background calls (titles with a JSON schema, small-model calls) get a plausible answer.
 * Tool-call arguments stream in 1-3 character deltas. Every call id the model issued and
 * every id that came back in a tool result is recorded, and so is every request (headers
 * without secrets) for fixtures.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { anthropicTurn, chatTurn, responsesTurn, type Turn } from './scripted-turns.js';
import { writeAnthropic, writeChat, writeResponses, type Answer } from './scripted-writers.js';
import { listenOnLoopback } from '../helpers/listen.js';

export interface ScriptedModel {
  url: string;
  /** Every request body, in order, with its path. */
  requests: { path: string; body: any }[];
  /** Tool-call ids the model issued, and the ids that came back in tool results. */
  issued: string[];
  returned: string[];
  close(): Promise<void>;
}

const SHELLS: Record<string, (command: string) => Record<string, unknown>> = {
  Bash: (command) => ({ command, description: 'Write the token to the file' }),
  exec_command: (cmd) => ({ cmd }),
  shell_command: (command) => ({ command }),
  shell: (command) => ({ command: ['bash', '-lc', command] }),
};

export function decide(turn: Turn, idPrefix: string): Answer {
  if (turn.results.length > 0) return { kind: 'text', text: `I saw: ${turn.results.map((r) => r.text.trim()).join(' | ')}` };
  const job = /TOKEN=(\w+) FILE=(\S+)/.exec(turn.text);
  const shell = turn.tools.find((name) => name in SHELLS);
  if (job && shell) {
    const [, token, file] = job;
    const files = /PARALLEL/.test(turn.text) ? [file!, `${file}.2`] : [file!];
    const calls = files.map((f, i) => ({
      id: `${idPrefix}${randomBytes(6).toString('hex')}${i}`,
      name: shell,
      args: SHELLS[shell]!(`printf '%s' ${token}-${i + 1} > ${f} && cat ${f}`),
    }));
    return { kind: 'tools', calls };
  }
  if (turn.schema) return { kind: 'text', text: JSON.stringify(sample(turn.schema)) };
  return { kind: 'text', text: 'ok' };
}

/** A value that satisfies a simple JSON schema (titles, topic checks). */
function sample(schema: any): unknown {
  if (schema?.type === 'object' || schema?.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema.properties ?? {})) out[key] = sample(value);
    return out;
  }
  if (schema?.type === 'boolean') return false;
  if (schema?.type === 'number' || schema?.type === 'integer') return 1;
  if (schema?.type === 'array') return [];
  return 'Write a token';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => resolve(text));
  });
}

const LISTED = ['scripted-claude', 'scripted-gpt', 'scripted-codex'].map((id) => ({
  id,
  object: 'model',
  type: 'model',
  display_name: id,
  created_at: '2026-01-01T00:00:00Z',
  owned_by: 'scripted',
}));

export async function startScriptedModel(): Promise<ScriptedModel> {
  const model: Omit<ScriptedModel, 'url' | 'close'> = { requests: [], issued: [], returned: [] };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const text = await readBody(req);
    const path = (req.url ?? '').replace(/\?.*$/, '');
    // What a provider probe reads: the model list (OpenAI and Anthropic shapes in one).
    if (req.method === 'GET' && path.endsWith('/models'))
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: LISTED, has_more: false }));
    if (req.method !== 'POST') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"scripted model: body is not JSON"}}');
    }
    model.requests.push({ path, body });
    // A model this provider does not have gets the real APIs' 404, in the path's own shape (a probe reads the format from it).
    if (typeof body.model === 'string' && !body.model.startsWith('scripted-')) {
      const message = `model ${body.model} does not exist`;
      const error = path.endsWith('/messages')
        ? { type: 'error', error: { type: 'not_found_error', message } }
        : { error: { message, type: 'invalid_request_error', param: 'model', code: 'model_not_found' } };
      return void res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(error));
    }
    if (path.endsWith('/messages/count_tokens'))
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ input_tokens: Math.ceil(text.length / 4) }));
    const [turn, write, prefix] = path.endsWith('/messages')
      ? [anthropicTurn(body), writeAnthropic, 'toolu_']
      : path.endsWith('/chat/completions')
        ? [chatTurn(body), writeChat, 'call_']
        : path.endsWith('/responses')
          ? [responsesTurn(body), writeResponses, 'call_']
          : [undefined, undefined, ''];
    if (!turn || !write) return void res.writeHead(404, { 'content-type': 'application/json' }).end(`{"error":{"message":"scripted model: no route ${path}"}}`);
    model.returned.push(...turn.results.map((r) => r.id));
    const answer = decide(turn, prefix);
    if (answer.kind === 'tools') model.issued.push(...answer.calls.map((c) => c.id));
    write(res, body, answer);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => res.writeHead(500).end(JSON.stringify({ error: { message: err.message } })));
  });
  const listening = await listenOnLoopback(server);
  return {
    ...model,
    ...listening,
  };
}
