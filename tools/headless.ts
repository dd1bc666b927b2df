/** What the headless CLIs (sync, vo) share: connection options, validation, a host with the plugin configured. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Json } from '../contract/api.js';
import { isIsoDate } from '../contract/media-folders.js';
import { cliLanguage, openHost, parseProblem, secretOnCommandLine, UsageError } from '../host/cli-kit.js';
import type { Language } from '../host/i18n.js';
import { parseRate } from '../src/core/rate-limit.js';
import { t } from '../src/i18n.js';
import { PASSWORD_SECRET } from '../src/settings.js';
import { defaultProfile, PASSWORD_ENV, pluginFolder, usePasswordFromEnvironment } from './plugin-home.js';
import { requireSetup } from './setup-check.js';

export const CONNECTION_OPTIONS = {
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
  bwlimit: { type: 'string' },
  json: { type: 'boolean' },
  yes: { type: 'boolean' },
  quiet: { type: 'boolean' },
  lang: { type: 'string' },
  plugin: { type: 'string' },
  'dry-run': { type: 'boolean' },
  date: { type: 'string' },
  recurring: { type: 'boolean' },
  before: { type: 'string' },
  overwrite: { type: 'boolean' },
  'presenter-folder': { type: 'string' },
  'rename-existing': { type: 'boolean' },
  'any-type': { type: 'boolean' },
  'create-folder': { type: 'boolean' },
  end: { type: 'boolean' },
} as const;

/** Options that only some commands take. */
const SPECIFIC = [
  'dry-run',
  'date',
  'recurring',
  'before',
  'overwrite',
  'presenter-folder',
  'rename-existing',
  'any-type',
  'create-folder',
  'end',
] as const;

/** The language of a headless command line: its --lang, else its profile's display language, else English. */
export function headlessLanguage(argv: readonly string[]): Language {
  return cliLanguage(argv, defaultProfile());
}

/** The options every headless command takes, and where the rest comes from, in `language`. */
export function connectionUsage(language: Language): string {
  return t(language, 'usage.connection');
}

/** Parses the shared options plus those of `allowed`; anything else is a usage error. */
export function parseHeadless(argv: string[], allowed: ReadonlyArray<(typeof SPECIFIC)[number]>) {
  refusePassword(argv);
  const language = headlessLanguage(argv);
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof CONNECTION_OPTIONS; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args: argv, options: CONNECTION_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(parseProblem(error, language));
  }
  const { values } = parsed;
  const stray = SPECIFIC.find((name) => values[name] !== undefined && !allowed.includes(name));
  if (stray) throw new UsageError(t(language, 'cli.notHere', { option: `--${stray}` }));
  if (values.today !== undefined && !isIsoDate(values.today)) {
    throw new UsageError(t(language, 'cli.date', { option: '--today', value: values.today }));
  }
  return parsed;
}

/** `--password`/`-p` on any of the plugin's command lines: how to give the password instead. */
export function refusePassword(argv: readonly string[]): void {
  const language = headlessLanguage(argv);
  const refused = secretOnCommandLine(argv, language, { key: PASSWORD_SECRET, env: PASSWORD_ENV });
  if (refused) throw new Error(refused);
}

/** A --bwlimit value, checked here so that a wrong one is named in the user's language. */
function rate(text: unknown, language: string): string | undefined {
  if (text === undefined) return undefined;
  if (typeof text !== 'string' || parseRate(text) === undefined) {
    throw new UsageError(t(language, 'cli.rate', { option: '--bwlimit', value: String(text) }));
  }
  return text.trim();
}

function integer(text: unknown, name: string, language: string): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text !== 'string' || !/^\d+$/.test(text)) {
    throw new UsageError(t(language, 'cli.integer', { option: `--${name}`, value: String(text) }));
  }
  return Number(text);
}

/** A host with the plugin enabled, the options applied for this run only and the password from the environment. */
export async function openHeadlessHost(values: Record<string, unknown>) {
  const str = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const { host, plugin } = await openHost({
    profileDir: str('profile') ?? defaultProfile(),
    defaultPlugins: [pluginFolder()],
    plugin: str('plugin'),
    mediaFolder: str('media-dir'),
    language: str('lang'),
    json: values.json === true,
    yes: values.yes === true,
    quiet: values.quiet === true,
    interactive: false,
  });
  if (!plugin) return { host, plugin };
  const overrides: Record<string, Json | undefined> = {
    serverUrl: str('url'),
    username: str('user'),
    folder: str('folder'),
    caFile: str('ca') ? path.resolve(str('ca') as string) : undefined,
    presenterFolder: str('presenter-folder') ? path.resolve(str('presenter-folder') as string) : undefined,
    syncWindowWeeks: integer(values.weeks, 'weeks', host.language),
    concurrency: integer(values.concurrency, 'concurrency', host.language),
    requestTimeoutSeconds: integer(values.timeout, 'timeout', host.language),
    bwlimit: rate(values.bwlimit, host.language),
    // A one-shot command syncs when it is told to, not on the schedule of the setting (watch turns it on).
    autoSync: false,
  };
  try {
    for (const [key, value] of Object.entries(overrides)) {
      if (value !== undefined) plugin.configuration.override(key, value);
    }
    usePasswordFromEnvironment(host);
    await requireSetup(plugin, host.language);
  } catch (error) {
    await host.dispose();
    throw error;
  }
  return { host, plugin };
}
