/**
 * Step 4: the master key the Worker demands: the local gateway's, a generated one (shown
 * once), or one typed masked with its problems shown live. A weak key needs an explicit
 * "use anyway".
 */
import { Box, Text } from 'ink';
import { useState } from 'react';
import { maskSecret } from '../../../config/mask.js';
import { Menu } from '../../components/Menu.js';
import { Notice } from '../../components/Notice.js';
import { TextField } from '../../components/TextField.js';
import { useTint } from '../../hooks/use-tint.js';
import { useTypingWhileMounted } from '../../hooks/use-typing.js';
import type { DeployStepProps } from './types.js';

function KeyField({ state, dispatch, api }: DeployStepProps) {
  useTypingWhileMounted(true);
  const tint = useTint();
  const [problems, setProblems] = useState<string[]>([]);
  const [typed, setTyped] = useState(false);
  return (
    <Box flexDirection="column">
      <Text>Master key for the Worker (hidden as you type)</Text>
      <Text dimColor>Clients send it as a Bearer token or x-api-key; problems show as you type</Text>
      <Box>
        <Text>› </Text>
        <TextField
          initial=""
          mask="•"
          onChange={(key) => {
            setTyped(key !== '');
            setProblems(key === '' ? [] : api.masterKeyProblems(key));
          }}
          onSubmit={(key) => dispatch({ type: 'key-chosen', key, source: 'typed', problems: api.masterKeyProblems(key) })}
        />
      </Box>
      {typed && problems.length === 0 ? <Text {...tint('green')}>✓ strong enough</Text> : null}
      {problems.length > 0 ? <Notice kind="info" lines={['Weak so far:', ...problems]} /> : null}
      {state.problem ? <Notice kind="error" lines={[state.problem]} /> : null}
    </Box>
  );
}

function Shown({ state, dispatch }: DeployStepProps) {
  const tint = useTint();
  return (
    <Box flexDirection="column">
      <Text>The Worker's new master key:</Text>
      <Text bold {...tint('green')}>
        {state.key?.value}
      </Text>
      <Text>Copy it now: it is shown only this once and is not saved in your local config.</Text>
      <Text dimColor>Select it with the mouse (in tmux: prefix + [ to copy). Clients of the Worker send it as their API key.</Text>
      <Menu items={[{ label: 'I have copied it', value: 'ok' }]} onSelect={() => dispatch({ type: 'key-copied' })} />
    </Box>
  );
}

function Weak({ state, dispatch, back }: DeployStepProps) {
  const problems = state.key?.problems ?? [];
  return (
    <Box flexDirection="column">
      <Notice
        kind="error"
        lines={['This key is weak: anyone who guesses it can spend your providers’ credit through the Worker.', ...problems.map((p) => `- ${p}`)]}
      />
      <Menu
        items={[
          { label: 'Choose another key', value: 'back' },
          { label: 'Use this weak key anyway', value: 'weak' },
        ]}
        onSelect={(v) => (v === 'weak' ? dispatch({ type: 'weak-accepted' }) : back())}
      />
    </Box>
  );
}

export function KeyStep(props: DeployStepProps) {
  const { state, dispatch, api, config } = props;
  if (state.step === 'key-type') return <KeyField {...props} />;
  if (state.step === 'key-shown') return <Shown {...props} />;
  if (state.step === 'key-weak') return <Weak {...props} />;
  const local = config.masterKey;
  const verb = state.flow === 'rotate' ? 'New key for the Worker' : 'Master key the Worker demands';
  return (
    <Box flexDirection="column">
      <Text>{verb}:</Text>
      <Menu
        items={[
          ...(local ? [{ label: `Use the local gateway's key (${maskSecret(local) ?? ''})`, value: 'local' as const }] : []),
          { label: 'Generate a new key (shown once)', value: 'generate' as const },
          { label: 'Type a key…', value: 'type' as const },
        ]}
        onSelect={(v) => {
          if (v === 'type') return dispatch({ type: 'type-key' });
          const key = v === 'local' ? (local ?? '') : api.generateMasterKey();
          dispatch({ type: 'key-chosen', key, source: v === 'local' ? 'local' : 'generated', problems: api.masterKeyProblems(key) });
        }}
      />
      {local ? null : <Text dimColor>The local config has no master key to reuse.</Text>}
    </Box>
  );
}
