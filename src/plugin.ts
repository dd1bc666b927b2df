/** Congregation Sync: the plugin's entry point. Wires commands and the settings panel; the work lives in modules. */
import type { PluginContext } from '../contract/api.js';
import { COMMANDS } from './commands.js';
import { browseFolder, choosePreset, listFolders, testConnection } from './connection.js';
import { t } from './i18n.js';
import { registerOrganiserCommands } from './organiser/commands.js';
import { PASSWORD_SECRET } from './settings.js';
import { type SyncArgs, syncCommands } from './sync/command.js';

export function activate(ctx: PluginContext): void {
  const lang = ctx.env.language;
  const sync = syncCommands(ctx);
  const register = (id: string, handler: (...args: unknown[]) => unknown) =>
    ctx.subscriptions.push(ctx.commands.registerCommand(id, handler));

  register(COMMANDS.testConnection, () => testConnection(ctx));
  register(COMMANDS.browseFolder, (folder) => browseFolder(ctx, folder));
  register(COMMANDS.choosePreset, (id, server) => choosePreset(ctx, id, server));
  register(COMMANDS.sync, (args) => sync.sync(args as SyncArgs));
  register(COMMANDS.preview, (args) => sync.preview(args as SyncArgs));
  registerOrganiserCommands(ctx, register);

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
        { kind: 'button', label: t(lang, 'panel.sync'), command: COMMANDS.sync, primary: true },
      ],
    }),
  );
}

export function deactivate(): void {}
