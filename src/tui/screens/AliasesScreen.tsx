/** Aliases: the list with strategies and targets, create, edit, remove with confirmation. */
import { Box, Text } from 'ink';
import { useState } from 'react';
import { removeModelAlias } from '../../config/operations/remove-model-alias.js';
import { ConfirmRemoval, ItemActions } from '../components/Confirm.js';
import { Menu } from '../components/Menu.js';
import { Notice } from '../components/Notice.js';
import { Wizard } from '../components/Wizard.js';
import { aliasForm, aliasInitialValues } from '../forms/alias-form.js';
import { useListScreen } from '../hooks/use-list-screen.js';
import type { ScreenProps } from './types.js';

type Mode = { kind: 'list' } | { kind: 'actions'; id: string } | { kind: 'remove'; id: string } | { kind: 'form'; id?: string };

export function AliasesScreen({ config, save, nav, rows }: ScreenProps) {
  const { mode, setMode, notice, done, toList } = useListScreen<Mode>(nav, 'form');
  // The list reopens on the item last worked on.
  const [cursor, setCursor] = useState<string>();
  const aliases = config.modelAliases ?? {};

  if (mode.kind === 'form') {
    return (
      <Wizard
        spec={aliasForm(config, mode.id, save)}
        initialValues={aliasInitialValues(mode.id, mode.id ? aliases[mode.id] : undefined)}
        onDone={(lines) => done('success', lines)}
        onCancel={toList}
      />
    );
  }
  if (mode.kind === 'remove') {
    return (
      <ConfirmRemoval
        question={`Remove alias ${mode.id}? Clients asking for it will get "model not found".`}
        yes={`Yes, remove ${mode.id}`}
        remove={() => save(removeModelAlias, { aliasId: mode.id })}
        onDone={(kind, lines) => (kind === 'cancel' ? toList() : done(kind, lines))}
      />
    );
  }
  if (mode.kind === 'actions') {
    const id = mode.id;
    return (
      <ItemActions
        title={id}
        editLabel="Edit strategy and targets"
        onChoose={(v) => setMode(v === 'edit' ? { kind: 'form', id } : v === 'remove' ? { kind: 'remove', id } : { kind: 'list' })}
      />
    );
  }
  const items = [
    ...Object.entries(aliases).map(([id, a]) => ({
      label: aliasLabel(id, a),
      value: id,
    })),
    { label: '+ Create an alias', value: '\u0000add' },
  ];
  return (
    <Box flexDirection="column">
      {notice ? <Notice kind={notice.kind} lines={notice.lines} /> : null}
      {Object.keys(aliases).length === 0 ? (
        <Text dimColor>No aliases yet. An alias is a model name clients can use that routes to several targets.</Text>
      ) : null}
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

function aliasLabel(id: string, a: { strategy?: string | undefined; targets: readonly Target[]; fallbackTargets?: readonly Target[] | undefined }): string {
  const targets = a.targets.map((t) => (t.weight && t.weight !== 1 ? `${t.ref}@${t.weight}` : t.ref)).join(', ');
  const fallback = a.fallbackTargets?.length ? ` | fallback ${a.fallbackTargets.map((t) => t.ref).join(', ')}` : '';
  return `${id} → ${a.strategy ?? 'auto'}: ${targets}${fallback}`;
}

type Target = { ref: string; weight?: number | undefined };
