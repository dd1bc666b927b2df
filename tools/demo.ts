/** `npm start`: an embedded demo WebDAV server, the host with the plugin enabled and configured, connect, sync;
 * then the host's web page until Ctrl+C or SIGTERM, whatever stdout is (`--once`: exit after the sync, as tests and
 * scripts do). The demo's profile and server folder are its own (`demoFolder`): a fresh clone starts fresh. */
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MediaItem } from '../contract/api.js';
import {
  checkLanguage,
  cliLanguage,
  configFolder,
  EXIT,
  exitCodeOf,
  openHost,
  parseProblem,
} from '../host/cli-kit.js';
import { repositoryRoot } from '../host/paths.js';
import { COMMANDS, PLUGIN_ID } from '../src/commands.js';
import { t } from '../src/i18n.js';
import { PASSWORD_SECRET } from '../src/settings.js';
import { presenterItems, seedDemoFolder } from './demo-content.js';
import { startEmbeddedWebdav } from './embedded-server.js';
import { refusePassword } from './headless.js';
import { openPage } from './open-page.js';
import { pluginFolder } from './plugin-home.js';

const say = (text: string) => process.stdout.write(`${text}\n`);

const OPTIONS = {
  profile: { type: 'string' },
  lang: { type: 'string' },
  'media-dir': { type: 'string' },
  once: { type: 'boolean' },
  reset: { type: 'boolean' },
  'no-open': { type: 'boolean' },
  port: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const DEMO_USAGE =
  'npm start -- [--once] [--reset] [--no-open] [--port N] [--profile DIR] [--media-dir DIR] [--lang en|de]';

/**
 * The demo's own folder: its profile, with the demo server's files inside. In a checkout (it has the sources) that is
 * `.demo`, git-ignored; an installed package's folder may be read-only, so there it is a folder of the user's beside
 * the default profile.
 */
export function demoFolder(): string {
  const root = repositoryRoot();
  return existsSync(path.join(root, 'src'))
    ? path.join(root, '.demo')
    : configFolder('congregation-sync-demo');
}

/** `start [--once] [--reset] [--no-open] [--port N] [--profile DIR] [--media-dir DIR] [--lang en|de]` */
export async function runDemoCli(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];
  const language = cliLanguage(argv, demoFolder());
  try {
    refusePassword(argv);
    values = parseArgs({ args: argv, options: OPTIONS, strict: true }).values;
    checkLanguage(values.lang, language);
  } catch (error) {
    const message = (error as { code?: string }).code
      ? parseProblem(error, language)
      : (error as Error).message;
    process.stderr.write(`✖ ${message}\n\n${DEMO_USAGE}\n`);
    return EXIT.error;
  }
  if (values.help) {
    process.stdout.write(`${DEMO_USAGE}\n${t(language, 'help.start')}\n`);
    return EXIT.ok;
  }
  return runDemo(values);
}

async function runDemo(values: {
  profile?: string;
  lang?: string;
  'media-dir'?: string;
  once?: boolean;
  reset?: boolean;
  'no-open'?: boolean;
  port?: string;
}): Promise<number> {
  const profile = path.resolve(values.profile ?? demoFolder());
  if (values.reset) rmSync(profile, { recursive: true, force: true });
  const serverRoot = path.join(profile, 'demo-server');
  const today = new Date().toISOString().slice(0, 10);
  const seeded = seedDemoFolder(serverRoot, today);
  process.noDeprecation = true; // the embedded server still calls Buffer(); nothing the user can act on
  const password = `demo-${randomBytes(9).toString('base64url')}`;
  const server = await startEmbeddedWebdav({ root: serverRoot, username: 'demo', password });
  const { host, plugin, registry } = await openHost({
    profileDir: profile,
    defaultPlugins: [pluginFolder()],
    mediaFolder: values['media-dir'],
    language: values.lang,
    interactive: false,
  });
  const lang = host.language;
  try {
    say(t(lang, 'demo.server', { url: server.url, folder: serverRoot }));
    if (!plugin) {
      if (registry.isDisabled(PLUGIN_ID)) say(t(lang, 'demo.disabled', { profile }));
      return EXIT.error;
    }
    say(
      t(lang, 'demo.presenter', {
        profile: host.options.profileDir,
        name: plugin.manifest.name,
        version: plugin.manifest.version,
      }),
    );
    const config = plugin.configuration;
    await config.update('serverUrl', server.url);
    await config.update('username', 'demo');
    await config.update('folder', '/Congregation');
    await plugin.context.secrets.store(PASSWORD_SECRET, password);
    await host.media.apply(presenterItems(seeded, host.media.mediaFolder));
    const test = await host.executeCommand(COMMANDS.testConnection);
    if (exitCodeOf(test) !== EXIT.ok) return EXIT.error;
    const sync = await host.executeCommand(COMMANDS.sync);
    printMediaList(lang, host.media.items());
    say(`\n${t(lang, 'demo.next', { folder: host.media.mediaFolder })}`);
    if (!values.once) {
      const { serveUntilStopped } = await import('../host/web/serve.js');
      await serveUntilStopped(host, registry, {
        port: Number(values.port ?? 0) || 0,
        say,
        listening: (url) => openPage(url, process.stdout.isTTY === true && !values['no-open']),
      });
    }
    return exitCodeOf(sync);
  } finally {
    await host.dispose();
    await server.close();
  }
}

function printMediaList(lang: string, items: MediaItem[]): void {
  let date = '';
  for (const item of items) {
    if (item.date !== date) {
      date = item.date;
      say(`\n${date}`);
    }
    const flags = [
      t(lang, `demo.source.${item.source}`),
      item.recurring ? t(lang, 'demo.recurring') : '',
      item.hidden ? t(lang, 'demo.hidden') : '',
    ].filter(Boolean);
    say(`  ${item.hidden ? '–' : '•'} ${item.name}  (${flags.join(', ')})`);
  }
}
