/**
 * The watched-folder export for today's M³, decided (pure): which files each date folder must hold, under which
 * names, what to place, keep and remove, and which entries of M³'s `.section-order.json` to set or clear.
 *
 * What M³'s folder watcher does decides the rules (docs/design.md, "The export to M³"):
 * - it reads a file's place when the file is added, never when it changes: new content is placed under a new name
 *   (the section number spelt `01`, `001` or `1`, which M³ reads as the same number), so M³ sees it added;
 * - a date whose order or place in the meeting changed (anything but items added at its end) is placed afresh, so
 *   that M³ reads every file's place again, whatever a drag in M³ stored for the names in place;
 * - it reads `.section-order.json` on each add: entries for the names placed are set (or cleared) before the files.
 */
import type { IsoDate, MediaItem } from '../../contract/api.js';
import { withoutPrefix } from '../../contract/media-folders.js';
import { presenterWindow } from '../core/layout.js';
import { type MeetingPlace, m3Order } from '../core/meeting-places.js';
import { utf8Bytes } from '../core/utf8.js';

/** The types M³'s folder watcher accepts (images, video, audio, and playlists it expands); it ignores the rest. */
export const PRESENTER_TYPES = new Set([
  ...['apng', 'avif', 'gif', 'png', 'webp', 'bmp', 'ico', 'cur', 'jpg', 'jpeg', 'jfif', 'pjpeg', 'pjp'],
  ...['mp4', 'm4v', 'mov', 'mkv', 'avi', 'webm'],
  ...['mp3', 'wav', 'ogg', 'flac', 'm4a'],
  'jwlplaylist',
]);

/** The spellings of the section number, which M³ reads alike (`\d{1,3}`): a new name for new content. */
export const SPELLINGS = ['01', '001', '1'] as const;
/** The section name of `NN Section - NN Title`: one M³ does not know, so its default section holds the items. */
const SECTION_NAME = 'Congregation';

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

/** What was placed for one date: its place in the meeting and its items' names in order. */
export interface DateRecord {
  place: MeetingPlace | null;
  order: string[];
}

export interface ExportRecords {
  /** The export folder the records are of (absolute). */
  folder: string;
  /** By `<YYYY-MM-DD>/<name>`. */
  files: Record<string, Placed>;
  dates?: Record<IsoDate, DateRecord>;
}

/** One date's wanted content: its items' files in the media list's order, and their place in the meeting. */
export interface DateTarget {
  date: IsoDate;
  place: MeetingPlace | null;
  items: Array<{ name: string; source: string }>;
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
 * `01 Congregation - 03 Talk.mp4` for `02 - Talk.mp4`: the order M³ reads from the name, then the congregation's
 * title without its own order prefix (M³ shows the title after the prefix it reads). `spelling` picks the section
 * number's spelling (SPELLINGS). A name that would exceed `limit` bytes has its title shortened (fitName).
 */
export function exportName(
  at: { index: number; count: number; spelling?: number },
  name: string,
  limit = NAME_LIMIT,
) {
  const width = Math.max(2, String(at.count).length);
  const section = SPELLINGS[at.spelling ?? 0] ?? SPELLINGS[0];
  return fitName(
    `${section} ${SECTION_NAME} - ${String(at.index + 1).padStart(width, '0')} `,
    withoutPrefix(name),
    limit,
  );
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
 * The dates the export folder must hold, in M³'s window: per date, the visible congregation items (additional and
 * recurring) of `owner` with a file, in the media list's order, and their place; items of types M³ ignores are named
 * apart.
 */
export function exportDates(
  items: readonly MediaItem[],
  where: { owner: string; today: IsoDate },
): { dates: DateTarget[]; unsupported: string[] } {
  const { from, to } = presenterWindow(where.today);
  const byDate = new Map<IsoDate, DateTarget>();
  const unsupported = new Set<string>();
  for (const item of items) {
    if (item.source !== 'congregation' || item.owner !== where.owner || item.hidden || !item.file) continue;
    if (item.date < from || item.date > to) continue;
    if (!isPresenterType(item.name)) {
      unsupported.add(item.name);
      continue;
    }
    const place = item.section && item.at ? { section: item.section, at: item.at } : null;
    const date = byDate.get(item.date) ?? { date: item.date, place, items: [] };
    date.items.push({ name: item.name, source: item.file });
    byDate.set(item.date, date);
  }
  const dates = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { dates, unsupported: [...unsupported].sort() };
}

/** An entry of M³'s `.section-order.json` for one of our names; null clears it (M³ then reads the name). */
export type OrderEntry = { order: number; section: string } | null;

export interface DatePlan {
  date: IsoDate;
  /** The date folder does not exist: it is built whole under a name M³ ignores, then renamed into place. */
  fresh: boolean;
  place: Array<{ name: string; source: string }>;
  keep: string[];
  /** Placed by the plugin and no longer wanted (or replaced): removed only if still the placed file. */
  remove: string[];
  /** Records to drop without touching a file: gone, or changed by someone else (theirs now). */
  forget: string[];
  /** Wanted names held by a file the plugin never placed: left alone. */
  blocked: string[];
  /** `.section-order.json` entries of our names to set or clear, written before the files. */
  entries: Record<string, OrderEntry>;
  /** The date's record after this export (null: nothing of ours is left there). */
  record: DateRecord | null;
}

export interface ExportInput {
  dates: readonly DateTarget[];
  records: Readonly<ExportRecords>;
  /** Per date folder, the entries it holds now (a file's identity, null for anything else); absent: no folder. */
  folders: ReadonlyMap<IsoDate, ReadonlyMap<string, FileIdentity | null>>;
  /** The identity of each source on disk (absent: not there, so not placed). */
  sources: ReadonlyMap<string, FileIdentity>;
}

const same = (a: FileIdentity | null | undefined, b: FileIdentity | null | undefined) =>
  !!a && !!b && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

const samePlace = (a: MeetingPlace | null, b: MeetingPlace | null) =>
  a === b || (!!a && !!b && a.section === b.section && a.at === b.at);

/** Whether `after` is `before` with nothing changed but items added at its end. */
const onlyAppended = (before: readonly string[], after: readonly string[]) =>
  before.length <= after.length && before.every((name, i) => name === after[i]);

/** What to do in every date folder the export wants or placed files in before. */
export function planExport(input: ExportInput): DatePlan[] {
  const recorded = new Map<IsoDate, Map<string, Placed>>();
  for (const [local, placed] of Object.entries(input.records.files)) {
    const [date, name] = splitLocal(local);
    const names = recorded.get(date) ?? new Map<string, Placed>();
    names.set(name, placed);
    recorded.set(date, names);
  }
  const wanted = new Map(input.dates.map((d) => [d.date, d]));
  const all = [...new Set([...wanted.keys(), ...recorded.keys()])].sort();
  return all.map((date) =>
    planDate({
      target: wanted.get(date) ?? { date, place: null, items: [] },
      mine: recorded.get(date) ?? new Map(),
      before: input.records.dates?.[date],
      onDisk: input.folders.get(date),
      sources: input.sources,
    }),
  );
}

interface DateInput {
  target: DateTarget;
  mine: ReadonlyMap<string, Placed>;
  before: DateRecord | undefined;
  onDisk: ReadonlyMap<string, FileIdentity | null> | undefined;
  sources: ReadonlyMap<string, FileIdentity>;
}

function planDate({ target, mine, before, onDisk, sources }: DateInput): DatePlan {
  const items = target.items.filter((item) => sources.has(item.source));
  const order = items.map((item) => item.name);
  // M³ may hold entries of a drag for every file in place: only new names make it read the organiser's order.
  const afresh =
    before !== undefined && (!samePlace(before.place, target.place) || !onlyAppended(before.order, order));
  const plan: DatePlan = {
    date: target.date,
    fresh: onDisk === undefined && items.length > 0,
    place: [],
    keep: [],
    remove: [],
    forget: [],
    blocked: [],
    entries: {},
    record: items.length > 0 ? { place: target.place, order } : null,
  };
  const chosen = new Set<string>();
  items.forEach((item, index) => {
    const source = sources.get(item.source);
    const names = SPELLINGS.map((_, spelling) =>
      exportName({ index, count: items.length, spelling }, item.name),
    );
    const kept = afresh
      ? undefined
      : names.find((name) => {
          const placed = mine.get(name);
          return (
            placed?.source === item.source &&
            same(placed.sourceId, source) &&
            same(placed.placedId, onDisk?.get(name))
          );
        });
    if (kept) {
      plan.keep.push(kept);
      chosen.add(kept);
      return;
    }
    // A name held by a file the plugin never placed is that person's (or M³'s): left alone, and named.
    const first = names[0] as string;
    if (onDisk?.has(first) && !mine.has(first)) {
      plan.blocked.push(first);
      return;
    }
    // A name free now: never one of ours still there, so that a watcher sees a file added, not changed.
    const name = names.find((n) => !chosen.has(n) && !onDisk?.has(n));
    if (!name) {
      plan.blocked.push(first);
      return;
    }
    chosen.add(name);
    plan.place.push({ name, source: item.source });
    plan.entries[name] = target.place
      ? { order: m3Order(target.place.at, index), section: target.place.section }
      : null;
  });
  for (const [name, placed] of mine) {
    if (chosen.has(name)) continue;
    if (same(placed.placedId, onDisk?.get(name))) {
      plan.remove.push(name);
      plan.entries[name] = null;
    } else plan.forget.push(name);
  }
  return plan;
}

/** `<YYYY-MM-DD>/<name>` into its date and name. */
export function splitLocal(local: string): [IsoDate, string] {
  const slash = local.indexOf('/');
  return [local.slice(0, slash), local.slice(slash + 1)];
}
