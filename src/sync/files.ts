/**
 * The sync's I/O on the media folder: downloads streamed into place (by way of the atomic writer), copies, moves and
 * removals, and the scan of the date folders. Every path is checked to stay inside its root.
 */
import { once } from 'node:events';
import { constants, createWriteStream, statSync, type WriteStream } from 'node:fs';
import { access, copyFile, mkdir, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseDateFolder } from '../../contract/media-folders.js';
import { TEMP_PREFIX } from '../core/layout.js';
import { isTempName, replaceAtomically } from '../local/atomic-write.js';
import { diskErrorKind, LocalError, localError } from '../local/errors.js';
import { localPath } from '../local/paths.js';
import { fromNodeError, RemoteError } from '../remote/errors.js';
import { gather, SMALL_FILE_BYTES, type WriteOptions } from './small-files.js';

/**
 * A failure while streaming, classified: the disk's when the file's own writes failed (Node's write errors name no
 * path), when it names a file, or when its code is one only a file system gives (full, read-only); else the network's.
 */
function streamError(error: unknown, file: string, fromDisk: boolean): unknown {
  if (error instanceof RemoteError || error instanceof LocalError) return error;
  if ((error as Error)?.name === 'AbortError') return new RemoteError('cancelled', 'cancelled');
  if (fromDisk || (error as NodeJS.ErrnoException)?.path) return localError(error, file);
  const kind = diskErrorKind(error);
  if (kind === 'disk-full' || kind === 'read-only') return localError(error, file);
  return fromNodeError(error);
}

/** Counts bytes and refuses more than expected: a body longer than listed is cut off and rejected. */
function sizeGuard(expected: number, what: string, onBytes: (n: number) => void) {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > expected)
        return done(new RemoteError('size-mismatch', `${what}: more than the listed ${expected} bytes`));
      onBytes(chunk.length);
      done(null, chunk);
    },
    flush(done) {
      done(
        seen === expected ? null : new RemoteError('size-mismatch', `${what}: ${seen} of ${expected} bytes`),
      );
    },
  });
}

/**
 * Writes `source` into `<root>/<local>` (small bodies gathered, larger ones streamed), checking its length against the
 * listing; on any failure nothing is placed.
 */
export async function writeDownload(
  root: string,
  local: string,
  source: Readable,
  expectedSize: number,
  options: WriteOptions = {},
): Promise<string> {
  const target = localPath(root, local);
  // The first stream to fail: the pipeline then destroys the others with its error, and only the file's own (its
  // write errors name no path) is the disk's.
  let first: { error: unknown; disk: boolean } | undefined;
  const note = (disk: boolean) => (error: unknown) => {
    first ??= { error, disk };
  };
  const fill = async (temp: string) => {
    if (expectedSize <= SMALL_FILE_BYTES) {
      const body = await gather(source, expectedSize, local, options);
      options.onReceived?.();
      await writeFile(temp, body, { flag: 'wx', mode: 0o644 }).catch((error: unknown) => {
        note(true)(error);
        throw error;
      });
      return;
    }
    const sink: WriteStream = createWriteStream(temp, { flags: 'wx', mode: 0o644 });
    const guard = sizeGuard(expectedSize, local, options.onBytes ?? (() => {}));
    source.once('error', note(false));
    guard.once('error', note(false));
    sink.once('error', note(true));
    try {
      await pipeline(source, guard, sink, ...(options.signal ? [{ signal: options.signal }] : []));
    } catch (error) {
      // A stream destroyed while still opening its file creates it afterwards: the temporary file goes once closed.
      if (!sink.closed) await once(sink, 'close').catch(() => {});
      throw error;
    }
  };
  try {
    return await replaceAtomically(target, fill);
  } catch (error) {
    source.destroy();
    throw first?.disk ? streamError(first.error, target, true) : streamError(error, target, false);
  }
}

/** Copies a file (absolute path) to a local place below root (a recurring file onto another date), atomically. */
export async function copyAtomically(root: string, source: string, to: string): Promise<void> {
  const target = localPath(root, to);
  try {
    await replaceAtomically(target, (temp) => copyFile(source, temp));
  } catch (error) {
    throw localError(error, target);
  }
}

/** Renames a file below root (the organiser renamed it on the server), replacing what is at the new place. */
export async function moveFile(root: string, from: string, to: string): Promise<void> {
  const target = localPath(root, to);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await rename(localPath(root, from), target);
  } catch (error) {
    throw localError(error, target);
  }
}

export async function removeFile(root: string, local: string): Promise<void> {
  try {
    await unlink(localPath(root, local));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw localError(error, local);
  }
}

/**
 * Before a sync writes anything: the media folder, where it exists, is a folder the sync may write to. A file in its
 * place, a read-only disk or missing rights fail the sync once, at its start, instead of every file on its own.
 */
export async function checkMediaFolder(root: string): Promise<void> {
  const found = await stat(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined; // created with the first date folder
    throw localError(error, root);
  });
  if (!found) return;
  if (!found.isDirectory()) throw new LocalError('not-a-folder', root, `ENOTDIR: ${root}`);
  await access(root, constants.W_OK).catch((error: unknown) => {
    throw localError(error, root);
  });
}

/** What the date folders of the media folder hold: sizes of the files, and temporary files left behind. */
export interface LocalScan {
  /** By `<folder>/<name>`. */
  sizes: Map<string, number>;
  /** Temporary files of an interrupted run, as `<folder>/<name>`. */
  temps: string[];
}

/** Scans the date folders of `root` whose date passes `wanted`. */
export async function scanDateFolders(root: string, wanted: (date: string) => boolean): Promise<LocalScan> {
  const folders = (await readdirSafe(root)).filter((folder) => {
    const date = folder.isDirectory() ? parseDateFolder(folder.name) : null;
    return date !== null && wanted(date);
  });
  const sizes = new Map<string, number>();
  const temps: string[] = [];
  // The folders are listed at once; each folder's files are stat'ed synchronously as its listing arrives: a third
  // of the CPU of as many asynchronous stats, which matters while the listing streams in.
  await Promise.all(
    folders.map(async (folder) => {
      const dir = path.join(root, folder.name);
      for (const file of await readdirSafe(dir)) {
        if (!file.isFile()) continue;
        if (isTempName(file.name)) temps.push(`${folder.name}/${file.name}`);
        if (file.name.startsWith(TEMP_PREFIX)) continue;
        const size = sizeOf(`${dir}${path.sep}${file.name}`); // names from readdir hold no separator
        if (size !== undefined) sizes.set(`${folder.name}/${file.name}`, size);
      }
    }),
  );
  return { sizes, temps };
}

/** A file's size, or undefined when it vanished or cannot be read (it then counts as absent). */
function sizeOf(file: string): number | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false })?.size;
  } catch {
    return undefined;
  }
}

/** Removes the temporary files an interrupted run left (as scanDateFolders found them). */
export async function removeStaleTemps(root: string, temps: readonly string[]): Promise<void> {
  for (const local of temps) await removeFile(root, local);
}

async function readdirSafe(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
