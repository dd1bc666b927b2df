import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BURST_SECONDS, parseRate, RATE_PATTERN, RateSchedule } from '../../src/core/rate-limit.js';

describe('parseRate: a rate as rclone writes it', () => {
  it.each([
    ['512k', 512 * 1024],
    ['512K', 512 * 1024],
    ['2M', 2 * 1024 * 1024],
    ['1.5M', 1.5 * 1024 * 1024],
    ['1G', 1024 ** 3],
    ['800', 800],
    ['800b', 800],
    ['800B', 800],
    ['2MB', 2 * 1024 * 1024],
    ['2MiB', 2 * 1024 * 1024],
    ['512kB/s', 512 * 1024],
    [' 2M ', 2 * 1024 * 1024],
    ['2 M', 2 * 1024 * 1024],
    ['0.5', 1],
    ['1.9', 1],
  ])('%s is %d bytes per second', (text, bytes) => {
    expect(parseRate(text)).toBe(bytes);
  });

  it.each(['0', '0k', '0.0M', 'off', 'OFF', 'Off', '', '   '])('"%s" is no limit', (text) => {
    expect(parseRate(text)).toBe(0);
  });

  it.each(['-1', 'fast', '2X', '2MM', '1,5M', '.5M', '2M/min', '2Mbit', 'k', '1e6', '12:00,1M', 'on'])(
    '"%s" is no rate',
    (text) => {
      expect(parseRate(text)).toBeUndefined();
    },
  );

  it('accepts exactly what the settings page pattern accepts', () => {
    const pattern = new RegExp(RATE_PATTERN);
    const unit = fc.constantFrom(
      '',
      'k',
      'K',
      'm',
      'M',
      'g',
      'G',
      'b',
      'B',
      'kb',
      'KiB',
      'mB',
      'x',
      'kk',
      'ib',
    );
    const text = fc.oneof(
      fc.string(),
      fc
        .tuple(
          fc.constantFrom('', ' '),
          fc.stringMatching(/^\d{1,6}(\.\d{1,3})?$/),
          fc.constantFrom('', ' '),
          unit,
          fc.constantFrom('', '/s', '/S', '/m'),
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(parseRate(t) !== undefined).toBe(pattern.test(t));
      }),
    );
  });
});

/** Reserves `sizes` one after another at the same instant; the waits each was told. */
const reserveAll = (schedule: RateSchedule, sizes: number[], now: number) =>
  sizes.map((n) => schedule.reserve(n, now));

describe('RateSchedule: the token bucket on a fake clock', () => {
  it('without a limit, nothing ever waits', () => {
    const schedule = new RateSchedule(0, 0);
    expect(reserveAll(schedule, [1e9, 1e9, 1], 0)).toEqual([0, 0, 0]);
  });

  it('lets one burst through at once, then paces at the rate', () => {
    const rate = 100_000;
    const schedule = new RateSchedule(rate, 0);
    const burst = rate * BURST_SECONDS;
    expect(schedule.reserve(burst, 0)).toBe(0);
    // every further 10,000 bytes cost 100 ms more
    expect(reserveAll(schedule, [10_000, 10_000, 10_000], 0)).toEqual([100, 200, 300]);
  });

  it('a chunk larger than the bucket still passes, after its time', () => {
    const schedule = new RateSchedule(1000, 0);
    expect(schedule.reserve(250, 0)).toBe(0);
    expect(schedule.reserve(65_536, 0)).toBe(65_536);
  });

  it('refills with time, never beyond one burst', () => {
    const schedule = new RateSchedule(1000, 0);
    expect(schedule.reserve(250, 0)).toBe(0);
    expect(schedule.reserve(100, 100)).toBe(0); // 100 ms brought 100 bytes
    expect(schedule.reserve(1, 100)).toBe(1);
    // an hour of quiet: still only a quarter of a second's worth at once
    expect(schedule.reserve(250, 3_600_000)).toBe(0);
    expect(schedule.reserve(100, 3_600_000)).toBe(100);
  });

  it('transfers sharing it queue behind each other: together no more than the rate', () => {
    const rate = 64 * 1024;
    const schedule = new RateSchedule(rate, 0);
    schedule.reserve(rate * BURST_SECONDS, 0);
    // six downloads each ask for a 16 KiB chunk at the same instant
    const waits = reserveAll(schedule, Array(6).fill(16 * 1024), 0);
    expect(waits).toEqual([250, 500, 750, 1000, 1250, 1500]);
  });

  it('paced transfers that wait as told pass exactly the rate over a long run', () => {
    const rate = 50_000;
    const chunk = 16_384;
    const schedule = new RateSchedule(rate, 0);
    // three transfers, each sending its next chunk once its last one was let through
    const next = [0, 0, 0];
    let bytes = 0;
    const end = 60_000;
    for (;;) {
      const i = next.indexOf(Math.min(...next));
      const at = next[i] as number;
      if (at >= end) break;
      next[i] = at + schedule.reserve(chunk, at);
      if ((next[i] as number) <= end) bytes += chunk;
    }
    const achieved = bytes / (end / 1000);
    expect(achieved).toBeLessThanOrEqual(rate + (rate * BURST_SECONDS) / (end / 1000));
    expect(achieved).toBeGreaterThan(rate * 0.95);
  });

  it('a transfer that comes back after a pause finds the bucket full again', () => {
    const schedule = new RateSchedule(10_000, 0);
    expect(reserveAll(schedule, [2_500, 2_500], 0)).toEqual([0, 250]);
    expect(schedule.reserve(2_500, 10_000)).toBe(0);
  });

  it('a clock that seems to go back takes nothing from the bucket', () => {
    const schedule = new RateSchedule(1000, 1000);
    expect(schedule.reserve(250, 1000)).toBe(0);
    expect(schedule.reserve(100, 500)).toBe(100);
    expect(schedule.reserve(100, 1000)).toBe(200);
  });

  it('a lower limit: what is owed is paid at the new rate', () => {
    const schedule = new RateSchedule(10_000, 0);
    schedule.reserve(2_500, 0);
    expect(schedule.reserve(10_000, 0)).toBe(1000); // owes 10,000 bytes
    schedule.setRate(1_000, 0);
    expect(schedule.bytesPerSecond).toBe(1_000);
    expect(schedule.reserve(1_000, 0)).toBe(11_000);
  });

  it('a higher limit: a full bucket stays full only up to the new burst, and pacing follows the new rate', () => {
    const schedule = new RateSchedule(1_000, 0);
    schedule.setRate(100_000, 0);
    // the bucket held 250 bytes; from now on 100,000 bytes a second
    expect(schedule.reserve(250, 0)).toBe(0);
    expect(schedule.reserve(10_000, 0)).toBe(100);
    schedule.setRate(1_000, 1_000);
    // a second at 100,000 paid the debt and filled the bucket; cut to 250 bytes at the slower rate
    expect(schedule.reserve(250, 1_000)).toBe(0);
    expect(schedule.reserve(500, 1_000)).toBe(500);
  });

  it('switched off, nothing waits; switched on again, it starts with an empty bucket', () => {
    const schedule = new RateSchedule(1_000, 0);
    schedule.reserve(5_000, 0);
    schedule.setRate(0, 0);
    expect(schedule.reserve(1e9, 0)).toBe(0);
    schedule.setRate(1_000, 0);
    expect(schedule.reserve(100, 0)).toBe(100);
  });

  it('the same limit set again changes nothing', () => {
    const schedule = new RateSchedule(1_000, 0);
    schedule.reserve(250, 0);
    schedule.setRate(1_000, 0);
    expect(schedule.reserve(100, 0)).toBe(100);
  });
});
