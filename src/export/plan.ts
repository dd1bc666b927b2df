/**
 * The watched-folder export for today's M³, decided (pure): which files the export folder must hold, and what to
 * place, keep and remove, from the media list, the files' identities and the records of what was placed before.
 */
import type { IsoDate, MediaItem } from '../../contract/api.js';
import { inWindow } from '../core/layout.js';
import { utf8Bytes } from '../core/utf8.js';

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

/** The longest file name most file systems take (ext4, NTFS, APFS): 255 bytes in UTF-8. */
export const NAME_LIMIT = 255;
/** Marks a title that was shortened to fit. */
const CUT = '…';
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * `01 Congregation - 03 Talk.mp4`: the order M³ reads from the name, the congregation's name after it. A name that
 * would exceed `limit` bytes has its title shortened, ending in `…` before the extension; the order prefix (unique
 * among the date's names) and the extension stay, so the name still sorts, stays apart from the others, and plays.
 */
export function exportName(index: number, count: number, name: string, limit = NAME_LIMIT): string {
  const width = Math.max(2, String(count).length);
  return fitName(`${SECTION} - ${String(index + 1).padStart(width, '0')} `, name, limit);
}

/**
 * `prefix + name`, or, where that exceeds `limit` bytes in UTF-8, `prefix + shortened title + … + extension`. The title
 * is cut between whole characters as a reader sees them (never inside a surrogate pair or a combining sequence), and
 * a space before the cut is dropped. Pure and stable: the same inputs give the same name at every export.
 */
export function fitName(prefix: string, name: string, limit = NAME_LIMIT): string {
  if (utf8Bytes(prefix) + utf8Bytes(name) <= limit) return prefix + name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  const title = name.slice(0, name.length - extension.length);
  let room = limit - utf8Bytes(prefix) - utf8Bytes(extension) - utf8Bytes(CUT);
  let kept = '';
  for (const { segment } of graphemes.segment(title)) {
    const size = utf8Bytes(segment);
    if (size > room) break;
    kept += segment;
    room -= size;
  }
  return `${prefix}${kept.trimEnd()}${CUT}${extension}`;
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
