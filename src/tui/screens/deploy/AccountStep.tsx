/** Step 2: the Cloudflare account, from those the token can use. */
import { Box, Text } from 'ink';
import { Menu } from '../../components/Menu.js';
import type { DeployStepProps } from './types.js';

export function AccountStep({ state, dispatch, rows }: DeployStepProps) {
  return (
    <Box flexDirection="column">
      <Text>The token can use {state.accounts.length} accounts. Which one gets the Worker?</Text>
      <Menu
        items={state.accounts.map((a) => ({ label: `${a.name} (${a.id})`, value: a.id }))}
        limit={Math.max(3, rows - 2)}
        {...(state.account ? { initialValue: state.account.id } : {})}
        onSelect={(accountId) => dispatch({ type: 'account-chosen', accountId })}
      />
    </Box>
  );
}
