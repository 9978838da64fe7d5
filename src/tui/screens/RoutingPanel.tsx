/** The home screen's routing summary: aliases -> targets with strategies, and bucket fill. */
import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import type { Config } from '../../config/schema.js';
import type { BucketFill } from '../../daemon/protocol.js';
import { FillBar } from '../components/FillBar.js';

export function RoutingPanel({ config, buckets, maxLines }: { config: Config; buckets: readonly BucketFill[] | undefined; maxLines: number }) {
  const aliases = Object.entries(config.modelAliases ?? {});
  const configured = config.providers.flatMap((p) => (p.rateLimits ?? []).map((b) => ({ p, b })));
  const lines: ReactElement[] = [];
  for (const [id, alias] of aliases) {
    const targets = alias.targets.map((t) => (t.weight && t.weight !== 1 ? `${t.ref}@${t.weight}` : t.ref)).join(', ');
    const fallback = alias.fallbackTargets?.length ? ` | fallback: ${alias.fallbackTargets.map((t) => t.ref).join(', ')}` : '';
    lines.push(
      <Text key={`a:${id}`} wrap="truncate-end">
        {'  '}
        <Text bold>{id}</Text> → {alias.strategy ?? 'auto'}: {targets}
        {fallback}
      </Text>,
    );
  }
  for (const { p, b } of configured) {
    const fill = buckets?.find((f) => f.providerId === p.id && f.bucketId === b.id);
    lines.push(
      <Text key={`b:${p.id}:${b.id}`} wrap="truncate-end">
        {'  '}
        {p.id}/{b.name ?? b.id}: <FillBar used={fill?.used ?? 0} limit={b.requests} width={8} />
        <Text dimColor> per {b.window.size === 1 ? b.window.unit : `${b.window.size} ${b.window.unit}s`}</Text>
      </Text>,
    );
  }
  const shown = lines.slice(0, Math.max(1, maxLines));
  return (
    <Box flexDirection="column">
      <Text bold>Routing</Text>
      {lines.length === 0 ? <Text dimColor> no aliases or buckets yet</Text> : shown}
      {lines.length > shown.length ? <Text dimColor> … {lines.length - shown.length} more (see Aliases, Rate-limit buckets)</Text> : null}
    </Box>
  );
}
