/** Which model refs a coding tool can be pointed at, the default one, and checking a chosen ref. */
import { canonicalRef, modelRef, resolveRouteRef } from '../config/refs.js';
import type { Config } from '../config/schema.js';
import { isEnabled } from '../config/validate-config.js';
import { RouterError } from '../errors/router-error.js';

export interface ModelChoices {
  aliases: string[];
  /** Enabled provider/model refs. */
  refs: string[];
}

export function modelChoices(config: Config): ModelChoices {
  return {
    aliases: Object.keys(config.modelAliases ?? {}),
    refs: config.providers.filter(isEnabled).flatMap((p) => p.models.filter(isEnabled).map((m) => modelRef(p.id, m.id))),
  };
}

/** The default model when none is chosen: the config's default, else the first alias, else the first model. */
export function defaultModel(config: Config): string | undefined {
  if (config.defaultModel !== undefined && !('error' in resolveRouteRef(config, config.defaultModel))) return config.defaultModel;
  const choices = modelChoices(config);
  return choices.aliases[0] ?? choices.refs[0];
}

/** The canonical ref, or an INVALID_INPUT error naming the flag and what exists. */
export function checkModelRef(config: Config, ref: string, flag: string): string {
  const resolved = resolveRouteRef(config, ref);
  if ('error' in resolved) throw new RouterError('INVALID_INPUT', `--${flag}: ${resolved.error}`);
  return canonicalRef(resolved);
}
