/** Model fallbacks: pick a model, then pick (in order) the models it falls back to. */
import { fallbacksForm, fallbacksInitialValues } from '../forms/fallbacks-form.js';
import { ModelListScreen } from './ModelListScreen.js';
import type { ScreenProps } from './types.js';

export function FallbacksScreen({ config, save, nav, rows }: ScreenProps) {
  const fallbacksOf = (ref: string) => fallbacksInitialValues(config, ref).fallbackModels as string[];
  return (
    <ModelListScreen
      {...{ config, save, nav, rows }}
      form={fallbacksForm}
      initialValues={fallbacksInitialValues}
      line={(label, ref) => `${label}${fallbacksOf(ref).length ? ` -> ${fallbacksOf(ref).join(' -> ')}` : ''}`}
    />
  );
}
