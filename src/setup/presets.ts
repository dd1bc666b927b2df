/** Provider presets: WebDAV providers known to work, listed as a courtesy, not an endorsement. `{server}` and
 * `{user}` are asked for. */
import type { PluginContext } from '../../contract/api.js';
import { type MessageKey, t } from '../i18n.js';
import { readSettings } from '../settings.js';

export interface Preset {
  id: string;
  name: string;
  url: string;
  folder?: string;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'nextcloud',
    name: 'Nextcloud',
    url: 'https://{server}/remote.php/dav/files/{user}/',
  },
  {
    id: 'owncloud',
    name: 'ownCloud',
    url: 'https://{server}/remote.php/dav/files/{user}/',
  },
  {
    id: 'koofr',
    name: 'Koofr',
    url: 'https://app.koofr.net/dav/Koofr/',
  },
  {
    id: '4shared',
    name: '4shared',
    url: 'https://webdav.4shared.com/',
  },
  {
    id: 'pcloud-us',
    name: 'pCloud (US)',
    url: 'https://webdav.pcloud.com/',
  },
  {
    id: 'pcloud-eu',
    name: 'pCloud (EU)',
    url: 'https://ewebdav.pcloud.com/',
  },
  {
    id: 'kdrive',
    name: 'Infomaniak kDrive',
    url: 'https://{server}.connect.kdrive.infomaniak.com/',
  },
  {
    id: 'yandex',
    name: 'Yandex Disk',
    url: 'https://webdav.yandex.com/',
  },
  {
    id: 'powerfolder',
    name: 'PowerFolder',
    url: 'https://my.powerfolder.com/webdav/',
  },
  {
    id: 'nas',
    name: 'Synology / NAS',
    url: 'https://{server}:5006/',
  },
  {
    id: 'own',
    // named in the catalogue: preset.own.name
    name: '',
    url: 'https://{server}/',
  },
];

/** Fills the preset's placeholders; returns the names of those still missing. */
export function fillPreset(preset: Preset, values: { server?: string; user?: string }) {
  const missing: Array<'server' | 'user'> = [];
  const url = preset.url.replace(/\{(server|user)\}/g, (_, name: 'server' | 'user') => {
    const value = values[name]?.trim();
    if (!value) {
      missing.push(name);
      return `{${name}}`;
    }
    return name === 'user'
      ? encodeURIComponent(value)
      : value.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  });
  return { url, missing };
}

/** Fills the server URL from a provider preset (by id as argument, or picked from the list). */
export async function choosePreset(ctx: PluginContext, presetId?: unknown, serverArg?: unknown) {
  const language = ctx.env.language;
  const nameOf = (p: Preset) => p.name || t(language, 'preset.own.name');
  const noteOf = (p: Preset) => t(language, `preset.${p.id}.note` as MessageKey);
  let preset = PRESETS.find((p) => p.id === presetId);
  if (!preset) {
    const items = PRESETS.map((p) => ({
      label: nameOf(p),
      description: p.url,
      detail: noteOf(p),
      preset: p,
    }));
    const pick = (await ctx.window.showQuickPick(items, { title: t(language, 'preset.pick') })) as
      | (typeof items)[number]
      | undefined;
    preset = pick?.preset;
  }
  if (!preset) return undefined;
  const ask = async (name: 'server' | 'user') =>
    preset.url.includes(`{${name}}`)
      ? ctx.window.showInputBox({
          prompt: `${nameOf(preset)}: ${t(language, name === 'server' ? 'preset.askServer' : 'preset.askUser')}`,
        })
      : undefined;
  const server = typeof serverArg === 'string' && serverArg ? serverArg : await ask('server');
  const user = readSettings(ctx).username || (await ask('user'));
  const filled = fillPreset(preset, { server, user });
  if (filled.missing.length > 0) return undefined;
  if (user && !readSettings(ctx).username) await ctx.configuration.update('username', user);
  await ctx.configuration.update('serverUrl', filled.url);
  if (preset.folder) await ctx.configuration.update('folder', preset.folder);
  await ctx.window.showInformationMessage(
    t(language, 'preset.applied', { name: nameOf(preset), note: noteOf(preset) }),
  );
  return { id: preset.id, serverUrl: filled.url };
}
