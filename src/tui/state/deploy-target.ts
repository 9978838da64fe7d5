/** A custom-domain target: the host the user types, and whether it lies inside a zone. Pure. */
import type { CloudflareZone } from '../../deploy/types.js';

const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,}$/;

/** "https://LLM.example.com/*" → "llm.example.com"; a problem in words when it is not a host name. */
export function normaliseHost(input: string): string | { problem: string } {
  const host = input
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/\/\*?$/, '')
    .replace(/\.$/, '');
  if (host === '') return { problem: 'Type the host the Worker should answer on, e.g. llm.example.com.' };
  if (host.includes('/') || host.includes(':')) return { problem: `"${input.trim()}" has a path or port: type only the host, e.g. llm.example.com.` };
  if (!HOST.test(host)) return { problem: `"${input.trim()}" is not a host name (e.g. llm.example.com).` };
  return host;
}

/** True when `host` is the zone's apex or a name under it. */
export function hostInZone(host: string, zoneName: string): boolean {
  const zone = zoneName.toLowerCase();
  const bare = host.replace(/^\*\./, '');
  return bare === zone || bare.endsWith(`.${zone}`);
}

/** The zone that holds `host` (the most specific when several do), if any. */
export function suggestZone(host: string, zones: readonly CloudflareZone[]): CloudflareZone | undefined {
  return zones.filter((z) => hostInZone(host, z.name)).sort((a, b) => b.name.length - a.name.length)[0];
}

/** The host moved onto the chosen zone: its first label in front of the zone (llm.example.org → llm.example.com). */
export function hostOnZone(host: string, zoneName: string): string {
  const first = host.split('.')[0] ?? host;
  return first === '' || first === '*' ? zoneName : `${first}.${zoneName}`;
}
