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
import { withRetries } from '../remote/retry.js';
import type { RecordStore } from './records.js';
import type { RunStart } from './sync-run.js';

const MAX_FORCED_PREFS_BYTES = 1024 * 1024;

/**
 * Reads forcedPrefs.json where it changed since the records' copy, enforces what passes (unless a dry run) and puts it
 * into the run's report; returns the values the plan goes by. A file that cannot be read or is broken is a problem of
 * the report, and what was enforced before stays enforced.
 */
export async function enforceCongregationSettings(
  run: RunStart & { records: RecordStore },
  entries: readonly RemoteEntry[],
): Promise<Record<string, Json>> {
  const { ctx, records, report, dryRun } = run;
  const entry = entries.find((e) => !e.isDirectory && e.path.length === 1 && e.path[0] === FORCED_PREFS_FILE);
  const cached = records.state.forcedPrefs;
  let result = { values: {} as Record<string, Json>, rejected: [] as Array<{ key: string; reason: string }> };
  if (entry && cached && sameVersion(cached, entry)) result = cached;
  else if (entry) {
    try {
      const read = () => getText(run.connection, entry.path, MAX_FORCED_PREFS_BYTES, run.signal);
      const text = await withRetries(read, run.retry, run.signal);
      result = parseForcedPrefs(text, ctx.hostSettings.schema(), MAX_FORCED_PREFS_BYTES);
      if (!dryRun) records.update({ forcedPrefs: { ...cachedOf(entry), ...result } });
    } catch (error) {
      const message =
        error instanceof ForcedPrefsError
          ? `forcedPrefs.json: ${error.message}`
          : describeForSettings(error, ctx.env, run.settings, FORCED_PREFS_FILE);
      report.settings = { enforced: ctx.hostSettings.enforced(), rejected: [] };
      report.errors.push({ path: FORCED_PREFS_FILE, message });
      return {};
    }
  } else if (!dryRun) records.update({ forcedPrefs: undefined });
  for (const r of result.rejected) ctx.window.log.warn(`forcedPrefs.json: ${r.key}: ${r.reason}`);
  if (!dryRun) await ctx.hostSettings.enforce(result.values);
  report.settings = { enforced: result.values, rejected: result.rejected };
  return result.values;
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
