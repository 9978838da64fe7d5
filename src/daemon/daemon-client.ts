/**
 * The daemon as seen from a front end — the CLI's status/stop/reload and the TUI use this
 * one client: status, live stats, start, stop, reload. Each call probes first, so "not
 * running" is an answer, not an error.
 */
import { RouterError } from '../errors/router-error.js';
import { sendControl } from './control-client.js';
import { daemonPaths } from './paths.js';
import { probeDaemon } from './probe.js';
import { connect } from 'node:net';
import type { FeedMessage, ReloadResult, RequestRecord, StatsReply, StatusReply } from './protocol.js';
import { stopDaemon } from './stop-daemon.js';

export interface StartedDaemon {
  pid: number;
  host: string;
  port: number;
  alreadyRunning: boolean;
}

export interface DaemonClient {
  /** Status (no routing detail); undefined when not running. */
  status(): Promise<StatusReply | undefined>;
  /** Live status with routing health and bucket fill; undefined when not running. */
  stats(): Promise<StatsReply | undefined>;
  start(): Promise<StartedDaemon>;
  /** The stopped pid, or undefined when nothing was running. */
  stop(): Promise<number | undefined>;
  /** Undefined when not running. */
  reload(): Promise<ReloadResult | undefined>;
  /**
   * Live requests: `onRecords` gets the recent ones at once, then each new one as it
   * finishes; `onEnd` when the daemon goes away. Undefined when not running.
   */
  subscribeRequests(onRecords: (records: RequestRecord[]) => void, onEnd: () => void): Promise<{ close(): void } | undefined>;
}

export interface DaemonClientOptions {
  env: NodeJS.ProcessEnv;
  /** The CLI script the daemon is spawned from. */
  cliPath: string;
  configPath: string;
}

export function createDaemonClient(options: DaemonClientOptions): DaemonClient {
  const paths = daemonPaths(options.env);
  return {
    async status() {
      if (!(await probeDaemon(paths))) return undefined;
      const reply = await sendControl(paths.socket, { type: 'status' });
      if (!reply.ok) throw new RouterError('IO', `the daemon did not report its status: ${reply.error}`);
      const { ok: _ok, type: _type, ...body } = reply;
      return body;
    },
    async stats() {
      if (!(await probeDaemon(paths))) return undefined;
      const reply = await sendControl(paths.socket, { type: 'stats' });
      if (!reply.ok) throw new RouterError('IO', `the daemon did not report its stats: ${reply.error}`);
      const { ok: _ok, type: _type, ...body } = reply;
      return body;
    },
    async start() {
      const { spawnDaemon } = await import('./spawn-daemon.js');
      const { data, alreadyRunning } = await spawnDaemon(paths, options.cliPath, [`--config=${options.configPath}`], options.env);
      return { pid: data.pid, host: data.host, port: data.port, alreadyRunning };
    },
    stop: () => stopDaemon(paths),
    async subscribeRequests(onRecords, onEnd) {
      if (!(await probeDaemon(paths))) return undefined;
      const socket = connect(paths.socket);
      let buffer = '';
      socket.setEncoding('utf8');
      socket.on('connect', () => socket.write(`${JSON.stringify({ type: 'subscribe-requests' })}\n`));
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        const batch: RequestRecord[] = [];
        for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          try {
            const message = JSON.parse(line) as FeedMessage;
            if (message.type === 'subscribed') batch.push(...message.recent);
            else if (message.type === 'record') batch.push(message.record);
          } catch {
            // a malformed line: skip it
          }
        }
        if (batch.length > 0) onRecords(batch);
      });
      socket.on('error', () => undefined);
      socket.on('close', onEnd);
      return { close: () => socket.destroy() };
    },
    async reload() {
      if (!(await probeDaemon(paths))) return undefined;
      const reply = await sendControl(paths.socket, { type: 'reload' }, 10_000);
      if (!reply.ok) throw new RouterError('IO', `reload failed: ${reply.error}`);
      return reply.result;
    },
  };
}
