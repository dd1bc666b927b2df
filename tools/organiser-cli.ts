/**
 * The organiser's CLI: npm run --silent vo -- <action> … [connection options] [--profile DIR] [--json]
 * Each action is the plugin's command of the same name; exit codes as for sync.
 */

import { EXIT, printJson, UsageError } from '../host/cli-kit.js';
import type { Language } from '../host/i18n.js';
import { COMMANDS } from '../src/commands.js';
import { type MessageKey, t } from '../src/i18n.js';
import type { OrganiserResult } from '../src/organiser/actions.js';
import type { TestResult } from '../src/setup/test-connection.js';
import { connectionUsage, headlessLanguage, openHeadlessHost, parseHeadless } from './headless.js';

/** The organiser CLI's usage text, its actions and their options, in `language`. */
export function voUsage(language: Language): string {
  return t(language, 'usage.vo', { connection: connectionUsage(language) });
}

type Values = ReturnType<typeof parseHeadless>['values'];

/** The command and its arguments for an action line. */
function commandFor(
  action: string,
  rest: string[],
  values: Values,
  language: string,
): { id: string; args: Record<string, unknown> } {
  const need = (count: number, what: MessageKey) => {
    if (rest.length !== count)
      throw new UsageError(t(language, 'vo.takes', { action, what: t(language, what) }));
  };
  const date = values.date;
  switch (action) {
    case 'test-connection':
      need(0, 'vo.args.none');
      return { id: COMMANDS.testConnection, args: { createFolder: values['create-folder'] === true } };
    case 'upload': {
      if (rest.length === 0) throw new UsageError(t(language, 'vo.files'));
      if ((values.recurring === true) === (date !== undefined))
        throw new UsageError(t(language, 'vo.dateOrRecurring'));
      if (values.overwrite && values['rename-existing'])
        throw new UsageError(t(language, 'vo.overwriteOrRename'));
      const args = {
        files: rest,
        overwrite: values.overwrite ?? false,
        renameExisting: values['rename-existing'] ?? false,
        anyType: values['any-type'] ?? false,
      };
      return values.recurring
        ? { id: COMMANDS.uploadRecurring, args }
        : { id: COMMANDS.upload, args: { date, ...args } };
    }
    case 'rename':
      need(2, 'vo.args.rename');
      return { id: COMMANDS.rename, args: { date: date ?? '', name: rest[0], newName: rest[1] } };
    case 'delete':
    case 'hide':
    case 'unhide':
      need(1, 'vo.args.dateName');
      return { id: COMMANDS[action], args: { date: date ?? '', name: rest[0] } };
    case 'recurring-remove':
      need(1, 'vo.args.name');
      return { id: COMMANDS.recurringRemove, args: { name: rest[0] } };
    case 'push-settings':
    case 'lift-settings':
      if (rest.length === 0) throw new UsageError(t(language, 'vo.keys', { action }));
      return {
        id: action === 'push-settings' ? COMMANDS.pushSettings : COMMANDS.liftSettings,
        args: { keys: rest },
      };
    case 'section':
      need(1, 'vo.args.section');
      return {
        id: COMMANDS.placeInMeeting,
        args: { date: date ?? '', section: rest[0], end: values.end ?? false },
      };
    case 'cleanup':
      need(0, 'vo.args.before');
      return { id: COMMANDS.cleanup, args: { before: values.before ?? '' } };
    default:
      throw new UsageError(t(language, 'vo.unknown', { action }));
  }
}

const ALLOWED: Record<string, Parameters<typeof parseHeadless>[1]> = {
  'test-connection': ['create-folder'],
  upload: ['date', 'recurring', 'overwrite', 'rename-existing', 'any-type'],
  rename: ['date'],
  delete: ['date'],
  hide: ['date'],
  unhide: ['date'],
  section: ['date', 'end'],
  cleanup: ['before'],
};

export async function runOrganiserCli(argv: string[]): Promise<number> {
  const language = headlessLanguage(argv);
  const usage = voUsage(language);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  let command: ReturnType<typeof commandFor>;
  let values: Values;
  try {
    const action = argv[0];
    if (!action || action.startsWith('-')) throw new UsageError(t(language, 'vo.noAction'));
    const parsed = parseHeadless(argv.slice(1), ALLOWED[action] ?? []);
    values = parsed.values;
    command = commandFor(action, parsed.positionals, values, language);
  } catch (error) {
    const message = (error as Error).message;
    process.stderr.write(`✖ ${message}\n\n${usage}\n`);
    if (argv.includes('--json')) {
      const result = {
        ok: false,
        exitCode: EXIT.error,
        action: argv[0] ?? '',
        changed: [],
        errors: [{ path: '', message }],
      };
      printJson(result);
    }
    return EXIT.error;
  }
  const opened = await openHeadlessHost(values);
  try {
    if (!opened.plugin) return EXIT.error;
    const result = await opened.host.executeCommand<OrganiserResult | TestResult | undefined>(command.id, {
      ...command.args,
      today: values.today,
    });
    // the person asked on the terminal chose to change nothing
    if (result === undefined) return EXIT.error;
    if (values.json) printJson(result);
    if ('exitCode' in result) return result.exitCode;
    return result.ok ? EXIT.ok : EXIT.error;
  } catch (error) {
    process.stderr.write(
      `✖ ${opened.host.redactor.redact(error instanceof Error ? error.message : String(error))}\n`,
    );
    return EXIT.error;
  } finally {
    await opened.host.dispose();
  }
}
