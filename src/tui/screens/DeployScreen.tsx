/** Deploy: an honest placeholder; hosted deploy arrives in a later version. */
import { Box, Text } from 'ink';
import { useBackKey } from '../hooks/use-back-key.js';
import type { ScreenProps } from './types.js';

export function DeployScreen({ nav }: ScreenProps) {
  useBackKey(() => nav({ type: 'back' }));
  return (
    <Box flexDirection="column">
      <Text bold>Hosted deploy is not available in this version.</Text>
      <Text>Deploying the gateway to a hosted runtime (the seed's Cloudflare Workers deploy) arrives in a later release.</Text>
      <Text>Nothing here deploys or uploads anything. Run the gateway locally with "llm-router start", or at login with</Text>
      <Text>"llm-router config --operation=startup-install".</Text>
      <Text dimColor>Esc to go back.</Text>
    </Box>
  );
}
