/**
 * The organiser's own copies: what he uploaded or renamed is put into his media folder and records at once, as the
 * sync would place it (a recurring file on every meeting date of the window), so his next sync downloads nothing;
 * what he deleted leaves his media folder and records at once, so his next sync has nothing to remove (and the
 * mass-removal guard counts no removal of his own). A file of that name that the plugin did not place is kept.
 */
import { stat } from 'node:fs/promises';
import type { IsoDate, PluginContext } from '../../contract/api.js';
import { formatDateFolder } from '../../contract/media-folders.js';
import { meetingDates } from '../core/layout.js';
import { recordOf, type Target } from '../core/planner.js';
import type { RemoteEntry } from '../core/remote-entry.js';
import { localPath } from '../local/paths.js';
import { readSettings } from '../settings.js';
import { settingsInForce } from '../sync/congregation-settings.js';
import { copyAtomically, moveFile, removeFile } from '../sync/files.js';
import { RecordStore } from '../sync/records.js';
import type { Place } from './congregation-folder.js';

/** What is at a local path of the media folder (kept inside it), or null when nothing is. */
const statLocal = (ctx: PluginContext, local: string) =>
  stat(localPath(ctx.media.mediaFolder, local)).catch(() => null);

async function openOwn(ctx: PluginContext) {
  const records = await RecordStore.open(ctx.storagePath, ctx.media.mediaFolder);
  const inForce = settingsInForce(ctx, records.state.forcedPrefs?.values ?? {});
  const localOf = (date: IsoDate, name: string) =>
    `${formatDateFolder(date, inForce.format, inForce.language)}/${name}`;
  const occupiedByOther = async (local: string) =>
    !records.files[local] && (await statLocal(ctx, local)) !== null;
  return { records, inForce, localOf, occupiedByOther };
}

/** Copies the uploaded `file` (listed on the server as `entry`) to each place the sync would put it. */
export async function placeOwnCopies(
  ctx: PluginContext,
  entry: RemoteEntry,
  place: Place,
  file: string,
  today: IsoDate,
): Promise<void> {
  if (entry.size === null) return;
  const { records, inForce, localOf, occupiedByOther } = await openOwn(ctx);
  const name = entry.path.at(-1) as string;
  const recurring = place.area === 'recurring';
  const dates = recurring
    ? meetingDates(today, readSettings(ctx).syncWindowWeeks, inForce.schedule)
    : [place.date];
  const version = {
    remote: entry.path,
    etag: entry.etag,
    size: entry.size,
    lastModified: entry.lastModified,
  };
  try {
    for (const date of dates) {
      const target: Target = { local: localOf(date, name), date, name, recurring };
      if (await occupiedByOther(target.local)) continue;
      await copyAtomically(ctx.media.mediaFolder, file, target.local);
      records.set(target.local, recordOf(version, target));
    }
  } finally {
    // the copies placed before a failure are recorded as well
    await records.flush();
  }
}

/** Renames the organiser's own copy of `from` (a file of a date folder) to the server's new entry. */
export async function renameOwnCopy(ctx: PluginContext, from: string[], entry: RemoteEntry): Promise<void> {
  if (entry.size === null) return;
  const { records, localOf, occupiedByOther } = await openOwn(ctx);
  const was = Object.entries(records.files).find(([, r]) => r.remote.join('/') === from.join('/'));
  if (!was) return;
  const [local, record] = was;
  if (!(await statLocal(ctx, local))) {
    records.delete(local);
    return records.flush();
  }
  const name = entry.path.at(-1) as string;
  const target: Target = { local: localOf(record.date, name), date: record.date, name, recurring: false };
  if (await occupiedByOther(target.local)) return;
  await moveFile(ctx.media.mediaFolder, local, target.local);
  records.delete(local);
  const { etag, size, lastModified } = entry;
  records.set(target.local, recordOf({ remote: entry.path, etag, size, lastModified }, target));
  await records.flush();
}

/**
 * Removes the organiser's own copies of the server files he deleted (`remotes`, paths as the server lists them) and
 * their records. A copy whose size is not the recorded one was changed on this computer: it stays, only its record
 * goes, as a sync would do.
 */
export async function removeOwnCopies(ctx: PluginContext, remotes: readonly string[]): Promise<void> {
  const gone = new Set(remotes);
  const { records } = await openOwn(ctx);
  try {
    for (const [local, record] of Object.entries(records.files)) {
      if (!gone.has(record.remote.join('/'))) continue;
      const file = await statLocal(ctx, local);
      if (file?.size === record.size) await removeFile(ctx.media.mediaFolder, local);
      records.delete(local);
    }
  } finally {
    await records.flush();
  }
}
