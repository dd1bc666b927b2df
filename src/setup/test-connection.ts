/** Test connection: PROPFIND Depth 0 on the sync folder, answered in one sentence per cause. */
import type { PluginContext } from '../../contract/api.js';
import type { RemoteEntry } from '../core/remote-entry.js';
import { describeError } from '../describe-error.js';
import { t } from '../i18n.js';
import { withConnection } from '../open-connection.js';
import { RemoteError } from '../remote/errors.js';
import type { Connection } from '../remote/http.js';
import { propfind } from '../remote/propfind.js';
import { readSettings } from '../settings.js';

export type TestResult = { ok: true; message: string } | { ok: false; kind: string; message: string };

/**
 * PROPFIND Depth 0 on the sync folder: does the folder exist, and may we read it? A missing folder is said so, with
 * the offer to create it (and its missing parents): a button on the page, `createFolder` (--create-folder) headless.
 * Undefined when the person answered the offer with no: nothing was done, and nothing more is said.
 */
export async function testConnection(
  ctx: PluginContext,
  args: { createFolder?: boolean } = {},
): Promise<TestResult | undefined> {
  const language = ctx.env.language;
  const settings = readSettings(ctx);
  const context = {
    url: settings.serverUrl,
    folder: settings.folder,
    timeoutSeconds: settings.requestTimeoutSeconds,
  };
  try {
    await withConnection(ctx, async (connection) => {
      if (!(await folderThere(connection))) {
        if (!args.createFolder) await offerToCreate(ctx, settings.folder);
        const { RemoteWriter } = await import('../remote/writes.js');
        await (await RemoteWriter.open(connection)).ensureBase();
      }
    });
    const message = t(language, 'connection.ok', { url: settings.serverUrl, folder: settings.folder });
    await ctx.window.showInformationMessage(message);
    return { ok: true, message };
  } catch (error) {
    const kind =
      error instanceof RemoteError ? error.kind : error instanceof MissingFolder ? 'not-found' : 'error';
    const message = error instanceof MissingFolder ? error.message : describeError(error, ctx.env, context);
    ctx.window.log.warn(
      `test connection failed: ${kind}: ${error instanceof Error ? error.message : String(error)}`,
    );
    if (error instanceof MissingFolder && !error.show) return undefined;
    await ctx.window.showErrorMessage(message);
    return { ok: false, kind, message };
  }
}

/** False when the folder does not exist; a file in its place is no folder to create (not-found). */
async function folderThere(connection: Connection): Promise<boolean> {
  let entries: RemoteEntry[];
  try {
    entries = await propfind(connection, [], '0');
  } catch (error) {
    if (error instanceof RemoteError && error.kind === 'not-found') return false;
    throw error;
  }
  if (!entries.find((e) => e.path.length === 0)?.isDirectory) {
    throw new RemoteError('not-found', 'not a folder', 404);
  }
  return true;
}

/**
 * The folder is missing: asks whether to create it (a question, not an error: on the first day it is expected);
 * where no one can answer, the error names the CLI's flag instead.
 */
async function offerToCreate(ctx: PluginContext, folder: string): Promise<void> {
  const language = ctx.env.language;
  const missing = t(language, 'connection.missingFolder', { folder });
  if (!ctx.window.canAsk) throw new MissingFolder(t(language, 'connection.missingFolder.cli', { folder }));
  const create = t(language, 'connection.createFolder');
  if ((await ctx.window.showWarningMessage(missing, create)) === create) return;
  throw new MissingFolder(missing, false);
}

class MissingFolder extends Error {
  constructor(
    message: string,
    readonly show = true,
  ) {
    super(message);
  }
}
