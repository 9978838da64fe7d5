/**
 * Create or edit an alias: id, strategy (with a one-line description of each), targets
 * picked from known models and aliases, a weight per target for weighted strategies, and
 * a separate fallback tier. The review page shows what a save would refuse (cycles,
 * unknown refs) before saving.
 */
import { previewOperation } from '../../config/operations/preview.js';
import { upsertModelAlias } from '../../config/operations/upsert-model-alias.js';
import { ALIAS_ID_PATTERN } from '../../config/refs.js';
import { STRATEGIES, STRATEGY_DESCRIPTIONS, type Config, type ModelAlias } from '../../config/schema.js';
import type { Values, WizardSpec } from '../state/wizard.js';
import { aliasOptions, list, modelOptions, str } from './refs.js';
import type { Save } from './save.js';

const WEIGHTED = new Set(['auto', 'weighted-rr', 'quota-aware-weighted-rr']);
const weightKey = (ref: string) => `weight:${ref}`;

function positiveNumber(value: string | string[]): string | undefined {
  const n = Number(value);
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(n) && n > 0 ? undefined : 'the weight must be a number greater than 0';
}

export function aliasInitialValues(id: string | undefined, alias: ModelAlias | undefined): Values {
  if (!id || !alias) return {};
  const values: Record<string, string | string[]> = {
    aliasId: id,
    strategy: alias.strategy ?? 'auto',
    targets: alias.targets.map((t) => t.ref),
    fallbackTargets: (alias.fallbackTargets ?? []).map((t) => t.ref),
  };
  for (const t of alias.targets) values[weightKey(t.ref)] = String(t.weight ?? 1);
  return values;
}

function toInput(values: Values, editing: boolean): Record<string, unknown> {
  const targets = list(values.targets);
  const weighted = WEIGHTED.has(str(values.strategy));
  const fallbacks = list(values.fallbackTargets);
  return {
    aliasId: str(values.aliasId),
    strategy: str(values.strategy),
    targets: targets.map((ref) => (weighted ? `${ref}@${str(values[weightKey(ref)]) || '1'}` : ref)).join(','),
    ...(fallbacks.length ? { fallbackTargets: fallbacks.join(',') } : editing ? { clearFallbackTargets: true } : {}),
  };
}

export function aliasForm(config: Config, editingId: string | undefined, save: Save): WizardSpec {
  const editing = editingId !== undefined && config.modelAliases?.[editingId] !== undefined;
  return {
    title: editing ? `Edit alias ${editingId}` : 'Create an alias',
    steps: (values) => {
      const self = editingId ?? str(values.aliasId);
      const refs = [...modelOptions(config), ...aliasOptions(config, self)];
      const targets = list(values.targets);
      return [
        ...(editing
          ? []
          : [
              {
                key: 'aliasId',
                label: 'Alias id',
                hint: 'What clients send as "model", e.g. coding',
                kind: 'text' as const,
                validate: (v: string | string[]) =>
                  typeof v !== 'string' || !ALIAS_ID_PATTERN.test(v)
                    ? 'use letters, digits, ".", "_", ":" and "-", starting with a letter or digit'
                    : config.modelAliases?.[v]
                      ? `alias "${v}" already exists; edit it from the list instead`
                      : undefined,
              },
            ]),
        {
          key: 'strategy',
          label: 'Strategy',
          kind: 'select' as const,
          initial: 'auto',
          options: STRATEGIES.map((s) => ({ label: s, value: s, description: STRATEGY_DESCRIPTIONS[s] })),
        },
        {
          key: 'targets',
          label: 'Targets (primary tier)',
          hint: refs.length ? 'Space to pick, Enter when done. The order you pick is the order "ordered" tries.' : 'No models yet: add a provider first.',
          kind: 'multiselect' as const,
          options: refs,
          validate: (v: string | string[]) => (Array.isArray(v) && v.length > 0 ? undefined : 'pick at least one target'),
        },
        ...(WEIGHTED.has(str(values.strategy))
          ? targets.map((ref) => ({
              key: weightKey(ref),
              label: `Weight of ${ref}`,
              hint: 'Relative share of traffic, e.g. 3 vs 1',
              kind: 'text' as const,
              initial: '1',
              validate: positiveNumber,
            }))
          : []),
        {
          key: 'fallbackTargets',
          label: 'Fallback tier (optional)',
          hint: 'Used only when every primary target is unavailable. Enter with nothing picked for none.',
          kind: 'multiselect' as const,
          options: refs.filter((o) => !targets.includes(o.value)),
        },
      ];
    },
    review: (values) => {
      const input = toInput({ ...values, aliasId: editingId ?? values.aliasId ?? '' }, editing);
      return [
        `Alias:     ${editingId ?? str(values.aliasId)}`,
        `Strategy:  ${str(values.strategy)} (${STRATEGY_DESCRIPTIONS[str(values.strategy) as keyof typeof STRATEGY_DESCRIPTIONS] ?? ''})`,
        `Targets:   ${String(input.targets).split(',').join(', ')}`,
        `Fallbacks: ${list(values.fallbackTargets).join(', ') || 'none'}`,
      ];
    },
    check: (values) => previewOperation(upsertModelAlias, config, toInput({ ...values, aliasId: editingId ?? values.aliasId ?? '' }, editing)),
    submit: (values) => save(upsertModelAlias, toInput({ ...values, aliasId: editingId ?? values.aliasId ?? '' }, editing)),
  };
}
