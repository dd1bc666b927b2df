/**
 * Writes a shared file at the congregation folder's root (forcedPrefs.json, meetingSections.json) as a
 * read–merge–write, so that organisers changing it at the same moment both keep their change, on every server:
 * - under an exclusive write lock where the server offers one (its DAV header names class 2): LOCK, read, merge,
 *   PUT with the lock's token, UNLOCK, also when anything on the way failed;
 * - else with If-Match where the server gave a strong ETag (If-None-Match: * where there is no file yet). This alone
 *   is not enough: some servers ignore If-Match, and Apache lets two conditional PUTs of the same moment through;
 * - and always the file is read back (without a lock after a short pause, so that a write of another organiser who
 *   read before ours shows): content other than ours is another organiser's write, merged and written again, a
 *   bounded number of times. Without a lock, a file read empty or not whole is read again first: it may be another
 *   organiser's write under way.
 * The merge (core/merge-settings.ts) is by key (a setting, a date): base is what this computer last synced, mine that
 * with the change applied, theirs what the server holds. A key both changed to different values is a named conflict,
 * and the file keeps the other organiser's value: never a mixture.
 */
import type { HostSettingSchema, Json } from '../../contract/api.js';
import { formatSettingValue } from '../../contract/host-settings.js';
import { parseForcedPrefs, serializeForcedPrefs } from '../core/forced-prefs.js';
import { FORCED_PREFS_FILE, MEETING_SECTIONS_FILE } from '../core/layout.js';
import {
  MEETING_SECTIONS_MAX_BYTES,
  type MeetingPlaces,
  parseMeetingPlaces,
  placesAsJson,
  serializeMeetingPlaces,
} from '../core/meeting-places.js';
import { mergeSettings, type SettingConflict } from '../core/merge-settings.js';
import { t } from '../i18n.js';
import { openGet } from '../remote/download.js';
import { RemoteError } from '../remote/errors.js';
import { readText } from '../remote/http.js';
import { withRetries } from '../remote/retry.js';
import type { Condition, WriteLock } from '../remote/writes.js';
import type { CongregationFolder } from './congregation-folder.js';

const MAX_BYTES = 1024 * 1024;
/** How long a lock lasts should this computer never give it back (a crash, a lost network). */
const LOCK_SECONDS = 30;
/** How often another organiser's lock is waited for, each after a pause of LOCK_PAUSE_MS. */
const LOCK_TRIES = 15;
const LOCK_PAUSE_MS = [100, 400] as const;
/** Writes of a merge that another organiser's write overtook, at most; each after a pause of RETRY_PAUSE_MS. */
const ATTEMPTS = 5;
const RETRY_PAUSE_MS = [50, 300] as const;
/** The pause before the read-back without a lock: a write of another organiser who read before ours lands in it. */
const SETTLE_MS = [250, 500] as const;
/** Reads of a file that is empty or not whole without a lock (another organiser's write under way), at most. */
const PARTIAL_TRIES = 8;

export class SettingsConflictError extends Error {
  constructor(
    message: string,
    readonly conflicts: readonly SettingConflict[] = [],
  ) {
    super(message);
    this.name = 'SettingsConflictError';
  }
}

/** One shared file: its name at the root, how its text becomes values by key and back, and how a conflict reads. */
export interface SharedFile {
  readonly name: string;
  /** The values by key of the file's text (an empty text, one a LOCK made, holds none). */
  parse(text: string): Record<string, Json>;
  serialize(values: Record<string, Json>): string;
  conflict(conflicts: readonly SettingConflict[]): Error;
}

/** forcedPrefs.json: the congregation-wide settings, by dotted key. */
export function forcedPrefsFile(language: string, schema: readonly HostSettingSchema[]): SharedFile {
  return {
    name: FORCED_PREFS_FILE,
    parse: (text) => (text.trim() === '' ? {} : parseForcedPrefs(text, schema, MAX_BYTES).values),
    serialize: serializeForcedPrefs,
    conflict: (conflicts) => conflictError(language, schema, conflicts),
  };
}

/** meetingSections.json: where each date's congregation items go in the meeting, by date. */
export function meetingSectionsFile(language: string): SharedFile {
  return {
    name: MEETING_SECTIONS_FILE,
    parse: (text) => placesAsJson(parseMeetingPlaces(text).places),
    serialize: (values) => serializeMeetingPlaces(values as unknown as MeetingPlaces),
    conflict: (conflicts) =>
      new SettingsConflictError(
        conflicts.map((c) => t(language, 'organiser.conflict.place', { date: c.key })).join('\n'),
        conflicts,
      ),
  };
}

interface Current {
  text: string | null;
  etag: string | null;
  values: Record<string, Json>;
}

/** A GET of the file; one cut short (lighttpd ends the answer when the file is replaced meanwhile) is sent again. */
function readCurrent(folder: CongregationFolder, file: SharedFile): Promise<Current> {
  return withRetries(() => readOnce(folder, file));
}

/**
 * The file as the merge's `theirs`. Under a lock, as it is (an empty one is the lock's). Without one, a file that is
 * empty or not whole may be another organiser's write under way (rclone empties a file when a PUT begins, then fills
 * it): it is read again after a pause, a few times, before it is taken as it is. Taken at once, it would read as "all
 * settings removed", and this change would be written without them.
 */
async function readWhole(
  folder: CongregationFolder,
  file: SharedFile,
  lock: WriteLock | null,
): Promise<Current> {
  for (let tries = 1; ; tries++) {
    const last = lock !== null || tries >= PARTIAL_TRIES;
    try {
      const current = await readCurrent(folder, file);
      if (last || current.text === null || current.text.trim() !== '') return current;
    } catch (error) {
      // a text that does not parse; a failure of the server is the caller's
      if (last || error instanceof RemoteError) throw error;
    }
    await pause(RETRY_PAUSE_MS);
  }
}

async function readOnce(folder: CongregationFolder, file: SharedFile): Promise<Current> {
  let response: Awaited<ReturnType<typeof openGet>>;
  try {
    response = await openGet(folder.connection, [file.name]);
  } catch (error) {
    if (error instanceof RemoteError && error.kind === 'not-found')
      return { text: null, etag: null, values: {} };
    throw error;
  }
  const etag = (response.headers.etag as string | undefined) ?? null;
  const text = await readText(response, Math.max(MAX_BYTES, MEETING_SECTIONS_MAX_BYTES), file.name);
  // An empty file is one a LOCK made (some servers do, RFC 4918 §9.10.4): it holds no value.
  return { text, etag, values: file.parse(text) };
}

/** Applies `change` to the congregation-wide settings (see updateSharedFile). */
export function updateForcedPrefs(
  folder: CongregationFolder,
  schema: readonly HostSettingSchema[],
  lastSynced: Record<string, Json> | undefined,
  change: (current: Record<string, Json>) => Record<string, Json>,
): Promise<Record<string, Json>> {
  return updateSharedFile(folder, forcedPrefsFile(folder.language, schema), lastSynced, change);
}

/**
 * Applies `change` to a shared file's values. `lastSynced` is what this computer saw at its last sync (the base of
 * the merge; undefined: the file as read now). Returns what the file holds afterwards.
 */
export async function updateSharedFile(
  folder: CongregationFolder,
  file: SharedFile,
  lastSynced: Record<string, Json> | undefined,
  change: (current: Record<string, Json>) => Record<string, Json>,
): Promise<Record<string, Json>> {
  const locks = await folder.writer.offersLocks();
  for (let attempt = 1; ; attempt++) {
    const lock = locks ? await takeLock(folder, file) : null;
    let written = false;
    try {
      const values = await mergeAndWrite(folder, file, { lastSynced, change, lock });
      written = true;
      return values;
    } catch (error) {
      if (!(error instanceof LockLost)) throw error;
      if (attempt >= ATTEMPTS) throw new SettingsConflictError(t(folder.language, 'organiser.conflict.busy'));
    } finally {
      if (lock) await giveBack(folder, lock, written);
    }
    await pause(RETRY_PAUSE_MS);
  }
}

/**
 * The PUT under the lock was refused for the lock (412, 423): Apache's lock database can grant two LOCKs of the
 * same moment and keeps only one of them. Nothing was written; the lock is given back and taken again.
 */
class LockLost extends Error {}

/** The lock, waiting a few seconds for another organiser's; null when the server refuses LOCK after all. */
async function takeLock(folder: CongregationFolder, file: SharedFile): Promise<WriteLock | null> {
  for (let tries = 0; tries < LOCK_TRIES; tries++) {
    let lock: WriteLock | null;
    try {
      lock = await folder.writer.lock([file.name], LOCK_SECONDS);
    } catch (error) {
      // A server that names class 2 but cannot lock (e.g. Apache without a lock database) is written without.
      if (error instanceof RemoteError && (error.kind === 'method' || error.status === 500)) return null;
      throw error;
    }
    if (lock) return lock;
    await pause(LOCK_PAUSE_MS);
  }
  throw new SettingsConflictError(t(folder.language, 'organiser.conflict.locked'));
}

/**
 * UNLOCK; an empty file the LOCK made is removed first when nothing was written into it. A failure here leaves the
 * lock to end by its timeout, and the change (when written) stands: it is not the action's failure.
 */
async function giveBack(folder: CongregationFolder, lock: WriteLock, written: boolean): Promise<void> {
  if (lock.created && !written) await folder.writer.deleteLocked(lock).catch(() => {});
  await folder.writer.unlock(lock).catch(() => {});
}

interface Change {
  lastSynced: Record<string, Json> | undefined;
  change: (current: Record<string, Json>) => Record<string, Json>;
  lock: WriteLock | null;
}

async function mergeAndWrite(
  folder: CongregationFolder,
  file: SharedFile,
  { lastSynced, change, lock }: Change,
): Promise<Record<string, Json>> {
  let base = lastSynced;
  let mine: Record<string, Json> | undefined;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const current = await readWhole(folder, file, lock);
    base ??= current.values;
    mine ??= change(base);
    const merged = mergeSettings(base, mine, current.values);
    if (merged.conflicts.length > 0) throw file.conflict(merged.conflicts);
    const text = file.serialize(merged.values);
    // Another organiser's write, merged with this change already: nothing left to write.
    if (attempt > 1 && current.text === text) return merged.values;
    try {
      await folder.writer.putSmall([file.name], Buffer.from(text), conditionOf(current, lock));
    } catch (error) {
      const status = error instanceof RemoteError ? error.status : undefined;
      if (lock && (status === 412 || status === 423)) throw new LockLost();
      // Without a lock, a 412 (or 409) to the conditional PUT means that another organiser wrote first, a 423 that
      // he is writing now (rclone locks a file for the time of each PUT): merge again.
      if (!lock && (status === 412 || status === 409 || status === 423)) {
        await pause(RETRY_PAUSE_MS);
        continue;
      }
      throw error;
    }
    if (lock === null) await pause(SETTLE_MS);
    const back = await readCurrent(folder, file);
    if (back.text === text) return merged.values;
    await pause(RETRY_PAUSE_MS);
  }
  throw new SettingsConflictError(t(folder.language, 'organiser.conflict.busy'));
}

/**
 * The lock's token; else If-Match with a strong ETag (If-Match compares strongly: a weak one, Apache's for a file
 * changed within the last second, never matches); else If-None-Match where there is no file.
 */
function conditionOf(current: Current, lock: WriteLock | null): Condition {
  if (lock) return { lock };
  if (current.etag && !current.etag.startsWith('W/')) return { ifMatch: current.etag };
  return current.text === null ? { ifNoneMatch: true } : {};
}

function conflictError(
  language: string,
  schema: readonly HostSettingSchema[],
  conflicts: readonly SettingConflict[],
): SettingsConflictError {
  const shown = (key: string, value: Json | undefined) => {
    if (value === undefined) return t(language, 'organiser.conflict.notEnforced');
    const setting = schema.find((s) => s.key === key);
    return setting ? formatSettingValue(setting, value) : JSON.stringify(value);
  };
  const lines = conflicts.map((c) =>
    t(language, 'organiser.conflict.setting', {
      setting: c.key,
      mine: shown(c.key, c.mine),
      theirs: shown(c.key, c.theirs),
    }),
  );
  return new SettingsConflictError(lines.join('\n'), conflicts);
}

function pause([min, max]: readonly [number, number]): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, min + Math.random() * (max - min)));
}
