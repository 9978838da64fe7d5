/** Whatever a converter cannot carry over becomes a typed warning, never a silent loss. */
export type WarningType = 'unsupported-field' | 'unsupported-content' | 'unsupported-tool' | 'lossy-mapping' | 'defaulted';

export interface ConversionWarning {
  type: WarningType;
  /** The field or feature, e.g. `top_k`, `image in tool result`. */
  feature: string;
  message: string;
}

export interface Converted<T> {
  value: T;
  warnings: ConversionWarning[];
}

export class Warnings {
  readonly list: ConversionWarning[] = [];

  add(type: WarningType, feature: string, message: string): void {
    if (!this.list.some((w) => w.type === type && w.feature === feature)) this.list.push({ type, feature, message });
  }

  /** Warns when `value` is present and the target cannot express it. */
  drop(value: unknown, feature: string, target: string): void {
    if (value !== undefined && value !== null) this.add('unsupported-field', feature, `${feature} is not supported by ${target}; dropped`);
  }
}
