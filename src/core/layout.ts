import type { IsoDate } from '../../host/api.js';
import { memoized } from './memo.js';

export const DATE_FORMATS = ['YYYY-MM-DD', 'YYYY-MM-DD - dddd', 'DD-MM-YYYY', 'DD-MM-YYYY - dddd'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const isDateFormat = (s: unknown): s is DateFormat => (DATE_FORMATS as readonly unknown[]).includes(s);

export type Classified =
  | { kind: 'additional'; date: IsoDate; name: string }
  | { kind: 'recurring'; name: string }
  | { kind: 'hidden'; date: IsoDate; name: string }
  | { kind: 'forced-prefs' }
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
export const BACKGROUND_PREFIX = 'custom-background-image-';
/** Temporary names of this plugin (downloads in progress, uploads before their MOVE): never media. */
export const TEMP_PREFIX = '.congsync-';
export const TEMP_SUFFIX = '.part';
export const BACKGROUND_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'bmp'] as const;

const MS_PER_DAY = 86_400_000;
const CO_WEEK_MIDWEEK_DAY = 1;

// ---- calendar arithmetic (proleptic Gregorian, UTC, no Date parsing) ----

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function isRealDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): s is IsoDate {
  const m = ISO_RE.exec(s);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function toIso(y: number, m: number, d: number): IsoDate {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

// Days since 1970-01-01 (H. Hinnant's days_from_civil), exact for any year.
function toEpochDays(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const [y0, m, d] = date.split('-').map(Number) as [number, number, number];
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function fromEpochDays(days: number): IsoDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) throw new RangeError(`date out of range: day ${days} since 1970-01-01`);
  return toIso(y, m, d);
}

export function addDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  return fromEpochDays(toEpochDays(date) + n);
}

/** 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(date: IsoDate): number {
  return (((toEpochDays(date) + 3) % 7) + 7) % 7;
}

// ---- date folders ----

const YMD_FOLDER_RE = /^(\d{4})-(\d{2})-(\d{2})(?: - [^/]+)?$/;
const DMY_FOLDER_RE = /^(\d{2})-(\d{2})-(\d{4})(?: - [^/]+)?$/;

/** The last folder name parsed: a listing names each date folder once per file in it. */
let lastFolder: { name: string; date: IsoDate | null } = { name: '', date: null };

export function parseDateFolder(name: string): IsoDate | null {
  if (name !== lastFolder.name) lastFolder = { name, date: parseDateFolderName(name) };
  return lastFolder.date;
}

function parseDateFolderName(name: string): IsoDate | null {
  const ymd = YMD_FOLDER_RE.exec(name);
  const dmy = ymd ? null : DMY_FOLDER_RE.exec(name);
  const parts = ymd ? [ymd[1], ymd[2], ymd[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : null;
  if (!parts) return null;
  const [y, m, d] = parts.map(Number) as [number, number, number];
  return isRealDate(y, m, d) ? toIso(y, m, d) : null;
}

// An unknown (but well-formed) tag would make Intl use the process default locale; pin it to 'en'.
function weekdayLocale(language: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([language.replace(/_/g, '-')])[0] ?? 'en';
  } catch {
    return 'en';
  }
}

export function weekdayName(date: IsoDate, language: string): string {
  const format = new Intl.DateTimeFormat(weekdayLocale(language), { weekday: 'long', timeZone: 'UTC' });
  return format.format(new Date(toEpochDays(date) * MS_PER_DAY));
}

export function formatDateFolder(date: IsoDate, format: DateFormat, language: string): string {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  if (!isDateFormat(format)) throw new RangeError(`unknown date folder format: ${JSON.stringify(format)}`);
  const [y, m, d] = date.split('-');
  const base = format.startsWith('YYYY') ? date : `${d}-${m}-${y}`;
  return format.endsWith(' - dddd') ? `${base} - ${weekdayName(date, language)}` : base;
}

// ---- classification of remote paths ----

const BACKGROUND_RE = /^custom-background-image-(.+)\.([A-Za-z]+)$/;

function classifyTopLevel(name: string): Classified {
  if (name === FORCED_PREFS_FILE) return { kind: 'forced-prefs' };
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

/** The last window asked about, with its answers: a sync asks thousands of times about the same few dates. */
let lastWindow = { today: '', weeks: Number.NaN, holds: (_date: string) => false };

export function inWindow(date: IsoDate, today: IsoDate, weeks: number): boolean {
  if (lastWindow.today !== today || lastWindow.weeks !== weeks) {
    const end = windowEnd(today, weeks);
    // ISO dates of four-digit years order as strings do.
    lastWindow = { today, weeks, holds: memoized((d: string) => isIsoDate(d) && d >= today && d < end) };
  }
  return lastWindow.holds(date);
}

function coWeekMonday(coWeek: IsoDate | null | undefined): number | null {
  if (!coWeek || !isIsoDate(coWeek)) return null;
  return toEpochDays(coWeek) - weekday(coWeek);
}

export function meetingDates(today: IsoDate, weeks: number, schedule: MeetingSchedule): IsoDate[] {
  const start = toEpochDays(today);
  const coMonday = coWeekMonday(schedule.coWeek);
  const dates: IsoDate[] = [];
  for (let day = start; day < start + windowDays(weeks); day++) {
    const wd = (((day + 3) % 7) + 7) % 7;
    const inCoWeek = coMonday !== null && day >= coMonday && day < coMonday + 7;
    const midweek = inCoWeek ? CO_WEEK_MIDWEEK_DAY : schedule.mwDay;
    if (wd === midweek || wd === schedule.weDay) dates.push(fromEpochDays(day));
  }
  return dates;
}

// ---- ordering of hand-uploaded files ----

const PREFIX_RE = /^(\d{2}(?:-\d{2}){0,2}) - /;

/** `12-34 - Talk.jpg` -> [12, 34]; no prefix -> []. */
export function prefixOrder(name: string): number[] {
  const m = PREFIX_RE.exec(name);
  return m?.[1] ? m[1].split('-').map(Number) : [];
}

function comparePrefixes(a: number[], b: number[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}

/** One collator for all comparisons, made at first use: making one loads collation data (milliseconds). */
let collator: Intl.Collator | undefined;

/** A natural order of names: numbers by value, letters as a reader expects. */
export function naturalCompare(a: string, b: string): number {
  collator ??= new Intl.Collator('en', { numeric: true });
  return collator.compare(a, b);
}

/** Prefixed names first, by prefix; then by a natural order; then code units so the order is total. */
export function compareMediaNames(a: string, b: string): number {
  return compareNamed(a, prefixOrder(a), b, prefixOrder(b));
}

/** compareMediaNames for sorting many items: each name's prefix is parsed once. */
export function byMediaName<T>(nameOf: (item: T) => string): (x: T, y: T) => number {
  const prefix = memoized(prefixOrder);
  return (x, y) => {
    const a = nameOf(x);
    const b = nameOf(y);
    return compareNamed(a, prefix(a), b, prefix(b));
  };
}

function compareNamed(a: string, prefixA: number[], b: string, prefixB: number[]): number {
  const byPrefix = comparePrefixes(prefixA, prefixB);
  if (byPrefix !== 0) return Math.sign(byPrefix);
  const byLocale = naturalCompare(a, b);
  if (byLocale !== 0) return Math.sign(byLocale);
  return a < b ? -1 : a > b ? 1 : 0;
}
