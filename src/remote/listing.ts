/** Lists the sync folder: one PROPFIND Depth: infinity where allowed, else a Depth: 1 walk of what matters. */

import type { IsoDate } from '../../contract/api.js';
import { parseDateFolder } from '../../contract/media-folders.js';
import { HIDDEN_DIR, MEDIA_DIR, RECURRING_DIR } from '../core/layout.js';
import type { RemoteEntry } from '../core/remote-entry.js';
import { RemoteError } from './errors.js';
import type { Connection } from './http.js';
import { type Depth, readMultistatus } from './propfind.js';
import { type RetryPolicy, withRetries } from './retry.js';

export type Strategy = 'infinity' | 'walk';

export interface Listing {
  strategy: Strategy;
  /** SHA-256 of the one response the entries came from (none for a walk: its order of answers varies). */
  digest?: string;
  entries: RemoteEntry[];
}

export interface ListOptions {
  /** What worked with this server before, if known. */
  remembered?: Strategy;
  /** Which dates matter, for the walk: dates outside are not entered. */
  wanted(date: IsoDate): boolean;
  signal?: AbortSignal;
  /** How many Depth: 1 requests run at once during a walk. */
  concurrency?: number;
  /** Retries of transient failures of each request. */
  retry?: RetryPolicy;
}

type List = (segments: string[], depth: Depth) => Promise<RemoteEntry[]>;

const REFUSES_INFINITY = new Set([400, 403, 412, 501]);

export async function listSyncFolder(connection: Connection, options: ListOptions): Promise<Listing> {
  const read = (segments: string[], depth: Depth) =>
    readMultistatus(connection, segments, depth, options.signal);
  const retried = <T>(attempt: () => Promise<T>) => withRetries(attempt, options.retry, options.signal);
  const list: List = async (segments, depth) => (await retried(() => read(segments, depth))).entries;
  if (options.remembered !== 'walk') {
    try {
      const { digest, entries } = await retried(() => read([], 'infinity'));
      if (!(await isSilentlyShallow(list, entries))) return { strategy: 'infinity', digest, entries };
    } catch (error) {
      if (!(error instanceof RemoteError && error.status !== undefined && REFUSES_INFINITY.has(error.status)))
        throw error;
    }
  }
  return { strategy: 'walk', entries: await walk(list, options) };
}

/**
 * Some servers answer Depth: infinity with one level only. If nothing deeper than the top came back, but Media or
 * Hidden is there, one Depth: 1 look into them tells whether they really are empty.
 */
async function isSilentlyShallow(list: List, entries: RemoteEntry[]) {
  if (entries.some((e) => e.path.length > 1)) return false;
  for (const top of [MEDIA_DIR, HIDDEN_DIR]) {
    if (!entries.some((e) => e.isDirectory && e.path.length === 1 && e.path[0] === top)) continue;
    const inside = await list([top], '1');
    if (inside.some((e) => e.path.length > 1)) return true;
  }
  return false;
}

/** Depth: 1 into the top, Media, Hidden, then the wanted date folders and Recurring. */
async function walk(list: List, options: ListOptions): Promise<RemoteEntry[]> {
  const top = await list([], '1');
  const has = (name: string) => top.some((e) => e.isDirectory && e.path.length === 1 && e.path[0] === name);
  const second = (
    await Promise.all([MEDIA_DIR, HIDDEN_DIR].filter(has).map((name) => list([name], '1')))
  ).flat();
  const folders = second
    .filter((e) => e.isDirectory && e.path.length === 2)
    .filter(({ path: [parent, name] }) => {
      if (parent === MEDIA_DIR && name === RECURRING_DIR) return true;
      const date = parseDateFolder(name as string);
      return date !== null && options.wanted(date);
    })
    .map((e) => e.path);
  const third = await inBatches(folders, options.concurrency ?? 4, (folder) => list(folder, '1'));
  return dedupe([...top, ...second, ...third.flat()]);
}

async function inBatches<T, R>(items: T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  }
  return results;
}

function dedupe(entries: RemoteEntry[]): RemoteEntry[] {
  const seen = new Map<string, RemoteEntry>();
  for (const entry of entries) seen.set(entry.path.join('\u0000'), entry);
  return [...seen.values()];
}
