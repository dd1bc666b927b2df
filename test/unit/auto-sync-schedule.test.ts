/**
 * When the automatic sync runs: at start, every interval, and 60 and 15 minutes before each meeting; never during a
 * meeting's time (start to two hours after), when it waits for the meeting's end.
 */
import { describe, expect, it } from 'vitest';
import {
  type MeetingTimes,
  meetingAt,
  meetingMarks,
  minutesOf,
  minutesToMeeting,
  minutesToNextSync,
  nextAutoSync,
} from '../../src/core/auto-sync-schedule.js';

/** Wednesday 19:00 and Sunday 10:00 (0 = Monday). */
const times: MeetingTimes = { mwDay: 2, weDay: 6, mwStartTime: '19:00', weStartTime: '10:00', coWeek: null };
const TUESDAY = '2026-12-01';
const at = (h: number, m = 0) => h * 60 + m;

describe('minutesOf', () => {
  it('reads HH:MM and refuses anything else', () => {
    expect(minutesOf('00:00')).toBe(0);
    expect(minutesOf('19:30')).toBe(1170);
    expect(minutesOf('23:59')).toBe(1439);
    for (const bad of ['24:00', '7:00', '19:60', '', '19:00:00']) expect(minutesOf(bad), bad).toBeNull();
  });
});

describe('meetingMarks', () => {
  it('60 and 15 minutes before each meeting start, with the weekend and midweek times', () => {
    expect(meetingMarks(TUESDAY, times).slice(0, 4)).toEqual([
      1440 + at(18), // Wednesday 18:00
      1440 + at(18, 45),
      5 * 1440 + at(9), // Sunday 09:00
      5 * 1440 + at(9, 45),
    ]);
  });

  it('in the week of the circuit overseer the midweek meeting is on Tuesday', () => {
    const co = { ...times, coWeek: '2026-12-03' };
    expect(meetingMarks(TUESDAY, co).slice(0, 2)).toEqual([at(18), at(18, 45)]);
  });

  it('a meeting without a valid start time has no marks', () => {
    expect(meetingMarks(TUESDAY, { ...times, mwStartTime: 'soon', weStartTime: '' })).toEqual([]);
  });
});

describe('minutesToNextSync', () => {
  const next = (now: number, sinceLast: number | null, today = TUESDAY, t = times) =>
    minutesToNextSync({ today, now, sinceLast, intervalMinutes: 10, times: t });

  it('at start: at once', () => {
    expect(next(at(12), null)).toBe(0);
  });

  it('then every interval, counted from when the last sync began', () => {
    expect(next(at(12), 0)).toBe(10);
    expect(next(at(12, 4), 4)).toBe(6);
    // a sync that took longer than the interval: the next one at once, never two at the same time
    expect(next(at(12, 30), 30)).toBe(0);
  });

  it('60 and 15 minutes before a meeting, when that comes before the interval ends', () => {
    const wednesday = '2026-12-02';
    expect(next(at(17, 55), 0, wednesday)).toBe(5); // 18:00
    expect(next(at(18, 40), 0, wednesday)).toBe(5); // 18:45
    expect(next(at(18, 45), 0, wednesday)).toBe(10); // the 18:45 sync just began: the interval again
  });

  it('a mark that passed while a sync ran is due at once', () => {
    expect(next(at(18, 2), 4, '2026-12-02', { ...times })).toBe(0);
  });

  it('with a long interval, the marks still come', () => {
    const long = minutesToNextSync({
      today: '2026-12-05',
      now: at(23),
      sinceLast: 0,
      intervalMinutes: 24 * 60,
      times,
    });
    expect(long).toBe(60 + at(9)); // Sunday 09:00
  });

  it('after midnight, the marks of yesterday are behind', () => {
    expect(next(at(0, 1), 0, '2026-12-03')).toBe(10);
  });
});

describe('meetingAt', () => {
  const WEDNESDAY = '2026-12-02';
  const during = (today: string, minute: number, t = times) => meetingAt(today, minute, t);

  it('before the start: none', () => {
    expect(during(WEDNESDAY, at(18, 59.99))).toBeNull();
  });

  it('from the start to two hours after, the end not included', () => {
    const meeting = { start: at(19), end: at(21) };
    expect(during(WEDNESDAY, at(19))).toEqual(meeting);
    expect(during(WEDNESDAY, at(20, 30))).toEqual(meeting);
    expect(during(WEDNESDAY, at(20, 59.99))).toEqual(meeting);
    expect(during(WEDNESDAY, at(21))).toBeNull();
    expect(during(WEDNESDAY, at(22))).toBeNull();
  });

  it('on a day without a meeting: none', () => {
    expect(during(TUESDAY, at(19, 30))).toBeNull();
  });

  it('the weekend meeting has its own time', () => {
    expect(during('2026-12-06', at(10, 15))).toEqual({ start: at(10), end: at(12) });
    expect(during('2026-12-06', at(19, 30))).toBeNull();
  });

  it('a meeting that runs past midnight holds the first minutes of the next day', () => {
    const late = { ...times, mwStartTime: '23:30' };
    expect(during(WEDNESDAY, at(23, 45), late)).toEqual({ start: at(23, 30), end: at(25, 30) });
    const thursday = '2026-12-03';
    expect(during(thursday, at(0, 15), late)).toEqual({ start: at(-1, 30), end: at(1, 30) });
    expect(during(thursday, at(1, 30), late)).toBeNull();
  });

  it('in the week of the circuit overseer the midweek meeting is on Tuesday, not Wednesday', () => {
    const co = { ...times, coWeek: '2026-12-03' };
    expect(during(TUESDAY, at(19, 30), co)).toEqual({ start: at(19), end: at(21) });
    expect(during(WEDNESDAY, at(19, 30), co)).toBeNull();
    expect(during('2026-12-06', at(10, 30), co)).toEqual({ start: at(10), end: at(12) });
  });

  it('a minute of a later day, counted from today', () => {
    expect(during(TUESDAY, 1440 + at(19, 30))).toEqual({ start: 1440 + at(19), end: 1440 + at(21) });
  });
});

describe('minutesToMeeting', () => {
  it("to the next meeting's start, a meeting that began already not counted", () => {
    expect(minutesToMeeting('2026-12-02', at(18, 45), times)).toBe(15);
    expect(minutesToMeeting('2026-12-02', at(19), times)).toBe(4 * 1440 - at(9)); // Sunday 10:00
    expect(minutesToMeeting(TUESDAY, at(12), { ...times, coWeek: '2026-12-03' })).toBe(at(7));
  });

  it('none without a valid start time', () => {
    expect(minutesToMeeting(TUESDAY, at(12), { ...times, mwStartTime: '', weStartTime: '' })).toBeNull();
  });
});

describe('nextAutoSync', () => {
  const WEDNESDAY = '2026-12-02';
  const next = (now: number, sinceLast: number | null, atLeast = 0, intervalMinutes = 10) =>
    nextAutoSync({ today: WEDNESDAY, now, sinceLast, intervalMinutes, times }, atLeast);

  it('outside meetings: the schedule as it is', () => {
    expect(next(at(12), 0)).toEqual({ minutes: 10, meeting: false });
    expect(next(at(12), null, 1 / 60)).toEqual({ minutes: 1 / 60, meeting: false });
  });

  it('a sync that would fall in a meeting waits for its end', () => {
    expect(next(at(18, 55), 0)).toEqual({ minutes: at(2, 5), meeting: true });
  });

  it('during a meeting: at its end, also at start and when the interval is long', () => {
    expect(next(at(19, 30), null)).toEqual({ minutes: 90, meeting: true });
    expect(next(at(20), 0, 0, 24 * 60)).toEqual({ minutes: 60, meeting: true });
  });

  it('at the end: the schedule again', () => {
    expect(next(at(21), 0)).toEqual({ minutes: 10, meeting: false });
  });
});
