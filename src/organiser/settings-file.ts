/**
 * Writes forcedPrefs.json so that two organisers never overwrite each other silently: the file must still be what
 * this computer last synced, the PUT is conditional (If-Match / If-None-Match) where the server honours it, and the
 * file is read back after the write.
 */
import type { HostSettingSchema, Json } from '../../contract/api.js';
import { parseForcedPrefs, serializeForcedPrefs } from '../core/forced-prefs.js';
import { FORCED_PREFS_FILE } from '../core/layout.js';
import { t } from '../i18n.js';
import { openGet } from '../remote/download.js';
import { RemoteError } from '../remote/errors.js';
import { readText } from '../remote/http.js';
import type { CongregationFolder } from './congregation-folder.js';

const MAX_BYTES = 1024 * 1024;

export class SettingsConflictError extends Error {}

interface Current {
  text: string | null;
  etag: string | null;
  values: Record<string, Json>;
}

async function readCurrent(
  folder: CongregationFolder,
  schema: readonly HostSettingSchema[],
): Promise<Current> {
  let response: Awaited<ReturnType<typeof openGet>>;
  try {
    response = await openGet(folder.connection, [FORCED_PREFS_FILE]);
  } catch (error) {
    if (error instanceof RemoteError && error.kind === 'not-found')
      return { text: null, etag: null, values: {} };
    throw error;
  }
  const etag = (response.headers.etag as string | undefined) ?? null;
  const text = await readText(response, MAX_BYTES, FORCED_PREFS_FILE);
  return { text, etag, values: parseForcedPrefs(text, schema, MAX_BYTES).values };
}

/**
 * Applies `change` to the congregation-wide settings. `lastSynced` is what this computer saw at its last sync
 * (undefined when it never synced): a file changed since then is a conflict, never silently overwritten.
 */
export async function updateForcedPrefs(
  folder: CongregationFolder,
  schema: readonly HostSettingSchema[],
  lastSynced: Record<string, Json> | undefined,
  change: (current: Record<string, Json>) => Record<string, Json>,
): Promise<Record<string, Json>> {
  const current = await readCurrent(folder, schema);
  if (lastSynced !== undefined && serializeForcedPrefs(lastSynced) !== serializeForcedPrefs(current.values)) {
    throw new SettingsConflictError(t(folder.language, 'organiser.conflict.since'));
  }
  const next = change(current.values);
  const text = serializeForcedPrefs(next);
  try {
    await folder.writer.putSmall([FORCED_PREFS_FILE], Buffer.from(text), {
      // If-Match compares strongly: a weak ETag (Apache's for a file changed within the last second) never
      // matches, so only a strong one is sent; the read-back below still catches a write at the same moment.
      ...(current.etag && !current.etag.startsWith('W/') ? { ifMatch: current.etag } : {}),
      ...(current.text === null ? { ifNoneMatch: true } : {}),
    });
  } catch (error) {
    // Only on this conditional write do 409 and 412 mean that somebody else wrote first.
    if (error instanceof RemoteError && (error.status === 412 || error.status === 409)) {
      throw new SettingsConflictError(t(folder.language, 'organiser.conflict.moment'));
    }
    throw error;
  }
  await folder.writer.verify([FORCED_PREFS_FILE], Buffer.byteLength(text));
  const written = await readCurrent(folder, schema);
  if (written.text !== text) {
    throw new SettingsConflictError(t(folder.language, 'organiser.conflict.overwritten'));
  }
  return next;
}
