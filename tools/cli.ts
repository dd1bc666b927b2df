/**
 * The command line of this repository: the reference host (host/cli.ts) with this plugin's tooling added: the demo
 * (`start`), the headless sync CLI (`sync`), the organiser's CLI (`vo`), the automatic sync (`watch`), its
 * start-at-login entry (`service`) and the status of the last and next sync (`status`); with no command, the
 * profile's page opened in the browser (open-cli.ts).
 */
import { runHostCli } from '../host/cli.js';
import { t } from '../src/i18n.js';
import { PASSWORD_SECRET } from '../src/settings.js';
import { openCall, runOpenCli } from './open-cli.js';
import { defaultProfile, PASSWORD_ENV, pluginFolder, usePasswordFromEnvironment } from './plugin-home.js';
import { needsServer, requireSetup } from './setup-check.js';

export function main(argv: string[]): Promise<number> {
  // No command: the page, served or found running, opened in the browser.
  const open = openCall(argv);
  if (open) return runOpenCli(argv, open);
  return runHostCli(argv, {
    commands: {
      start: async (args) => (await import('./demo.js')).runDemoCli(args),
      sync: async (args) => (await import('./sync-cli.js')).runSyncCli(args),
      vo: async (args) => (await import('./organiser-cli.js')).runOrganiserCli(args),
      watch: async (args) => (await import('./watch-cli.js')).runWatchCli(args),
      service: async (args) => (await import('./service-cli.js')).runServiceCli(args),
      status: async (args) => (await import('./status-cli.js')).runStatusCli(args),
    },
    help: (language) => ({
      open: { synopsis: t(language, 'help.synopsis.open'), text: t(language, 'help.open') },
      start: { synopsis: 'start [--once] [--reset]', text: t(language, 'help.start') },
      sync: { synopsis: t(language, 'help.synopsis.sync'), text: t(language, 'help.sync') },
      vo: { synopsis: t(language, 'help.synopsis.vo'), text: t(language, 'help.vo') },
      watch: { synopsis: t(language, 'help.synopsis.watch'), text: t(language, 'help.watch') },
      service: { synopsis: t(language, 'help.synopsis.service'), text: t(language, 'help.service') },
      status: { synopsis: t(language, 'help.synopsis.status'), text: t(language, 'help.status') },
    }),
    defaultProfile: defaultProfile(),
    // run by npm (a checkout's scripts), or as the installed program
    program: process.env.npm_lifecycle_event ? 'npm run --silent host --' : 'congregation-sync',
    defaultPlugins: [pluginFolder()],
    password: { key: PASSWORD_SECRET, env: PASSWORD_ENV },
    beforeRun: async (host, command, plugin) => {
      usePasswordFromEnvironment(host);
      if (needsServer(command)) await requireSetup(plugin, host.language);
    },
  });
}
