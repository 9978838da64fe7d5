/** Master key: generate (shown once, with a copy hint), set (typed masked), or remove. */
import { Box, Text } from 'ink';
import { useState } from 'react';
import { maskSecret } from '../../config/mask.js';
import { setMasterKey } from '../../config/operations/set-master-key.js';
import { isRouterError } from '../../errors/router-error.js';
import { Confirm } from '../components/Confirm.js';
import { Menu } from '../components/Menu.js';
import { Notice } from '../components/Notice.js';
import { Wizard } from '../components/Wizard.js';
import { useBackKey } from '../hooks/use-back-key.js';
import type { WizardSpec } from '../state/wizard.js';
import type { ScreenProps } from './types.js';

type Mode = 'menu' | 'set' | 'clear' | 'shown';

export function MasterKeyScreen({ config, save, nav }: ScreenProps) {
  const [mode, setMode] = useState<Mode>('menu');
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; lines: string[] }>();
  useBackKey(() => (mode === 'menu' ? nav({ type: 'back' }) : setMode('menu')), mode !== 'set');
  const run = (input: Record<string, unknown>, next: Mode) =>
    save(setMasterKey, input).then(
      (lines) => {
        setNotice({ kind: 'success', lines });
        setMode(next);
      },
      (err: unknown) => {
        setNotice({ kind: 'error', lines: [isRouterError(err) ? err.message : String(err)] });
        setMode('menu');
      },
    );

  if (mode === 'shown' && notice) {
    return (
      <Box flexDirection="column">
        <Notice kind="success" lines={notice.lines} />
        <Text>Select the key with your mouse and copy it now (in tmux: prefix + [ to copy). It will not be shown again.</Text>
        <Menu
          items={[{ label: 'I have copied it', value: 'ok' }]}
          onSelect={() => {
            setNotice(undefined);
            setMode('menu');
          }}
        />
      </Box>
    );
  }
  if (mode === 'set') {
    const spec: WizardSpec = {
      title: 'Set the master key',
      steps: () => [
        {
          key: 'key',
          label: 'Master key (hidden as you type)',
          hint: '32+ random characters recommended; clients send it as a Bearer token or x-api-key',
          kind: 'secret',
        },
      ],
      review: (v) => [`New key: ${maskSecret(String(v.key ?? ''))}`],
      submit: (v) => save(setMasterKey, { masterKey: String(v.key ?? '') }),
    };
    return (
      <Wizard
        spec={spec}
        onDone={(lines) => {
          setNotice({ kind: 'success', lines });
          setMode('menu');
        }}
        onCancel={() => setMode('menu')}
      />
    );
  }
  if (mode === 'clear') {
    return (
      <Confirm
        question="Remove the master key? The gateway will then accept requests without a key."
        yes="Yes, remove the key"
        onAnswer={(yes) => (yes ? void run({ clear: true }, 'menu') : setMode('menu'))}
      />
    );
  }
  return (
    <Box flexDirection="column">
      <Text>Current key: {config.masterKey ? maskSecret(config.masterKey) : 'none (the gateway accepts requests without a key)'}</Text>
      {notice ? <Notice kind={notice.kind} lines={notice.lines} /> : null}
      <Menu
        items={[
          { label: 'Generate a new key (shown once)', value: 'generate' },
          { label: 'Type a key…', value: 'set' },
          ...(config.masterKey ? [{ label: 'Remove the key…', value: 'clear' }] : []),
          { label: 'Back', value: 'back' },
        ]}
        onSelect={(v) => {
          if (v === 'generate') void run({ generate: true }, 'shown');
          else if (v === 'set') setMode('set');
          else if (v === 'clear') setMode('clear');
          else nav({ type: 'back' });
        }}
      />
    </Box>
  );
}
