/** The M³ layout of a congregation folder, the sync window and the meeting dates. Pure. */
import type { IsoDate } from '../../contract/api.js';
import {
  addDays,
  type DateFormat,
  formatDateFolder,
  isIsoDate,
  parseDateFolder,
  weekday,
} from '../../contract/media-folders.js';

export type Classified =
  | { kind: 'additional'; date: IsoDate; name: string }
  | { kind: 'recurring'; name: string }
  | { kind: 'hidden'; date: IsoDate; name: string }
  | { kind: 'forced-prefs' }
  | { kind: 'meeting-sections' }
  | { kind: 'background'; congregation: string; ext: string }
  | { kind: 'ignored' };

/** Weekdays use M³ numbering: 0 = Monday ... 6 = Sunday. */
export interface MeetingSchedule {
  mwDay: number;
  weDay: number;
  coWeek?: IsoDate | null;
}

export const MEDIA_DIR = 'Media';
export const HIDDEN_DIR = 'Hidden';
export const RECURRING_DIR = 'Recurring';
export const FORCED_PREFS_FILE = 'forcedPrefs.json';
/** Where each date's congregation items go in today's M³ (core/meeting-places.ts); M³ 22–24 never read it. */
export const MEETING_SECTIONS_FILE = 'meetingSections.json';
export const BACKGROUND_PREFIX = 'custom-background-image-';
/** Temporary names of this plugin (downloads in progress, uploads before their MOVE): never media. */
export const TEMP_PREFIX = '.congsync-';
export const TEMP_SUFFIX = '.part';
export const BACKGROUND_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'bmp'] as const;

const CO_WEEK_MIDWEEK_DAY = 1;

const BACKGROUND_RE = /^custom-background-image-(.+)\.([A-Za-z]+)$/;

function classifyTopLevel(name: string): Classified {
  if (name === FORCED_PREFS_FILE) return { kind: 'forced-prefs' };
  if (name === MEETING_SECTIONS_FILE) return { kind: 'meeting-sections' };
  const m = BACKGROUND_RE.exec(name);
  const [congregation, ext] = [m?.[1], m?.[2]];
  if (congregation && ext && (BACKGROUND_EXTENSIONS as readonly string[]).includes(ext.toLowerCase())) {
    return { kind: 'background', congregation, ext };
  }
  return { kind: 'ignored' };
}

function classifyNested(top: string, folder: string, name: string): Classified {
  if (name.startsWith(TEMP_PREFIX)) return { kind: 'ignored' };
  if (top === MEDIA_DIR && folder === RECURRING_DIR) return { kind: 'recurring', name };
  const date = parseDateFolder(folder);
  if (date === null) return { kind: 'ignored' };
  if (top === MEDIA_DIR) return { kind: 'additional', date, name };
  if (top === HIDDEN_DIR) return { kind: 'hidden', date, name };
  return { kind: 'ignored' };
}

/** File names are passed through unchecked: vetting them is checkName's job (see names.ts). */
export function classify(segments: readonly string[], isDirectory: boolean): Classified {
  if (isDirectory) return { kind: 'ignored' };
  if (segments.length === 1) return classifyTopLevel(segments[0] as string);
  if (segments.length === 3)
    return classifyNested(segments[0] as string, segments[1] as string, segments[2] as string);
  return { kind: 'ignored' };
}

export function remoteSegments(
  c: Exclude<Classified, { kind: 'ignored' }>,
  format: DateFormat,
  language: string,
): string[] {
  switch (c.kind) {
    case 'additional':
      return [MEDIA_DIR, formatDateFolder(c.date, format, language), c.name];
    case 'recurring':
      return [MEDIA_DIR, RECURRING_DIR, c.name];
    case 'hidden':
      return [HIDDEN_DIR, formatDateFolder(c.date, format, language), c.name];
    case 'forced-prefs':
      return [FORCED_PREFS_FILE];
    case 'meeting-sections':
      return [MEETING_SECTIONS_FILE];
    case 'background':
      return [`${BACKGROUND_PREFIX}${c.congregation}.${c.ext}`];
  }
}

// ---- sync window ----

const windowDays = (weeks: number): number =>
  Number.isFinite(weeks) ? 7 * Math.max(0, Math.floor(weeks)) : 0;

/** Exclusive end of the window; a negative, fractional or non-finite week count is floored to 0+. */
export function windowEnd(today: IsoDate, weeks: number): IsoDate {
  return addDays(today, windowDays(weeks));
}

/** Whether a date lies in the window (today included, its end not): computed once, asked thousands of times. */
export function syncWindow(today: IsoDate, weeks: number): (date: string) => boolean {
  const end = windowEnd(today, weeks);
  // ISO dates of four-digit years order as strings do.
  return (date) => date >= today && date < end && isIsoDate(date);
}

export function inWindow(date: IsoDate, today: IsoDate, weeks: number): boolean {
  return syncWindow(today, weeks)(date);
}

/** How many days past today today's M³ loads (its DAYS_IN_FUTURE); it starts at this week's Monday. */
export const PRESENTER_DAYS_AHEAD = 35;

/** Today's M³'s window: from this week's Monday (its weeks start on Monday) to today + 35 days, both included. */
export function presenterWindow(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addDays(today, -weekday(today)), to: addDays(today, PRESENTER_DAYS_AHEAD) };
}

/**
 * The sync window that holds both the user's (`today` and `weeks` from it) and today's M³'s window, for a presenter
 * that exports to M³'s folder: its first day (this week's Monday) and its length in whole weeks.
 */
export function windowWithPresenter(today: IsoDate, weeks: number): { today: IsoDate; weeks: number } {
  const { from, to } = presenterWindow(today);
  const end = [windowEnd(today, weeks), addDays(to, 1)].sort()[1] as IsoDate;
  let length = 0;
  while (windowEnd(from, length) < end) length++;
  return { today: from, weeks: length };
}

/** The Monday of the circuit overseer's week, if one is set. */
function coWeekMonday(coWeek: IsoDate | null | undefined): IsoDate | null {
  if (!coWeek || !isIsoDate(coWeek)) return null;
  return addDays(coWeek, -weekday(coWeek));
}

export function meetingDates(today: IsoDate, weeks: number, schedule: MeetingSchedule): IsoDate[] {
  const coMonday = coWeekMonday(schedule.coWeek);
  const coSunday = coMonday && addDays(coMonday, 6);
  const dates: IsoDate[] = [];
  for (let day = 0, date = today; day < windowDays(weeks); day++, date = addDays(date, 1)) {
    const inCoWeek = coMonday !== null && date >= coMonday && date <= (coSunday as IsoDate);
    const wd = weekday(date);
    if (wd === (inCoWeek ? CO_WEEK_MIDWEEK_DAY : schedule.mwDay) || wd === schedule.weDay) dates.push(date);
  }
  return dates;
}
