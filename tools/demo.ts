/** `npm start`: an embedded demo WebDAV server, the host with the plugin enabled and configured, connect, sync;
 * then the host's web page until Ctrl+C (`--once`: exit after the sync, as tests and scripts do). */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MediaItem } from '../contract/api.js';
import { EXIT, exitCodeOf, openHost } from '../host/cli-kit.js';
import { COMMANDS, PLUGIN_ID } from '../src/commands.js';
import { PASSWORD_SECRET } from '../src/settings.js';
import { seedDemoFolder } from './demo-content.js';
import { startEmbeddedWebdav } from './embedded-server.js';
import { pluginFolder } from './plugin-home.js';

const say = (text: string) => process.stdout.write(`${text}\n`);

const OPTIONS = {
  profile: { type: 'string' },
  lang: { type: 'string' },
  'media-dir': { type: 'string' },
  once: { type: 'boolean' },
  port: { type: 'string' },
} as const;

/** `start [--once] [--port N] [--profile DIR] [--media-dir DIR] [--lang en|de]` */
export async function runDemoCli(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true }).values;
  } catch (error) {
    process.stderr.write(`✖ ${(error as Error).message}\n`);
    return EXIT.error;
  }
  return runDemo(values);
}

async function runDemo(values: {
  profile?: string;
  lang?: string;
  'media-dir'?: string;
  once?: boolean;
  port?: string;
}): Promise<number> {
  const profile = path.resolve(
    values.profile ?? path.join(os.tmpdir(), `congregation-sync-demo-${os.userInfo().uid}`),
  );
  const serverRoot = path.join(profile, 'demo-server');
  const today = new Date().toISOString().slice(0, 10);
  const seeded = seedDemoFolder(serverRoot, today);
  process.noDeprecation = true; // the embedded server still calls Buffer(); nothing the user can act on
  const password = `demo-${randomBytes(9).toString('base64url')}`;
  const server = await startEmbeddedWebdav({ root: serverRoot, username: 'demo', password });
  say(`Demo WebDAV server: ${server.url} (folder /Congregation, user "demo"), serving ${serverRoot}`);
  const { host, plugin, registry } = await openHost({
    profileDir: profile,
    defaultPlugins: [pluginFolder()],
    mediaFolder: values['media-dir'],
    language: values.lang,
    interactive: false,
  });
  try {
    if (!plugin) {
      if (registry.isDisabled(PLUGIN_ID))
        say(`The plugin is disabled in the demo profile; enable it with:
  npm run --silent host -- plugins enable congregation-sync --profile ${profile}`);
      return EXIT.error;
    }
    say(
      `Presenter ${host.options.profileDir}: plugin ${plugin.manifest.name} ${plugin.manifest.version} enabled`,
    );
    const config = plugin.configuration;
    await config.update('serverUrl', server.url);
    await config.update('username', 'demo');
    await config.update('folder', '/Congregation');
    await plugin.context.secrets.store(PASSWORD_SECRET, password);
    await host.media.apply(
      seeded.jwItems.map((name) => ({
        op: 'upsert' as const,
        item: {
          date: seeded.midweek,
          name,
          source: 'jw' as const,
          hidden: false,
          recurring: false,
          file: null,
        },
      })),
    );
    const test = await host.executeCommand(COMMANDS.testConnection);
    if (exitCodeOf(test) !== EXIT.ok) return EXIT.error;
    const sync = await host.executeCommand(COMMANDS.sync);
    printMediaList(host.media.items());
    say(`
Media folder: ${host.media.mediaFolder}
To use your own server instead (see README, "Point it at your server"):
  npm run --silent host -- config set serverUrl https://cloud.example.org/remote.php/dav/files/USER/
  npm run --silent host -- config set username USER
  npm run --silent host -- config set folder /Congregation
  npm run --silent host -- secret set password          (asks; or --from-env VAR)
  npm run --silent host -- run congregation-sync.testConnection
  npm run --silent host -- run congregation-sync.sync`);
    if (!values.once && !process.stdout.isTTY) {
      say('\nNot a terminal, so the web page is not served (npm start -- --once is implied).');
    } else if (!values.once) {
      const { serveUntilStopped } = await import('../host/web/serve.js');
      await serveUntilStopped(host, registry, { port: Number(values.port ?? 0) || 0, say });
    }
    return exitCodeOf(sync);
  } finally {
    await host.dispose();
    await server.close();
  }
}

function printMediaList(items: MediaItem[]): void {
  let date = '';
  for (const item of items) {
    if (item.date !== date) {
      date = item.date;
      say(`\n${date}`);
    }
    const flags = [item.source, item.recurring ? 'recurring' : '', item.hidden ? 'hidden' : ''].filter(
      Boolean,
    );
    say(`  ${item.hidden ? '–' : '•'} ${item.name}  (${flags.join(', ')})`);
  }
}
