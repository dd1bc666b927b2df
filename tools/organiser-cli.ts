/**
 * The organiser's CLI: npm run --silent vo -- <action> … [connection options] [--profile DIR] [--json]
 * Each action is the plugin's command of the same name; exit codes as for sync.
 */

import { EXIT, printJson, UsageError } from '../host/cli-kit.js';
import type { Language } from '../host/i18n.js';
import { COMMANDS } from '../src/commands.js';
import { t } from '../src/i18n.js';
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
): { id: string; args: Record<string, unknown> } {
  const need = (count: number, what: string) => {
    if (rest.length !== count) throw new UsageError(`${action} takes ${what}`);
  };
  const date = values.date;
  switch (action) {
    case 'test-connection':
      need(0, 'no arguments');
      return { id: COMMANDS.testConnection, args: { createFolder: values['create-folder'] === true } };
    case 'upload': {
      if (rest.length === 0) throw new UsageError('upload takes one or more files');
      if ((values.recurring === true) === (date !== undefined))
        throw new UsageError('upload takes either --date D or --recurring');
      if (values.overwrite && values['rename-existing'])
        throw new UsageError('upload takes --overwrite or --rename-existing, not both');
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
      need(2, '--date D OLD NEW');
      return { id: COMMANDS.rename, args: { date: date ?? '', name: rest[0], newName: rest[1] } };
    case 'delete':
    case 'hide':
    case 'unhide':
      need(1, '--date D NAME');
      return { id: COMMANDS[action], args: { date: date ?? '', name: rest[0] } };
    case 'recurring-remove':
      need(1, 'NAME');
      return { id: COMMANDS.recurringRemove, args: { name: rest[0] } };
    case 'push-settings':
    case 'lift-settings':
      if (rest.length === 0) throw new UsageError(`${action} takes one or more setting keys`);
      return {
        id: action === 'push-settings' ? COMMANDS.pushSettings : COMMANDS.liftSettings,
        args: { keys: rest },
      };
    case 'section':
      need(1, '--date D SECTION [--end]');
      return {
        id: COMMANDS.placeInMeeting,
        args: { date: date ?? '', section: rest[0], end: values.end ?? false },
      };
    case 'cleanup':
      need(0, '--before YYYY-MM-DD');
      return { id: COMMANDS.cleanup, args: { before: values.before ?? '' } };
    default:
      throw new UsageError(`unknown action "${action}"`);
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
  const usage = voUsage(headlessLanguage(argv));
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  let command: ReturnType<typeof commandFor>;
  let values: Values;
  try {
    const action = argv[0];
    if (!action || action.startsWith('-')) throw new UsageError('name an action');
    const parsed = parseHeadless(argv.slice(1), ALLOWED[action] ?? []);
    values = parsed.values;
    command = commandFor(action, parsed.positionals, values);
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
    const result = await opened.host.executeCommand<OrganiserResult | TestResult>(command.id, {
      ...command.args,
      today: values.today,
    });
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
