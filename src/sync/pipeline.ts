/**
 * Executes the fetches of a plan: bounded concurrency, each file streamed into place, transient failures retried
 * with exponential backoff and jitter (Retry-After honoured), one file's failure never stopping the others, and
 * cancellation that aborts requests and waits until every temporary file is gone.
 */
import {
  catchError,
  defer,
  EMPTY,
  from,
  fromEvent,
  lastValueFrom,
  map,
  mergeMap,
  of,
  takeUntil,
  toArray,
} from 'rxjs';
import type { FetchGroup, Target } from '../core/planner.js';
import { openGet } from '../remote/download.js';
import { RemoteError } from '../remote/errors.js';
import type { Connection } from '../remote/http.js';
import { DEFAULT_RETRY, type RetryPolicy, retryTransient } from '../remote/retry.js';
import { copyAtomically, writeAtomically } from './files.js';

export interface ExecuteOptions {
  connection: Connection;
  mediaFolder: string;
  concurrency: number;
  signal: AbortSignal;
  retry?: RetryPolicy;
  onBytes?: (n: number) => void;
  /** Called once per target as soon as its file is in place, so that records commit as files complete. */
  onPlaced?: (group: FetchGroup, target: Target) => void;
}

export type FetchOutcome = { group: FetchGroup; ok: true } | { group: FetchGroup; ok: false; error: unknown };

export async function executeFetches(
  groups: readonly FetchGroup[],
  options: ExecuteOptions,
): Promise<FetchOutcome[]> {
  // Nothing to fetch, the most common sync: no pipeline to build.
  if (groups.length === 0) {
    if (options.signal.aborted) throw new RemoteError('cancelled', 'cancelled');
    return [];
  }
  const policy = options.retry ?? DEFAULT_RETRY;
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(promise: Promise<T>) => {
    inFlight.add(promise);
    promise.then(
      () => inFlight.delete(promise),
      () => inFlight.delete(promise),
    );
    return promise;
  };
  const cancelled$ = options.signal.aborted ? of(true) : fromEvent(options.signal, 'abort');
  const outcomes = await lastValueFrom(
    from(groups).pipe(
      mergeMap(
        (group) =>
          defer(() => track(fetchGroup(group, options))).pipe(
            retryTransient(policy, options.signal),
            map((): FetchOutcome => ({ group, ok: true })),
            catchError((error) =>
              options.signal.aborted ? EMPTY : of<FetchOutcome>({ group, ok: false, error }),
            ),
          ),
        options.concurrency,
      ),
      takeUntil(cancelled$),
      toArray(),
    ),
  );
  await Promise.allSettled([...inFlight]);
  if (options.signal.aborted) throw new RemoteError('cancelled', 'cancelled');
  return outcomes;
}

/** One GET into the first target, copies to the others. */
async function fetchGroup(group: FetchGroup, options: ExecuteOptions): Promise<void> {
  const [first, ...others] = group.targets;
  if (!first) return;
  const body = await openGet(options.connection, group.remote, options.signal);
  const placed = await writeAtomically(options.mediaFolder, first.local, body, group.size, {
    signal: options.signal,
    ...(options.onBytes ? { onBytes: options.onBytes } : {}),
  });
  options.onPlaced?.(group, first);
  for (const target of others) {
    await copyAtomically(options.mediaFolder, placed, target.local);
    options.onPlaced?.(group, target);
  }
}
