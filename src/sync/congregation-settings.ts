/** The congregation-wide settings: forcedPrefs.json read (only when it changed), validated and enforced, and the
 * presenter's settings a plan depends on. */
import type { Json, PluginContext } from '../../contract/api.js';
import { type DateFormat, isDateFormat } from '../../contract/media-folders.js';
import { ForcedPrefsError, parseForcedPrefs } from '../core/forced-prefs.js';
import { FORCED_PREFS_FILE } from '../core/layout.js';
import { sameVersion } from '../core/planner.js';
import type { RemoteEntry } from '../core/remote-entry.js';
import { describeForSettings } from '../describe-error.js';
import { getText } from '../remote/download.js';
import type { Connection } from '../remote/http.js';
import { type RetryPolicy, withRetries } from '../remote/retry.js';
import type { Settings } from '../settings.js';
import type { RecordStore } from './records.js';
import type { SyncError, SyncReport } from './report.js';

const MAX_FORCED_PREFS_BYTES = 1024 * 1024;

export interface ReadOptions {
  dryRun: boolean;
  retry?: RetryPolicy;
  signal: AbortSignal;
}

/** What a sync reports of the congregation's settings, and the values the plan goes by. */
export interface CongregationSettings {
  report: SyncReport['settings'];
  values: Record<string, Json>;
  error?: SyncError;
}

/** Reads forcedPrefs.json where it changed since the records' copy, and enforces what passes (unless a dry run). */
export async function enforceCongregationSettings(
  ctx: PluginContext,
  connection: Connection,
  settings: Settings,
  entries: readonly RemoteEntry[],
  records: RecordStore,
  options: ReadOptions,
): Promise<CongregationSettings> {
  const entry = entries.find((e) => !e.isDirectory && e.path.length === 1 && e.path[0] === FORCED_PREFS_FILE);
  const cached = records.state.forcedPrefs;
  let result = { values: {} as Record<string, Json>, rejected: [] as Array<{ key: string; reason: string }> };
  if (entry && cached && sameVersion(cached, entry)) result = cached;
  else if (entry) {
    try {
      const read = () => getText(connection, entry.path, MAX_FORCED_PREFS_BYTES, options.signal);
      const text = await withRetries(read, options.retry, options.signal);
      result = parseForcedPrefs(text, ctx.hostSettings.schema(), MAX_FORCED_PREFS_BYTES);
      if (!options.dryRun) records.update({ forcedPrefs: { ...cachedOf(entry), ...result } });
    } catch (error) {
      const message =
        error instanceof ForcedPrefsError
          ? `forcedPrefs.json: ${error.message}`
          : describeForSettings(error, ctx.env.language, settings, FORCED_PREFS_FILE);
      // What was enforced before stays enforced.
      const report = { enforced: ctx.hostSettings.enforced(), rejected: [] };
      return { report, values: {}, error: { path: FORCED_PREFS_FILE, message } };
    }
  } else if (!options.dryRun) records.update({ forcedPrefs: undefined });
  for (const r of result.rejected) ctx.window.log.warn(`forcedPrefs.json: ${r.key}: ${r.reason}`);
  if (!options.dryRun) await ctx.hostSettings.enforce(result.values);
  return { report: { enforced: result.values, rejected: result.rejected }, values: result.values };
}

/** A sync whose listing and records are those of a settled state: the settings it remembered are enforced. */
export async function enforceCachedSettings(
  ctx: PluginContext,
  cached: SyncReport['settings'],
): Promise<SyncReport['settings']> {
  for (const r of cached.rejected) ctx.window.log.warn(`forcedPrefs.json: ${r.key}: ${r.reason}`);
  await ctx.hostSettings.enforce(cached.enforced);
  return cached;
}

/** What the records keep of a remote file to tell later whether it changed. */
export function cachedOf(entry: RemoteEntry) {
  return { remote: entry.path, etag: entry.etag, size: entry.size ?? 0, lastModified: entry.lastModified };
}

/** The presenter's settings that the plan depends on: the congregation's where it enforces them. */
export function settingsInForce(ctx: PluginContext, forced: Record<string, Json>) {
  const setting = <T extends Json>(key: string) =>
    (forced[key] ?? ctx.hostSettings.get<T>(key)) as T | undefined;
  const format = setting<string>('app.outputFolderDateFormat');
  return {
    schedule: {
      mwDay: Number(setting('meeting.mwDay') ?? 2),
      weDay: Number(setting('meeting.weDay') ?? 6),
      coWeek: setting<string>('meeting.coWeek') || null,
    },
    format: (isDateFormat(format) ? format : 'YYYY-MM-DD') as DateFormat,
    language: ctx.env.language,
    congregationName: setting<string>('app.congregationName') ?? '',
  };
}
