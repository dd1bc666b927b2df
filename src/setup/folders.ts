/** The folder browser of the settings panel: the server's folders, walked to choose the sync folder. */
import type { PluginContext, QuickPickItem } from '../../contract/api.js';
import { describeError } from '../describe-error.js';
import { t } from '../i18n.js';
import { withConnection } from '../open-connection.js';
import { folderSegments } from '../remote/connect.js';
import { propfind } from '../remote/propfind.js';
import { readSettings } from '../settings.js';

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
      const { serverUrl: url, requestTimeoutSeconds: timeoutSeconds } = readSettings(ctx);
      await ctx.window.showErrorMessage(describeError(error, ctx.env, { url, folder: path, timeoutSeconds }));
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
