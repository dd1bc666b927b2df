/** Congregation Sync: the plugin's entry point. Wires commands and the settings panel; the work lives in modules. */
import type { PluginContext } from '../contract/api.js';
import { COMMANDS } from './commands.js';
import { t } from './i18n.js';
import { registerOrganiserCommands } from './organiser/commands.js';
import { PASSWORD_SECRET } from './settings.js';
import { browseFolder, listFolders } from './setup/folders.js';
import { choosePreset } from './setup/presets.js';
import { testConnection } from './setup/test-connection.js';
import { type AutoSync, startAutoSync } from './sync/auto-sync.js';
import { type SyncArgs, syncCommands } from './sync/command.js';

/** The automatic sync while the setting is on; deactivate() waits for it to stop (no temporary file left). */
let auto: AutoSync | undefined;

export function activate(ctx: PluginContext): void {
  const lang = ctx.env.language;
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

  ctx.subscriptions.push(
    ctx.settingsPanel.register({
      id: 'connection',
      title: t(lang, 'panel.title'),
      fields: [
        {
          kind: 'url',
          key: 'serverUrl',
          label: t(lang, 'panel.serverUrl'),
          description: t(lang, 'panel.serverUrl.hint'),
          labelCommand: COMMANDS.choosePreset,
        },
        { kind: 'text', key: 'username', label: t(lang, 'panel.username') },
        { kind: 'secret', secretKey: PASSWORD_SECRET, label: t(lang, 'panel.password') },
        {
          kind: 'remote-folder',
          key: 'folder',
          label: t(lang, 'panel.folder'),
          browse: (path) => listFolders(ctx, path),
        },
        { kind: 'button', label: t(lang, 'panel.testConnection'), command: COMMANDS.testConnection },
        { kind: 'button', label: t(lang, 'panel.choosePreset'), command: COMMANDS.choosePreset },
        {
          kind: 'button',
          label: t(lang, 'panel.congregationSettings'),
          command: COMMANDS.congregationSettings,
        },
        {
          kind: 'text',
          key: 'presenterFolder',
          label: t(lang, 'panel.presenterFolder'),
          description: t(lang, 'panel.presenterFolder.hint'),
        },
        { kind: 'toggle', key: 'autoSync', label: t(lang, 'panel.autoSync') },
        { kind: 'button', label: t(lang, 'panel.sync'), command: COMMANDS.sync, primary: true },
      ],
    }),
  );
}

function stopAutoSync(): Promise<void> {
  const stopping = auto?.stop();
  auto = undefined;
  return stopping ?? Promise.resolve();
}

export function deactivate(): Promise<void> {
  return stopAutoSync();
}
