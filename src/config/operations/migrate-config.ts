import { z } from 'zod';
import { migrateConfig } from '../migrate.js';
import { CURRENT_CONFIG_VERSION } from '../schema.js';
import { defineOperation, type OperationOutcome } from './types.js';

export const migrateConfigOperation = defineOperation({
  name: 'migrate-config',
  aliases: [],
  summary: `Migrate the config file to schema version ${CURRENT_CONFIG_VERSION}, backing it up first`,
  mutates: true,
  flags: [
    {
      name: 'target-version',
      key: 'targetVersion',
      kind: 'number',
      value: 'N',
      description: `schema version to migrate to (default ${CURRENT_CONFIG_VERSION})`,
    },
    {
      name: 'create-backup',
      aliases: ['backup'],
      key: 'createBackup',
      kind: 'boolean',
      value: 'true|false',
      description: 'back up the file under ~/.llm-router/backups/ first (default true)',
    },
  ],
  input: z.object({
    targetVersion: z.number().int('must be a whole number').positive('must be greater than 0').optional(),
    createBackup: z.boolean().optional(),
  }),
  run(config, input, ctx): OperationOutcome {
    const target = input.targetVersion ?? CURRENT_CONFIG_VERSION;
    if (!ctx.configExists) {
      return { data: { from: null, to: null, changed: false }, lines: [`No config file at ${ctx.configPath}; nothing to migrate`] };
    }
    const result = migrateConfig(config, target);
    if (!result.changed) {
      const why = config.version > target ? `; migrating down to version ${target} is not supported` : '';
      return { data: { from: result.from, to: result.to, changed: false }, lines: [`Config is at version ${config.version}${why}; nothing to do`] };
    }
    return {
      config: result.config,
      backup: input.createBackup ?? true,
      data: { from: result.from, to: result.to, changed: true },
      lines: [`Migrated ${ctx.configPath} from version ${result.from} to ${result.to}`],
    };
  },
});
