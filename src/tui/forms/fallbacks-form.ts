/** A model's fallbacks: pick other provider/model refs, in the order they are tried. */
import { setModelFallbacks } from '../../config/operations/set-model-fallbacks.js';
import type { Config } from '../../config/schema.js';
import type { Values, WizardSpec } from '../state/wizard.js';
import { modelOptions } from './refs.js';
import type { Save } from './save.js';

export function splitRef(ref: string): { providerId: string; model: string } {
  const at = ref.indexOf('/');
  return { providerId: ref.slice(0, at), model: ref.slice(at + 1) };
}

export function fallbacksInitialValues(config: Config, ref: string): Values {
  const { providerId, model } = splitRef(ref);
  const found = config.providers.find((p) => p.id === providerId)?.models.find((m) => m.id === model);
  return { fallbackModels: found?.fallbackModels ?? [] };
}

export function fallbacksForm(config: Config, ref: string, save: Save): WizardSpec {
  const chosen = (values: Values) => (Array.isArray(values.fallbackModels) ? values.fallbackModels : []);
  return {
    title: `Fallbacks of ${ref}`,
    steps: () => [
      {
        key: 'fallbackModels',
        label: 'Fall back to (tried in the order picked)',
        hint: 'Space to pick, Enter when done; nothing picked clears the fallbacks.',
        kind: 'multiselect',
        options: modelOptions(config).filter((o) => o.value !== ref),
      },
    ],
    review: (values) => [chosen(values).length ? `${ref} -> ${chosen(values).join(' -> ')}` : `${ref}: no fallbacks`],
    submit: (values) => save(setModelFallbacks, { ...splitRef(ref), ...(chosen(values).length ? { fallbackModels: chosen(values) } : { clear: true }) }),
  };
}
