/** The plugin's configuration: the single source of the manifest's `contributes.configuration` schema. */
import * as z from 'zod';
import type { PluginContext } from '../contract/api.js';
import { RATE_PATTERN } from './core/rate-limit.js';
import { SERVER_URL_PATTERN } from './core/url-policy.js';

export const settingsSchema = z.object({
  serverUrl: z.string().regex(new RegExp(SERVER_URL_PATTERN)).default('').meta({
    description: '%config.serverUrl%',
    patternErrorMessage: '%config.serverUrl.pattern%',
  }),
  username: z.string().max(256).default('').meta({ description: '%config.username%' }),
  folder: z.string().max(1024).default('/').meta({ description: '%config.folder%' }),
  syncWindowWeeks: z
    .number()
    .int()
    .min(1)
    .max(26)
    .default(4)
    .meta({ description: '%config.syncWindowWeeks%' }),
  concurrency: z.number().int().min(1).max(16).default(6).meta({ description: '%config.concurrency%' }),
  bwlimit: z.string().max(64).regex(new RegExp(RATE_PATTERN)).default('').meta({
    description: '%config.bwlimit%',
    patternErrorMessage: '%config.bwlimit.pattern%',
  }),
  caFile: z.string().max(4096).default('').meta({ description: '%config.caFile%' }),
  requestTimeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(600)
    .default(30)
    .meta({ description: '%config.requestTimeoutSeconds%' }),
  presenterFolder: z.string().max(4096).default('').meta({ description: '%config.presenterFolder%' }),
  autoSync: z.boolean().default(false).meta({ description: '%config.autoSync%' }),
  autoSyncIntervalSeconds: z
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(600)
    .meta({ description: '%config.autoSyncIntervalSeconds%' }),
});

export type Settings = z.infer<typeof settingsSchema>;

/** The JSON schema that manifest.json carries (checked by a test, written by `npm run manifest`). */
export function configurationJsonSchema(): Record<string, unknown> {
  const { $schema: _drop, ...schema } = z.toJSONSchema(settingsSchema, { io: 'input' }) as Record<
    string,
    unknown
  >;
  return { title: '%config.title%', ...schema };
}

export const PASSWORD_SECRET = 'password';

/** The plugin's settings, as the host holds them, with the schema's defaults. */
export function readSettings(ctx: PluginContext): Settings {
  const raw = Object.fromEntries(Object.keys(settingsSchema.shape).map((k) => [k, ctx.configuration.get(k)]));
  return settingsSchema.parse(raw);
}
