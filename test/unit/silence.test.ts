import { describe, expect, it } from 'vitest';
import { SilenceWatch } from '../../src/remote/silence.js';

describe('SilenceWatch: when a server counts as not answering', () => {
  it('a first timeout is a hiccup; a retry sent after it that times out too, with nothing heard, is silence', () => {
    const watch = new SilenceWatch();
    const first = watch.sending();
    expect(watch.timedOut(first)).toBe(false);
    expect(watch.isSilent).toBe(false);
    const retry = watch.sending();
    expect(watch.timedOut(retry)).toBe(true);
    expect(watch.isSilent).toBe(true);
  });

  it('requests sent together before the first timeout are one silence, however many time out', () => {
    const watch = new SilenceWatch();
    const together = Array.from({ length: 20 }, () => watch.sending());
    for (const n of together) expect(watch.timedOut(n)).toBe(false);
    expect(watch.isSilent).toBe(false);
    expect(watch.timedOut(watch.sending())).toBe(true);
  });

  it('any byte from the server between the timeouts starts over: a stall mid-sync is retried each time', () => {
    const watch = new SilenceWatch();
    for (let round = 0; round < 10; round++) {
      expect(watch.timedOut(watch.sending())).toBe(false);
      watch.heardFrom();
    }
    expect(watch.isSilent).toBe(false);
  });

  it('a second timeout of a request sent before the first one timed out is not a second silence', () => {
    const watch = new SilenceWatch();
    const early = watch.sending();
    const first = watch.sending();
    expect(watch.timedOut(first)).toBe(false);
    expect(watch.timedOut(early)).toBe(false);
    expect(watch.isSilent).toBe(false);
  });
});
