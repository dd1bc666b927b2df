/** The congregation's background image for the media window: downloaded into the plugin's storage when it changed. */
import path from 'node:path';
import type { PluginContext } from '../../contract/api.js';
import { checkName } from '../core/names.js';
import { sameVersion } from '../core/planner.js';
import type { RemoteEntry } from '../core/remote-entry.js';
import { openGet } from '../remote/download.js';
import type { Connection } from '../remote/http.js';
import { type RetryPolicy, withRetries } from '../remote/retry.js';
import { cachedOf } from './congregation-settings.js';
import { writeAtomically } from './files.js';
import type { RecordStore, SyncState } from './records.js';

export async function applyBackground(
  ctx: PluginContext,
  connection: Connection,
  entry: RemoteEntry | null,
  records: RecordStore,
  signal: AbortSignal,
  retry?: RetryPolicy,
): Promise<void> {
  const cached = records.state.background;
  if (backgroundSettled(ctx, entry, cached)) return;
  if (!entry || entry.size === null) {
    await ctx.media.setBackground(null);
    records.update({ background: undefined });
    return;
  }
  const name = checkName(entry.path[0] ?? '');
  if (!name.ok) return;
  const size = entry.size;
  const folder = path.join(ctx.storagePath, 'background');
  const download = async () =>
    writeAtomically(folder, name.name, await openGet(connection, entry.path, signal), size, { signal });
  const file = await withRetries(download, retry, signal);
  await ctx.media.setBackground(file);
  records.update({ background: { ...cachedOf(entry), file } });
}

/** True when the host shows the congregation's current background, or none where the congregation has none. */
export function backgroundSettled(
  ctx: PluginContext,
  entry: RemoteEntry | null,
  cached: SyncState['background'],
): boolean {
  if (!entry || entry.size === null) return !cached;
  return !!cached && sameVersion(cached, entry) && ctx.media.background() === cached.file;
}
