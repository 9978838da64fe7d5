/** Step 1: the Cloudflare API token, typed masked (or taken from the environment), then checked. */
import { Box, Text } from 'ink';
import { Menu } from '../../components/Menu.js';
import { Notice } from '../../components/Notice.js';
import { Spinner } from '../../components/Spinner.js';
import { TextField } from '../../components/TextField.js';
import { useTypingWhileMounted } from '../../hooks/use-typing.js';
import { TOKEN_ATTEMPTS } from '../../state/deploy-wizard.js';
import type { DeployStepProps } from './types.js';

function TokenField({ state, dispatch }: DeployStepProps) {
  useTypingWhileMounted(true);
  return (
    <Box flexDirection="column">
      <Text>Cloudflare API token (hidden as you type)</Text>
      <Text dimColor>Create one at dash.cloudflare.com/profile/api-tokens ("Edit Cloudflare Workers"), or set CLOUDFLARE_API_TOKEN.</Text>
      <Box>
        <Text>› </Text>
        <TextField initial="" mask="•" onSubmit={(token) => dispatch({ type: 'token-entered', token, source: 'typed' })} />
      </Box>
      {state.problem ? <Notice kind="error" lines={[state.problem]} /> : null}
      {state.attempts > 0 ? (
        <Text dimColor>
          Attempt {state.attempts + 1} of {TOKEN_ATTEMPTS} · Enter checks it · Esc goes back
        </Text>
      ) : null}
    </Box>
  );
}

export function TokenStep(props: DeployStepProps) {
  const { state, onExit } = props;
  if (state.step === 'checking-token') {
    const from = state.token && state.token.source !== 'typed' ? ` from ${state.token.source}` : '';
    return <Spinner label={`Checking the token${from} with Cloudflare…`} />;
  }
  if (state.step === 'token-exhausted') {
    return (
      <Box flexDirection="column">
        <Notice kind="error" lines={[state.problem ?? 'The token was refused.', `Refused ${TOKEN_ATTEMPTS} times: nothing was deployed.`]} />
        <Text>Check the token's permissions on dash.cloudflare.com, then try again.</Text>
        <Menu items={[{ label: 'Back', value: 'back' }]} onSelect={() => onExit('menu')} />
      </Box>
    );
  }
  return <TokenField {...props} />;
}
