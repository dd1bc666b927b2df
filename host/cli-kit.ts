/** What every command line of the host shares, and what tooling around the host builds on: exit codes, usage errors,
 * JSON output, profile folders, and a host opened with the profile's plugins. */
import os from 'node:os';
import path from 'node:path';
import { loadEnabledPlugins, PluginRegistry } from './plugins.js';
import { Host, type LoadedPlugin } from './runtime.js';

export const EXIT = { ok: 0, partial: 1, error: 2 } as const;

export class UsageError extends Error {}

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
