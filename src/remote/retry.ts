/** Retries of transient failures (5xx, 408, 423, 425, 429, resets, timeouts): exponential backoff with jitter. */
import { defer, lastValueFrom, type MonoTypeOperatorFunction, Observable, retry, throwError } from 'rxjs';
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

/**
 * The one retry rule, as an RxJS operator: a transient failure is tried again after backoffMs, as often as the policy
 * allows; anything else, and anything once `signal` is aborted, fails at once (a wait is cut short by the abort).
 */
export function retryTransient<T>(policy: RetryPolicy, signal?: AbortSignal): MonoTypeOperatorFunction<T> {
  return retry({
    count: policy.count,
    // A delay that completes without a value would end the retries silently: errors not to retry are thrown.
    delay: (error, attempt) =>
      isTransient(error) && !signal?.aborted
        ? wait(backoffMs(attempt, error, policy), signal)
        : throwError(() => error),
  });
}

/** Runs `attempt` again after a transient failure, as the policy allows; anything else is thrown at once. */
export function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  signal?: AbortSignal,
): Promise<T> {
  return lastValueFrom(defer(attempt).pipe(retryTransient(policy, signal)));
}

/** A timer that an abort turns into the cancellation error. */
function wait(ms: number, signal?: AbortSignal): Observable<0> {
  return new Observable((subscriber) => {
    const done = setTimeout(() => {
      subscriber.next(0);
      subscriber.complete();
    }, ms);
    const abort = () => subscriber.error(new RemoteError('cancelled', 'cancelled'));
    signal?.addEventListener('abort', abort, { once: true });
    return () => {
      clearTimeout(done);
      signal?.removeEventListener('abort', abort);
    };
  });
}
