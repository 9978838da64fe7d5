/**
 * The running gateway as a coding tool should reach it: the daemon's host and port (from
 * its pidfile and control socket, through the daemon client), a loopback address when it
 * listens on every interface, and the token clients send (a flag, else the master key).
 */
import type { Config } from '../config/schema.js';
import type { DaemonClient } from '../daemon/daemon-client.js';

export interface GatewayTarget {
  /** e.g. http://127.0.0.1:8787 (no trailing slash). */
  baseUrl: string;
  host: string;
  port: number;
  pid: number;
}

const ANY = new Set(['0.0.0.0', '::', '']);

export function gatewayBaseUrl(host: string, port: number): string {
  const reach = ANY.has(host) ? '127.0.0.1' : host;
  return `http://${reach.includes(':') ? `[${reach}]` : reach}:${port}`;
}

/** Undefined when no daemon is running. */
export async function findGateway(daemon: Pick<DaemonClient, 'status'>): Promise<GatewayTarget | undefined> {
  const status = await daemon.status();
  if (!status) return undefined;
  return { baseUrl: gatewayBaseUrl(status.host, status.port), host: status.host, port: status.port, pid: status.pid };
}

/** The token probes and tool configs use: an explicit one, else the config's master key. */
export function gatewayToken(config: Config, explicit?: string): string | undefined {
  return explicit !== undefined && explicit !== '' ? explicit : config.masterKey;
}
