/** Model fallbacks: pick a model, then pick (in order) the models it falls back to. */
import { Box, Text } from 'ink';
import { useState } from 'react';
import { Menu } from '../components/Menu.js';
import { Notice } from '../components/Notice.js';
import { Wizard } from '../components/Wizard.js';
import { fallbacksForm, fallbacksInitialValues } from '../forms/fallbacks-form.js';
import { modelOptions } from '../forms/refs.js';
import { useBackKey } from '../hooks/use-back-key.js';
import type { ScreenProps } from './types.js';

export function FallbacksScreen({ config, save, nav, rows }: ScreenProps) {
  const [editing, setEditing] = useState<string>();
  const [notice, setNotice] = useState<string[]>([]);
  useBackKey(() => nav({ type: 'back' }), editing === undefined);
  if (editing) {
    return (
      <Wizard
        spec={fallbacksForm(config, editing, save)}
        initialValues={fallbacksInitialValues(config, editing)}
        onDone={(lines) => {
          setNotice(lines);
          setEditing(undefined);
        }}
        onCancel={() => setEditing(undefined)}
      />
    );
  }
  const models = modelOptions(config);
  const fallbacksOf = (ref: string) => fallbacksInitialValues(config, ref).fallbackModels as string[];
  return (
    <Box flexDirection="column">
      <Notice kind="success" lines={notice} />
      {models.length === 0 ? (
        <Text dimColor>No models yet: add a provider first.</Text>
      ) : (
        <Menu
          items={models.map((m) => ({ label: `${m.label}${fallbacksOf(m.value).length ? ` -> ${fallbacksOf(m.value).join(' -> ')}` : ''}`, value: m.value }))}
          limit={Math.max(3, rows - 1 - notice.length)}
          onSelect={setEditing}
        />
      )}
    </Box>
  );
}
