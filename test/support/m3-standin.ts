/**
 * A stand-in for Meeting Media Manager (M³) 26.x watching its folder of `YYYY-MM-DD` subfolders, so that tests can
 * check what an M³ user would see after a sync. It runs chokidar 5 with M³'s options and `ignored` function, passes
 * every event through M³'s 100 ms debounced, de-duplicating queue, and places each watched file in a day's sections
 * by M³'s rules: an entry of the day folder's `.section-order.json`, else the exported-name pattern, else the
 * meeting day's default section. Each rule names the M³ file and function it follows.
 *
 * Not reproduced: titles from file metadata (test files carry none, so a title is the file's base name),
 * `.jwlplaylist` files, the guard against M³'s own auto-export folder, Windows hidden-file toggling, M³'s lookup
 * period (here every valid date is a day), and the media list's own saving of a section's layout whenever its shown
 * order changes (src/components/media/MediaList.vue watches it; here only `drag` saves). JW items are given by the
 * test and are in place before any watched file.
 * Polling is off as in M³ for a local folder; a CHOKIDAR_USEPOLLING variable in the environment would still switch
 * chokidar to polling.
 */
import type { Stats } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type FSWatcher, watch } from 'chokidar';

/** The meeting held on a date; `co-` when it falls in a week of the circuit overseer's visit. */
export type MeetingDay = 'midweek' | 'weekend' | 'co-midweek' | 'co-weekend' | null;

/** An item M³ has from JW sources for a date: `order` is its `sortOrderOriginal`. */
export interface JwItem {
  title: string;
  section: string;
  order: number;
}

export interface M3Options {
  /** Which meeting is held on a date (`YYYY-MM-DD`); by default none, so every file goes to `imported-media`. */
  meetingDay?: (date: string) => MeetingDay;
  /** M³'s own items of a date, already in its sections before any watched file arrives. */
  jwItems?: (date: string) => readonly JwItem[];
  /**
   * Also remove an unlinked file's entry from `.section-order.json`, as M³'s `handleUnlinkCleanup` does while it
   * runs. Off by default: M³ need not be running while a sync removes files, and tests must see what the sync
   * itself leaves.
   */
  cleanUpEntriesOnUnlink?: boolean;
}

/** One item as an M³ user sees it in a day's list. */
export interface M3Item {
  title: string;
  section: string;
  order: number;
  source: 'watched' | 'jw';
  /** A watched file's size when M³ read it: its title, duration and thumbnail are of that content. */
  size?: number;
}

/** A raw chokidar event, its path relative to the watched folder with `/`. */
export interface WatchEvent {
  event: string;
  path: string;
}

export interface SectionOrderEntry {
  order: number;
  section: string;
}

/** The content of a day folder's `.section-order.json`: file name → placement. */
export type SectionOrder = Record<string, SectionOrderEntry>;

export interface M3 {
  readonly folder: string;
  /** Every raw chokidar event received, in order. */
  readonly events: readonly WatchEvent[];
  /** Errors M³ would have caught and logged (chokidar `error` events, failures while handling an event). */
  readonly errors: readonly unknown[];
  /** The items of a date (`YYYY-MM-DD`) in M³'s display order. */
  list(date: string): M3Item[];
  /**
   * Resolves once no chokidar event arrived for `quietMs` (counted from the call at the earliest), chokidar holds no
   * file back for awaitWriteFinish and M³'s queue is empty. awaitWriteFinish holds an `add` back about 2 s.
   */
  settled(quietMs?: number, timeoutMs?: number): Promise<void>;
  /**
   * What M³ does when a user drags: the date's items are put in this order within their current sections, then
   * `.section-order.json` is written as `saveWatchedMediaLayout` does. Resolves to what was written in the date's
   * folder (empty when the date has no watched items: M³ then writes nothing). The items keep their orders, as in
   * M³'s store: the next `add` in that folder (that of a new `.section-order.json` too) sorts the day by them again.
   */
  drag(date: string, titlesInOrder: readonly string[]): Promise<SectionOrder>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------
// M³'s constants

/** src-electron/main/fs.ts, `datePattern`. */
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** src/constants/media.ts: PURE_IMG_EXTENSIONS (with JPG_EXTENSIONS), VIDEO_EXTENSIONS, AUDIO_EXTENSIONS. */
const IMAGE_EXTENSIONS = [
  'apng',
  'avif',
  'gif',
  'png',
  'webp',
  'bmp',
  'ico',
  'cur',
  'jpg',
  'jpeg',
  'jfif',
  'pjpeg',
  'pjp',
];
const VIDEO_EXTENSIONS = ['mp4', 'm4v', 'mov', 'mkv', 'avi', 'webm'];
const AUDIO_EXTENSIONS = ['mp3', 'wav', 'ogg', 'flac', 'm4a'];

/** src/constants/general.ts, `SORTER`: the runtime's default locale, numeric, base sensitivity. */
const SORTER = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** src/constants/media.ts: WE_MEETING_SECTIONS, MW_MEETING_SECTIONS, CO_WEEK_ADDITIONAL_SECTION. */
const WE_MEETING_SECTIONS = ['pt', 'wt'];
const MW_MEETING_SECTIONS = ['tgw', 'ayfm', 'lac'];
const CO_WEEK_ADDITIONAL_SECTION = 'circuit-overseer';

/**
 * src/helpers/media-sections.ts, EXPORTABLE_SECTION_IDS (`standardSections` of src/constants/media.ts and `pt`) with
 * their titles in src/i18n/en.json, the words `i18n.global.t(id)` gives with M³'s interface in English.
 */
const EXPORTABLE_SECTION_TITLES: Record<string, string> = {
  ayfm: 'Apply Yourself to the Field Ministry',
  'circuit-overseer': 'Circuit Overseer',
  lac: 'Living as Christians',
  tgw: "Treasures from God's Word",
  wt: 'Watchtower Study',
  pt: 'Public talk',
};

/** src/helpers/media-sections.ts, EXPORTED_FILENAME_PATTERN. */
const EXPORTED_FILENAME_PATTERN = /^(\d{1,3})\s+(.+?)\s-\s(\d{1,3})\s/;

/** src/helpers/jw-media.ts, `getLegacyWatchedSection`. */
const LEGACY_SECTION_PATTERN = /^Section-([^-]+) - /;

/** src/layouts/MainLayout.vue, `processWatchFolderEvents`: `debounce(…, 100)`. */
const DEBOUNCE_MS = 100;

const SECTION_ORDER_FILE = '.section-order.json';

// ---------------------------------------------------------------------------------------------------------
// A day's sections (M³'s `DateInfo.mediaSections`)

interface Item {
  uniqueId: string;
  title: string;
  source: 'watched' | 'jw';
  /** M³'s `sortOrderOriginal`: any value from `.section-order.json` is kept as read. */
  sortOrderOriginal: unknown;
  originalSection?: unknown;
  filePath?: string;
  fileUrl?: string;
  /** The file's size when M³ read it (its duration and thumbnail come from that content). */
  size?: number;
}

interface Section {
  id: string;
  items: Item[];
}

interface Day {
  date: string;
  meeting: MeetingDay;
  sections: Section[];
}

const meetingType = (meeting: MeetingDay): 'mw' | 'we' | null =>
  meeting === 'midweek' || meeting === 'co-midweek'
    ? 'mw'
    : meeting === 'weekend' || meeting === 'co-weekend'
      ? 'we'
      : null;

const isCoWeek = (meeting: MeetingDay) => meeting === 'co-midweek' || meeting === 'co-weekend';

/** src/constants/media.ts, `getMeetingSections`. */
function getMeetingSections(meeting: MeetingDay): string[] {
  const type = meetingType(meeting);
  if (!type) return [];
  const base = type === 'we' ? WE_MEETING_SECTIONS : MW_MEETING_SECTIONS;
  return isCoWeek(meeting) ? [...base, CO_WEEK_ADDITIONAL_SECTION] : base;
}

/** src/helpers/media-sections.ts, `getOrCreateMediaSection`: a new section goes to the end. */
function getOrCreateMediaSection(sections: Section[], id: string): Section {
  const found = sections.find((section) => section.id === id);
  if (found) return found;
  const created: Section = { id, items: [] };
  sections.push(created);
  return created;
}

const numericOrder = (item: Item) =>
  typeof item.sortOrderOriginal === 'number' ? item.sortOrderOriginal : 0;

/** src/layouts/MainLayout.vue, `sortMediaItems`: by order, then by title with SORTER. */
function sortMediaItems(sections: Section[]): void {
  for (const section of sections) {
    section.items.sort((a, b) => numericOrder(a) - numericOrder(b) || SORTER.compare(a.title, b.title));
  }
}

/**
 * A day as M³ holds it once its meeting media are loaded: src/helpers/media-sections.ts `createMeetingSections`,
 * then the JW items in their sections, each section sorted by `sortOrderOriginal` as src/stores/jw.ts does.
 */
function newDay(date: string, options: M3Options): Day {
  const meeting = options.meetingDay?.(date) ?? null;
  const sections: Section[] = getMeetingSections(meeting).map((id) => ({ id, items: [] }));
  (options.jwItems?.(date) ?? []).forEach((jw, index) => {
    getOrCreateMediaSection(sections, jw.section).items.push({
      uniqueId: `jw-${date}-${index}`,
      title: jw.title,
      source: 'jw',
      sortOrderOriginal: jw.order,
    });
  });
  for (const section of sections) section.items.sort((a, b) => numericOrder(a) - numericOrder(b));
  return { date, meeting, sections };
}

/**
 * src/pages/MediaCalendarPage.vue, `mediaLists`: the meeting's sections in `getMeetingSections` order, then every
 * other section in the order it was created.
 */
function displaySections(day: Day): Section[] {
  const meetingSections = getMeetingSections(day.meeting);
  const rank = (section: Section) => {
    const index = meetingSections.indexOf(section.id);
    return index === -1 ? meetingSections.length + day.sections.indexOf(section) : index;
  };
  return [...day.sections].sort((a, b) => rank(a) - rank(b));
}

/** src/layouts/MainLayout.vue, `removeWatchedItems`. */
function removeWatchedItems(day: Day, predicate: (item: Item) => boolean): void {
  for (const section of day.sections) section.items = section.items.filter((item) => !predicate(item));
}

// ---------------------------------------------------------------------------------------------------------
// Placement of a watched file (src/helpers/jw-media.ts, src/helpers/media-sections.ts)

const extensionOf = (file: string) => path.extname(file).toLowerCase().slice(1);

/** src/utils/media.ts, `isImage` / `isVideo` / `isAudio`. */
const isMedia = (file: string) =>
  [IMAGE_EXTENSIONS, VIDEO_EXTENSIONS, AUDIO_EXTENSIONS].some((list) => list.includes(extensionOf(file)));

/** src/helpers/media-sections.ts, `getSectionIdFromExportedName`. */
function getSectionIdFromExportedName(sectionName: string): string | undefined {
  const normalized = sectionName.trim().toLowerCase();
  return Object.keys(EXPORTABLE_SECTION_TITLES).find(
    (id) => EXPORTABLE_SECTION_TITLES[id]?.trim().toLowerCase() === normalized,
  );
}

/** src/helpers/media-sections.ts, `getExportedFilenamePlacement`: order = section number × 1000 + item number. */
export function getExportedFilenamePlacement(filename: string): { order: number; section?: string } | null {
  const match = EXPORTED_FILENAME_PATTERN.exec(filename);
  if (!match) return null;
  const [, sectionNumber, sectionName, itemNumber] = match;
  const sectionIndex = Number.parseInt(sectionNumber ?? '', 10);
  const itemIndex = Number.parseInt(itemNumber ?? '', 10);
  if (Number.isNaN(sectionIndex) || Number.isNaN(itemIndex)) return null;
  return { order: sectionIndex * 1000 + itemIndex, section: getSectionIdFromExportedName(sectionName ?? '') };
}

/** src/helpers/jw-media.ts, `getDefaultWatchedSection`. */
function getDefaultWatchedSection(meeting: MeetingDay): string | undefined {
  const type = meetingType(meeting);
  if (type === 'we' && !isCoWeek(meeting)) return 'pt';
  if (type === 'mw') return isCoWeek(meeting) ? 'circuit-overseer' : 'lac';
  return undefined;
}

/** src/layouts/MainLayout.vue, `getTargetSectionId`. */
function getTargetSectionId(originalSection: unknown, meeting: MeetingDay): string {
  if (originalSection) return String(originalSection);
  if (meetingType(meeting) === 'we') return 'pt';
  if (meetingType(meeting) === 'mw') return 'lac';
  return 'imported-media';
}

/**
 * src/helpers/media-sections.ts, `readWatchedMediaSectionOrder`: a missing file and any read or parse error give
 * `{}`. The file is read as fs-extra's `readJSON` does (a leading byte-order mark is dropped).
 */
async function readWatchedMediaSectionOrder(file: string): Promise<unknown> {
  try {
    const text = await fsp.readFile(file, 'utf8');
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return {};
  }
}

/**
 * src/helpers/media-sections.ts, `writeWatchedMediaSectionOrder`: JSON with two-space indent to
 * `<file>.<Date.now()>.tmp`, then renamed into place.
 */
async function writeWatchedMediaSectionOrder(file: string, data: unknown): Promise<void> {
  const temp = `${file}.${Date.now()}.tmp`;
  await fsp.writeFile(temp, JSON.stringify(data, null, 2), 'utf-8');
  await fsp.rename(temp, file);
}

/**
 * src/helpers/media-sections.ts, `getWatchedMediaSectionInfo`: the file's entry, as it is, or null (a `null` file
 * content throws there, which is caught and gives null).
 */
async function getWatchedMediaSectionInfo(dayFolder: string, filename: string) {
  const data = await readWatchedMediaSectionOrder(path.join(dayFolder, SECTION_ORDER_FILE));
  if (data === null || data === undefined) return null;
  const entry: unknown = (data as Record<string, unknown>)[filename];
  if (!entry) return null;
  const fields = (typeof entry === 'object' ? entry : {}) as { order?: unknown; section?: unknown };
  return { order: fields.order, section: fields.section };
}

/**
 * src/helpers/jw-media.ts, `getWatchedMediaPlacement`: an entry of `.section-order.json` wins whole (its order and
 * its section); else the exported-name pattern's order, and its section, else the legacy `Section-<id> - ` prefix,
 * else `getDefaultWatchedSection`.
 */
async function getWatchedMediaPlacement(filePath: string, meeting: MeetingDay) {
  const filename = path.basename(filePath);
  const sectionInfo = await getWatchedMediaSectionInfo(path.dirname(filePath), filename);
  if (sectionInfo) return sectionInfo;
  const named = getExportedFilenamePlacement(filename);
  return {
    order: named?.order as unknown,
    section: (named?.section ||
      LEGACY_SECTION_PATTERN.exec(filename)?.[1] ||
      getDefaultWatchedSection(meeting)) as unknown,
  };
}

/**
 * src/helpers/jw-media.ts, `watchedItemMapper`: nothing for a file that is not an image, video or audio; the title
 * is the base name (there is no metadata title); the order is `Number.MAX_SAFE_INTEGER` when none was found.
 */
async function watchedItemMapper(parentDate: string, filePath: string, meeting: MeetingDay) {
  if (!isMedia(filePath)) return undefined;
  const fileUrl = pathToFileURL(filePath).toString();
  const { order, section } = await getWatchedMediaPlacement(filePath, meeting);
  const item: Item = {
    uniqueId: `${parentDate.replaceAll('/', '')}-${fileUrl}`,
    title: path.basename(filePath),
    source: 'watched',
    sortOrderOriginal: order ?? Number.MAX_SAFE_INTEGER,
    originalSection: section,
    filePath,
    fileUrl,
    size: (await fsp.stat(filePath).catch(() => undefined))?.size,
  };
  return item;
}

/**
 * src/layouts/MainLayout.vue, `handleAddWatchFolderEvent`: an item already listed (same date and path) keeps its
 * place when its section stays the same, else moves to the end of its new section; then every section is sorted.
 */
async function handleAddWatchFolderEvent(day: Day, parentDate: string, changedPath: string): Promise<void> {
  const watchedItem = await watchedItemMapper(parentDate, changedPath, day.meeting);
  if (watchedItem) {
    const target = getOrCreateMediaSection(
      day.sections,
      getTargetSectionId(watchedItem.originalSection, day.meeting),
    );
    const existingSection = day.sections.find((s) =>
      s.items.some((i) => i.uniqueId === watchedItem.uniqueId),
    );
    const existingIndex = existingSection?.items.findIndex((i) => i.uniqueId === watchedItem.uniqueId) ?? -1;
    const existingItem = existingSection?.items[existingIndex];
    const placed: Item = {
      ...(existingItem ?? watchedItem),
      originalSection: watchedItem.originalSection,
      sortOrderOriginal: watchedItem.sortOrderOriginal,
    };
    if (!existingSection || !existingItem) target.items.push(placed);
    else if (existingSection === target) target.items[existingIndex] = placed;
    else {
      existingSection.items.splice(existingIndex, 1);
      target.items.push(placed);
    }
  }
  sortMediaItems(day.sections);
}

// ---------------------------------------------------------------------------------------------------------
// Writes to .section-order.json (src/helpers/media-sections.ts)

/** src/helpers/media-sections.ts, `withSectionOrderLock`: read-modify-write cycles of one file run one at a time. */
function makeLock() {
  const locks = new Map<string, Promise<void>>();
  return (file: string, task: () => Promise<void>): Promise<void> => {
    const next = (locks.get(file) ?? Promise.resolve()).then(task, task);
    locks.set(
      file,
      next.catch(() => undefined),
    );
    return next;
  };
}

type Lock = ReturnType<typeof makeLock>;

/** src/helpers/media-sections.ts, `removeWatchedMediaSectionInfo`. */
async function removeWatchedMediaSectionInfo(lock: Lock, dayFolder: string, filename: string): Promise<void> {
  const file = path.join(dayFolder, SECTION_ORDER_FILE);
  await lock(file, async () => {
    const data = (await readWatchedMediaSectionOrder(file)) as Record<string, unknown>;
    if (!data[filename]) return;
    delete data[filename];
    await writeWatchedMediaSectionOrder(file, data);
  });
}

const numericOrNone = (item?: Item) =>
  typeof item?.sortOrderOriginal === 'number' ? item.sortOrderOriginal : undefined;
const isAnchor = (item: Item) => item.source !== 'watched' && numericOrNone(item) !== undefined;

/**
 * src/helpers/media-sections.ts, `getWatchedOrder`: a watched item's order from the nearest non-watched items with an
 * order around it (spread evenly between two, counted on from one), else its index in the section.
 */
function getWatchedOrder(items: Item[], itemIndex: number): number {
  const previousAnchorIndex = items.slice(0, itemIndex).findLastIndex(isAnchor);
  const nextAnchorOffset = items.slice(itemIndex + 1).findIndex(isAnchor);
  const nextAnchorIndex = nextAnchorOffset >= 0 ? itemIndex + 1 + nextAnchorOffset : -1;
  const previousOrder = numericOrNone(previousAnchorIndex >= 0 ? items[previousAnchorIndex] : undefined);
  const nextOrder = numericOrNone(nextAnchorIndex >= 0 ? items[nextAnchorIndex] : undefined);
  const runStart = previousAnchorIndex + 1;
  const runItems = items.slice(runStart, nextAnchorIndex >= 0 ? nextAnchorIndex : items.length);
  const currentRunOffset = itemIndex - runStart + 1;
  const watchedBefore = runItems
    .slice(0, currentRunOffset)
    .filter((item) => item.source === 'watched').length;
  const watchedCount = runItems.filter((item) => item.source === 'watched').length;
  if (previousOrder !== undefined && nextOrder !== undefined) {
    const step = (nextOrder - previousOrder) / (watchedCount + 1);
    return previousOrder + step * watchedBefore;
  }
  if (previousOrder !== undefined) return previousOrder + watchedBefore;
  if (nextOrder !== undefined) return nextOrder - (watchedCount - watchedBefore + 1);
  return itemIndex;
}

/**
 * src/helpers/media-sections.ts, `saveWatchedMediaLayout`: an entry for every watched item of the day's sections,
 * grouped by the item's folder, merged over what each folder's file holds. Returns what was written per folder.
 */
async function saveWatchedMediaLayout(lock: Lock, sections: Section[]): Promise<Map<string, SectionOrder>> {
  const byFolder = new Map<string, SectionOrder>();
  for (const section of sections) {
    section.items.forEach((item, index) => {
      if (item.source !== 'watched' || !item.filePath) return;
      const folder = path.dirname(item.filePath);
      const layout = byFolder.get(folder) ?? {};
      layout[path.basename(item.filePath)] = {
        order: getWatchedOrder(section.items, index),
        section: section.id,
      };
      byFolder.set(folder, layout);
    });
  }
  const written = new Map<string, SectionOrder>();
  for (const [folder, layout] of byFolder) {
    const file = path.join(folder, SECTION_ORDER_FILE);
    await lock(file, async () => {
      const existing = await readWatchedMediaSectionOrder(file);
      const merged = { ...(existing as SectionOrder), ...layout };
      await writeWatchedMediaSectionOrder(file, merged);
      written.set(folder, merged);
    });
  }
  return written;
}

/**
 * A user's drag as src/components/media/MediaList.vue applies it: each section's items are put in the given order
 * (items not named keep their places); `sortOrderOriginal` stays as it was, as in M³.
 */
function reorder(day: Day, titlesInOrder: readonly string[]): void {
  const all = displaySections(day).flatMap((section) => section.items);
  const rank = new Map<Item, number>();
  titlesInOrder.forEach((title, position) => {
    const item = all.find((candidate) => candidate.title === title && !rank.has(candidate));
    if (!item) throw new Error(`drag: no item "${title}" on ${day.date}`);
    rank.set(item, position);
  });
  for (const section of day.sections) {
    const slots = section.items.flatMap((item, index) => (rank.has(item) ? [index] : []));
    const moved = slots.map((index) => section.items[index] as Item);
    moved.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    const items = [...section.items];
    slots.forEach((slot, i) => {
      items[slot] = moved[i] as Item;
    });
    section.items = items;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The watcher and M³'s event queue

/** M³'s `toUnix` (upath). */
const toUnix = (p: string) => p.replace(/\\/g, '/');

/** src-electron/main/fs.ts, `watchFolder`, `ignored`: a path is ignored when its folder's name is not a date. */
function m3Ignored(folderPath: string) {
  return (fp: string, stats?: Stats): boolean => {
    try {
      if (toUnix(folderPath) === fp) return false;
      if (!stats) return false;
      const dirPath = toUnix(stats.isDirectory() ? fp : path.dirname(fp));
      return !DATE_PATTERN.test(path.basename(dirPath));
    } catch {
      return true;
    }
  };
}

/** The M³ `day` of an event (`YYYY/MM/DD`) as a valid date `YYYY-MM-DD`, as a day of M³'s lookup period. */
function dateOfDay(day: string): string | undefined {
  if (!/^\d{4}\/\d{2}\/\d{2}$/.test(day)) return undefined;
  const date = day.replaceAll('/', '-');
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) ? date : undefined;
}

interface QueuedEvent {
  changedPath: string;
  day: string;
  event: string;
}

/** Starts the stand-in on `folder`; resolves once chokidar has read the folder (its `ready`). */
export async function startM3(folder: string, options: M3Options = {}): Promise<M3> {
  const root = path.resolve(folder);
  const events: WatchEvent[] = [];
  const errors: unknown[] = [];
  const days = new Map<string, Day>();
  const lock = makeLock();
  const dayOf = (date: string) => {
    let day = days.get(date);
    if (!day) {
      day = newDay(date, options);
      days.set(date, day);
    }
    return day;
  };
  let lastEventAt = Date.now();

  /** src/layouts/MainLayout.vue, `updateWatchFolderRef` (errors are caught and logged there). */
  async function updateWatchFolderRef({ changedPath, day: eventDay, event }: QueuedEvent): Promise<void> {
    try {
      const day = eventDay.replaceAll('-', '/');
      const date = dateOfDay(day);
      if (!date) return;
      const dayObj = dayOf(date);
      switch (event) {
        case 'add':
          await handleAddWatchFolderEvent(dayObj, day, changedPath);
          break;
        case 'addDir':
        case 'unlinkDir':
          removeWatchedItems(dayObj, (item) => item.source === 'watched');
          break;
        case 'unlink': {
          // handleUnlinkWatchFolderEvent
          const targetUrl = pathToFileURL(changedPath).toString();
          removeWatchedItems(dayObj, (item) => item.source === 'watched' && item.fileUrl === targetUrl);
          if (options.cleanUpEntriesOnUnlink) {
            await removeWatchedMediaSectionInfo(lock, path.dirname(changedPath), path.basename(changedPath));
          }
          break;
        }
      }
    } catch (error) {
      errors.push(error);
    }
  }

  // src/layouts/MainLayout.vue, `processWatchFolderEvents`, `queueWatchFolderEvent`: one shared list of pending
  // events and one set of their keys. A key already in the set is dropped, and the set is cleared only when a whole
  // batch has been handled, so a repeat of an event while its batch runs is lost too. Quasar's `debounce` calls
  // after 100 ms without a new call, without waiting for an earlier call to finish.
  const pendingEvents: QueuedEvent[] = [];
  const pendingEventKeys = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = 0;

  async function processWatchFolderEvents(pending: QueuedEvent[]): Promise<void> {
    for (const evt of pending) await updateWatchFolderRef(evt);
    pendingEventKeys.clear();
    pending.length = 0;
  }

  function debouncedProcess(pending: QueuedEvent[]): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running++;
      processWatchFolderEvents(pending)
        .catch((error: unknown) => errors.push(error))
        .finally(() => {
          running--;
        });
    }, DEBOUNCE_MS);
  }

  function queueWatchFolderEvent(event: QueuedEvent): void {
    const eventKey = `${event.event}:${event.changedPath || ''}:${event.day || ''}`;
    if (pendingEventKeys.has(eventKey)) return;
    pendingEventKeys.add(eventKey);
    pendingEvents.push(event);
    debouncedProcess(pendingEvents);
  }

  // src-electron/main/fs.ts, `watchFolder`: the options for a local folder (`interval` undefined, no polling).
  const watcher: FSWatcher = watch(root, {
    atomic: false,
    awaitWriteFinish: true,
    ignored: m3Ignored(root),
    ignorePermissionErrors: true,
    interval: undefined,
    usePolling: false,
  });
  watcher.on('error', (error) => {
    errors.push(error);
  });
  watcher.on('all', (event, changedPath, stats) => {
    lastEventAt = Date.now();
    events.push({ event, path: toUnix(path.relative(root, changedPath)) });
    // src-electron/main/fs.ts, `watchFolder`, the `all` handler: an event without stats other than an unlink is
    // dropped; `day` is the name of the folder (for a file, of its parent folder).
    if (!changedPath || (!stats && !event.includes('unlink'))) return;
    const dirPath = toUnix(
      stats?.isDirectory() || event === 'unlinkDir' ? changedPath : path.dirname(changedPath),
    );
    queueWatchFolderEvent({ changedPath, day: path.basename(dirPath), event });
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  const idle = () =>
    !timer && running === 0 && pendingEvents.length === 0 && watcher._pendingWrites.size === 0;

  return {
    folder: root,
    events,
    errors,
    list(date) {
      return displaySections(dayOf(date)).flatMap((section) =>
        section.items.map((item) => ({
          title: item.title,
          section: section.id,
          order: numericOrder(item),
          source: item.source,
          ...(item.size === undefined ? {} : { size: item.size }),
        })),
      );
    },
    async settled(quietMs = 2600, timeoutMs = 30_000) {
      const start = Date.now();
      for (;;) {
        const now = Date.now();
        if (now - Math.max(lastEventAt, start) >= quietMs && idle()) return;
        if (now - start > timeoutMs) {
          const held = [...watcher._pendingWrites.keys()].map((p) => path.relative(root, p));
          throw new Error(
            `M³ stand-in not settled after ${timeoutMs} ms: ${pendingEvents.length} queued, ${running} running, held back by awaitWriteFinish: ${held.join(', ') || 'none'}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async drag(date, titlesInOrder) {
      const day = dayOf(date);
      reorder(day, titlesInOrder);
      // src/components/media/MediaList.vue, `handleWatchedMediaPersistence`: nothing is written without watched items.
      if (!day.sections.some((section) => section.items.some((item) => item.source === 'watched'))) return {};
      const written = await saveWatchedMediaLayout(lock, day.sections);
      return written.get(path.join(root, date)) ?? {};
    },
    async close() {
      await watcher.close();
      if (timer) clearTimeout(timer);
      timer = undefined;
      while (running > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}
