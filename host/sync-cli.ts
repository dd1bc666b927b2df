/**
 * The headless sync CLI, a stable contract for scripts:
 * CONGSYNC_PASSWORD=… npm run --silent sync -- --url URL --user NAME --folder PATH --media-dir DIR [--profile DIR]
 *   [--today YYYY-MM-DD] [--weeks N] [--ca FILE] [--concurrency N] [--dry-run] [--json] [--yes] [--lang en|de]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isIsoDate } from '../src/core/layout.js';
import type { SyncReport } from '../src/sync/run.js';
import type { Json } from './api.js';
import { defaultProfile, EXIT, openHost, UsageError } from './cli.js';

const SYNC_OPTIONS = {
  url: { type: 'string' },
  user: { type: 'string' },
  folder: { type: 'string' },
  'media-dir': { type: 'string' },
  profile: { type: 'string' },
  today: { type: 'string' },
  weeks: { type: 'string' },
  ca: { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  yes: { type: 'boolean' },
  quiet: { type: 'boolean' },
  lang: { type: 'string' },
  plugin: { type: 'string' },
} as const;

export const SYNC_USAGE = `Usage: CONGSYNC_PASSWORD=… npm run --silent sync -- --url URL --user NAME --folder PATH --media-dir DIR
  [--profile DIR] [--today YYYY-MM-DD] [--weeks N] [--ca FILE] [--concurrency N] [--timeout SECONDS]
  [--dry-run] [--json] [--yes] [--lang en|de]
Options not given come from the profile's settings. The password comes from CONGSYNC_PASSWORD or the profile's
secret store, never from the command line. Exit codes: 0 done, 1 some items failed, 2 configuration, connection or
authentication error.`;

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: SYNC_OPTIONS, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function integer(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number, got "${text}"`);
  return Number(text);
}

export async function runSyncCli(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(argv);
    if (values.today !== undefined && !isIsoDate(values.today)) {
      throw new UsageError(`--today must be a date as YYYY-MM-DD, got "${values.today}"`);
    }
  } catch (error) {
    process.stderr.write(`✖ ${(error as Error).message}\n\n${SYNC_USAGE}\n`);
    return EXIT.error;
  }
  const { host, plugin } = await openHost({ ...values, profile: values.profile ?? defaultProfile() }, false);
  try {
    if (!plugin) return EXIT.error;
    const overrides: Record<string, Json | undefined> = {
      serverUrl: values.url,
      username: values.user,
      folder: values.folder,
      caFile: values.ca ? path.resolve(values.ca) : undefined,
      syncWindowWeeks: integer(values.weeks, 'weeks'),
      concurrency: integer(values.concurrency, 'concurrency'),
      requestTimeoutSeconds: integer(values.timeout, 'timeout'),
    };
    for (const [key, value] of Object.entries(overrides))
      if (value !== undefined) plugin.configuration.override(key, value);
    const password = process.env.CONGSYNC_PASSWORD;
    if (password) host.secrets.setTransient(plugin.manifest.id, 'password', password);
    const command = values['dry-run'] ? 'congregation-sync.preview' : 'congregation-sync.sync';
    const report = await host.executeCommand<SyncReport>(
      command,
      values.today ? { today: values.today } : {},
    );
    const media = host.media.items().map(({ date, name, source, hidden, recurring, file }) => ({
      date,
      name,
      source,
      hidden,
      recurring,
      file,
    }));
    if (values.json) {
      const { ok, stats, settings, errors, plan } = report;
      process.stdout.write(
        `${JSON.stringify({ ok, media, stats, settings, errors, ...(plan ? { plan } : {}) }, null, 2)}\n`,
      );
    } else {
      for (const item of media) {
        const flags = [item.source, item.recurring ? 'recurring' : '', item.hidden ? 'hidden' : ''].filter(
          Boolean,
        );
        process.stdout.write(`${item.date}  ${item.name}  (${flags.join(', ')})\n`);
      }
    }
    return report.exitCode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `✖ ${host.redactor.redact(message)}\n${error instanceof UsageError ? `\n${SYNC_USAGE}\n` : ''}`,
    );
    return EXIT.error;
  } finally {
    await host.dispose();
  }
}
