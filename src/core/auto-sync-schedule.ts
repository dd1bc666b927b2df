/**
 * When the automatic sync runs next (pure): at start, then every interval, and besides 60 and 15 minutes before each
 * meeting's start time. Times are the local wall clock: a date and the minutes since its midnight.
 */
import type { IsoDate } from '../../contract/api.js';
import { addDays, weekday } from '../../contract/media-folders.js';
import { type MeetingSchedule, meetingDates } from './layout.js';

export interface MeetingTimes extends MeetingSchedule {
  /** `HH:MM`, local. */
  mwStartTime: string;
  weStartTime: string;
}

/** Minutes before a meeting's start at which a sync runs, besides the interval. */
export const BEFORE_MEETING_MINUTES = [60, 15] as const;

const MINUTES_PER_DAY = 24 * 60;

/** `19:30` -> 1170; anything else -> null. */
export function minutesOf(time: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** The marks (minutes from `today`'s midnight) before the meetings of today and the next 13 days. */
export function meetingMarks(today: IsoDate, times: MeetingTimes): number[] {
  const dates = new Set(meetingDates(today, 2, times));
  const marks: number[] = [];
  for (let day = 0; day < 14; day++) {
    const date = addDays(today, day);
    if (!dates.has(date)) continue;
    const start = minutesOf(weekday(date) === times.weDay ? times.weStartTime : times.mwStartTime);
    if (start === null) continue;
    for (const before of BEFORE_MEETING_MINUTES) marks.push(day * MINUTES_PER_DAY + start - before);
  }
  return marks.sort((a, b) => a - b);
}

/**
 * Minutes from now until the next sync: 0 when none ran yet (or the interval has passed since the last one began),
 * else the sooner of the interval's end and the next meeting mark after the last sync began.
 */
export function minutesToNextSync(input: {
  today: IsoDate;
  /** Minutes since today's midnight. */
  now: number;
  /** Minutes since the last sync began (null: none yet). */
  sinceLast: number | null;
  intervalMinutes: number;
  times: MeetingTimes;
}): number {
  const { now, sinceLast } = input;
  if (sinceLast === null) return 0;
  const byInterval = Math.max(0, input.intervalMinutes - sinceLast);
  const lastBegan = now - sinceLast;
  // marks of yesterday's meetings are behind; a mark that passed while a sync ran is due at once
  const marks = [
    ...meetingMarks(addDays(input.today, -1), input.times).map((m) => m - MINUTES_PER_DAY),
    ...meetingMarks(input.today, input.times),
  ];
  const mark = marks.find((m) => m > lastBegan);
  return mark === undefined ? byInterval : Math.min(byInterval, Math.max(0, mark - now));
}
