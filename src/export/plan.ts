/**
 * The watched-folder export for today's M³, decided (pure): which files the export folder must hold, and what to
 * place, keep and remove, from the media list, the files' identities and the records of what was placed before.
 */
import type { IsoDate, MediaItem } from '../../contract/api.js';
import { inWindow } from '../core/layout.js';

/** The types M³'s folder watcher accepts (images, video, audio, and playlists it expands); it ignores the rest. */
export const PRESENTER_TYPES = new Set([
  ...['apng', 'avif', 'gif', 'png', 'webp', 'bmp', 'ico', 'cur', 'jpg', 'jpeg', 'jfif', 'pjpeg', 'pjp'],
  ...['mp4', 'm4v', 'mov', 'mkv', 'avi', 'webm'],
  ...['mp3', 'wav', 'ogg', 'flac', 'm4a'],
  'jwlplaylist',
]);

/** The section part of M³'s `NN Section - NN Title.ext` names: a name M³ does not know keeps its default section. */
const SECTION = '01 Congregation';

/** A file the export folder must hold: `<YYYY-MM-DD>/<name>`, linked or copied from `source`. */
export interface ExportTarget {
  local: string;
  source: string;
}

/** What identifies a file's content on disk, as far as the export needs to know. */
export interface FileIdentity {
  ino: number;
  size: number;
  mtimeMs: number;
}

/** The record of one file the plugin placed in the export folder. */
export interface Placed {
  source: string;
  /** The source as it was when placed: a sync that replaced it (a new file, renamed into place) differs. */
  sourceId: FileIdentity;
  /** The placed file itself: one that differs was changed by someone else. */
  placedId: FileIdentity;
}

export interface ExportRecords {
  /** The export folder the records are of (absolute). */
  folder: string;
  files: Record<string, Placed>;
}

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

export const isPresenterType = (name: string) => PRESENTER_TYPES.has(extensionOf(name));

/** `01 Congregation - 03 Talk.mp4`: the order M³ reads from the name, the congregation's name after it. */
export function exportName(index: number, count: number, name: string): string {
  const width = Math.max(2, String(count).length);
  return `${SECTION} - ${String(index + 1).padStart(width, '0')} ${name}`;
}

/**
 * The files the export folder must hold for the window: per date, the visible congregation items (additional and
 * recurring) of `owner` with a file, in the media list's order; items of types M³ ignores are named apart.
 */
export function exportTargets(
  items: readonly MediaItem[],
  where: { owner: string; today: IsoDate; weeks: number },
): { targets: ExportTarget[]; unsupported: string[] } {
  const byDate = new Map<IsoDate, MediaItem[]>();
  const unsupported = new Set<string>();
  for (const item of items) {
    if (item.source !== 'congregation' || item.owner !== where.owner || item.hidden || !item.file) continue;
    if (!inWindow(item.date, where.today, where.weeks)) continue;
    if (!isPresenterType(item.name)) {
      unsupported.add(item.name);
      continue;
    }
    byDate.set(item.date, [...(byDate.get(item.date) ?? []), item]);
  }
  const targets: ExportTarget[] = [];
  for (const [date, list] of byDate) {
    list.forEach((item, index) => {
      targets.push({
        local: `${date}/${exportName(index, list.length, item.name)}`,
        source: item.file as string,
      });
    });
  }
  return { targets, unsupported: [...unsupported].sort() };
}

export interface ExportPlan {
  place: ExportTarget[];
  keep: string[];
  /** Placed by the plugin and no longer wanted (or replaced by someone): removed only if still the placed file. */
  remove: string[];
  /** Wanted names taken by a file the plugin did not place: left alone. */
  blocked: string[];
}

const same = (a: FileIdentity | undefined, b: FileIdentity | undefined) =>
  !!a && !!b && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

/**
 * `present`: the identity of each file now in the export folder under a wanted or recorded name (absent: none);
 * `sources`: the identity of each target's source (absent: it is not on disk, so it is not placed).
 */
export function planExport(input: {
  targets: readonly ExportTarget[];
  records: Readonly<Record<string, Placed>>;
  present: ReadonlyMap<string, FileIdentity>;
  sources: ReadonlyMap<string, FileIdentity>;
}): ExportPlan {
  const plan: ExportPlan = { place: [], keep: [], remove: [], blocked: [] };
  const wanted = new Set<string>();
  for (const target of input.targets) {
    const source = input.sources.get(target.source);
    if (!source) continue;
    wanted.add(target.local);
    const record = input.records[target.local];
    const present = input.present.get(target.local);
    if (present && !record) plan.blocked.push(target.local);
    else if (
      record &&
      record.source === target.source &&
      same(record.sourceId, source) &&
      same(record.placedId, present)
    )
      plan.keep.push(target.local);
    else plan.place.push(target);
  }
  for (const [local, record] of Object.entries(input.records)) {
    if (!wanted.has(local) && same(record.placedId, input.present.get(local))) plan.remove.push(local);
  }
  return plan;
}
