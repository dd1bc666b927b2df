/**
 * The one way the plugin places a file: filled under a temporary name beside the target (a name that the sync's scan
 * and today's M³ both ignore), or in a folder of the same disk that a watcher does not look into (`tempFolder`), then
 * renamed over the target in one step. On any failure the temporary file is removed
 * and the target is left as it was. Used by the downloads, the sync records and the watched-folder export.
 *
 * Durability: a `durable` file (the records) is fsync'd before the rename, so that a crash leaves the old or the new
 * file, never a torn one. Media files are not: a crash may leave one shorter than recorded, and the next sync sees its
 * size differ and fetches it again; an fsync of every download would stall a sync on a slow disk for nothing the sync
 * cannot repair by itself.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { TEMP_PREFIX, TEMP_SUFFIX } from '../core/layout.js';

export interface AtomicOptions {
  /** fsync the file before it is renamed into place. */
  durable?: boolean;
  /** Mode of a folder that has to be created. */
  folderMode?: number;
  /**
   * Fill the temporary file here instead of beside the target (a folder on the same disk): a folder watcher then sees
   * the file appear once, whole, under its final name, and never its temporary name.
   */
  tempFolder?: string;
}

/** A temporary name beside `file`. */
export const tempBeside = (file: string): string =>
  path.join(path.dirname(file), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);

/** True for a temporary file's name. */
export const isTempName = (name: string): boolean =>
  name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX);

/**
 * Places a file at `target` (absolute): `fill` creates the temporary file it is given, then it is renamed over the
 * target. Returns the target.
 */
export async function replaceAtomically(
  target: string,
  fill: (temp: string) => Promise<void>,
  options: AtomicOptions = {},
): Promise<string> {
  const temp = tempBeside(options.tempFolder ? path.join(options.tempFolder, 'file') : target);
  try {
    await mkdir(path.dirname(target), { recursive: true, mode: options.folderMode });
    await fill(temp);
    if (options.durable) await fsync(temp);
    await rename(temp, target);
    return target;
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}

/** Writes `data` whole to `target` (absolute), by way of a temporary file. */
export function writeFileAtomically(
  target: string,
  data: string | Uint8Array,
  options: AtomicOptions & { mode?: number } = {},
): Promise<string> {
  return replaceAtomically(
    target,
    async (temp) => {
      const file = await open(temp, 'wx', options.mode ?? 0o644);
      try {
        await file.writeFile(data);
        if (options.durable) await file.sync();
      } finally {
        await file.close();
      }
    },
    { ...options, durable: false },
  );
}

async function fsync(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
