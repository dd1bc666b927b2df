/**
 * `service install | uninstall | status [--print]`: the entry that starts `watch` at every login of this user, with
 * this installation and profile (tools/service.ts does it, tools/watch-service.ts says what the files hold).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, parseProblem, printJson, UsageError } from '../host/cli-kit.js';
import type { Language } from '../host/i18n.js';
import { t } from '../src/i18n.js';
import { headlessLanguage } from './headless.js';
import { defaultProfile } from './plugin-home.js';
import {
  commandLine,
  disableCommands,
  install,
  readRecord,
  type ServiceEnvironment,
  serviceEnvironment,
  servicePlan,
  serviceState,
  uninstall,
} from './service.js';
import { serviceLine } from './status-report.js';
import { checkedInterval, watchCommand } from './watch-cli.js';

export function serviceUsage(language: Language): string {
  return t(language, 'usage.service');
}

const OPTIONS = {
  print: { type: 'boolean' },
  json: { type: 'boolean' },
  profile: { type: 'string' },
  interval: { type: 'string' },
  'media-dir': { type: 'string' },
  'presenter-folder': { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

const ACTIONS = ['install', 'uninstall', 'status'] as const;
type Action = (typeof ACTIONS)[number];

function parse(argv: string[], language: Language): { action: Action; values: Values } {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(parseProblem(error, language));
  }
  const [action, ...rest] = parsed.positionals;
  if (!(ACTIONS as readonly string[]).includes(action ?? ''))
    throw new UsageError(t(language, 'service.unknownAction', { action: action ?? '' }));
  if (rest.length > 0) throw new UsageError(t(language, 'cli.unexpected', { value: String(rest[0]) }));
  if (parsed.values.interval !== undefined) checkedInterval(parsed.values.interval, language);
  return { action: action as Action, values: parsed.values };
}

const say = (line: string) => process.stdout.write(`${line}\n`);

export async function runServiceCli(argv: string[]): Promise<number> {
  const language = headlessLanguage(argv);
  const usage = serviceUsage(language);
  if (argv.includes('--help') || argv.includes('-h')) {
    say(usage);
    return EXIT.ok;
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv, language);
  } catch (error) {
    process.stderr.write(`✖ ${(error as Error).message}\n\n${usage}\n`);
    return EXIT.error;
  }
  const { action, values } = parsed;
  try {
    const env = serviceEnvironment();
    const profile = path.resolve(values.profile ?? defaultProfile());
    if (action === 'status') return status(env, profile, values, language);
    if (action === 'uninstall') return remove(env, profile, values, language);
    return add(env, values, language);
  } catch (error) {
    process.stderr.write(`✖ ${(error as Error).message}\n`);
    return EXIT.error;
  }
}

function status(env: ServiceEnvironment, profile: string, values: Values, language: Language): number {
  const state = serviceState(env, profile);
  if (values.json) printJson(state);
  else say(serviceLine(state, language));
  return EXIT.ok;
}

function add(env: ServiceEnvironment, values: Values, language: Language): number {
  const command = watchCommand(values);
  if (values.print) {
    const plan = servicePlan(env, command);
    if (values.json) printJson(plan);
    else {
      for (const { file, content } of plan.files)
        say(`${t(language, 'service.wouldWrite', { file })}\n${content}`);
      for (const words of plan.commands)
        say(t(language, 'service.wouldRun', { command: commandLine(words) }));
    }
    return EXIT.ok;
  }
  const { record, toEnable } = install(env, command);
  if (values.json) {
    printJson({ ...record, toEnable: toEnable.map(commandLine) });
    return EXIT.ok;
  }
  for (const file of record.files) say(t(language, 'service.wrote', { file }));
  if (record.manager) say(t(language, 'service.enabled', { manager: record.manager }));
  else if (toEnable.length > 0)
    say(`${t(language, 'service.toEnable')}\n  ${toEnable.map(commandLine).join(' && ')}`);
  else say(t(language, 'service.atLogin'));
  return EXIT.ok;
}

function remove(env: ServiceEnvironment, profile: string, values: Values, language: Language): number {
  if (values.print) {
    const record = readRecord(profile);
    if (!record) say(t(language, 'service.notInstalled'));
    else {
      for (const words of disableCommands(record, env))
        say(t(language, 'service.wouldRun', { command: commandLine(words) }));
      for (const file of record.files) say(t(language, 'service.wouldRemove', { file }));
    }
    return EXIT.ok;
  }
  const record = uninstall(env, profile);
  if (values.json) printJson(record);
  else if (!record) say(t(language, 'service.notInstalled'));
  else for (const file of record.files) say(t(language, 'service.removed', { file }));
  return EXIT.ok;
}
