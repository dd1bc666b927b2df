/**
 * The first step of a sync: the listing of the remote folder, while the local side (the records, the date folders, the
 * host's media list) is read; then the congregation's settings, enforced, and the plan's inputs put together.
 */
import { expectedDateFolders } from '../core/expected-folders.js';
import { syncWindow } from '../core/layout.js';
import { listSyncFolder, type Strategy } from '../remote/listing.js';
import { enforceCongregationSettings, settingsInForce } from './congregation-settings.js';
import { scanDateFolders } from './files.js';
import { readMeetingPlaces } from './meeting-sections.js';
import { RecordStore } from './records.js';
import type { RunStart, SyncRun } from './sync-run.js';

export async function gather(start: RunStart): Promise<SyncRun> {
  const { ctx, connection, today, weeks, mediaFolder, signal, retry } = start;
  const inWindow = syncWindow(today, weeks);
  const strategyKey = `listing:${connection.base.href}`;
  const remembered = ctx.globalState.get<Strategy>(strategyKey);
  const [listing, { records, hostItems }, local] = await Promise.all([
    listSyncFolder(connection, {
      remembered,
      wanted: inWindow,
      // as the presenter's settings are now; the congregation's come with the listing
      expected: expectedDateFolders(today, weeks, settingsInForce(ctx, {})),
      signal,
      retry,
    }),
    // The media list is read synchronously: after the listing's request went out.
    RecordStore.open(ctx.storagePath, mediaFolder).then((records) => ({
      records,
      hostItems: ctx.media.items(),
    })),
    scanDateFolders(mediaFolder, inWindow),
  ]);
  // What was learned about the server is remembered, so that the next sync asks the right way at once.
  if (!start.dryRun && listing.strategy !== remembered)
    await ctx.globalState.update(strategyKey, listing.strategy);
  // Enforcing may change the records: a failure here still writes them, as every later step's does.
  const forced = await enforceCongregationSettings({ ...start, records }, listing.entries).catch(
    async (error) => {
      await records.flush();
      throw error;
    },
  );
  const places = await readMeetingPlaces({ ...start, records }, listing.entries);
  const inputs = {
    entries: listing.entries,
    records: records.files,
    local: local.sizes,
    hostItems,
    today,
    weeks,
    ...settingsInForce(ctx, forced),
    places,
  };
  return { ...start, records, temps: local.temps, inputs };
}
