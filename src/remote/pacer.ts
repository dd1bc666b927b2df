/**
 * The shared back-off of one connection to a server (as rclone's pacer): a 429 or 503 makes every later request of
 * the sync wait, not only the retry of the one that got it. While the server is throttling, requests leave one at a
 * time, `interval` apart; each answer that is not a throttle halves the interval until it is gone.
 */

export interface PacerPolicy {
  /** The interval after the first throttle without Retry-After. */
  minMs: number;
  /** The longest interval, and the longest Retry-After honoured. */
  maxMs: number;
}

export const DEFAULT_PACING: PacerPolicy = { minMs: 250, maxMs: 30_000 };

export const isThrottle = (status: number | undefined): boolean => status === 429 || status === 503;

export class Pacer {
  private intervalMs = 0;
  private nextAt = 0;

  constructor(
    private readonly policy: PacerPolicy = DEFAULT_PACING,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reserves the next slot: how long a request about to be sent must wait first (0 while not throttled). */
  reserve(): number {
    const now = this.now();
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + this.intervalMs;
    return at - now;
  }

  /** A throttle: the interval doubles (at least `minMs`), and nothing leaves before Retry-After has passed. */
  throttled(retryAfterMs?: number): void {
    const { minMs, maxMs } = this.policy;
    this.intervalMs = Math.min(maxMs, Math.max(minMs, this.intervalMs * 2));
    const pause = Math.min(maxMs, Math.max(this.intervalMs, retryAfterMs ?? 0));
    this.nextAt = Math.max(this.nextAt, this.now() + pause);
  }

  /** Any other answer: the interval decays, and is gone once below `minMs`. */
  answered(): void {
    if (this.intervalMs === 0) return;
    this.intervalMs = this.intervalMs / 2 < this.policy.minMs ? 0 : this.intervalMs / 2;
  }
}
