/** Step 3: where the Worker answers: workers.dev, or a host on one of the account's zones. */
import { Box, Text } from 'ink';
import { Menu } from '../../components/Menu.js';
import { Notice } from '../../components/Notice.js';
import { Spinner } from '../../components/Spinner.js';
import { TextField } from '../../components/TextField.js';
import { useTypingWhileMounted } from '../../hooks/use-typing.js';
import { hostOnZone, suggestZone } from '../../state/deploy-target.js';
import type { DeployStepProps } from './types.js';

function HostField({ state, dispatch }: DeployStepProps) {
  useTypingWhileMounted(true);
  return (
    <Box flexDirection="column">
      <Text>Host the Worker answers on (a name on one of your Cloudflare zones)</Text>
      <Text dimColor>e.g. llm.example.com — the route becomes llm.example.com/*</Text>
      <Box>
        <Text>› </Text>
        <TextField initial={state.host ?? ''} onSubmit={(host) => dispatch({ type: 'host-entered', host })} />
      </Box>
      {state.problem ? <Notice kind="error" lines={[state.problem]} /> : null}
    </Box>
  );
}

function ZoneList({ state, dispatch, rows }: DeployStepProps) {
  const host = state.host ?? '';
  if (state.zones.length === 0) {
    return (
      <Notice
        kind="error"
        lines={[`The account ${state.account?.name ?? ''} has no zones: add ${host}'s domain to Cloudflare, or press Esc and deploy to workers.dev.`]}
      />
    );
  }
  const suggested = suggestZone(host, state.zones);
  return (
    <Box flexDirection="column">
      <Text>Which zone holds {host}?</Text>
      <Menu
        items={state.zones.map((z) => ({ label: `${z.name}${z.id === suggested?.id ? ' (contains the host)' : ''}`, value: z.id }))}
        limit={Math.max(3, rows - 2)}
        {...(suggested ? { initialValue: suggested.id } : {})}
        onSelect={(zoneId) => dispatch({ type: 'zone-chosen', zoneId })}
      />
    </Box>
  );
}

function Mismatch({ state, dispatch }: DeployStepProps) {
  const host = state.host ?? '';
  const zone = state.zone?.name ?? '';
  const suggested = suggestZone(host, state.zones);
  const moved = hostOnZone(host, zone);
  return (
    <Box flexDirection="column">
      <Notice kind="error" lines={[`Mismatch: ${host} is not inside the zone ${zone}.`, 'Cloudflare refuses a route outside its zone.']} />
      <Text>How to fix it?</Text>
      <Menu
        items={[
          ...(suggested ? [{ label: `Use the zone ${suggested.name} (it contains ${host})`, value: 'use-zone' as const }] : []),
          { label: `Use the host ${moved} on ${zone}`, value: 'use-host' as const },
          { label: 'Type another host', value: 'retype-host' as const },
          { label: 'Pick another zone', value: 'pick-zone' as const },
        ]}
        onSelect={(fix) => dispatch({ type: 'mismatch-fix', fix })}
      />
    </Box>
  );
}

export function TargetStep(props: DeployStepProps) {
  const { state, dispatch } = props;
  switch (state.step) {
    case 'host':
      return <HostField {...props} />;
    case 'loading-zones':
      return <Spinner label={`Listing the zones of ${state.account?.name ?? 'the account'}…`} />;
    case 'zone':
      return <ZoneList {...props} />;
    case 'mismatch':
      return <Mismatch {...props} />;
    default:
      return (
        <Box flexDirection="column">
          <Text>Where should the Worker answer?</Text>
          <Menu
            items={[
              { label: 'workers.dev (https://llm-router.<your-subdomain>.workers.dev)', value: 'workers-dev' as const },
              { label: 'A custom domain on one of your zones (e.g. llm.example.com)…', value: 'route' as const },
            ]}
            {...(state.target ? { initialValue: state.target } : {})}
            onSelect={(target) => dispatch({ type: 'target-chosen', target })}
          />
        </Box>
      );
  }
}
