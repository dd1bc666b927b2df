import { describe, expect, it } from 'vitest';
import { fromStatus, RemoteError, retryAfterMs } from '../../src/remote/errors.js';
import { backoffMs, DEFAULT_RETRY, type RetryPolicy, withRetries } from '../../src/remote/retry.js';

const POLICY: RetryPolicy = { count: 10, baseMs: 100, maxMs: 1_000 };

/** mulberry32: a small seeded generator in [0, 1). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const reset = new RemoteError('reset', 'socket hang up');

describe('backoffMs', () => {
  it.each([
    [1, 100],
    [2, 200],
    [3, 400],
    [4, 800],
    [5, 1_000],
    [6, 1_000],
    [20, 1_000],
  ])('attempt %i: exponential %i ms, capped by maxMs, jitter between half and all of it', (attempt, exp) => {
    expect(backoffMs(attempt, reset, POLICY, () => 0)).toBe(exp / 2);
    expect(backoffMs(attempt, reset, POLICY, () => 0.5)).toBe((exp * 3) / 4);
    expect(backoffMs(attempt, reset, POLICY, () => 0.999_999)).toBeCloseTo(exp, 1);
  });

  it('with a seeded random: every delay lies in [exp/2, exp] and the spread covers the range', () => {
    const random = seeded(42);
    for (let attempt = 1; attempt <= 8; attempt++) {
      const exp = Math.min(POLICY.maxMs, POLICY.baseMs * 2 ** (attempt - 1));
      const delays = Array.from({ length: 200 }, () => backoffMs(attempt, reset, POLICY, random));
      for (const d of delays) {
        expect(d).toBeGreaterThanOrEqual(exp / 2);
        expect(d).toBeLessThanOrEqual(exp);
      }
      expect(Math.min(...delays)).toBeLessThan(exp * 0.6);
      expect(Math.max(...delays)).toBeGreaterThan(exp * 0.9);
    }
  });

  it('is reproducible with the same seed', () => {
    const run = (seed: number) => {
      const random = seeded(seed);
      return [1, 2, 3, 4, 5].map((attempt) => backoffMs(attempt, reset, POLICY, random));
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('grows with the attempt for the same random draw', () => {
    const delays = [1, 2, 3, 4].map((attempt) => backoffMs(attempt, reset, POLICY, () => 0.3));
    expect(delays).toEqual([65, 130, 260, 520]);
  });

  it("waits at least a RemoteError's retryAfterMs", () => {
    const limited = new RemoteError('rate-limit', 'HTTP 429', 429, 3_000);
    const random = seeded(1);
    for (let attempt = 1; attempt <= 6; attempt++) {
      expect(backoffMs(attempt, limited, POLICY, random)).toBe(3_000);
    }
  });

  it('a Retry-After shorter than the backoff does not shorten it', () => {
    const soon = new RemoteError('server', 'HTTP 503', 503, 10);
    expect(backoffMs(3, soon, POLICY, () => 0)).toBe(200);
  });

  it('Retry-After is honoured only on a RemoteError', () => {
    const lookalike = Object.assign(new Error('x'), { retryAfterMs: 5_000 });
    expect(backoffMs(1, lookalike, POLICY, () => 0)).toBe(50);
  });

  it('a Retry-After is cut at four times maxMs, so a server cannot park the sync', () => {
    const parked = new RemoteError('rate-limit', 'HTTP 429', 429, 3_600_000);
    expect(backoffMs(1, parked, POLICY, () => 0)).toBe(4_000);
  });

  it('with the default policy, a parsed Retry-After (capped at a minute) is waited in full', () => {
    const header = new RemoteError('rate-limit', 'HTTP 429', 429, retryAfterMs('120'));
    expect(backoffMs(1, header, DEFAULT_RETRY, () => 0)).toBe(60_000);
    const twenty = new RemoteError('rate-limit', 'HTTP 429', 429, retryAfterMs('20'));
    expect(backoffMs(1, twenty, DEFAULT_RETRY, () => 0)).toBe(20_000);
  });
});

describe('withRetries', () => {
  const fast: RetryPolicy = { count: 3, baseMs: 1, maxMs: 2 };
  const failing = (errors: unknown[]) => {
    let calls = 0;
    const attempt = async () => {
      const error = errors[calls++];
      if (error) throw error;
      return calls;
    };
    return { attempt, calls: () => calls };
  };

  it('tries again after transient failures and returns the first success', async () => {
    const f = failing([new RemoteError('reset', 'x'), fromStatus(503, 'GET'), fromStatus(429, 'GET')]);
    await expect(withRetries(f.attempt, fast)).resolves.toBe(4);
    expect(f.calls()).toBe(4);
  });

  it('gives up after the policy count, with the last error', async () => {
    const last = fromStatus(500, 'GET');
    const f = failing([fromStatus(500, 'GET'), fromStatus(500, 'GET'), fromStatus(500, 'GET'), last]);
    await expect(withRetries(f.attempt, fast)).rejects.toBe(last);
    expect(f.calls()).toBe(4);
  });

  it('does not retry 401, 403 and 404', async () => {
    for (const status of [401, 403, 404]) {
      const f = failing([fromStatus(status, 'GET')]);
      await expect(withRetries(f.attempt, fast)).rejects.toMatchObject({ status });
      expect(f.calls()).toBe(1);
    }
  });

  it('stops waiting when cancelled', async () => {
    const abort = new AbortController();
    const f = failing([new RemoteError('reset', 'x'), new RemoteError('reset', 'x')]);
    const slow: RetryPolicy = { count: 3, baseMs: 60_000, maxMs: 60_000 };
    const running = withRetries(f.attempt, slow, abort.signal);
    setTimeout(() => abort.abort(), 20);
    await expect(running).rejects.toMatchObject({ kind: 'cancelled' });
    expect(f.calls()).toBe(1);
  });
});
