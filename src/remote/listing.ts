/** Lists the sync folder: one PROPFIND Depth: infinity where allowed, else a Depth: 1 walk of what matters. */

import { setMaxListeners } from 'node:events';
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
/** A List whose requests `signal` cancels. */
type Lister = (signal: AbortSignal | undefined) => List;

const REFUSES_INFINITY = new Set([400, 403, 412, 501]);

export async function listSyncFolder(connection: Connection, options: ListOptions): Promise<Listing> {
  const lister: Lister = (signal) => (segments) =>
    withRetries(() => propfind(connection, segments, '1', signal), options.retry, signal);
  const list = lister(options.signal);
  if (options.remembered !== 'walk') {
    const deep = () => propfind(connection, [], 'infinity', options.signal);
    const entries = await withRetries(deep, options.retry, options.signal).catch((error) => {
      if (error instanceof RemoteError && error.status !== undefined && REFUSES_INFINITY.has(error.status))
        return undefined;
      throw error;
    });
    if (entries && !(await isSilentlyShallow(list, entries))) return { strategy: 'infinity', entries };
  }
  return { strategy: 'walk', entries: await walk(lister, options) };
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
 * The walk ends with its requests: those still under way once it has its answer (folders that did not count), or once
 * one failed, are cancelled and waited for, so that none is retried after the listing, on a closed connection.
 */
async function walk(lister: Lister, options: ListOptions): Promise<RemoteEntry[]> {
  const cancel = new AbortController();
  // Every folder asked at once listens to it (its request and its retry's wait): more than Node's default of ten.
  setMaxListeners(0, cancel.signal);
  const stop = () => cancel.abort();
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener('abort', stop, { once: true });
  const { ask, settled } = asker(lister(cancel.signal));
  try {
    return await walkWith(ask, options);
  } finally {
    stop();
    options.signal?.removeEventListener('abort', stop);
    await settled();
  }
}

async function walkWith(ask: Ask, options: ListOptions): Promise<RemoteEntry[]> {
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
type Ask = (path: string[]) => Answer;

/**
 * Each folder asked once; a failure is kept until it is known whether the folder matters. `settled` resolves once
 * every request asked so far has ended (an answer never rejects).
 */
function asker(list: List): { ask: Ask; settled: () => Promise<unknown> } {
  const asked = new Map<string, Answer>();
  const ask: Ask = (path) => {
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
  return { ask, settled: () => Promise.all(asked.values()) };
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
