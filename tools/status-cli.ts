/**
 * `status [--json]`: the facts the page's status strip shows, for a terminal or a script: the plugin's status as the
 * host keeps it in the profile (`status/<plugin>.json`) and the start-at-login entry. It only reads the profile's
 * files, so it answers while `watch` runs in another process.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { localToday } from '../contract/media-folders.js';
import { EXIT, parseProblem, printJson } from '../host/cli-kit.js';
import type { Language } from '../host/i18n.js';
import { StatusStore } from '../host/status.js';
import { PLUGIN_ID } from '../src/commands.js';
import { t } from '../src/i18n.js';
import { headlessLanguage } from './headless.js';
import { defaultProfile } from './plugin-home.js';
import { serviceEnvironment, serviceState } from './service.js';
import { statusDocument, statusLines } from './status-report.js';

export function statusUsage(language: Language): string {
  return t(language, 'usage.status');
}

const OPTIONS = {
  json: { type: 'boolean' },
  profile: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runStatusCli(argv: string[]): Promise<number> {
  const language = headlessLanguage(argv);
  let values: { json?: boolean; profile?: string; help?: boolean };
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true }).values;
  } catch (error) {
    process.stderr.write(`✖ ${parseProblem(error, language)}\n\n${statusUsage(language)}\n`);
    return EXIT.error;
  }
  if (values.help) {
    process.stdout.write(`${statusUsage(language)}\n`);
    return EXIT.ok;
  }
  const profile = path.resolve(values.profile ?? defaultProfile());
  const status = new StatusStore(profile).get(PLUGIN_ID);
  const document = statusDocument(status, serviceState(serviceEnvironment(), profile));
  if (values.json) printJson(document);
  else process.stdout.write(`${statusLines(document, language, localToday(new Date())).join('\n')}\n`);
  return EXIT.ok;
}
