/** Providers: the list (key masked), add, edit, remove with confirmation. */
import { Box, Text } from 'ink';
import { useState } from 'react';
import { maskSecret } from '../../config/mask.js';
import { removeProvider } from '../../config/operations/remove-provider.js';
import { ConfirmRemoval, ItemActions } from '../components/Confirm.js';
import { Menu } from '../components/Menu.js';
import { Notice } from '../components/Notice.js';
import { Wizard } from '../components/Wizard.js';
import { providerForm, providerInitialValues, providerInput, wantsProbe } from '../forms/provider-form.js';
import { useListScreen } from '../hooks/use-list-screen.js';
import { ProbeProvider } from './ProbeProvider.js';
import type { ScreenProps } from './types.js';

type Mode =
  | { kind: 'list' }
  | { kind: 'actions'; id: string }
  | { kind: 'remove'; id: string }
  | { kind: 'form'; id?: string }
  | { kind: 'probe'; input: Record<string, unknown> };

export function ProvidersScreen({ config, save, nav, rows, services }: ScreenProps) {
  const { mode, setMode, notice, done, toList } = useListScreen<Mode>(nav, 'form');
  // The list reopens on the item last worked on.
  const [cursor, setCursor] = useState<string>();

  if (mode.kind === 'form') {
    const existing = mode.id ? config.providers.find((p) => p.id === mode.id) : undefined;
    return (
      <Wizard
        spec={providerForm(existing, save)}
        initialValues={providerInitialValues(existing)}
        onDone={(lines, values) => (wantsProbe(values) ? setMode({ kind: 'probe', input: providerInput(values, existing) }) : done('success', lines))}
        onCancel={toList}
      />
    );
  }
  if (mode.kind === 'probe') {
    return (
      <ProbeProvider
        config={config}
        services={services}
        save={save}
        input={mode.input}
        rows={rows}
        onDone={(lines) => done('success', lines)}
        onCancel={toList}
      />
    );
  }
  if (mode.kind === 'remove') {
    return (
      <ConfirmRemoval
        question={`Remove provider ${mode.id}? Its models also leave every alias, fallback list and the default model.`}
        yes={`Yes, remove ${mode.id}`}
        remove={() => save(removeProvider, { providerId: mode.id })}
        onDone={(kind, lines) => (kind === 'cancel' ? toList() : done(kind, lines))}
      />
    );
  }
  if (mode.kind === 'actions') {
    const id = mode.id;
    return (
      <ItemActions
        title={id}
        editLabel="Edit"
        onChoose={(v) => setMode(v === 'edit' ? { kind: 'form', id } : v === 'remove' ? { kind: 'remove', id } : { kind: 'list' })}
      />
    );
  }
  const items = [
    ...config.providers.map((p) => {
      const key = p.apiKey ? `key ${maskSecret(p.apiKey)}` : p.apiKeyEnv ? `key from $${p.apiKeyEnv}` : 'no key';
      const off = p.enabled === false ? ' (disabled)' : '';
      return { label: `${p.id}${off} · ${p.format ?? p.formats?.join('+') ?? 'openai'} · ${p.models.length} model(s) · ${key}`, value: p.id };
    }),
    { label: '+ Add a provider', value: '\u0000add' },
  ];
  return (
    <Box flexDirection="column">
      {notice ? <Notice kind={notice.kind} lines={notice.lines} /> : null}
      {config.providers.length === 0 ? <Text dimColor>No providers yet. Add one to start routing.</Text> : null}
      <Menu
        items={items}
        limit={Math.max(3, rows - 2 - (notice?.lines.length ?? 0))}
        {...(cursor ? { initialValue: cursor } : {})}
        onSelect={(v) => {
          setCursor(v);
          setMode(v === '\u0000add' ? { kind: 'form' } : { kind: 'actions', id: v });
        }}
      />
    </Box>
  );
}
