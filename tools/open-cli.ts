/**
 * `congregation-sync` with no command: the profile's page, opened in the browser. Where a page server of the profile
 * already runs, its address is opened; otherwise this process serves the page (the host's `serve`) until Ctrl+C.
 * The address stays the same for the profile (host/web/page-address.ts), so a bookmark works.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cliLanguage, EXIT, openHost } from '../host/cli-kit.js';
import { text } from '../host/i18n.js';
import { SecretStore } from '../host/secrets.js';
import { findRunningPage } from '../host/web/page-address.js';
import { openPage } from './open-page.js';
import { defaultProfile, pluginFolder } from './plugin-home.js';

const OPTIONS = {
  profile: { type: 'string' },
  lang: { type: 'string' },
  port: { type: 'string' },
  'no-open': { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];

/** The options of a call without a command, or undefined where `argv` names a command (or is not such a call). */
export function openCall(argv: string[]): Values | undefined {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    return positionals.length === 0 ? values : undefined;
  } catch {
    return undefined;
  }
}

export async function runOpenCli(argv: string[], values: Values): Promise<number> {
  const profile = path.resolve(values.profile ?? defaultProfile());
  const language = cliLanguage(argv, profile);
  const open = (url: string) => openPage(url, !values['no-open']);
  try {
    const running = await findRunningPage(profile, new SecretStore(profile));
    if (running) {
      process.stdout.write(`${text(language, 'server.running', { url: running })}\n`);
      open(running);
      return EXIT.ok;
    }
    const port = Number(values.port ?? 0);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(text(language, 'cli.port', { value: values.port ?? '' }));
    const { host, registry } = await openHost({
      profileDir: profile,
      defaultPlugins: [pluginFolder()],
      language: values.lang,
    });
    try {
      const { serveUntilStopped } = await import('../host/web/serve.js');
      await serveUntilStopped(host, registry, {
        port,
        say: (line) => process.stdout.write(`${line}\n`),
        listening: open,
      });
    } finally {
      await host.dispose();
    }
    return EXIT.ok;
  } catch (error) {
    process.stderr.write(`✖ ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.error;
  }
}
