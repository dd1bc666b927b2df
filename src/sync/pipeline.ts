/**
 * Executes the fetches of a plan: concurrency by bytes in flight (core/fetch-schedule.ts), each file streamed into place, transient failures retried
 * with exponential backoff and jitter (Retry-After honoured), one file's failure never stopping the others except a
 * full disk (which stops the fetching), and cancellation that aborts requests and waits until every temporary file
 * is gone.
 */
import { setMaxListeners } from 'node:events';
import {
  catchError,
  defer,
  EMPTY,
  fromEvent,
  lastValueFrom,
  map,
  Observable,
  of,
  Subscription,
  takeUntil,
  takeWhile,
  toArray,
} from 'rxjs';
import { type FetchBudget, fetchBudget, pickStarts, startOrder, weightOf } from '../core/fetch-schedule.js';
import type { FetchGroup, Target } from '../core/planner.js';
import { LocalError } from '../local/errors.js';
import { openMedia } from '../remote/download.js';
import { RemoteError } from '../remote/errors.js';
import type { Connection } from '../remote/http.js';
import { DEFAULT_RETRY, type RetryPolicy, retryTransient } from '../remote/retry.js';
import { copyAtomically, writeDownload } from './files.js';

export interface FetchOptions {
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
  options: FetchOptions,
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
  // A full disk ends the fetching: nothing more is started, and the requests in flight are aborted (their temporary
  // files removed), since every further file would fail the same way after costing its download.
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  // Every download listens to it twice (its request and its file), as to the sync's own signal.
  setMaxListeners(0, signal);
  const outcomes = await lastValueFrom(
    scheduled(groups, fetchBudget(options.concurrency), (group, received) =>
      defer(() => track(fetchGroup(group, { ...options, signal }, received))).pipe(
        retryTransient(policy, signal),
        map((): FetchOutcome => ({ group, ok: true })),
        catchError((error) => (signal.aborted ? EMPTY : of<FetchOutcome>({ group, ok: false, error }))),
      ),
    ).pipe(
      takeWhile((outcome) => !isDiskFull(outcome), true),
      takeUntil(cancelled$),
      toArray(),
    ),
  );
  stop.abort();
  await Promise.allSettled([...inFlight]);
  if (options.signal.aborted) throw new RemoteError('cancelled', 'cancelled');
  return outcomes;
}

/** True for a fetch that failed because the media folder's disk is full. */
export const isDiskFull = (outcome: FetchOutcome): boolean =>
  !outcome.ok && outcome.error instanceof LocalError && outcome.error.kind === 'disk-full';

/**
 * Runs each group as the budget allows, largest first, and emits what each run emits. A run calls `received` once
 * its body has arrived whole: its request is over, and the next may start while it is written.
 */
function scheduled<R>(
  groups: readonly FetchGroup[],
  budget: FetchBudget,
  run: (group: FetchGroup, received: () => void) => Observable<R>,
): Observable<R> {
  return new Observable<R>((subscriber) => {
    const waiting = startOrder(groups);
    const sizes = waiting.map((g) => g.size);
    const inFlight = { requests: 0, bytes: 0, held: 0 };
    const runs = new Subscription();
    const startSome = () => {
      // a body that arrives after the subscriber left (a full disk, a cancel) starts nothing more
      if (subscriber.closed) return;
      const picked = pickStarts(sizes, inFlight, budget);
      const started = picked.map((i) => waiting[i] as FetchGroup);
      for (const i of picked.reverse()) {
        waiting.splice(i, 1);
        sizes.splice(i, 1);
      }
      for (const group of started) {
        const weight = weightOf(group.size, budget);
        inFlight.requests++;
        inFlight.bytes += weight;
        let held = false;
        const received = () => {
          if (held) return;
          held = true;
          inFlight.requests--;
          inFlight.bytes -= weight;
          inFlight.held++;
          startSome();
        };
        const done = () => {
          if (held) inFlight.held--;
          else {
            inFlight.requests--;
            inFlight.bytes -= weight;
          }
          if (inFlight.requests + inFlight.held === 0 && waiting.length === 0) subscriber.complete();
          else startSome();
        };
        runs.add(
          run(group, received).subscribe({
            next: (v) => subscriber.next(v),
            error: (e) => subscriber.error(e),
            complete: done,
          }),
        );
      }
    };
    startSome();
    return runs;
  });
}

/** One GET into the first target, copies to the others. */
async function fetchGroup(group: FetchGroup, options: FetchOptions, received: () => void): Promise<void> {
  const [first, ...others] = group.targets;
  if (!first) return;
  const body = await openMedia(options.connection, group.remote, options.signal);
  const placed = await writeDownload(options.mediaFolder, first.local, body, group.size, {
    signal: options.signal,
    onBytes: options.onBytes,
    onReceived: received,
  });
  options.onPlaced?.(group, first);
  for (const target of others) {
    await copyAtomically(options.mediaFolder, placed, target.local);
    options.onPlaced?.(group, target);
  }
}
