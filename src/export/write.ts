/**
 * The watched-folder export's I/O: reads what is there, places files by hard link (else by copy) through a temporary
 * name that M³ ignores, renamed into place, removes only what its records say it placed, and keeps the records.
 */
import { copyFile, link, readdir, readFile, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { IsoDate, MediaItem } from '../../contract/api.js';
import { isTempName, replaceAtomically, writeFileAtomically } from '../local/atomic-write.js';
import { localPath } from '../local/paths.js';
import {
  type ExportRecords,
  type ExportTarget,
  exportTargets,
  type FileIdentity,
  type Placed,
  planExport,
} from './plan.js';

export interface ExportReport {
  folder: string;
  placed: number;
  removed: number;
  kept: number;
  /** Names of items of types M³ ignores, left out (once per sync, however many dates they are on). */
  unsupported: string[];
  /** Names in the export folder that someone else's file holds: left alone. */
  blocked: string[];
  /** Files that could not be placed or removed, with the cause (the others were). */
  failed: Array<{ path: string; cause: string }>;
}

const RECORDS_FILE = 'presenter-export.json';

async function identity(file: string): Promise<FileIdentity | undefined> {
  try {
    const s = await stat(file);
    return s.isFile() ? { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

async function readRecords(storagePath: string, folder: string): Promise<Record<string, Placed>> {
  try {
    const records = JSON.parse(await readFile(path.join(storagePath, RECORDS_FILE), 'utf8')) as ExportRecords;
    // Records of another folder say nothing about this one (that folder is left as it is).
    return records.folder === folder ? records.files : {};
  } catch {
    return {};
  }
}

/** The export's records say which files are its own: they must survive a crash whole. */
async function writeRecords(storagePath: string, records: ExportRecords): Promise<void> {
  await writeFileAtomically(path.join(storagePath, RECORDS_FILE), JSON.stringify(records), { durable: true });
}

/** Places `source` at `target` in one step: a hard link where both are on one disk, else a copy. */
async function place(source: string, target: string): Promise<void> {
  await replaceAtomically(target, (temp) => link(source, temp).catch(() => copyFile(source, temp)));
}

/** Brings the export folder up to date with the media list; throws only when the folder cannot be written. */
export async function writeExport(
  folder: string,
  storagePath: string,
  items: readonly MediaItem[],
  where: { owner: string; today: IsoDate; weeks: number },
): Promise<ExportReport> {
  const root = path.resolve(folder);
  const { targets, unsupported } = exportTargets(items, where);
  const records = await readRecords(storagePath, root);
  const at = (local: string) => localPath(root, local);
  const present = new Map<string, FileIdentity>();
  for (const local of new Set([...targets.map((t) => t.local), ...Object.keys(records)])) {
    const id = await identity(at(local));
    if (id) present.set(local, id);
  }
  const sources = new Map<string, FileIdentity>();
  for (const { source } of targets) {
    const id = await identity(source);
    if (id) sources.set(source, id);
  }
  const plan = planExport({ targets, records, present, sources });
  const next: Record<string, Placed> = {};
  for (const local of plan.keep) next[local] = records[local] as Placed;
  const failed: ExportReport['failed'] = [];
  const attempt = async (local: string, act: () => Promise<void>): Promise<boolean> => {
    try {
      await act();
      return true;
    } catch (error) {
      failed.push({ path: local, cause: (error as NodeJS.ErrnoException).code ?? String(error) });
      return false;
    }
  };
  try {
    await removeStaleTemps(root, new Set(targets.map((t) => t.local.split('/')[0] as string)));
    for (const local of plan.remove) {
      // one that could not be removed is still the plugin's
      if (!(await attempt(local, () => unlink(at(local)).catch(ignoreMissing))))
        next[local] = records[local] as Placed;
    }
    for (const target of plan.place) {
      await attempt(target.local, async () => {
        next[target.local] = await placeOne(root, target, sources);
      });
    }
  } finally {
    if (
      plan.place.length + plan.remove.length > 0 ||
      Object.keys(next).length !== Object.keys(records).length
    )
      await writeRecords(storagePath, { folder: root, files: next });
  }
  return {
    folder: root,
    placed: plan.place.length,
    removed: plan.remove.length,
    kept: plan.keep.length,
    unsupported,
    blocked: plan.blocked,
    failed,
  };
}

/** Temporary files an interrupted export left in the date folders it writes (M³ ignores them; they are ours). */
async function removeStaleTemps(root: string, dates: ReadonlySet<string>) {
  for (const date of dates) {
    const names = await readdir(path.join(root, date)).catch(() => [] as string[]);
    for (const name of names) if (isTempName(name)) await rm(path.join(root, date, name), { force: true });
  }
}

async function placeOne(root: string, target: ExportTarget, sources: Map<string, FileIdentity>) {
  const file = localPath(root, target.local);
  await place(target.source, file);
  const placedId = await identity(file);
  if (!placedId) throw new Error(`${file} vanished as it was placed`);
  return { source: target.source, sourceId: sources.get(target.source) as FileIdentity, placedId };
}

function ignoreMissing(error: NodeJS.ErrnoException) {
  if (error.code !== 'ENOENT') throw error;
}
