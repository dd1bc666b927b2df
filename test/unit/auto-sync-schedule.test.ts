/** When the automatic sync runs: at start, every interval, and 60 and 15 minutes before each meeting. */
import { describe, expect, it } from 'vitest';
import {
  type MeetingTimes,
  meetingMarks,
  minutesOf,
  minutesToNextSync,
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
