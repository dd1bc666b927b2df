/**
 * When the automatic sync runs next (pure): at start, then every interval, and besides 60 and 15 minutes before each
 * meeting's start time; never during a meeting (its start time to two hours after), so that the hall's line is the
 * meeting's: a sync that would fall there waits for the meeting's end. Times are the local wall clock: a date and the
 * minutes since its midnight.
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

/** How long a meeting's time lasts from its start: no automatic sync runs then. */
export const MEETING_MINUTES = 120;

/** The start times (minutes from `from`'s midnight) of the meetings of `from` and the next 13 days, in order. */
function meetingStarts(from: IsoDate, times: MeetingTimes): number[] {
  const dates = new Set(meetingDates(from, 2, times));
  const starts: number[] = [];
  for (let day = 0; day < 14; day++) {
    const date = addDays(from, day);
    if (!dates.has(date)) continue;
    const start = minutesOf(weekday(date) === times.weDay ? times.weStartTime : times.mwStartTime);
    if (start !== null) starts.push(day * MINUTES_PER_DAY + start);
  }
  return starts;
}

/** The marks (minutes from `today`'s midnight) before the meetings of today and the next 13 days. */
export function meetingMarks(today: IsoDate, times: MeetingTimes): number[] {
  return meetingStarts(today, times)
    .flatMap((start) => BEFORE_MEETING_MINUTES.map((before) => start - before))
    .sort((a, b) => a - b);
}

/**
 * The meeting whose time holds `minute` (minutes from `today`'s midnight; below 0 or past a day are yesterday and the
 * days after): its start and end in the same minutes, the start included and the end not; null outside every meeting.
 * Yesterday's meetings count, so that one running past midnight holds its first minutes of today.
 */
export function meetingAt(
  today: IsoDate,
  minute: number,
  times: MeetingTimes,
): { start: number; end: number } | null {
  for (const from of meetingStarts(addDays(today, -1), times)) {
    const start = from - MINUTES_PER_DAY;
    if (minute >= start && minute < start + MEETING_MINUTES) return { start, end: start + MEETING_MINUTES };
  }
  return null;
}

/** Minutes from `minute` (of `today`) to the next meeting's start within two weeks; null when none comes. */
export function minutesToMeeting(today: IsoDate, minute: number, times: MeetingTimes): number | null {
  const start = meetingStarts(today, times).find((s) => s > minute);
  return start === undefined ? null : start - minute;
}

export interface ScheduleInput {
  today: IsoDate;
  /** Minutes since today's midnight. */
  now: number;
  /** Minutes since the last sync began (null: none yet). */
  sinceLast: number | null;
  intervalMinutes: number;
  times: MeetingTimes;
}

/**
 * Minutes from now until the next sync: 0 when none ran yet (or the interval has passed since the last one began),
 * else the sooner of the interval's end and the next meeting mark after the last sync began.
 */
export function minutesToNextSync(input: ScheduleInput): number {
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

/**
 * The next automatic sync, meetings minded: `minutes` from now, at least `atLeast`. While a meeting's time runs, or
 * when the sync would fall in one, it runs at that meeting's end instead, and `meeting` says so.
 */
export function nextAutoSync(input: ScheduleInput, atLeast = 0): { minutes: number; meeting: boolean } {
  const minutes = Math.max(atLeast, minutesToNextSync(input));
  const meeting =
    meetingAt(input.today, input.now, input.times) ??
    meetingAt(input.today, input.now + minutes, input.times);
  return meeting ? { minutes: meeting.end - input.now, meeting: true } : { minutes, meeting: false };
}
