/** Retries of transient failures (5xx, 408, 423, 425, 429, resets, timeouts): exponential backoff with jitter. */
import { setTimeout as sleep } from 'node:timers/promises';
import { isTransient, RemoteError } from './errors.js';

export interface RetryPolicy {
  count: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { count: 4, baseMs: 500, maxMs: 15_000 };

/** The delay before retry number `attempt` (1-based): exponential, jittered between half and all of it,
 * and at least what Retry-After asked for (capped, so that a hostile server cannot park us). */
export function backoffMs(
  attempt: number,
  error: unknown,
  policy: RetryPolicy,
  random = Math.random,
): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  const asked = error instanceof RemoteError ? (error.retryAfterMs ?? 0) : 0;
  return Math.max(jittered, Math.min(asked, policy.maxMs * 4));
}

/** Runs `attempt` again after a transient failure, as the policy allows; anything else is thrown at once. */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  signal?: AbortSignal,
): Promise<T> {
  for (let failures = 1; ; failures++) {
    try {
      return await attempt();
    } catch (error) {
      if (failures > policy.count || !isTransient(error) || signal?.aborted) throw error;
      await sleep(backoffMs(failures, error, policy), undefined, signal ? { signal } : {}).catch(() => {
        throw new RemoteError('cancelled', 'cancelled');
      });
    }
  }
}
