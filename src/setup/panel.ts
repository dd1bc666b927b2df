/** The plugin's settings panel: the connection's fields, the M³ folder, the automatic sync, and the main actions. */
import type { PluginContext, SettingsPanel } from '../../contract/api.js';
import { COMMANDS } from '../commands.js';
import { t } from '../i18n.js';
import { PASSWORD_SECRET } from '../settings.js';
import { listFolders } from './folders.js';

export function connectionPanel(ctx: PluginContext): SettingsPanel {
  const lang = ctx.env.language;
  return {
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
      {
        kind: 'text',
        key: 'bwlimit',
        label: t(lang, 'panel.bwlimit'),
        description: t(lang, 'panel.bwlimit.hint'),
      },
      { kind: 'button', label: t(lang, 'panel.sync'), command: COMMANDS.sync, primary: true },
    ],
  };
}
