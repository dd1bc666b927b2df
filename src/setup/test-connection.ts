/** Test connection: PROPFIND Depth 0 on the sync folder, answered in one sentence per cause. */
import type { PluginContext } from '../../contract/api.js';
import { describeError } from '../describe-error.js';
import { t } from '../i18n.js';
import { withConnection } from '../open-connection.js';
import { RemoteError } from '../remote/errors.js';
import { propfind } from '../remote/propfind.js';
import { readSettings } from '../settings.js';

export type TestResult = { ok: true; message: string } | { ok: false; kind: string; message: string };

/** PROPFIND Depth 0 on the sync folder: does the folder exist, and may we read it? */
export async function testConnection(ctx: PluginContext): Promise<TestResult> {
  const language = ctx.env.language;
  const settings = readSettings(ctx);
  try {
    const server = await withConnection(ctx, async (connection) => {
      const entries = await propfind(connection, [], '0');
      const self = entries.find((e) => e.path.length === 0);
      if (!self?.isDirectory) throw new RemoteError('not-found', 'not a folder', 404);
      return connection.base.host;
    });
    const message = t(language, 'connection.ok', {
      url: settings.serverUrl,
      folder: settings.folder,
      server,
    });
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
