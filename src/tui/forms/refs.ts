/** Route references the pickers offer: enabled provider/model pairs, then aliases. */
import { modelRef } from '../../config/refs.js';
import type { Config } from '../../config/schema.js';
import { isEnabled } from '../../config/validate-config.js';
import type { StepOption, Values } from '../state/wizard.js';

export function modelOptions(config: Config): StepOption[] {
  return config.providers.flatMap((p) =>
    p.models.map((m) => {
      const ref = modelRef(p.id, m.id);
      return { label: isEnabled(p) && isEnabled(m) ? ref : `${ref} (disabled)`, value: ref };
    }),
  );
}

export function aliasOptions(config: Config, except?: string): StepOption[] {
  return Object.keys(config.modelAliases ?? {})
    .filter((id) => id !== except)
    .map((id) => ({ label: `${id} (alias)`, value: id }));
}

export const positiveInt = (what: string) => (value: string | string[]) =>
  typeof value === 'string' && /^[1-9]\d*$/.test(value) ? undefined : `${what} must be a whole number greater than 0`;

export const required = (what: string) => (value: string | string[]) =>
  (Array.isArray(value) ? value.length : value.trim().length) > 0 ? undefined : `${what} is required`;

/** A wizard answer as text ('' when absent or a list). */
export const str = (v: Values[string] | undefined): string => (typeof v === 'string' ? v : '');

/** A wizard answer as a list ([] when absent or text). */
export const list = (v: Values[string] | undefined): string[] => (Array.isArray(v) ? v : []);
