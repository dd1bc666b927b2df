/**
 * The bandwidth limit at the wire: one limiter (core/rate-limit.ts's schedule on the process's monotonic clock) that
 * every media download and upload of a plugin passes its chunks through, each chunk waiting its turn before it goes
 * on. Nothing is buffered beyond the chunk that waits: while it waits, the stream's back-pressure holds the socket
 * (a download) or the file (an upload).
 */
import { performance } from 'node:perf_hooks';
import { pipeline, type Readable, Transform } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { RateSchedule } from '../core/rate-limit.js';

export class BandwidthLimiter {
  private readonly schedule: RateSchedule;

  /** `bytesPerSecond` 0: no limit. */
  constructor(
    bytesPerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.schedule = new RateSchedule(bytesPerSecond, now());
  }

  get bytesPerSecond(): number {
    return this.schedule.bytesPerSecond;
  }

  /** A new limit for every transfer, those under way included. */
  setRate(bytesPerSecond: number): void {
    this.schedule.setRate(bytesPerSecond, this.now());
  }

  /** Resolves once `n` more bytes may pass; rejects with an AbortError when `signal` aborts first. */
  async take(n: number, signal?: AbortSignal): Promise<void> {
    const wait = this.schedule.reserve(n, this.now());
    if (wait > 0) await sleep(wait, undefined, { signal });
  }

  /** A pass-through stream whose chunks leave no faster than the limit. */
  through(signal?: AbortSignal): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.take(chunk.length, signal).then(
          () => done(null, chunk),
          (error: unknown) => done(error as Error),
        );
      },
    });
  }

  /** `source` read no faster than the limit; an error on either side destroys both. Without a limit, `source`. */
  limit(source: Readable, signal?: AbortSignal): Readable {
    if (this.bytesPerSecond === 0) return source;
    return pipeline(source, this.through(signal), () => {});
  }
}
