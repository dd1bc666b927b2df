/**
 * Which downloads run at once: concurrency by bytes in flight, not by file count. A small file costs a round trip
 * and few bytes, so many run together; a large one fills the line alone. The largest start first, so that the
 * small ones fill the line around them instead of a large one finishing last on its own. A small file's request is
 * over once its body has arrived: the next one starts while it is being written, not after.
 */

export interface FetchBudget {
  /** Requests in flight at most (the connections the sync opens). */
  maxRequests: number;
  /** Bytes in flight at most, each file counted as at most `largeBytes`. */
  maxBytes: number;
  /** A file of this size or more takes a full share: it streams, so only a window of it is ever in flight. */
  largeBytes: number;
  /** Small bodies received whole and held until they are written, at most (a slow disk holds back new starts). */
  maxHeld: number;
}

/** The connections a sync opens at most. */
export const MAX_REQUESTS = 16;
const LARGE_BYTES = 1024 * 1024;
/** Bodies waiting for their write: a few hide the write's latency; more only hold memory (measured: +10 MiB at 16). */
const HELD = 4;

/** `concurrency` large files at once; small ones up to three times as many requests, MAX_REQUESTS at most. */
export function fetchBudget(concurrency: number): FetchBudget {
  return {
    maxRequests: Math.min(MAX_REQUESTS, concurrency * 3),
    maxBytes: concurrency * LARGE_BYTES,
    largeBytes: LARGE_BYTES,
    maxHeld: HELD,
  };
}

export const weightOf = (size: number, budget: FetchBudget): number =>
  Math.min(Math.max(size, 1), budget.largeBytes);

/** The order of starts: largest first; equal sizes keep their order. */
export function startOrder<T extends { size: number }>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.size - a.item.size || a.index - b.index)
    .map(({ item }) => item);
}

export interface InFlight {
  requests: number;
  bytes: number;
  /** Bodies received, not yet written. */
  held: number;
}

/**
 * Which of the waiting sizes (in start order) start now, given what is in flight: each that fits the budget, in
 * order; one that does not is passed over for smaller ones after it. Anything starts when nothing is in flight.
 */
export function pickStarts(waiting: readonly number[], inFlight: InFlight, budget: FetchBudget): number[] {
  const picked: number[] = [];
  let { requests, bytes } = inFlight;
  const room = () =>
    requests < budget.maxRequests && requests + inFlight.held < budget.maxRequests + budget.maxHeld;
  for (let i = 0; i < waiting.length && room(); i++) {
    const weight = weightOf(waiting[i] as number, budget);
    if (requests > 0 && bytes + weight > budget.maxBytes) continue;
    picked.push(i);
    requests++;
    bytes += weight;
  }
  return picked;
}
