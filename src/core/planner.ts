/**
 * The sync plan: a pure function of (remote listing, last-sync records, local files, today, settings).
 * It decides what to fetch, keep, verify and remove; media-list edits follow from the plan and what got placed.
 */
import type { IsoDate, MediaEdit, MediaItem } from '../../contract/api.js';
import {
  compareMediaKeys,
  type DateFormat,
  formatDateFolder,
  mediaNameKey,
} from '../../contract/media-folders.js';
import { classify, type MeetingSchedule, meetingDates, syncWindow } from './layout.js';
import type { MeetingPlaces } from './meeting-places.js';
import { memoized } from './memo.js';
import { checkName, foldName, type NameProblem } from './names.js';
import type { RemoteEntry } from './remote-entry.js';

/** What the last sync placed at one local path (`<date folder>/<name>`, relative to the media folder). */
export interface FileRecord {
  remote: string[];
  etag: string | null;
  size: number;
  lastModified: string | null;
  date: IsoDate;
  name: string;
  recurring: boolean;
}

export type Records = Record<string, FileRecord>;

/** One congregation file at one local place. */
export interface Target {
  local: string;
  date: IsoDate;
  name: string;
  recurring: boolean;
}

/** One remote file to download once and place at each target (a recurring file goes to many dates). */
export interface FetchGroup {
  remote: string[];
  size: number;
  etag: string | null;
  lastModified: string | null;
  targets: Target[];
}

/** Why a remote file is not synced: a name problem, or one of the planner's own. */
export type SkipReason =
  | { code: NameProblem | 'no-size' | 'presenter-has-name' | 'in-the-way' }
  | { code: 'collision'; other: string };

export interface Skipped {
  path: string;
  reason: SkipReason;
}

export interface PlanInput {
  entries: readonly RemoteEntry[];
  records: Readonly<Records>;
  /** Sizes of the files present at local paths that matter (targets and records). */
  local: ReadonlyMap<string, number>;
  hostItems: readonly MediaItem[];
  today: IsoDate;
  weeks: number;
  schedule: MeetingSchedule;
  format: DateFormat;
  language: string;
  congregationName: string;
  /** Where each date's congregation items go in the meeting (the organiser's choice; absent: by default). */
  places: Readonly<MeetingPlaces>;
}

export interface Plan {
  meetingDates: IsoDate[];
  fetch: FetchGroup[];
  keep: Target[];
  /**
   * Local files without a record that have the name and the size of a listed file: each is the congregation's only
   * if its bytes are the server's, which execution checks before recording it (verify.ts). A file the plugin did not
   * place is never adopted on its name and size alone.
   */
  verify: FetchGroup[];
  remove: Array<{ local: string; record: FileRecord }>;
  /** Records to drop without touching a file: the file is gone, or the user changed it. */
  forget: string[];
  skipped: Skipped[];
  /** Hidden markers of the window: date -> exact file names (NFC). */
  hidden: Map<IsoDate, Set<string>>;
  forcedPrefs: RemoteEntry | null;
  background: RemoteEntry | null;
  /** Every congregation file the window should have, in media order. */
  desired: Target[];
  /** True when the listing holds no Media folder at all: then nothing is removed. */
  emptyListing: boolean;
  /** Distinct remote files behind the managed local files of the window (a recurring file counts once). */
  managedInWindow: number;
  /** Distinct remote files whose local copies `remove` would delete. */
  removingSources: number;
  listed: number;
}

interface Candidate {
  entry: RemoteEntry & { size: number };
  target: Target;
  /** foldName of the target's name. */
  fold: string;
}

export function planSync(input: PlanInput): Plan {
  const { today, weeks } = input;
  const inWindow = syncWindow(today, weeks);
  const skipped: Skipped[] = [];
  const held = new Set<string>();
  const additional = new Map<IsoDate, Candidate[]>();
  const recurring: Candidate[] = [];
  const hidden = new Map<IsoDate, Set<string>>();
  let forcedPrefs: RemoteEntry | null = null;
  const backgrounds: Array<{ entry: RemoteEntry; congregation: string }> = [];
  const folderOf = memoized((date: IsoDate) => formatDateFolder(date, input.format, input.language));
  const localOf = (date: IsoDate, name: string) => `${folderOf(date)}/${name}`;

  for (const entry of input.entries) {
    const kind = classify(entry.path, entry.isDirectory);
    if (kind.kind === 'forced-prefs') forcedPrefs = entry;
    else if (kind.kind === 'background') backgrounds.push({ entry, congregation: kind.congregation });
    else if (kind.kind === 'hidden' && inWindow(kind.date)) {
      hidden.set(kind.date, (hidden.get(kind.date) ?? new Set()).add(kind.name.normalize('NFC')));
    } else if (kind.kind === 'additional' || kind.kind === 'recurring') {
      if (kind.kind === 'additional' && !inWindow(kind.date)) continue;
      const safe = checkName(kind.name);
      if (!safe.ok) {
        skipped.push({ path: entry.path.join('/'), reason: { code: safe.reason } });
        continue;
      }
      if (entry.size === null) {
        skipped.push({ path: entry.path.join('/'), reason: { code: 'no-size' } });
        if (kind.kind === 'additional') held.add(localOf(kind.date, safe.name));
        continue;
      }
      const sized = entry as RemoteEntry & { size: number };
      const fold = foldName(safe.name);
      if (kind.kind === 'recurring') {
        recurring.push({
          entry: sized,
          target: { local: '', date: today, name: safe.name, recurring: true },
          fold,
        });
      } else {
        const target = {
          local: localOf(kind.date, safe.name),
          date: kind.date,
          name: safe.name,
          recurring: false,
        };
        const own = additional.get(kind.date);
        if (own) own.push({ entry: sized, target, fold });
        else additional.set(kind.date, [{ entry: sized, target, fold }]);
      }
    }
  }

  const dates = meetingDates(today, weeks, input.schedule);
  const meetingDays = new Set(dates);
  const jwNames = namesBySource(input.hostItems, 'jw');
  const candidates: Candidate[] = [];
  // Deduplicated once, not per date, so that a collision is reported once.
  const recurringFiles = dedupeCollisions(recurring, skipped);
  for (const date of new Set([...additional.keys(), ...dates])) {
    const own = dedupeCollisions(additional.get(date) ?? [], skipped);
    const jw = jwNames.get(date);
    const taken = new Set([...own.map((c) => c.fold), ...(jw ?? [])]);
    for (const c of own) {
      if (jw?.has(c.fold)) {
        skipped.push({
          path: c.entry.path.join('/'),
          reason: { code: 'presenter-has-name' },
        });
      } else candidates.push(c);
    }
    if (!meetingDays.has(date)) continue;
    for (const r of recurringFiles) {
      if (taken.has(r.fold)) continue;
      candidates.push({ ...r, target: { ...r.target, date, local: localOf(date, r.target.name) } });
    }
  }

  const decided = decide(candidates, input, skipped);
  const windowRecords = Object.entries(input.records).filter(([, r]) => inWindow(r.date));
  const emptyListing = !input.entries.some((e) => e.path[0] === 'Media');
  const wanted = new Set(decided.desired.map((t) => t.local));
  const remove: Plan['remove'] = [];
  const forget: string[] = [];
  // Only recorded files are ever removed: a file the plugin did not place has no record, and gets one only once its
  // bytes proved to be the server's (Plan.verify).
  for (const [local, record] of windowRecords) {
    // A file still listed (but skipped this time) keeps its copy; the removal is for sources that are gone.
    if (wanted.has(local) || held.has(local) || emptyListing) continue;
    const size = input.local.get(local);
    if (size === record.size) remove.push({ local, record });
    else forget.push(local);
  }

  return {
    meetingDates: dates,
    ...decided,
    remove,
    forget,
    skipped,
    hidden,
    forcedPrefs,
    background: chooseBackground(backgrounds, input.congregationName),
    emptyListing,
    managedInWindow: distinctSources(windowRecords.map(([, r]) => r)),
    removingSources: distinctSources(remove.map((r) => r.record)),
    listed: input.entries.filter((e) => !e.isDirectory).length,
  };
}

function distinctSources(records: FileRecord[]): number {
  return new Set(records.map((r) => r.remote.join('\u0000'))).size;
}

/** Fetch, keep or verify each candidate; one GET per remote file and purpose, however many dates it goes to. */
function decide(candidates: Candidate[], input: PlanInput, skipped: Skipped[]) {
  const fetch = new Map<string, FetchGroup>();
  const verify = new Map<string, FetchGroup>();
  const keep: Target[] = [];
  const desired: Target[] = [];
  for (const { entry, target } of candidates) {
    const record = input.records[target.local];
    const present = input.local.get(target.local);
    if (record && sameRemote(record, entry) && sameVersion(record, entry) && present === record.size) {
      keep.push(target);
    } else if (!record && present !== undefined) {
      if (present !== entry.size) {
        skipped.push({
          path: target.local,
          reason: { code: 'in-the-way' },
        });
        continue;
      }
      groupTarget(verify, entry, target);
    } else groupTarget(fetch, entry, target);
    desired.push(target);
  }
  const sorted = desired
    .map((target) => ({ target, key: mediaNameKey(target.name) }))
    .sort((a, b) =>
      a.target.date < b.target.date ? -1 : a.target.date > b.target.date ? 1 : compareMediaKeys(a.key, b.key),
    )
    .map(({ target }) => target);
  return { fetch: [...fetch.values()], keep, verify: [...verify.values()], desired: sorted };
}

/** Adds a target to the group of its remote file. */
function groupTarget(groups: Map<string, FetchGroup>, entry: RemoteEntry & { size: number }, target: Target) {
  const key = entry.path.join('\u0000');
  const group = groups.get(key) ?? {
    remote: entry.path,
    size: entry.size,
    etag: entry.etag,
    lastModified: entry.lastModified,
    targets: [],
  };
  group.targets.push(target);
  groups.set(key, group);
}

/** The record of a remote version placed at a target. */
export function recordOf(version: Omit<FetchGroup, 'targets'>, target: Target): FileRecord {
  const { remote, etag, size, lastModified } = version;
  return {
    remote,
    etag,
    size,
    lastModified,
    date: target.date,
    name: target.name,
    recurring: target.recurring,
  };
}

function sameRemote(record: FileRecord, entry: RemoteEntry): boolean {
  return record.remote.length === entry.path.length && record.remote.every((s, i) => s === entry.path[i]);
}

/** The ETag decides where both have one; else size, then last-modified. */
const opaqueTag = (etag: string) => (etag.startsWith('W/') ? etag.slice(2) : etag);

export function sameVersion(
  record: Pick<FileRecord, 'etag' | 'size' | 'lastModified'>,
  entry: RemoteEntry,
): boolean {
  // Weak comparison (RFC 9110): Apache marks a file changed within the last second W/ and drops that mark later.
  if (record.etag && entry.etag) return opaqueTag(record.etag) === opaqueTag(entry.etag);
  return record.size === entry.size && record.lastModified === entry.lastModified;
}

/** Of names that would be one file on a case-insensitive disk, the first in code-unit order wins. */
function dedupeCollisions(items: Candidate[], skipped: Skipped[]): Candidate[] {
  const byKey = new Map<string, Candidate>();
  const inOrder = items.map((item) => ({ item, remote: item.entry.path.join('/') }));
  inOrder.sort((a, b) => (a.remote < b.remote ? -1 : a.remote > b.remote ? 1 : 0));
  for (const { item, remote } of inOrder) {
    const winner = byKey.get(item.fold);
    if (winner) skipped.push({ path: remote, reason: { code: 'collision', other: winner.target.name } });
    else byKey.set(item.fold, item);
  }
  return [...byKey.values()];
}

function namesBySource(items: readonly MediaItem[], source: MediaItem['source']): Map<IsoDate, Set<string>> {
  const names = new Map<IsoDate, Set<string>>();
  for (const item of items) {
    if (item.source === source)
      names.set(item.date, (names.get(item.date) ?? new Set()).add(foldName(item.name)));
  }
  return names;
}

function chooseBackground(found: Array<{ entry: RemoteEntry; congregation: string }>, congregation: string) {
  const match = found.find((b) => b.congregation.normalize('NFC') === congregation.normalize('NFC'));
  return (match ?? (found.length === 1 ? found[0] : undefined))?.entry ?? null;
}

export interface MediaEditInput {
  plan: Plan;
  /** Local paths that hold a congregation file after execution. */
  placed: ReadonlySet<string>;
  /** Managed files that stay although not desired (a removal not confirmed, an empty listing): `date/name`. */
  retained?: ReadonlySet<string>;
  hostItems: readonly MediaItem[];
  /** The absolute path of a local path (`<date folder>/<name>`). */
  fileOf(local: string): string;
  today: IsoDate;
  weeks: number;
  /** Items this plugin hid before, so that it unhides only its own. */
  previouslyHidden: ReadonlyArray<{ date: IsoDate; name: string }>;
  /** Where each date's congregation items go in the meeting. */
  places: Readonly<MeetingPlaces>;
}

/** The media-list edits that make the host's list match the plan, and the hides to remember. */
export function mediaEdits(input: MediaEditInput) {
  const { plan, today, weeks } = input;
  const inWindow = syncWindow(today, weeks);
  const isHidden = (date: IsoDate, name: string) =>
    plan.hidden.get(date)?.has(name.normalize('NFC')) ?? false;
  const edits: MediaEdit[] = [];
  const placedKeys = new Set<string>();
  const current = new Map(input.hostItems.map((item) => [`${item.date}/${item.name}`, item]));
  for (const t of plan.desired) {
    if (!input.placed.has(t.local)) continue;
    const key = `${t.date}/${t.name}`;
    placedKeys.add(key);
    const file = input.fileOf(t.local);
    const hidden = isHidden(t.date, t.name);
    const place = input.places[t.date];
    const item = {
      date: t.date,
      name: t.name,
      source: 'congregation' as const,
      recurring: t.recurring,
      file,
      hidden,
      ...(place ? { section: place.section, at: place.at } : {}),
    };
    const was = current.get(key);
    const same =
      was?.source === 'congregation' &&
      was.file === file &&
      was.hidden === hidden &&
      was.recurring === t.recurring &&
      was.section === place?.section &&
      was.at === place?.at;
    if (!same) edits.push({ op: 'upsert', item });
  }
  const wasHiddenByUs = new Set(input.previouslyHidden.map((h) => `${h.date}/${h.name}`));
  for (const item of input.hostItems) {
    if (!inWindow(item.date)) continue;
    if (item.source === 'congregation') {
      const key = `${item.date}/${item.name}`;
      if (!placedKeys.has(key) && !input.retained?.has(key)) {
        edits.push({ op: 'remove', date: item.date, name: item.name });
      }
      continue;
    }
    const hide = isHidden(item.date, item.name);
    if (hide && !item.hidden) edits.push({ op: 'setHidden', date: item.date, name: item.name, hidden: true });
    if (!hide && item.hidden && wasHiddenByUs.has(`${item.date}/${item.name}`)) {
      edits.push({ op: 'setHidden', date: item.date, name: item.name, hidden: false });
    }
  }
  const hiddenNow = [...plan.hidden].flatMap(([date, names]) => [...names].map((name) => ({ date, name })));
  const keptOutside = input.previouslyHidden.filter((h) => h.date >= today && !inWindow(h.date));
  return { edits, hidden: [...keptOutside, ...hiddenNow] };
}
