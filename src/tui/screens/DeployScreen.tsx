/**
 * Deploy: the gateway as a Cloudflare Worker, or a new master key for the deployed one.
 * Both wizards call the same DeployApi as `llm-router deploy` and `llm-router worker-key`.
 */
import { Box, Text } from 'ink';
import { useState } from 'react';
import { Menu } from '../components/Menu.js';
import { Notice } from '../components/Notice.js';
import { useBackKey } from '../hooks/use-back-key.js';
import { useDeployApi } from '../hooks/use-deploy-api.js';
import { envToken, type DeployFlow } from '../state/deploy-wizard.js';
import { DeployWizard } from './deploy/DeployWizard.js';
import type { ScreenProps } from './types.js';

export function DeployScreen({ config, services, nav, rows }: ScreenProps) {
  const [flow, setFlow] = useState<DeployFlow>();
  const loaded = useDeployApi(services);
  useBackKey(() => nav({ type: 'back' }), flow === undefined);
  const token = envToken(services.env);

  if (flow && loaded && 'api' in loaded) {
    return (
      <DeployWizard
        flow={flow}
        api={loaded.api}
        config={config}
        ctx={{ projectDir: services.cwd ?? process.cwd(), configPath: services.configPath }}
        envToken={token}
        rows={rows}
        onExit={(to) => (to === 'home' ? nav({ type: 'home' }) : setFlow(undefined))}
      />
    );
  }
  return (
    <Box flexDirection="column">
      <Text>Run the gateway as a Cloudflare Worker: a hosted endpoint for your tools.</Text>
      <Text dimColor>
        {token ? `Cloudflare token: from ${token.source}.` : 'Cloudflare token: typed in the next step (or set CLOUDFLARE_API_TOKEN).'} Project folder:{' '}
        {services.cwd ?? process.cwd()}
      </Text>
      {loaded && 'error' in loaded ? <Notice kind="error" lines={[loaded.error]} /> : null}
      {loaded === undefined ? <Text dimColor>Loading the deploy code…</Text> : null}
      <Box marginTop={1}>
        <Menu
          items={[
            { label: 'Deploy to Cloudflare Workers…', value: 'deploy' },
            { label: 'Rotate the Worker key…', value: 'rotate' },
            { label: 'Back', value: 'back' },
          ]}
          onSelect={(v) => (v === 'back' ? nav({ type: 'back' }) : loaded && 'api' in loaded ? setFlow(v as DeployFlow) : undefined)}
        />
      </Box>
    </Box>
  );
}
