/**
 * Whether each meeting date is ready (pure): every visible item of the date is there, or what is missing and why.
 * Missing are an item without a file on this computer, and whatever the last sync could not bring for that date
 * (its problems, by the date in their path; a recurring file's on every date).
 */
import type { DateStatus, IsoDate, MediaItem } from '../../contract/api.js';
import { parseDateFolder } from '../../contract/media-folders.js';
import { RECURRING_DIR } from './layout.js';

export interface ReadinessInput {
  dates: readonly IsoDate[];
  items: readonly MediaItem[];
  /** The files of items that are on this computer (absolute paths). */
  present: ReadonlySet<string>;
  /** The last sync's problems: a remote or local path, and the message. */
  problems: ReadonlyArray<{ path: string; message: string }>;
  /** The reason of an item without a file, in the user's words. */
  noFile: string;
}

/** The date a problem's path is about (the first of its segments that is a date folder); 'all' for a recurring file. */
function dateOf(path: string): IsoDate | 'all' | null {
  const segments = path.split('/');
  if (segments.includes(RECURRING_DIR)) return 'all';
  for (const segment of segments) {
    const date = parseDateFolder(segment);
    if (date) return date;
  }
  return null;
}

const nameOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

export function readiness(input: ReadinessInput): DateStatus[] {
  return input.dates.map((date) => {
    const missing: DateStatus['missing'] = [];
    for (const item of input.items) {
      if (item.date !== date || item.hidden) continue;
      if (!item.file || !input.present.has(item.file))
        missing.push({ name: item.name, reason: input.noFile });
    }
    for (const problem of input.problems) {
      const about = dateOf(problem.path);
      if (about !== date && about !== 'all') continue;
      const name = nameOf(problem.path);
      if (!missing.some((m) => m.name === name)) missing.push({ name, reason: problem.message });
    }
    return { date, ready: missing.length === 0, missing };
  });
}
