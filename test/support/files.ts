import crypto from 'node:crypto';
import { createReadStream } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes files below `root` (forward-slash relative paths), creating folders as needed.
 * Folders are made 0777 and files 0666 so that an Apache worker running as www-data/nobody (when the
 * tests run as root) can still overwrite, move and delete them.
 */
export async function writeFiles(root: string, files: Record<string, Buffer | string>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const full = path.join(root, ...relative.split('/'));
    await mkdirOpen(path.dirname(full));
    await fsp.writeFile(full, content);
    await fsp.chmod(full, 0o666);
  }
}

async function mkdirOpen(dir: string): Promise<void> {
  const first = await fsp.mkdir(dir, { recursive: true });
  if (first === undefined) return;
  // chmod every folder that mkdir created: from `dir` up to `first`.
  for (let current = dir; ; current = path.dirname(current)) {
    await fsp.chmod(current, 0o777);
    if (current === first || current === path.dirname(current)) break;
  }
}

export function sha256(data: Buffer | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** What readTree gives for these files (relative path -> content): path -> sha256 hex, in the order of paths. */
export const tree = (files: Record<string, Buffer | string>): Record<string, string> =>
  Object.fromEntries(
    Object.keys(files)
      .sort()
      .map((rel) => [rel, sha256(files[rel] as Buffer | string)]),
  );

/** Every regular file below `root`, as forward-slash relative path -> sha256 hex, sorted by path. */
export async function readTree(root: string): Promise<Record<string, string>> {
  const found: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && prefix === '') return;
      throw error;
    }
    for (const entry of entries) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), rel);
      else if (entry.isFile()) found.push(rel);
    }
  };
  await walk(root, '');
  found.sort();
  const tree: Record<string, string> = {};
  for (const rel of found) tree[rel] = await sha256File(path.join(root, ...rel.split('/')));
  return tree;
}

/** A sparse file of exactly `bytes` bytes (zeros, no blocks allocated), creating its folder. */
export async function sparseFile(file: string, bytes: number): Promise<void> {
  await mkdirOpen(path.dirname(file));
  const handle = await fsp.open(file, 'w');
  await handle.close();
  await fsp.truncate(file, bytes);
  await fsp.chmod(file, 0o666);
}
