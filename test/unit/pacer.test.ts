import { describe, expect, it } from 'vitest';
import { isThrottle, Pacer } from '../../src/remote/pacer.js';

/** A pacer on a clock the test moves. */
function paced() {
  const clock = { now: 1_000_000 };
  const pacer = new Pacer({ minMs: 250, maxMs: 30_000 }, () => clock.now);
  return { clock, pacer };
}

describe('Pacer: the shared back-off', () => {
  it('lets every request go at once while the server does not throttle', () => {
    const { pacer } = paced();
    expect(Array.from({ length: 20 }, () => pacer.reserve())).toEqual(Array(20).fill(0));
    pacer.answered();
    expect(pacer.reserve()).toBe(0);
  });

  it('after a 429 with Retry-After, every later request waits, not only the retry', () => {
    const { pacer } = paced();
    pacer.throttled(2_000);
    const waits = Array.from({ length: 4 }, () => pacer.reserve());
    expect(waits).toEqual([2_000, 2_250, 2_500, 2_750]);
  });

  it('doubles the interval on each throttle, up to the maximum, and honours no Retry-After above it', () => {
    const { pacer } = paced();
    pacer.throttled();
    expect(pacer.reserve()).toBe(250);
    for (let i = 0; i < 20; i++) pacer.throttled();
    const { pacer: fresh } = paced();
    fresh.throttled(3_600_000);
    expect(fresh.reserve()).toBe(30_000);
  });

  it('decays back to no waiting once the server answers again', () => {
    const { clock, pacer } = paced();
    pacer.throttled();
    pacer.throttled();
    pacer.throttled(); // interval 1000
    clock.now += 60_000;
    expect(pacer.reserve()).toBe(0);
    expect(pacer.reserve()).toBe(1_000);
    clock.now += 60_000;
    pacer.answered(); // 500
    pacer.answered(); // 250
    expect(pacer.reserve()).toBe(0);
    expect(pacer.reserve()).toBe(250);
    pacer.answered(); // gone
    clock.now += 60_000;
    expect(pacer.reserve()).toBe(0);
    expect(pacer.reserve()).toBe(0);
  });

  it('counts 429 and 503 as throttles, nothing else', () => {
    expect([429, 503].every(isThrottle)).toBe(true);
    expect([200, 207, 404, 500, 502, 504, undefined].some(isThrottle)).toBe(false);
  });
});
