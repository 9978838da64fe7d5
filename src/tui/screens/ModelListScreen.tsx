/** A screen that lists every model, one line each, and edits the picked one with a wizard (fallbacks, pricing). */
import { Box, Text } from 'ink';
import { useState, type ReactNode } from 'react';
import type { Config } from '../../config/schema.js';
import { Menu } from '../components/Menu.js';
import { Notice } from '../components/Notice.js';
import { Wizard } from '../components/Wizard.js';
import type { Save } from '../forms/save.js';
import { modelOptions } from '../forms/refs.js';
import { useBackKey } from '../hooks/use-back-key.js';
import type { Values, WizardSpec } from '../state/wizard.js';
import type { ScreenProps } from './types.js';

export interface ModelListProps extends Pick<ScreenProps, 'config' | 'save' | 'nav' | 'rows'> {
  form: (config: Config, ref: string, save: Save) => WizardSpec;
  initialValues: (config: Config, ref: string) => Values;
  /** The menu line for a model (its label is the `provider/model` ref). */
  line: (label: string, ref: string) => string;
  /** A dim line above the list. */
  header?: ReactNode;
}

export function ModelListScreen({ config, save, nav, rows, form, initialValues, line, header }: ModelListProps) {
  const [editing, setEditing] = useState<string>();
  const [notice, setNotice] = useState<string[]>([]);
  useBackKey(() => nav({ type: 'back' }), editing === undefined);
  if (editing) {
    return (
      <Wizard
        spec={form(config, editing, save)}
        initialValues={initialValues(config, editing)}
        onDone={(lines) => {
          setNotice(lines);
          setEditing(undefined);
        }}
        onCancel={() => setEditing(undefined)}
      />
    );
  }
  const models = modelOptions(config);
  return (
    <Box flexDirection="column">
      <Notice kind="success" lines={notice} />
      {models.length === 0 ? (
        <Text dimColor>No models yet: add a provider first.</Text>
      ) : (
        <>
          {header === undefined ? null : <Text dimColor>{header}</Text>}
          <Menu
            items={models.map((m) => ({ label: line(m.label, m.value), value: m.value }))}
            limit={Math.max(3, rows - (header === undefined ? 1 : 2) - notice.length)}
            onSelect={setEditing}
          />
        </>
      )}
    </Box>
  );
}
