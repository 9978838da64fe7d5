/** Small text helpers for screens. Pure. */
import type { StatsReply } from '../../daemon/protocol.js';

export function formatUptime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${s}s` : `${s}s`;
}

export function endpointOf(stats: Pick<StatsReply, 'host' | 'port'>): string {
  return `http://${stats.host.includes(':') ? `[${stats.host}]` : stats.host}:${stats.port}`;
}

export function reloadLine(stats: StatsReply): string {
  const r = stats.lastReload;
  if (!r) return 'last reload: none since start';
  const at = r.at.slice(11, 19);
  return r.ok ? `last reload: applied at ${at} UTC` : `last reload: REFUSED at ${at} UTC: ${r.error ?? ''}`;
}

/** 1234 → "1.2 KB", as file sizes read (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
