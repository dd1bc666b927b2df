/**
 * The profile's JSON files (plugin configuration, global state, secrets, host settings, media list, plugin registry):
 * every one is read and written here.
 *
 * Durability: a file is written whole to a temporary file in its own folder, created with the requested mode, flushed
 * to disk (fsync), then renamed over the file; the folder is flushed too where the platform allows it, so that the
 * rename survives a power loss. A crash leaves either the old file or the new one, never a part of either; a write
 * that fails removes its temporary file and leaves the old file as it was.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

export function readJsonFile<T>(file: string, fallback: T): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`${file} is damaged (not JSON). Move it away to start afresh.`);
  }
}

export function writeJsonFile(file: string, value: unknown, mode = 0o644): void {
  const folder = path.dirname(file);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'wx', mode);
    try {
      writeFileSync(fd, `${JSON.stringify(value, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // the write's own error is the one to report
    }
    throw error;
  }
  syncFolder(folder);
}

/** Flushes a folder's entries (the rename), where the platform opens a folder for that (Windows does not). */
function syncFolder(folder: string): void {
  let fd: number;
  try {
    fd = openSync(folder, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // a file system that cannot flush a folder (some network shares) keeps the rename as well as it can
  } finally {
    closeSync(fd);
  }
}
