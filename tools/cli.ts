/**
 * The command line of this repository: the reference host (host/cli.ts) with this plugin's tooling added: the demo
 * (`start`), the headless sync CLI (`sync`) and the organiser's CLI (`vo`).
 */
import { runHostCli } from '../host/cli.js';
import { defaultProfile, pluginFolder, usePasswordFromEnvironment } from './plugin-home.js';

const USAGE = `  start [--once]                 demo: embedded WebDAV server, plugin enabled, connect and sync, then the web
                                 page until Ctrl+C (--once: exit after the sync)
  sync [options]                 sync the congregation folder headless (see README: the sync CLI)
  vo <action> [options]          the organiser's actions (see README: for the organiser)
  watch [--interval SECONDS] [--verbose] [--print-service windows|macos|linux]
                                 keep running and sync on its own (see README: Using it with M³)`;

export function main(argv: string[]): Promise<number> {
  return runHostCli(argv, {
    commands: {
      start: async (args) => (await import('./demo.js')).runDemoCli(args),
      sync: async (args) => (await import('./sync-cli.js')).runSyncCli(args),
      vo: async (args) => (await import('./organiser-cli.js')).runOrganiserCli(args),
      watch: async (args) => (await import('./watch-cli.js')).runWatchCli(args),
    },
    usage: USAGE,
    defaultProfile: defaultProfile(),
    defaultPlugins: [pluginFolder()],
    beforeRun: usePasswordFromEnvironment,
  });
}
