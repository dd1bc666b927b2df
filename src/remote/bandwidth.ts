/**
 * The bandwidth limit at the wire: one limiter (core/rate-limit.ts's schedule on the process's monotonic clock) that
 * every media download and upload of a plugin passes its chunks through, each chunk waiting its turn before it goes
 * on. Nothing is buffered beyond the chunk that waits: while it waits, the stream's back-pressure holds the socket
 * (a download) or the file (an upload).
 *
 * A socket held so is quiet because of us, not because the server went silent: while a chunk waits, the socket's idle
 * timeout rests, and it runs again, in full, when the chunk goes on. A limit far below what a request timeout allows
 * per chunk (several transfers share it) then slows transfers down without cutting them.
 */
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pipeline, type Readable, Transform } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { RateSchedule } from '../core/rate-limit.js';

/** The socket a limited stream's chunks come from or go to, once it has one. */
type SocketOf = () => Socket | null | undefined;

export class BandwidthLimiter {
  private readonly schedule: RateSchedule;
  private readonly sockets = new WeakMap<Readable, SocketOf>();

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

  /** A pass-through stream whose chunks leave no faster than the limit (see `holds` for its socket). */
  through(signal?: AbortSignal): Transform {
    const stream: Transform = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        const socket = this.sockets.get(stream)?.();
        const idle = socket?.timeout ?? 0;
        if (socket && idle > 0) socket.setTimeout(0);
        const resume = () => {
          if (socket && idle > 0 && !socket.destroyed) socket.setTimeout(idle);
        };
        this.take(chunk.length, signal).then(
          () => {
            resume();
            done(null, chunk);
          },
          (error: unknown) => {
            resume();
            done(error as Error);
          },
        );
      },
    });
    return stream;
  }

  /**
   * `stream`, one of `through`, reads from or sends to the socket `socketOf()` gives (a response's, a request's):
   * while one of its chunks waits, that socket's idle timeout rests. Any other stream is not held, and ignored.
   */
  holds(stream: Readable, socketOf: SocketOf): void {
    this.sockets.set(stream, socketOf);
  }

  /** `source` (a response) read no faster than the limit; an error on either side destroys both. */
  limit(source: Readable & { socket?: Socket | null; complete?: boolean }, signal?: AbortSignal): Readable {
    if (this.bytesPerSecond === 0) return source;
    const limited = this.through(signal);
    // once the whole response is in, its socket may serve another request: that one's timeout is left alone
    this.holds(limited, () => (source.complete ? null : source.socket));
    return pipeline(source, limited, () => {});
  }
}
