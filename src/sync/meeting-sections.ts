/**
 * The organiser's places in the meeting (core/meeting-places.ts): meetingSections.json read where it changed since the
 * records' copy. A file that cannot be read or is broken is a problem of the report, and the places read before
 * stay in force, so that a passing fault never moves the congregation's items.
 */
import { MEETING_SECTIONS_FILE } from '../core/layout.js';
import {
  MEETING_SECTIONS_MAX_BYTES,
  type MeetingPlaces,
  MeetingPlacesError,
  parseMeetingPlaces,
} from '../core/meeting-places.js';
import { sameVersion } from '../core/planner.js';
import type { RemoteEntry } from '../core/remote-entry.js';
import { describeForSettings } from '../describe-error.js';
import { getText } from '../remote/download.js';
import { withRetries } from '../remote/retry.js';
import { cachedOf } from './congregation-settings.js';
import type { RecordStore } from './records.js';
import type { RunStart } from './sync-run.js';

export async function readMeetingPlaces(
  run: RunStart & { records: RecordStore },
  entries: readonly RemoteEntry[],
): Promise<MeetingPlaces> {
  const { ctx, records, report, dryRun } = run;
  const entry = entries.find(
    (e) => !e.isDirectory && e.path.length === 1 && e.path[0] === MEETING_SECTIONS_FILE,
  );
  const cached = records.state.meetingSections;
  if (!entry) {
    if (!dryRun && cached) records.update({ meetingSections: undefined });
    return {};
  }
  if (cached && sameVersion(cached, entry)) return cached.places;
  try {
    const read = () => getText(run.connection, entry.path, MEETING_SECTIONS_MAX_BYTES, run.signal);
    const { places, rejected } = parseMeetingPlaces(await withRetries(read, run.retry, run.signal));
    for (const r of rejected) ctx.window.log.warn(`${MEETING_SECTIONS_FILE}: ${r.key}: ${r.reason}`);
    if (!dryRun) records.update({ meetingSections: { ...cachedOf(entry), places } });
    return places;
  } catch (error) {
    const message =
      error instanceof MeetingPlacesError
        ? `${MEETING_SECTIONS_FILE}: ${error.message}`
        : describeForSettings(error, ctx.env, run.settings, MEETING_SECTIONS_FILE);
    report.errors.push({ path: MEETING_SECTIONS_FILE, message });
    return cached?.places ?? {};
  }
}
