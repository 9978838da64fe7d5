/** Model pricing: pick a model (its prices shown), then set or remove them. */
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Pricing } from '../../config/schema.js';
import { Menu } from '../components/Menu.js';
import { Notice } from '../components/Notice.js';
import { Wizard } from '../components/Wizard.js';
import { pricingForm, pricingInitialValues, pricingOf } from '../forms/pricing-form.js';
import { modelOptions } from '../forms/refs.js';
import { useBackKey } from '../hooks/use-back-key.js';
import type { ScreenProps } from './types.js';

/** Short enough for a menu line at 80 columns: "$3 in, $15 out, cache $0.3/$3.75 per M". */
export function shortPricing(p: Pricing | undefined): string {
  if (!p) return '(no pricing)';
  const usd = (n: number | undefined) => (n === undefined ? '-' : `$${n}`);
  const cache = p.cacheRead !== undefined || p.cacheWrite !== undefined ? `, cache ${usd(p.cacheRead ?? p.input)}/${usd(p.cacheWrite ?? p.input)}` : '';
  return `${usd(p.input)} in, ${usd(p.output)} out${cache} per M`;
}

export function PricingScreen({ config, save, nav, rows }: ScreenProps) {
  const [editing, setEditing] = useState<string>();
  const [notice, setNotice] = useState<string[]>([]);
  useBackKey(() => nav({ type: 'back' }), editing === undefined);
  if (editing) {
    return (
      <Wizard
        spec={pricingForm(config, editing, save)}
        initialValues={pricingInitialValues(config, editing)}
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
          <Text dimColor>USD per million tokens (cache: read/write), for the cost in logs, usage, /metrics and Traffic.</Text>
          <Menu
            items={models.map((m) => ({ label: `${m.label}  ${shortPricing(pricingOf(config, m.value))}`, value: m.value }))}
            limit={Math.max(3, rows - 2 - notice.length)}
            onSelect={setEditing}
          />
        </>
      )}
    </Box>
  );
}
