/**
 * The watched-folder export's I/O: reads what is there, and places files so that a folder watcher (chokidar, as
 * today's M³ configures it) sees each exactly once, whole, under its final name:
 * - every file is filled in a staging folder at the export folder's root, whose name is not a date (M³ does not look
 *   into it), by hard link (else by copy), and renamed into its date folder in one step;
 * - a date folder that does not exist is built whole in the staging folder, its `.section-order.json` first, and
 *   renamed into place in one step;
 * - `.section-order.json` entries of our names are written before the files they describe;
 * - only what its records say it placed is removed; the records are kept in the plugin's storage.
 */
import { copyFile, link, lstat, mkdir, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { IsoDate, MediaItem } from '../../contract/api.js';
import { TEMP_PREFIX } from '../core/layout.js';
import { isTempName, replaceAtomically, writeFileAtomically } from '../local/atomic-write.js';
import { localPath } from '../local/paths.js';
import {
  type DatePlan,
  type DateRecord,
  type DateTarget,
  type ExportRecords,
  exportDates,
  type FileIdentity,
  type OrderEntry,
  type Placed,
  planExport,
  splitLocal,
} from './plan.js';
import { SECTION_ORDER_FILE, settleSectionOrders, updateSectionOrder } from './section-order.js';

export interface ExportReport {
  folder: string;
  placed: number;
  removed: number;
  kept: number;
  /** Names of items of types M³ ignores, left out (once per sync, however many dates they are on). */
  unsupported: string[];
  /** Names in the export folder that someone else's file holds: left alone. */
  blocked: string[];
  /** Date folders whose `.section-order.json` is not valid JSON: left as it is. */
  invalidOrder: string[];
  /** Files that could not be placed or removed, with the cause (the others were). */
  failed: Array<{ path: string; cause: string }>;
}

const RECORDS_FILE = 'presenter-export.json';
/** The staging folder at the export folder's root: not a date, so M³'s watcher never looks into it. */
export const STAGING = `${TEMP_PREFIX}staging`;

async function identity(file: string): Promise<FileIdentity | undefined> {
  try {
    const s = await stat(file);
    return s.isFile() ? { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

async function readRecords(storagePath: string, folder: string): Promise<ExportRecords> {
  try {
    const records = JSON.parse(await readFile(path.join(storagePath, RECORDS_FILE), 'utf8')) as ExportRecords;
    // Records of another folder say nothing about this one (that folder is left as it is).
    if (records.folder === folder && records.files && typeof records.files === 'object') return records;
  } catch {
    // no records, or damaged ones: nothing is known to be ours
  }
  return { folder, files: {}, dates: {} };
}

/** The export's records say which files are its own: they must survive a crash whole. */
async function writeRecords(storagePath: string, records: ExportRecords): Promise<void> {
  await writeFileAtomically(path.join(storagePath, RECORDS_FILE), JSON.stringify(records), { durable: true });
}

/** What a date folder holds now: each file's identity (null for anything else); undefined when there is no folder. */
async function readFolder(folder: string): Promise<Map<string, FileIdentity | null> | undefined> {
  let names: string[];
  try {
    if (!(await lstat(folder)).isDirectory()) return new Map();
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const found = new Map<string, FileIdentity | null>();
  for (const name of names) found.set(name, (await identity(path.join(folder, name))) ?? null);
  return found;
}

/** One export: its folder, staging folder, records as they become, and what went wrong where. */
interface ExportRun {
  root: string;
  staging: string;
  sources: ReadonlyMap<string, FileIdentity>;
  next: Record<string, Placed>;
  failed: ExportReport['failed'];
}

/** Runs `act` for `local`; a failure is that file's (named with its cause), never the whole export's. */
async function attempt(run: ExportRun, local: string, act: () => Promise<void>): Promise<boolean> {
  try {
    await act();
    return true;
  } catch (error) {
    run.failed.push({ path: local, cause: (error as NodeJS.ErrnoException).code ?? String(error) });
    return false;
  }
}

/** Brings the export folder up to date with the media list; throws only when the folder cannot be written. */
export async function writeExport(
  folder: string,
  storagePath: string,
  items: readonly MediaItem[],
  where: { owner: string; today: IsoDate },
): Promise<ExportReport> {
  const root = path.resolve(folder);
  const { dates, unsupported } = exportDates(items, where);
  const records = await readRecords(storagePath, root);
  const sources = await sourceIdentities(dates);
  const plans = planExport({ dates, records, folders: await readFolders(root, dates, records), sources });
  const run: ExportRun = { root, staging: path.join(root, STAGING), sources, next: {}, failed: [] };
  const report: ExportReport = {
    folder: root,
    placed: 0,
    removed: 0,
    kept: 0,
    unsupported,
    blocked: plans.flatMap((p) => p.blocked.map((name) => `${p.date}/${name}`)),
    invalidOrder: [],
    failed: run.failed,
  };
  const nextDates: Record<IsoDate, DateRecord> = {};
  const changing = plans.some((p) => p.place.length + p.remove.length > 0);
  try {
    await rm(run.staging, { recursive: true, force: true });
    if (changing) await mkdir(run.staging, { recursive: true });
    // Our entries of M³'s order first, in every folder that stays, so that M³ finds them when the files arrive.
    const written = new Map<string, Record<string, OrderEntry>>();
    for (const plan of plans) {
      for (const name of plan.keep)
        run.next[`${plan.date}/${name}`] = records.files[`${plan.date}/${name}`] as Placed;
      if (plan.record) nextDates[plan.date] = plan.record;
      if (plan.fresh || Object.keys(plan.entries).length === 0) continue;
      const dateFolder = localPath(root, plan.date);
      const outcome = await updateSectionOrder(dateFolder, plan.entries, run.staging).catch((error) => {
        run.failed.push({ path: `${plan.date}/${SECTION_ORDER_FILE}`, cause: String(error.code ?? error) });
        return 'failed' as const;
      });
      if (outcome === 'invalid') report.invalidOrder.push(`${plan.date}/${SECTION_ORDER_FILE}`);
      if (outcome === 'written') written.set(dateFolder, plan.entries);
    }
    const invalid = await settleSectionOrders(written, run.staging);
    report.invalidOrder.push(...invalid.map((f) => `${path.basename(f)}/${SECTION_ORDER_FILE}`));
    for (const plan of plans) {
      report.kept += plan.keep.length;
      report.removed += await removeOld(run, plan, records);
      report.placed += plan.fresh ? await placeFolder(run, plan) : await placeFiles(run, plan);
      await removeStaleTemps(localPath(root, plan.date));
    }
  } finally {
    await rm(run.staging, { recursive: true, force: true }).catch(() => {});
    const next = { folder: root, files: run.next, dates: nextDates };
    if (JSON.stringify(next) !== JSON.stringify({ ...records, dates: records.dates ?? {} }))
      await writeRecords(storagePath, next);
  }
  return report;
}

/** The date folders the export wants or placed files in before, as they are now. */
async function readFolders(root: string, dates: readonly DateTarget[], records: ExportRecords) {
  const folders = new Map<IsoDate, Map<string, FileIdentity | null>>();
  const recordedDates = Object.keys(records.files).map((local) => splitLocal(local)[0]);
  for (const date of new Set([...dates.map((d) => d.date), ...recordedDates])) {
    const found = await readFolder(localPath(root, date));
    if (found) folders.set(date, found);
  }
  return folders;
}

async function sourceIdentities(dates: readonly DateTarget[]) {
  const sources = new Map<string, FileIdentity>();
  for (const { source } of dates.flatMap((d) => d.items)) {
    const id = sources.has(source) ? undefined : await identity(source);
    if (id) sources.set(source, id);
  }
  return sources;
}

/** Removes the date's files the plan gives up, each only if still the placed file; returns how many went. */
async function removeOld(run: ExportRun, plan: DatePlan, records: ExportRecords): Promise<number> {
  let removed = 0;
  for (const name of plan.remove) {
    const local = `${plan.date}/${name}`;
    const gone = await attempt(run, local, () => unlink(localPath(run.root, local)).catch(ignoreMissing));
    if (gone) removed++;
    // one that could not be removed is still the plugin's
    else run.next[local] = records.files[local] as Placed;
  }
  return removed;
}

/** Places the date's new files one by one into its folder, each renamed in from the staging folder. */
async function placeFiles(run: ExportRun, plan: DatePlan): Promise<number> {
  let placed = 0;
  for (const { name, source } of plan.place) {
    const local = `${plan.date}/${name}`;
    const target = localPath(run.root, local);
    const done = await attempt(run, local, async () => {
      await replaceAtomically(target, (temp) => linkOrCopy(source, temp), { tempFolder: run.staging });
      run.next[local] = await placedRecord(run, target, source);
    });
    if (done) placed++;
  }
  return placed;
}

/**
 * Builds a date folder whole in the staging folder (its `.section-order.json` first) and renames it into place in
 * one step. Should the folder have appeared meanwhile (M³ makes empty meeting-day folders), its files go in one by
 * one.
 */
async function placeFolder(run: ExportRun, plan: DatePlan): Promise<number> {
  const built = path.join(run.staging, plan.date);
  const target = localPath(run.root, plan.date);
  const entries = Object.fromEntries(Object.entries(plan.entries).filter(([, entry]) => entry !== null));
  try {
    await mkdir(built, { recursive: true });
    if (Object.keys(entries).length > 0)
      await writeFileAtomically(path.join(built, SECTION_ORDER_FILE), JSON.stringify(entries, null, 2));
    for (const { name, source } of plan.place) await linkOrCopy(source, path.join(built, name));
    await rename(built, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM' && code !== 'EISDIR') {
      run.failed.push({ path: plan.date, cause: code ?? String(error) });
      return 0;
    }
    await rm(built, { recursive: true, force: true });
    await updateSectionOrder(target, plan.entries, run.staging).catch(() => {});
    return placeFiles(run, plan);
  }
  let placed = 0;
  for (const { name, source } of plan.place) {
    const local = `${plan.date}/${name}`;
    const record = async () => {
      run.next[local] = await placedRecord(run, localPath(run.root, local), source);
    };
    if (await attempt(run, local, record)) placed++;
  }
  return placed;
}

/** A hard link where both are on one disk (no second copy of the bytes), else a copy. */
async function linkOrCopy(source: string, temp: string): Promise<void> {
  await link(source, temp).catch(() => copyFile(source, temp));
}

async function placedRecord(run: ExportRun, file: string, source: string): Promise<Placed> {
  const placedId = await identity(file);
  if (!placedId) throw new Error(`${file} vanished as it was placed`);
  return { source, sourceId: run.sources.get(source) as FileIdentity, placedId };
}

/** Temporary names of this plugin in a date folder it writes are its own (M³ ignores them): removed. */
async function removeStaleTemps(folder: string) {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) if (isTempName(name)) await rm(path.join(folder, name), { force: true });
}

function ignoreMissing(error: NodeJS.ErrnoException) {
  if (error.code !== 'ENOENT') throw error;
}
