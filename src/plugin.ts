/** Congregation Sync: the plugin's entry point. Wires commands and the settings panel; the work lives in modules. */
import type { PluginContext } from '../contract/api.js';
import { COMMANDS } from './commands.js';
import { registerOrganiserCommands } from './organiser/commands.js';
import { browseFolder } from './setup/folders.js';
import { connectionPanel } from './setup/panel.js';
import { choosePreset } from './setup/presets.js';
import { testConnection } from './setup/test-connection.js';
import { type AutoSync, startAutoSync } from './sync/auto-sync.js';
import { type SyncArgs, syncCommands } from './sync/command.js';

/** The automatic sync while the setting is on; deactivate() waits for it to stop (no temporary file left). */
let auto: AutoSync | undefined;

export function activate(ctx: PluginContext): void {
  const sync = syncCommands(ctx);
  const register = (id: string, handler: (...args: unknown[]) => unknown) =>
    ctx.subscriptions.push(ctx.commands.registerCommand(id, handler));

  register(COMMANDS.testConnection, (args) =>
    testConnection(ctx, (args ?? {}) as { createFolder?: boolean }),
  );
  register(COMMANDS.browseFolder, (folder) => browseFolder(ctx, folder));
  register(COMMANDS.choosePreset, (id, server) => choosePreset(ctx, id, server));
  register(COMMANDS.sync, (args) => sync.sync(args as SyncArgs));
  register(COMMANDS.preview, (args) => sync.preview(args as SyncArgs));
  registerOrganiserCommands(ctx, register);

  const autoSync = () => {
    const on = ctx.configuration.get('autoSync') === true;
    if (on && !auto) auto = startAutoSync(ctx, sync.background);
    else if (!on && auto) void stopAutoSync();
  };
  autoSync();
  ctx.subscriptions.push(ctx.configuration.onDidChange((change) => change.affects('autoSync') && autoSync()));

  ctx.subscriptions.push(ctx.settingsPanel.register(connectionPanel(ctx)));
}

function stopAutoSync(): Promise<void> {
  const stopping = auto?.stop();
  auto = undefined;
  return stopping ?? Promise.resolve();
}

export function deactivate(): Promise<void> {
  return stopAutoSync();
}
