/**
 * The bandwidth limit, pure: the rate a user writes (`512k`, `2M`, `800`, `off`, as rclone reads them) and the token
 * bucket that shares it among every transfer of a sync and the organiser's uploads. The bucket is told the time on
 * each call, so it holds no clock: a test drives it with any sequence of instants.
 */

/** What the settings page and the command line accept: a number with an optional k/M/G (binary) and "B", or off. */
export const RATE_PATTERN =
  '^\\s*(?:|[oO][fF][fF]|\\d+(?:\\.\\d+)?\\s*(?:[kKmMgG](?:[iI]?[bB])?|[bB])?(?:/[sS])?)\\s*$';

const RATE_RE = /^(\d+(?:\.\d+)?)\s*(?:([kmg])(?:i?b)?|b)?(?:\/s)?$/i;
const UNIT: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/**
 * Bytes per second for a rate as written (whole bytes, at least one), 0 for no limit (`0`, `off`, empty), or
 * undefined for text that is no rate. It accepts exactly what RATE_PATTERN matches.
 */
export function parseRate(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'off') return 0;
  const match = RATE_RE.exec(trimmed);
  if (!match) return undefined;
  const value = Number(match[1]) * (match[2] ? (UNIT[match[2].toLowerCase()] ?? 1) : 1);
  if (value === 0) return 0;
  return Math.min(Number.MAX_SAFE_INTEGER, Math.max(1, Math.floor(value)));
}

/** How much may pass at once after a quiet spell, in seconds of the rate: small, so the line is never flooded. */
export const BURST_SECONDS = 0.25;

/**
 * A token bucket that lends: a reservation always succeeds, and says how long its bytes must wait. Tokens may go
 * below zero, so a chunk larger than the bucket still passes (after its time), and transfers sharing the bucket
 * queue behind each other in the order they asked: together they never pass more than the rate, plus one burst.
 */
export class RateSchedule {
  private rate: number;
  private tokens: number;
  private at: number;

  /** `rate` in bytes per second (0: no limit), `now` in milliseconds on any clock that only goes forward. */
  constructor(rate: number, now: number) {
    this.rate = rate;
    this.tokens = this.capacity();
    this.at = now;
  }

  get bytesPerSecond(): number {
    return this.rate;
  }

  /** Takes `n` bytes from the bucket; the milliseconds they must wait before passing (0: at once). */
  reserve(n: number, now: number): number {
    if (this.rate === 0) return 0;
    this.refill(now);
    this.tokens -= n;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.rate);
  }

  /**
   * A new limit from `now` on. What was lent stays owed (in bytes), and is paid at the new rate; a bucket fuller than
   * the new burst is cut to it. Waits already handed out are not changed.
   */
  setRate(rate: number, now: number): void {
    if (rate === this.rate) return;
    this.refill(now);
    this.rate = rate;
    this.tokens = rate === 0 ? 0 : Math.min(this.tokens, this.capacity());
  }

  private capacity(): number {
    return this.rate * BURST_SECONDS;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.at);
    this.at = Math.max(this.at, now);
    this.tokens = Math.min(this.capacity(), this.tokens + (elapsed * this.rate) / 1000);
  }
}
