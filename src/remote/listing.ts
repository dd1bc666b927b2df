/** Lists the sync folder: one PROPFIND Depth: infinity where allowed, else a Depth: 1 walk of what matters. */

import type { IsoDate } from '../../contract/api.js';
import { parseDateFolder } from '../../contract/media-folders.js';
import { HIDDEN_DIR, MEDIA_DIR, RECURRING_DIR } from '../core/layout.js';
import type { RemoteEntry } from '../core/remote-entry.js';
import { RemoteError } from './errors.js';
import type { Connection } from './http.js';
import { propfind } from './propfind.js';
import { type RetryPolicy, withRetries } from './retry.js';

export type Strategy = 'infinity' | 'walk';

/** The entries of the sync folder, and how they were listed: a deep answer that proves shallow is walked then. */
export interface Listing {
  strategy: Strategy;
  entries: RemoteEntry[];
}

export interface ListOptions {
  /** What worked with this server before, if known. */
  remembered?: Strategy;
  /** Which dates matter, for the walk: dates outside are not entered. */
  wanted(date: IsoDate): boolean;
  signal?: AbortSignal;
  /** Folders the walk asks for at once with the top, below the sync folder (the window's date folders). */
  expected?: string[][];
  /** Retries of transient failures of each request. */
  retry?: RetryPolicy;
}

/** Depth: 1 of a folder below the sync folder. */
type List = (segments: string[]) => Promise<RemoteEntry[]>;

const REFUSES_INFINITY = new Set([400, 403, 412, 501]);

export async function listSyncFolder(connection: Connection, options: ListOptions): Promise<Listing> {
  const retried = <T>(attempt: () => Promise<T>) => withRetries(attempt, options.retry, options.signal);
  const list: List = (segments) => retried(() => propfind(connection, segments, '1', options.signal));
  if (options.remembered !== 'walk') {
    const entries = await retried(() => propfind(connection, [], 'infinity', options.signal)).catch(
      (error) => {
        if (error instanceof RemoteError && error.status !== undefined && REFUSES_INFINITY.has(error.status))
          return undefined;
        throw error;
      },
    );
    if (entries && !(await isSilentlyShallow(list, entries))) return { strategy: 'infinity', entries };
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
    const inside = await list([top]);
    if (inside.some((e) => e.path.length > 1)) return true;
  }
  return false;
}

/**
 * Depth: 1 into the top, Media, Hidden, then the wanted date folders and Recurring: each level's requests go out as
 * soon as its parent's answer arrives, and the folders whose names are known or expected are asked at once with the
 * top. An answer counts only for a folder its parent listed: an expected folder that is absent costs nothing.
 */
async function walk(list: List, options: ListOptions): Promise<RemoteEntry[]> {
  const ask = asker(list);
  const entriesOf = async (path: string[]) => {
    const settled = await ask(path);
    if ('error' in settled) throw settled.error;
    return settled.entries;
  };
  const top = entriesOf([]);
  for (const path of [[MEDIA_DIR], [HIDDEN_DIR], [MEDIA_DIR, RECURRING_DIR], ...(options.expected ?? [])])
    ask(path);
  const topEntries = await top;
  const below = async (name: string): Promise<RemoteEntry[]> => {
    if (!topEntries.some((e) => e.isDirectory && e.path.length === 1 && e.path[0] === name)) return [];
    const level = await entriesOf([name]);
    const folders = level.filter((e) => e.isDirectory && e.path.length === 2 && isWanted(e.path, options));
    return [...level, ...(await Promise.all(folders.map((e) => entriesOf(e.path)))).flat()];
  };
  const [media, hidden] = await Promise.all([below(MEDIA_DIR), below(HIDDEN_DIR)]);
  return dedupe([...topEntries, ...media, ...hidden]);
}

type Answer = Promise<{ entries: RemoteEntry[] } | { error: unknown }>;

/** Each folder asked once; a failure is kept until it is known whether the folder matters. */
function asker(list: List): (path: string[]) => Answer {
  const asked = new Map<string, Answer>();
  return (path) => {
    const key = path.join('\u0000');
    let answer = asked.get(key);
    if (!answer) {
      answer = list(path).then(
        (entries) => ({ entries }),
        (error: unknown) => ({ error }),
      );
      asked.set(key, answer);
    }
    return answer;
  };
}

function isWanted([parent, name]: string[], options: ListOptions): boolean {
  if (parent === MEDIA_DIR && name === RECURRING_DIR) return true;
  const date = parseDateFolder(name as string);
  return date !== null && options.wanted(date);
}

function dedupe(entries: RemoteEntry[]): RemoteEntry[] {
  const seen = new Map<string, RemoteEntry>();
  for (const entry of entries) seen.set(entry.path.join('\u0000'), entry);
  return [...seen.values()];
}
