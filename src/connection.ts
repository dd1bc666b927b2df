/** Test connection, folder browser and provider presets: the settings panel's connection commands. */
import type { PluginContext, QuickPickItem } from '../contract/api.js';
import { describeError } from './describe-error.js';
import { t } from './i18n.js';
import { fillPreset, PRESETS, presetName } from './presets.js';
import { connect, folderSegments } from './remote/connect.js';
import { RemoteError } from './remote/errors.js';
import type { Connection } from './remote/http.js';
import { propfind } from './remote/propfind.js';
import { PASSWORD_SECRET, type Settings, settingsSchema } from './settings.js';

export type TestResult = { ok: true; message: string } | { ok: false; kind: string; message: string };

/** The plugin's settings, as the host holds them, with the schema's defaults. */
export function readSettings(ctx: PluginContext): Settings {
  const raw = Object.fromEntries(Object.keys(settingsSchema.shape).map((k) => [k, ctx.configuration.get(k)]));
  return settingsSchema.parse(raw);
}

export async function withConnection<T>(
  ctx: PluginContext,
  use: (connection: Connection) => Promise<T>,
  overrides: Partial<Settings> = {},
): Promise<T> {
  const settings = { ...readSettings(ctx), ...overrides };
  if (!settings.serverUrl) throw new RemoteError('not-configured', 'no server URL');
  const connection = await connect(settings, (await ctx.secrets.get(PASSWORD_SECRET)) ?? '');
  try {
    return await use(connection);
  } finally {
    connection.close();
  }
}

/** PROPFIND Depth 0 on the sync folder: does the folder exist, and may we read it? */
export async function testConnection(ctx: PluginContext): Promise<TestResult> {
  const language = ctx.env.language;
  const settings = readSettings(ctx);
  try {
    await withConnection(ctx, async (connection) => {
      const entries = await propfind(connection, [], '0');
      const self = entries.find((e) => e.path.length === 0);
      if (!self?.isDirectory) throw new RemoteError('not-found', 'not a folder', 404);
    });
    const message = t(language, 'connection.ok', { url: settings.serverUrl, folder: settings.folder });
    await ctx.window.showInformationMessage(message);
    return { ok: true, message };
  } catch (error) {
    const kind = error instanceof RemoteError ? error.kind : 'error';
    const message = describeError(error, language, {
      url: settings.serverUrl,
      folder: settings.folder,
      timeoutSeconds: settings.requestTimeoutSeconds,
    });
    ctx.window.log.warn(
      `test connection failed: ${kind}: ${error instanceof Error ? error.message : String(error)}`,
    );
    await ctx.window.showErrorMessage(message);
    return { ok: false, kind, message };
  }
}

/** The sub-folders of `folder` (a path below the server URL), sorted. */
export async function listFolders(ctx: PluginContext, folder: string): Promise<string[]> {
  const segments = folderSegments(folder);
  const entries = await withConnection(ctx, (connection) => propfind(connection, segments, '1'), {
    folder: '/',
  });
  return entries
    .filter((e) => e.isDirectory && e.path.length === segments.length + 1)
    .map((e) => e.path[e.path.length - 1] as string)
    .sort((a, b) => a.localeCompare(b));
}

/** Lets the user walk the server's folders and choose the sync folder; a path argument sets it directly. */
export async function browseFolder(ctx: PluginContext, chosen?: unknown): Promise<string | undefined> {
  const language = ctx.env.language;
  if (typeof chosen === 'string') return setFolder(ctx, chosen);
  let current = folderSegments(readSettings(ctx).folder);
  for (;;) {
    const path = `/${current.join('/')}`;
    let subfolders: string[];
    try {
      subfolders = await listFolders(ctx, path);
    } catch (error) {
      await ctx.window.showErrorMessage(describeError(error, language, { folder: path }));
      return undefined;
    }
    const items: QuickPickItem[] = [
      { label: t(language, 'browse.use'), description: path },
      ...(current.length > 0 ? [{ label: t(language, 'browse.up') }] : []),
      ...subfolders.map((name) => ({ label: name })),
    ];
    const pick = (await ctx.window.showQuickPick(items, {
      title: t(language, 'browse.title', { folder: path }),
    })) as QuickPickItem | undefined;
    if (!pick) return undefined;
    if (pick === items[0]) return setFolder(ctx, path);
    current = pick.label === t(language, 'browse.up') ? current.slice(0, -1) : [...current, pick.label];
  }
}

async function setFolder(ctx: PluginContext, folder: string): Promise<string> {
  const normalised = `/${folderSegments(folder).join('/')}`;
  await ctx.configuration.update('folder', normalised);
  await ctx.window.showInformationMessage(t(ctx.env.language, 'browse.chosen', { folder: normalised }));
  return normalised;
}

/** Fills the server URL from a provider preset (by id as argument, or picked from the list). */
export async function choosePreset(ctx: PluginContext, presetId?: unknown, serverArg?: unknown) {
  const language = ctx.env.language;
  const lang = language.startsWith('de') ? 'de' : 'en';
  let preset = PRESETS.find((p) => p.id === presetId);
  if (!preset) {
    const items = PRESETS.map((p) => ({
      label: presetName(p, lang),
      description: p.url,
      detail: p.note[lang],
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
          prompt: `${presetName(preset, lang)}: ${t(language, name === 'server' ? 'preset.server' : 'preset.user')}`,
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
    t(language, 'preset.applied', { name: presetName(preset, lang), note: preset.note[lang] }),
  );
  return { id: preset.id, serverUrl: filled.url };
}
