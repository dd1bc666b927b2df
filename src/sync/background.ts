/** The congregation's background image for the media window: downloaded into the plugin's storage when it changed. */
import path from 'node:path';
import type { PluginContext } from '../../contract/api.js';
import { checkName } from '../core/names.js';
import { sameVersion } from '../core/planner.js';
import type { RemoteEntry } from '../core/remote-entry.js';
import { openMedia } from '../remote/download.js';
import { withRetries } from '../remote/retry.js';
import { cachedOf } from './congregation-settings.js';
import { writeDownload } from './files.js';
import type { SyncState } from './records.js';
import type { SyncRun } from './sync-run.js';

/** Shows the congregation's background (the plan's `entry`, or none), fetched only when it changed. */
export async function applyBackground(run: SyncRun, entry: RemoteEntry | null): Promise<void> {
  const { ctx, records, signal } = run;
  const cached = records.state.background;
  if (showsCurrentBackground(ctx, entry, cached)) return;
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
    writeDownload(folder, name.name, await openMedia(run.connection, entry.path, signal), size, { signal });
  const file = await withRetries(download, run.retry, signal);
  await ctx.media.setBackground(file);
  records.update({ background: { ...cachedOf(entry), file } });
}

/** True when the host shows the congregation's current background, or none where the congregation has none. */
function showsCurrentBackground(
  ctx: PluginContext,
  entry: RemoteEntry | null,
  cached: SyncState['background'],
): boolean {
  if (!entry || entry.size === null) return !cached;
  return !!cached && sameVersion(cached, entry) && ctx.media.background() === cached.file;
}
