/**
 * The only module that writes into the media folder (and the plugin's storage): temporary file in the target
 * folder, streamed, byte count checked, then renamed into place. Every path is checked to stay inside its root.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, statSync, type WriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseDateFolder } from '../../contract/media-folders.js';
import { TEMP_PREFIX, TEMP_SUFFIX } from '../core/layout.js';

import { fromNodeError, RemoteError } from '../remote/errors.js';
import { gather, SMALL_FILE_BYTES, type WriteOptions } from './small-files.js';

export type LocalErrorKind = 'disk-full' | 'no-permission' | 'io';

export class LocalError extends Error {
  constructor(
    readonly kind: LocalErrorKind,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'LocalError';
  }
}

/** An error of the local disk, named by its cause. */
function localError(error: unknown, file: string): LocalError {
  if (error instanceof LocalError) return error;
  const code = (error as NodeJS.ErrnoException)?.code ?? 'EIO';
  if (code === 'ENOSPC' || code === 'EDQUOT') return new LocalError('disk-full', file, `${code}: ${file}`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new LocalError('no-permission', file, `${code}: ${file}`);
  }
  return new LocalError('io', file, `${code}: ${file}`);
}

/** A failure while streaming is the disk's when it names a file, else the network's. */
function streamError(error: unknown, file: string): unknown {
  if (error instanceof RemoteError || error instanceof LocalError) return error;
  if ((error as Error)?.name === 'AbortError') return new RemoteError('cancelled', 'cancelled');
  if ((error as NodeJS.ErrnoException)?.path) return localError(error, file);
  return fromNodeError(error);
}

const toPath = (root: string, local: string) => resolveInside(root, ...local.split('/'));
const tempBeside = (file: string) =>
  path.join(path.dirname(file), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);

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
 * Writes `source` into `<root>/<local>` by way of a temporary file (small bodies gathered, larger ones streamed);
 * on any failure the temporary file is removed and nothing is renamed.
 */
export async function writeAtomically(
  root: string,
  local: string,
  source: Readable,
  expectedSize: number,
  options: WriteOptions = {},
): Promise<string> {
  const target = toPath(root, local);
  const temp = tempBeside(target);
  let sink: WriteStream | undefined;
  try {
    await mkdir(path.dirname(target), { recursive: true });
    if (expectedSize <= SMALL_FILE_BYTES) {
      const body = await gather(source, expectedSize, local, options);
      options.onReceived?.();
      await writeFile(temp, body, { flag: 'wx', mode: 0o644 });
    } else {
      sink = createWriteStream(temp, { flags: 'wx', mode: 0o644 });
      await pipeline(
        source,
        sizeGuard(expectedSize, local, options.onBytes ?? (() => {})),
        sink,
        ...(options.signal ? [{ signal: options.signal }] : []),
      );
    }
    await rename(temp, target);
    return target;
  } catch (error) {
    source.destroy();
    // A stream destroyed while still opening its file creates it afterwards: remove it only once it is closed.
    if (sink && !sink.closed) await once(sink, 'close').catch(() => {});
    await rm(temp, { force: true }).catch(() => {});
    throw streamError(error, target);
  }
}

/** Copies a file (absolute path) to a local place below root (a recurring file onto another date), atomically. */
export async function copyAtomically(root: string, source: string, to: string): Promise<void> {
  const target = toPath(root, to);
  const temp = tempBeside(target);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(source, temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw localError(error, target);
  }
}

/** Renames a file below root (the organiser renamed it on the server), replacing what is at the new place. */
export async function moveFile(root: string, from: string, to: string): Promise<void> {
  const target = toPath(root, to);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await rename(toPath(root, from), target);
  } catch (error) {
    throw localError(error, target);
  }
}

export async function removeFile(root: string, local: string): Promise<void> {
  try {
    await unlink(toPath(root, local));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw localError(error, local);
  }
}

/** What the date folders of the media folder hold: sizes of the files, and temporary files left behind. */
export interface LocalScan {
  /** By `<folder>/<name>`. */
  sizes: Map<string, number>;
  /** Temporary files of an interrupted run, as `<folder>/<name>`. */
  temps: string[];
}

const isTemp = (name: string) => name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX);

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
        if (isTemp(file.name)) temps.push(`${folder.name}/${file.name}`);
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

/** Joins segments under an absolute root and throws unless the result lies strictly inside it. */
export function resolveInside(root: string, ...segments: string[]): string {
  if (!path.isAbsolute(root)) throw new Error(`root must be an absolute path: ${root}`);
  const base = path.resolve(root);
  const target = path.resolve(base, ...segments);
  const prefix = base.endsWith(path.sep) ? base : base + path.sep;
  if (!target.startsWith(prefix)) {
    throw new Error(`path escapes ${base}: ${JSON.stringify(segments.join('/'))} resolves to ${target}`);
  }
  return target;
}
