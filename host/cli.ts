/** The host's command line: serve the page, manage plugins, run commands, configure, store secrets, list media.
 * Tooling around the host adds commands of its own (CliExtension). */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isMeetingSection, MEETING_SECTIONS } from '../contract/media-folders.js';
import {
  checkLanguage,
  cliLanguage,
  EXIT,
  exitCodeOf,
  openHost,
  parseProblem,
  pluginRegistry,
  printJson,
  secretOnCommandLine,
  UsageError,
} from './cli-kit.js';
import { ConfigurationError, parseCliValue } from './configuration.js';
import { HostSettingsStore } from './host-settings.js';
import { type Language, languageOf, type StringKey, text } from './i18n.js';
import type { PluginRegistry } from './plugins.js';
import { readSecretValue } from './prompt.js';
import type { Host, LoadedPlugin } from './runtime.js';
import { valueProblem } from './value-problem.js';

/** One command of the usage text: how it is typed, and what it does (in the CLI's language). */
export interface CommandHelp {
  synopsis: string;
  text: string;
}

/** What tooling around the host adds: commands (given the arguments after their name), defaults, a hook. */
export interface CliExtension {
  commands: Record<string, (argv: string[]) => Promise<number>>;
  /** The usage text's lines for the extra commands, by name, in the language given. */
  help(language: Language): Record<string, CommandHelp>;
  /** The profile used without --profile. */
  defaultProfile: string;
  /** How a person types this command line (`npm run --silent host --`, or an installed program's name). */
  program?: string;
  /** The plugin folders a new profile enables. */
  defaultPlugins: readonly string[];
  /** Where a password is given instead of on the command line: its secret key, and a variable for one run. */
  password?: { key: string; env?: string };
  /** Called with the host before `run` executes a command (a secret for this process only, say); may refuse it. */
  beforeRun?(host: Host, command: string, plugin: LoadedPlugin): void | Promise<void>;
}

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
  section: { type: 'string' },
  port: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The host's own commands, in the usage text's order. */
const HOST_COMMANDS = [
  'serve',
  'run',
  'commands',
  'config',
  'secret',
  'settings',
  'media',
  'plugins',
  'help',
] as const;

/** How a host command is typed, its placeholders in the CLI's language: `config list | get KEY | …`. */
const synopsis = (language: Language, command: (typeof HOST_COMMANDS)[number]) =>
  text(language, `help.synopsis.${command}`);

function helpOf(language: Language, extension: CliExtension): Record<string, CommandHelp> {
  const own = Object.fromEntries(
    HOST_COMMANDS.map((name) => [
      name,
      {
        synopsis: synopsis(language, name),
        text: text(language, `help.${name === 'commands' ? 'commands.list' : name}` as StringKey),
      },
    ]),
  );
  return { ...extension.help(language), ...own };
}

function line(help: CommandHelp): string {
  return help.synopsis.length < 31
    ? `  ${help.synopsis.padEnd(31)}${help.text}`
    : `  ${help.synopsis}\n${' '.repeat(33)}${help.text}`;
}

const usage = (language: Language, extension: CliExtension) =>
  `${text(language, 'help.usage')} ${text(language, 'help.synopsis', { program: extension.program ?? 'npm run --silent host --' })}

${text(language, 'help.commands')}
${Object.values(helpOf(language, extension)).map(line).join('\n')}

${text(language, 'help.options', { profile: extension.defaultProfile })}
${text(language, 'help.exit')}`;

/** `help COMMAND`: the command's own line, or the extension command's --help. */
async function helpCommand(language: Language, name: string | undefined, extension: CliExtension) {
  if (name === undefined) {
    process.stdout.write(`${usage(language, extension)}\n`);
    return EXIT.ok;
  }
  const own = extension.commands[name];
  if (own) return own(['--help', '--lang', language]);
  const help = helpOf(language, extension)[name];
  if (!help) throw new UsageError(text(language, 'cli.unknownCommand', { command: name }));
  process.stdout.write(`${line(help)}\n`);
  return EXIT.ok;
}

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

function requirePlugin(plugin: LoadedPlugin | undefined, language: Language): LoadedPlugin {
  if (!plugin) throw new ConfigurationError(text(language, 'cli.noPlugin'));
  return plugin;
}

function print(value: unknown, json: boolean | undefined): void {
  if (json) printJson(value);
  else process.stdout.write(`${String(value)}\n`);
}

async function commandMain(
  command: string,
  args: string[],
  values: Values,
  extension: CliExtension,
): Promise<number> {
  const profileDir = path.resolve(values.profile ?? extension.defaultProfile);
  if (command === 'plugins')
    return pluginsCommand(args, values, pluginRegistry(profileDir, extension.defaultPlugins));
  const { host, plugin, registry } = await openHost({
    profileDir,
    defaultPlugins: extension.defaultPlugins,
    plugin: values.plugin,
    mediaFolder: values['media-dir'],
    language: values.lang,
    json: values.json,
    yes: values.yes,
    quiet: values.quiet,
  });
  try {
    if (command === 'serve') {
      const { serveUntilStopped } = await import('./web/serve.js');
      await serveUntilStopped(host, registry, {
        port: portOf(values.port, languageOf(host.language)),
        say: (line) => print(line, false),
      });
      return EXIT.ok;
    }
    return await hostCommand({ host, plugin, command, args, values, extension });
  } finally {
    await host.dispose();
  }
}

function portOf(value: string | undefined, language: Language): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(text(language, 'cli.port', { value }));
  return port;
}

/** `plugins list | enable ID | disable ID | install ARTIFACT`: the profile's plugins.json, without a host. */
async function pluginsCommand(args: string[], values: Values, registry: PluginRegistry): Promise<number> {
  const language =
    values.lang ?? new HostSettingsStore(registry.profileDir).get<string>('app.localAppLang') ?? 'en';
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
          error: p.error,
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
  } else throw new UsageError(synopsis(languageOf(language), 'plugins'));
  return EXIT.ok;
}

/** One of the host's own commands, with the host opened for it. */
interface HostCommand {
  host: Host;
  plugin: LoadedPlugin | undefined;
  command: string;
  /** The arguments after the command's name. */
  args: string[];
  values: Values;
  extension: CliExtension;
}

async function hostCommand({ host, plugin, command, args, values, extension }: HostCommand) {
  const [sub, key, ...rest] = args;
  const language = languageOf(host.language);
  switch (command) {
    case 'run': {
      if (!sub) throw new UsageError(text(language, 'cli.runNeedsId'));
      await extension.beforeRun?.(host, sub, requirePlugin(plugin, language));
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
      const p = requirePlugin(plugin, language);
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
          throw new ConfigurationError(
            text(language, 'config.unknown', { key, known: config.keys().join(', ') }),
          );
        }
        print(JSON.stringify(config.get(key) ?? null), false);
      } else if (sub === 'set' && key && rest.length === 1) {
        const schema = p.manifest.contributes.configuration?.properties[key];
        await config.update(key, parseCliValue(schema, rest[0] as string));
      } else if (sub === 'unset' && key) await config.update(key, undefined);
      else throw new UsageError(synopsis(language, 'config'));
      return EXIT.ok;
    }
    case 'secret': {
      const p = requirePlugin(plugin, language);
      const secrets = p.context.secrets;
      if (sub === 'set' && key && rest.length === 0) {
        const value = await readSecretValue(key, values['from-env'], language);
        await secrets.store(key, value);
        process.stderr.write(`${text(language, 'cli.secretStored', { key })}\n`);
      } else if (sub === 'delete' && key) await secrets.delete(key);
      else if (sub === 'list') print(host.secrets.keys().join('\n'), false);
      else throw new UsageError(`${synopsis(language, 'secret')} (${text(language, 'cli.secretNever')})`);
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
              `${r.key} = ${JSON.stringify(r.value)}${r.locked ? `  (${text(language, 'settings.locked')})` : ''}`,
              false,
            );
      } else if (sub === 'set' && key && rest.length === 1) {
        const schema = host.settings.schema().find((s) => s.key === key);
        const value = parseCliValue(schema as Record<string, unknown> | undefined, rest[0] as string);
        try {
          host.settings.set(key, value);
        } catch (error) {
          if (!schema || host.settings.lockedBy(key)) throw error;
          throw new ConfigurationError(
            `${key}: ${valueProblem(schema, value, language)} ${text(language, 'config.got', { value: JSON.stringify(value) })}`,
          );
        }
      } else throw new UsageError(synopsis(language, 'settings'));
      return EXIT.ok;
    }
    case 'media': {
      if (sub === 'list' || sub === undefined) {
        const items = host.media.items(values.date);
        if (values.json) print(items, true);
        else
          for (const i of items)
            print(
              `${i.date}  ${i.hidden ? `(${text(language, 'media.hidden')}) ` : ''}${i.name}  [${i.source}${i.recurring ? `, ${text(language, 'media.recurring')}` : ''}]`,
              false,
            );
      } else if (sub === 'add' && values.date && values.name) {
        const source = (values.source ?? 'jw') as 'jw' | 'local';
        if (source !== 'jw' && source !== 'local') throw new UsageError(text(language, 'cli.source'));
        const section = values.section;
        if (section !== undefined && !isMeetingSection(section))
          throw new UsageError(text(language, 'cli.section', { sections: MEETING_SECTIONS.join(', ') }));
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
              ...(section ? { section } : {}),
            },
          },
        ]);
      } else throw new UsageError(synopsis(language, 'media'));
      return EXIT.ok;
    }
    default:
      throw new UsageError(text(languageOf(host.language), 'cli.unknownCommand', { command }));
  }
}

/** Runs one command line: a command of the extension, or one of the host's own. */
export async function runHostCli(argv: string[], extension: CliExtension): Promise<number> {
  const own = argv[0] === undefined ? undefined : extension.commands[argv[0]];
  if (own) return own(argv.slice(1));
  const language = cliLanguage(argv, extension.defaultProfile);
  const refused = secretOnCommandLine(argv, language, extension.password ?? { key: 'KEY' });
  if (refused) {
    process.stderr.write(`✖ ${refused}\n`);
    return EXIT.error;
  }
  const USAGE = usage(language, extension);
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parse(argv));
  } catch (error) {
    process.stderr.write(`✖ ${parseProblem(error, language)}\n\n${USAGE}\n`);
    return EXIT.error;
  }
  const [command, ...args] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? EXIT.ok : EXIT.error;
  }
  try {
    checkLanguage(values.lang, language);
    if (command === 'help') return await helpCommand(language, args[0], extension);
    return await commandMain(command, args, values, extension);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`✖ ${message}${error instanceof UsageError ? `\n\n${USAGE}` : ''}\n`);
    return EXIT.error;
  }
}
