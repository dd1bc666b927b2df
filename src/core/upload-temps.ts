/**
 * The organiser's upload temporary files on the server (`.congsync-upload-<12 hex>.part`): how they are named, and
 * which of a folder's are left over from an upload that was killed (pure).
 */
import { TEMP_PREFIX, TEMP_SUFFIX } from './layout.js';
import type { RemoteEntry } from './remote-entry.js';

const UPLOAD_TEMP = /^\.congsync-upload-[0-9a-f]{12}\.part$/;

/** An upload's temporary name, from 6 random bytes as 12 hex digits. */
export const uploadTempName = (hex: string): string => `${TEMP_PREFIX}upload-${hex}${TEMP_SUFFIX}`;

/** True for a name the organiser's uploads use, and for no other. */
export const isUploadTemp = (name: string): boolean => UPLOAD_TEMP.test(name);

/**
 * An hour: a server that writes an upload's bytes as they arrive moves its last-modified all along, so another
 * organiser's upload in progress looks fresh, and one untouched for an hour was killed.
 */
export const UPLOAD_TEMP_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * The upload temporary files of a folder's listing that are older than `maxAgeMs` at `now`: left by an upload that
 * was killed. A file without a last-modified date is never chosen (its age is unknown: it may be an upload of
 * another organiser in progress), nor a folder, nor any other name.
 */
export function staleUploadTemps(
  entries: readonly RemoteEntry[],
  now: number,
  maxAgeMs = UPLOAD_TEMP_MAX_AGE_MS,
): RemoteEntry[] {
  return entries.filter((entry) => {
    const name = entry.path.at(-1);
    if (entry.isDirectory || name === undefined || !isUploadTemp(name) || entry.lastModified === null)
      return false;
    const modified = Date.parse(entry.lastModified);
    return Number.isFinite(modified) && now - modified > maxAgeMs;
  });
}
