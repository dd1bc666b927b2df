/** The reference host's command line: run commands, configure, store secrets, list media, sync headless. */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigurationError, parseCliValue } from './configuration.js';
import { HostSettingsStore } from './host-settings.js';
import { repositoryRoot } from './paths.js';
import { loadEnabledPlugins, PluginRegistry } from './plugins.js';
import { readSecretValue } from './prompt.js';
import { Host, type LoadedPlugin } from './runtime.js';
import { languageOf, text } from './web/page/strings.js';

export const EXIT = { ok: 0, partial: 1, error: 2 } as const;

const OPTIONS = {
  profile: { type: 'string' },
  plugin: { type: 'string' },
  'media-dir': { type: 'string' },
  lang: { type: 'string' },
  json: { type: 'boolean' },
  yes: { type: 'boolean' },
  quiet: { type: 'boolean' },
  'from-env': { type: 'string' },
  date: { type: 'string' },
  name: { type: 'string' },
  source: { type: 'string' },
  once: { type: 'boolean' },
  port: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const USAGE = `Usage: npm run --silent host -- <command> [options]

Commands:
  start [--once]                 demo: embedded WebDAV server, plugin enabled, connect and sync, then the web
                                 page until Ctrl+C (--once: exit after the sync)
  serve [--port N]               the presenter's web page on 127.0.0.1 (settings, commands, media, plugins)
  sync [options]                 sync the congregation folder headless (see README: the sync CLI)
  watch [--interval SECONDS] [--verbose] [--print-service windows|macos|linux]
                                 keep running and sync on its own (see README: Using it with M³)
  run <command-id> [args...]     run a plugin command (see "commands")
  commands                       list the commands of the enabled plugins
  config list | get KEY | set KEY VALUE | unset KEY
                                 the plugin's settings (validated against its manifest)
  secret set KEY [--from-env VAR] | delete KEY | list
                                 store a secret from a prompt or an environment variable, never from the command line
  settings list | set KEY VALUE  the presenter's own settings (enforced ones are locked)
  media list [--date D] [--json] the media list
  media add --date D --name N [--source jw|local]
                                 add an item as the presenter would after fetching it
  plugins list | enable ID | disable ID | install ARTIFACT
                                 the profile's plugins; ARTIFACT is a .tgz made by "npm run package"

Options: --profile DIR (default ${defaultProfile()}), --plugin DIR, --media-dir DIR, --lang en|de, --json, --yes, --quiet
Exit codes: 0 ok, 1 some items failed, 2 usage, configuration or connection error.`;

export class UsageError extends Error {}

export function defaultProfile(): string {
  if (process.env.CONGSYNC_PROFILE) return process.env.CONGSYNC_PROFILE;
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? home, 'congregation-sync-host');
  if (process.platform === 'darwin')
    return path.join(home, 'Library', 'Application Support', 'congregation-sync-host');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'congregation-sync-host');
}

/** The folder of this repository: the plugin that the reference host enables by default. */
export function defaultPluginFolder(): string {
  return repositoryRoot();
}

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

/** The profile's installed plugins (this repository's plugin until plugins.json says otherwise). */
export function pluginRegistry(profileDir: string): PluginRegistry {
  return new PluginRegistry(profileDir, [defaultPluginFolder()]);
}

/** Creates the host for a CLI call and enables the plugin (--plugin DIR), or the profile's enabled plugins. */
export async function openHost(values: Partial<Values>, interactive = process.stdin.isTTY === true) {
  const host = new Host({
    profileDir: path.resolve(values.profile ?? defaultProfile()),
    ...(values['media-dir'] ? { mediaFolder: path.resolve(values['media-dir']) } : {}),
    ...(values.lang ? { language: values.lang } : {}),
    interactive: interactive && !values.json && !values.yes,
    assumeYes: values.yes ?? false,
    quiet: values.quiet ?? false,
  });
  const registry = pluginRegistry(host.options.profileDir);
  const results = values.plugin
    ? [await host.load(path.resolve(values.plugin))]
    : await loadEnabledPlugins(host, registry);
  let plugin: LoadedPlugin | undefined;
  for (const loaded of results) {
    if (!loaded.ok) process.stderr.write(`✖ ${loaded.error}\n`);
    else plugin ??= loaded.plugin;
  }
  return { host, plugin, registry };
}

function requirePlugin(plugin: LoadedPlugin | undefined): LoadedPlugin {
  if (!plugin) throw new ConfigurationError('the plugin is not enabled (see the message above)');
  return plugin;
}

function print(value: unknown, json: boolean | undefined): void {
  if (json) printJson(value);
  else process.stdout.write(`${String(value)}\n`);
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

async function commandMain(command: string, args: string[], values: Values): Promise<number> {
  if (command === 'start') return (await import('./demo.js')).runDemo(values);
  if (command === 'plugins') return pluginsCommand(args, values);
  const { host, plugin, registry } = await openHost(values);
  try {
    if (command === 'serve') {
      const { serveUntilStopped } = await import('./web/serve.js');
      await serveUntilStopped(host, registry, {
        port: portOf(values.port),
        say: (line) => print(line, false),
      });
      return EXIT.ok;
    }
    return await hostCommand(host, plugin, command, args, values);
  } finally {
    await host.dispose();
  }
}

function portOf(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port ${value} is not a port`);
  return port;
}

/** `plugins list | enable ID | disable ID | install ARTIFACT`: the profile's plugins.json, without a host. */
async function pluginsCommand(args: string[], values: Values): Promise<number> {
  const profileDir = path.resolve(values.profile ?? defaultProfile());
  const registry = pluginRegistry(profileDir);
  const language = values.lang ?? new HostSettingsStore(profileDir).get<string>('app.localAppLang') ?? 'en';
  const say = (key: Parameters<typeof text>[1], params: Record<string, string> = {}) =>
    text(languageOf(language), key, params);
  const [sub, arg, ...rest] = args;
  if ((sub === 'list' || sub === undefined) && arg === undefined) {
    const list = await registry.list(language);
    if (values.json)
      print(
        list.map((p) => ({
          id: p.id ?? null,
          name: p.manifest?.name ?? null,
          version: p.manifest?.version ?? null,
          publisher: p.manifest?.publisher ?? null,
          enabled: p.enabled,
          folder: p.folder,
          ...(p.error ? { error: p.error } : {}),
        })),
        true,
      );
    else
      for (const p of list)
        print(
          p.manifest
            ? `${p.manifest.id}\t${p.manifest.version}\t${say(p.enabled ? 'cli.enabled' : 'cli.disabled')}\t${p.manifest.name}\t${p.folder}`
            : `?\t?\t${say('cli.invalid')}\t${p.error ?? ''}\t${p.folder}`,
          false,
        );
  } else if ((sub === 'enable' || sub === 'disable') && arg && rest.length === 0) {
    await registry.setEnabled(arg, sub === 'enable');
  } else if (sub === 'install' && arg && rest.length === 0) {
    const installed = await registry.install(path.resolve(arg), language);
    process.stderr.write(
      `${say('cli.installed', { id: installed.id ?? '', version: installed.manifest?.version ?? '', folder: installed.folder })}\n`,
    );
  } else throw new UsageError('plugins list | enable ID | disable ID | install ARTIFACT');
  return EXIT.ok;
}

async function hostCommand(
  host: Host,
  plugin: LoadedPlugin | undefined,
  command: string,
  args: string[],
  values: Values,
) {
  const [sub, key, ...rest] = args;
  switch (command) {
    case 'run': {
      if (!sub) throw new UsageError('run needs a command id (see "commands")');
      requirePlugin(plugin);
      if (process.env.CONGSYNC_PASSWORD)
        host.secrets.setTransient(plugin?.manifest.id ?? '', 'password', process.env.CONGSYNC_PASSWORD);
      const result = await host.executeCommand(sub, ...args.slice(1));
      if (values.json) print(result ?? null, true);
      return exitCodeOf(result);
    }
    case 'commands': {
      const titles = new Map(plugin?.manifest.contributes.commands.map((c) => [c.command, c.title]));
      for (const id of host.commandIds()) print(`${id}\t${titles.get(id) ?? ''}`, false);
      return EXIT.ok;
    }
    case 'config': {
      const p = requirePlugin(plugin);
      const config = p.configuration;
      if (sub === 'list' || sub === undefined) {
        const all = Object.fromEntries(config.keys().map((k) => [k, config.get(k) ?? null]));
        print(
          values.json
            ? all
            : Object.entries(all)
                .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
                .join('\n'),
          values.json,
        );
      } else if (sub === 'get' && key) {
        if (!config.keys().includes(key)) {
          throw new ConfigurationError(`unknown setting "${key}"; known: ${config.keys().join(', ')}`);
        }
        print(JSON.stringify(config.get(key) ?? null), false);
      } else if (sub === 'set' && key && rest.length === 1) {
        const schema = p.manifest.contributes.configuration?.properties[key];
        await config.update(key, parseCliValue(schema, rest[0] as string));
      } else if (sub === 'unset' && key) await config.update(key, undefined);
      else throw new UsageError('config list | get KEY | set KEY VALUE | unset KEY');
      return EXIT.ok;
    }
    case 'secret': {
      const p = requirePlugin(plugin);
      const secrets = p.context.secrets;
      if (sub === 'set' && key && rest.length === 0) {
        const value = await readSecretValue(key, values['from-env']);
        await secrets.store(key, value);
        process.stderr.write(`Secret "${key}" stored.\n`);
      } else if (sub === 'delete' && key) await secrets.delete(key);
      else if (sub === 'list') print(host.secrets.keys().join('\n'), false);
      else
        throw new UsageError(
          'secret set KEY [--from-env VAR] | delete KEY | list (never put a secret on the command line)',
        );
      return EXIT.ok;
    }
    case 'settings': {
      if (sub === 'list' || sub === undefined) {
        const rows = host.settings.schema().map((s) => ({
          key: s.key,
          value: host.settings.get(s.key) ?? null,
          locked: host.settings.lockedBy(s.key) !== undefined,
        }));
        if (values.json) print(rows, true);
        else
          for (const r of rows)
            print(
              `${r.key} = ${JSON.stringify(r.value)}${r.locked ? '  (enforced by your congregation)' : ''}`,
              false,
            );
      } else if (sub === 'set' && key && rest.length === 1) {
        const schema = host.settings.schema().find((s) => s.key === key);
        host.settings.set(
          key,
          parseCliValue(schema as Record<string, unknown> | undefined, rest[0] as string),
        );
      } else throw new UsageError('settings list | set KEY VALUE');
      return EXIT.ok;
    }
    case 'media': {
      if (sub === 'list' || sub === undefined) {
        const items = host.media.items(values.date);
        if (values.json) print(items, true);
        else
          for (const i of items)
            print(
              `${i.date}  ${i.hidden ? '(hidden) ' : ''}${i.name}  [${i.source}${i.recurring ? ', recurring' : ''}]`,
              false,
            );
      } else if (sub === 'add' && values.date && values.name) {
        const source = (values.source ?? 'jw') as 'jw' | 'local';
        if (source !== 'jw' && source !== 'local') throw new UsageError('--source is jw or local');
        await host.media.apply([
          {
            op: 'upsert',
            item: {
              date: values.date,
              name: values.name,
              source,
              hidden: false,
              recurring: false,
              file: null,
            },
          },
        ]);
      } else throw new UsageError('media list [--date D] | add --date D --name N [--source jw|local]');
      return EXIT.ok;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'sync') return (await import('./sync-cli.js')).runSyncCli(argv.slice(1));
  if (argv[0] === 'watch') return (await import('./watch-cli.js')).runWatchCli(argv.slice(1));
  if (argv[0] === 'vo') return (await import('./vo-cli.js')).runVoCli(argv.slice(1));
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parse(argv));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT.error;
  }
  const [command, ...args] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? EXIT.ok : EXIT.error;
  }
  try {
    return await commandMain(command, args, values);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`✖ ${message}${error instanceof UsageError ? `\n\n${USAGE}` : ''}\n`);
    return EXIT.error;
  }
}
