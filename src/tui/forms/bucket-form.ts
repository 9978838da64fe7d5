/**
 * The rate-limit bucket wizard: provider -> name -> scope (all, or chosen models) ->
 * request cap -> window unit -> size (for hours) -> review. The screen loops it for
 * combined caps (e.g. 40 a minute plus 600 per 6 hours).
 */
import { setProviderRateLimits } from '../../config/operations/set-provider-rate-limits.js';
import { windowSizeProblem, type Config } from '../../config/schema.js';
import type { Values, WizardSpec } from '../state/wizard.js';
import { positiveInt, required, str } from './refs.js';
import type { Save } from './save.js';

const UNITS = [
  { label: 'per minute', value: 'minute' },
  { label: 'per hour(s)', value: 'hour' },
  { label: 'per day', value: 'day' },
  { label: 'per week', value: 'week' },
  { label: 'per month', value: 'month' },
];

const hoursPerWindow = (value: string | string[]) => positiveInt('the number of hours')(value) ?? windowSizeProblem('hour', Number(value));

export function bucketWindow(values: Values): string {
  return `${str(values.unit)}:${values.unit === 'hour' ? str(values.size) || '1' : '1'}`;
}

function describe(values: Values): string {
  const size = values.unit === 'hour' ? Number(str(values.size) || '1') : 1;
  const unit = size === 1 ? str(values.unit) : `${size} ${str(values.unit)}s`;
  const scope = values.scope === 'all' ? 'all models' : (Array.isArray(values.models) ? values.models : []).join(', ');
  return `${str(values.requests)} requests per ${unit} on ${scope}`;
}

export function bucketForm(config: Config, save: Save, presetProvider?: string): WizardSpec {
  const providerOf = (values: Values) => config.providers.find((p) => p.id === (presetProvider ?? str(values.providerId)));
  return {
    title: presetProvider ? `Add another bucket to ${presetProvider}` : 'Add a rate-limit bucket',
    steps: (values) => [
      ...(presetProvider
        ? []
        : [
            {
              key: 'providerId',
              label: 'Provider',
              kind: 'select' as const,
              options: config.providers.map((p) => ({ label: p.name && p.name !== p.id ? `${p.id} (${p.name})` : p.id, value: p.id })),
            },
          ]),
      { key: 'bucketName', label: 'Bucket name', hint: 'e.g. "40 a minute"', kind: 'text', validate: required('the name') },
      {
        key: 'scope',
        label: 'Which models does it cap?',
        kind: 'select',
        options: [
          { label: 'All models of this provider', value: 'all', description: 'One shared cap across every model' },
          { label: 'Choose models…', value: 'some', description: 'Only the models you pick share this cap' },
        ],
      },
      ...(values.scope === 'some'
        ? [
            {
              key: 'models',
              label: 'Models in this bucket',
              kind: 'multiselect' as const,
              options: (providerOf(values)?.models ?? []).map((m) => ({ label: m.id, value: m.id })),
              validate: required('at least one model'),
            },
          ]
        : []),
      { key: 'requests', label: 'Request cap', hint: 'How many requests the window allows', kind: 'text', validate: positiveInt('the cap') },
      { key: 'unit', label: 'Window', kind: 'select', options: UNITS },
      ...(values.unit === 'hour'
        ? [
            {
              key: 'size',
              label: 'How many hours per window?',
              hint: 'e.g. 6 for "600 per 6 hours"',
              kind: 'text' as const,
              initial: '1',
              validate: hoursPerWindow,
            },
          ]
        : []),
    ],
    review: (values) => [
      `Provider: ${presetProvider ?? str(values.providerId)}`,
      `Bucket:   ${str(values.bucketName)}`,
      `Cap:      ${describe(values)}`,
      `Window:   ${bucketWindow(values)} (fixed, UTC-aligned)`,
    ],
    submit: (values) =>
      save(setProviderRateLimits, {
        providerId: presetProvider ?? str(values.providerId),
        bucketName: str(values.bucketName),
        bucketModels: values.scope === 'all' ? ['all'] : values.models,
        bucketRequests: Number(str(values.requests)),
        bucketWindow: bucketWindow(values),
      }),
  };
}
