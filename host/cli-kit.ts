/** What every command line of the host shares, and what tooling around the host builds on: exit codes, usage errors,
 * JSON output, profile folders, and a host opened with the profile's plugins. */
import os from 'node:os';
import path from 'node:path';
import { HostSettingsStore } from './host-settings.js';
import { LANGUAGES, type Language, languageOf, text } from './i18n.js';
import { loadEnabledPlugins, PluginRegistry } from './plugins.js';
import { Host, type LoadedPlugin } from './runtime.js';

export const EXIT = { ok: 0, partial: 1, error: 2 } as const;

export class UsageError extends Error {}

/** The value of `--NAME X` or `--NAME=X` in a command line, before it is parsed. */
export function optionIn(argv: readonly string[], name: string): string | undefined {
  for (const [i, arg] of argv.entries()) {
    if (arg === `--${name}`) return argv[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

/** The language of a command line's messages: its --lang, else the profile's display language, else English. */
export function cliLanguage(argv: readonly string[], defaultProfile: string): Language {
  const given = optionIn(argv, 'lang');
  if (given) return languageOf(given);
  const profile = path.resolve(optionIn(argv, 'profile') ?? defaultProfile);
  return languageOf(new HostSettingsStore(profile).get<string>('app.localAppLang'));
}

/** Refuses a --lang the host has no texts for, naming those it has. */
export function checkLanguage(tag: string | undefined, language: Language = 'en'): void {
  if (tag === undefined) return;
  const known = Object.keys(LANGUAGES) as Language[];
  if (known.some((l) => tag.toLowerCase() === l || tag.toLowerCase().startsWith(`${l}-`))) return;
  const list = known.map((l) => `${l} (${LANGUAGES[l]})`).join(', ');
  throw new UsageError(text(language, 'cli.unknownLanguage', { lang: tag, languages: list }));
}

/** A command-line parser's refusal (node:util parseArgs) in the CLI's language, naming the option. */
export function parseProblem(error: unknown, language: Language): string {
  const e = error as { code?: string; message?: string };
  const option = /'(-[^' ]+)/.exec(e.message ?? '')?.[1] ?? /'([^']+)'/.exec(e.message ?? '')?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return text(language, 'cli.unknownOption', { option });
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return text(language, 'cli.unexpected', { argument: option });
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return /does not take/.test(e.message ?? '')
      ? text(language, 'cli.noValue', { option })
      : text(language, 'cli.needsValue', { option });
  return e.message ?? String(error);
}

/** What a command line says when a password is given on it: how to give it instead (undefined: none given). */
export function secretOnCommandLine(
  argv: readonly string[],
  language: Language,
  hint: { key: string; env?: string },
): string | undefined {
  const flag = argv.find((a) => /^(--password|--pass|--secret|-p)(=|$)/.test(a));
  if (!flag) return undefined;
  return hint.env
    ? text(language, 'cli.noPassword', { env: hint.env, key: hint.key })
    : text(language, 'cli.noSecret', { key: hint.key });
}

/** The per-user folder of an application's settings on this platform. */
export function configFolder(name: string): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? home, name);
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', name);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), name);
}

/** `--json` output: one compact JSON document on one line (large media lists stay quick to write and read). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Maps a command's result to an exit code: results may carry `exitCode`, or `ok: false`. */
export function exitCodeOf(result: unknown): number {
  if (result && typeof result === 'object') {
    const r = result as { exitCode?: unknown; ok?: unknown };
    if (typeof r.exitCode === 'number') return r.exitCode;
    if (r.ok === false) return EXIT.error;
  }
  return EXIT.ok;
}

export interface OpenOptions {
  profileDir: string;
  /** The plugin folders of a profile that has no plugins.json yet. */
  defaultPlugins: readonly string[];
  /** Enables only this plugin folder instead of the profile's plugins. */
  plugin?: string;
  mediaFolder?: string;
  language?: string;
  json?: boolean;
  yes?: boolean;
  quiet?: boolean;
  interactive?: boolean;
}

/** The profile's installed plugins. */
export function pluginRegistry(profileDir: string, defaultPlugins: readonly string[]): PluginRegistry {
  return new PluginRegistry(profileDir, [...defaultPlugins]);
}

/** A host for one command, with the plugin folder given or the profile's enabled plugins; load failures go to stderr. */
export async function openHost(options: OpenOptions) {
  checkLanguage(options.language);
  const interactive = options.interactive ?? process.stdin.isTTY === true;
  const host = new Host({
    profileDir: path.resolve(options.profileDir),
    mediaFolder: options.mediaFolder ? path.resolve(options.mediaFolder) : undefined,
    language: options.language,
    interactive: interactive && !options.json && !options.yes,
    assumeYes: options.yes ?? false,
    quiet: options.quiet ?? false,
  });
  const registry = pluginRegistry(host.options.profileDir, options.defaultPlugins);
  const results = options.plugin
    ? [await host.load(path.resolve(options.plugin))]
    : await loadEnabledPlugins(host, registry);
  let plugin: LoadedPlugin | undefined;
  for (const loaded of results) {
    if (!loaded.ok) process.stderr.write(`✖ ${loaded.error}\n`);
    else plugin ??= loaded.plugin;
  }
  return { host, plugin, registry };
}
