/**
 * A form as a sequence of steps computed from the values so far (a step can depend on an
 * earlier answer: "hours" asks for a size, "choose models" asks which). Pure.
 */
export type StepKind = 'text' | 'secret' | 'select' | 'multiselect';
export type Value = string | string[];
export type Values = Readonly<Record<string, Value>>;

export interface StepOption {
  label: string;
  value: string;
  description?: string;
}

export interface Step {
  key: string;
  label: string;
  kind: StepKind;
  hint?: string;
  options?: readonly StepOption[];
  /** Value offered when the step is first shown. */
  initial?: Value;
  /** Returns a message when the value is not acceptable. */
  validate?: (value: Value, values: Values) => string | undefined;
}

export interface WizardSpec {
  title: string;
  steps(values: Values): Step[];
  /** Lines describing what will be saved. */
  review(values: Values): string[];
  /** Problems a save would report (live validation); empty when it would succeed. */
  check?(values: Values): string[];
  /** The review page's action (default "Save"). */
  submitLabel?(values: Values): string;
  /** Saves; resolves with result lines, rejects with a RouterError. */
  submit(values: Values): Promise<string[]>;
}

export interface WizardState {
  values: Values;
  /** Index into the steps computed from `values`; equal to their count on the review page. */
  index: number;
  error?: string;
}

export function initialWizard(values: Values = {}): WizardState {
  return { values, index: 0 };
}

/** Accepts the current step's value and moves on, or stays with the step's complaint. */
export function answer(spec: WizardSpec, state: WizardState, value: Value): WizardState {
  const steps = spec.steps(state.values);
  const step = steps[state.index];
  if (!step) return state;
  const problem = step.validate?.(value, state.values);
  if (problem) return { ...state, error: problem };
  const values = { ...state.values, [step.key]: value };
  // Later steps may change once this answer is known; drop answers to steps that no longer exist.
  const nextSteps = spec.steps(values);
  const keep = new Set(nextSteps.map((s) => s.key));
  const pruned = Object.fromEntries(Object.entries(values).filter(([k]) => keep.has(k) || !steps.some((s) => s.key === k)));
  const index = nextSteps.findIndex((s) => s.key === step.key) + 1;
  return { values: pruned, index };
}

export function back(state: WizardState): WizardState | undefined {
  if (state.index === 0) return undefined;
  return { values: state.values, index: state.index - 1 };
}

export function currentStep(spec: WizardSpec, state: WizardState): Step | undefined {
  return spec.steps(state.values)[state.index];
}
