/**
 * Conventions of the media folder that host and plugins share: meeting dates (`YYYY-MM-DD`), the four date-folder
 * formats of M³ (`<mediaFolder>/<date folder>/<file>`), and the order of media names. Pure: no I/O, no state.
 */
import type { IsoDate, MediaItem, MeetingSection } from './api.js';

export const DATE_FORMATS = ['YYYY-MM-DD', 'YYYY-MM-DD - dddd', 'DD-MM-YYYY', 'DD-MM-YYYY - dddd'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const isDateFormat = (s: unknown): s is DateFormat => (DATE_FORMATS as readonly unknown[]).includes(s);

const MS_PER_DAY = 86_400_000;
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

/** The date of `now` where the user is: the meeting calendar is local, not UTC. */
export function localToday(now: Date): IsoDate {
  return toIso(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(date: IsoDate): number {
  return (((toEpochDays(date) + 3) % 7) + 7) % 7;
}
// ---- date folders ----

const YMD_FOLDER_RE = /^(\d{4})-(\d{2})-(\d{2})(?: - [^/]+)?$/;
const DMY_FOLDER_RE = /^(\d{2})-(\d{2})-(\d{4})(?: - [^/]+)?$/;

/** The date a folder's name means in any of the four formats, or null. */
export function parseDateFolder(name: string): IsoDate | null {
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
// ---- ordering of hand-uploaded files ----

const PREFIX_RE = /^(\d{2}(?:-\d{2}){0,2}) - /;

/** `12-34 - Talk.jpg` -> [12, 34]; no prefix -> []. */
export function prefixOrder(name: string): number[] {
  const m = PREFIX_RE.exec(name);
  return m?.[1] ? m[1].split('-').map(Number) : [];
}

/** The name without its order prefix: `01 - Welcome.jpg` -> `Welcome.jpg`; a name that is only a prefix stays. */
export function withoutPrefix(name: string): string {
  const rest = name.replace(PREFIX_RE, '');
  return rest.length > 0 ? rest : name;
}

function comparePrefixes(a: number[], b: number[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}

/** A natural order of names: numbers by value, letters as a reader expects. */
export const naturalCompare = new Intl.Collator('en', { numeric: true }).compare;

/** A name with its parsed prefix, for sorting many names (each prefix parsed once). */
export interface MediaNameKey {
  name: string;
  prefix: number[];
}

export const mediaNameKey = (name: string): MediaNameKey => ({ name, prefix: prefixOrder(name) });

/** Prefixed names first, by prefix; then by a natural order; then code units so the order is total. */
export function compareMediaKeys(a: MediaNameKey, b: MediaNameKey): number {
  const byPrefix = comparePrefixes(a.prefix, b.prefix);
  if (byPrefix !== 0) return Math.sign(byPrefix);
  const byLocale = naturalCompare(a.name, b.name);
  if (byLocale !== 0) return Math.sign(byLocale);
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export const compareMediaNames = (a: string, b: string): number =>
  compareMediaKeys(mediaNameKey(a), mediaNameKey(b));

// ---- parts of a meeting ----

/** The parts of a meeting in the order they are held (a date has the midweek's or the weekend's). */
export const MEETING_SECTIONS: readonly MeetingSection[] = [
  'tgw',
  'ayfm',
  'lac',
  'pt',
  'wt',
  'circuit-overseer',
];

export const isMeetingSection = (s: unknown): s is MeetingSection =>
  (MEETING_SECTIONS as readonly unknown[]).includes(s);

const sectionRank = (section: MeetingSection | undefined) =>
  section === undefined ? MEETING_SECTIONS.length : MEETING_SECTIONS.indexOf(section);
const EDGE_RANK = { start: 0, end: 2 } as const;

/**
 * The order of two items of one date by their place in the meeting: sections in meeting order (items of none after
 * them), and within a section the items at its start, then the others, then those at its end; 0 for the same place.
 */
export function comparePlaces(
  a: Pick<MediaItem, 'section' | 'at'>,
  b: Pick<MediaItem, 'section' | 'at'>,
): number {
  const bySection = sectionRank(a.section) - sectionRank(b.section);
  if (bySection !== 0) return bySection;
  return (a.at ? EDGE_RANK[a.at] : 1) - (b.at ? EDGE_RANK[b.at] : 1);
}
