/** Rate-limit buckets: the list, the wizard with its "add another?" loop, removal. */
import { Box, Text } from 'ink';
import { setProviderRateLimits } from '../../config/operations/set-provider-rate-limits.js';
import { ConfirmRemoval } from '../components/Confirm.js';
import { Menu } from '../components/Menu.js';
import { Notice } from '../components/Notice.js';
import { Wizard } from '../components/Wizard.js';
import { bucketForm } from '../forms/bucket-form.js';
import { useListScreen } from '../hooks/use-list-screen.js';
import type { ScreenProps } from './types.js';

type Mode =
  | { kind: 'list' }
  | { kind: 'wizard'; provider?: string; round: number }
  | { kind: 'again'; provider: string; round: number; lines: string[] }
  | { kind: 'remove'; provider: string; bucket: string };

export function BucketsScreen({ config, save, nav, rows }: ScreenProps) {
  const { mode, setMode, notice, done, toList } = useListScreen<Mode>(nav, 'wizard');

  if (mode.kind === 'wizard') {
    return (
      <Wizard
        key={mode.round}
        spec={bucketForm(config, save, mode.provider)}
        onDone={(lines, values) => setMode({ kind: 'again', provider: mode.provider ?? String(values.providerId), round: mode.round, lines })}
        onCancel={toList}
      />
    );
  }
  if (mode.kind === 'again') {
    return (
      <Box flexDirection="column">
        <Notice kind="success" lines={mode.lines} />
        <Text>Add another bucket to {mode.provider}? Buckets combine: a request needs room in every one (e.g. 40 a minute and 600 per 6 hours).</Text>
        <Menu
          items={[
            { label: `Yes, add another to ${mode.provider}`, value: 'yes' },
            { label: 'No, done', value: 'no' },
          ]}
          onSelect={(v) => (v === 'yes' ? setMode({ kind: 'wizard', provider: mode.provider, round: mode.round + 1 }) : done('success', mode.lines))}
        />
      </Box>
    );
  }
  if (mode.kind === 'remove') {
    return (
      <ConfirmRemoval
        question={`Remove bucket ${mode.bucket} from ${mode.provider}?`}
        yes={'Yes, remove it'}
        remove={() => save(setProviderRateLimits, { providerId: mode.provider, bucketId: mode.bucket, removeBucket: true })}
        onDone={(kind, lines) => (kind === 'cancel' ? toList() : done(kind, lines))}
      />
    );
  }
  const items = [
    ...config.providers.flatMap((p) =>
      (p.rateLimits ?? []).map((b) => ({
        label: `${p.id} / ${b.name ?? b.id}: ${b.requests} per ${windowLabel(b.window)} on ${b.models.includes('all') ? 'all models' : b.models.join(', ')}`,
        value: `${p.id}\u0000${b.id}`,
      })),
    ),
    ...(config.providers.length ? [{ label: '+ Add a bucket', value: '\u0000add' }] : []),
  ];
  return (
    <Box flexDirection="column">
      {notice ? <Notice kind={notice.kind} lines={notice.lines} /> : null}
      {config.providers.length === 0 ? (
        <Text dimColor>Add a provider first; buckets cap a provider's requests.</Text>
      ) : (
        <Text dimColor>Enter on a bucket removes it.</Text>
      )}
      {items.length ? (
        <Menu
          items={items}
          limit={Math.max(3, rows - 3 - (notice?.lines.length ?? 0))}
          onSelect={(v) => {
            if (v === '\u0000add') return setMode({ kind: 'wizard', round: 0 });
            const [provider = '', bucket = ''] = v.split('\u0000');
            setMode({ kind: 'remove', provider, bucket });
          }}
        />
      ) : null}
    </Box>
  );
}

function windowLabel(window: { unit: string; size: number }): string {
  return window.size === 1 ? window.unit : `${window.size} ${window.unit}s`;
}
