import { z } from 'zod';
import { RouterError } from '../../errors/router-error.js';
import { maskSecret } from '../mask.js';
import { cloneConfig } from './config-edits.js';
import { defineOperation, type OperationOutcome } from './types.js';
import { DEFAULT_KEY_LENGTH, DEFAULT_KEY_PREFIX, generateMasterKey } from '../../deploy/master-key.js';

export const setMasterKey = defineOperation({
  name: 'set-master-key',
  aliases: [],
  summary: 'Set, generate or clear the gateway master key',
  mutates: true,
  flags: [
    { name: 'master-key', key: 'masterKey', kind: 'string', value: 'KEY', description: 'use this key' },
    { name: 'generate-master-key', key: 'generate', kind: 'boolean', value: 'true', description: 'generate a random key and print it once' },
    {
      name: 'master-key-length',
      key: 'length',
      kind: 'number',
      value: 'N',
      description: `generated key length, prefix included (default ${DEFAULT_KEY_LENGTH}, max 256)`,
    },
    {
      name: 'master-key-prefix',
      key: 'prefix',
      kind: 'string',
      value: 'TEXT',
      description: `generated key prefix (default ${DEFAULT_KEY_PREFIX}, at most 32 characters)`,
    },
    { name: 'clear-master-key', key: 'clear', kind: 'boolean', value: 'true', description: 'remove the master key' },
  ],
  input: z.object({
    masterKey: z
      .string()
      .min(1, 'must not be empty')
      .refine((k) => !/\s/.test(k), 'must not contain whitespace')
      .optional(),
    generate: z.boolean().optional(),
    length: z.number().int('must be a whole number').max(256, 'must be at most 256').optional(),
    prefix: z
      .string()
      .max(32, 'must be at most 32 characters')
      .regex(/^[A-Za-z0-9_-]*$/, 'may use only letters, digits, "_" and "-"')
      .optional(),
    clear: z.boolean().optional(),
  }),
  run(config, input, ctx): OperationOutcome {
    const modes = [input.masterKey !== undefined, input.generate === true, input.clear === true].filter(Boolean).length;
    if (modes !== 1)
      throw new RouterError('INVALID_INPUT', 'give exactly one of --master-key=KEY, --generate-master-key=true or --clear-master-key=true', {
        path: 'master-key',
      });
    const next = cloneConfig(config);
    if (input.clear) {
      delete next.masterKey;
      return { config: next, data: { masterKey: null }, lines: ['Master key removed: the gateway no longer asks clients for a key'] };
    }
    if (input.generate) {
      const key = generateMasterKey(ctx.randomBytes, input.length ?? DEFAULT_KEY_LENGTH, input.prefix ?? DEFAULT_KEY_PREFIX);
      next.masterKey = key;
      return {
        config: next,
        data: { generated: true, masterKey: key },
        lines: [
          'New master key (shown only this once; copy it now):',
          '',
          `  ${key}`,
          '',
          'Clients send it as "Authorization: Bearer <key>" or "x-api-key: <key>".',
        ],
      };
    }
    const key = input.masterKey ?? '';
    next.masterKey = key;
    const warnings =
      key.length < 24 ? [`the master key is only ${key.length} characters; 32+ random characters are recommended (--generate-master-key=true)`] : [];
    return { config: next, data: { generated: false, masterKey: maskSecret(key) }, lines: [`Master key set (${maskSecret(key)})`], warnings };
  },
});
