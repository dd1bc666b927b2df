/**
 * A settled state: inputs with which a sync has nothing to do (those of a sync that changed nothing, or those a sync
 * left behind). Planning and applying are pure functions of them, so a later sync with the same inputs would change
 * nothing either and skips both (most syncs before a meeting are such).
 */
import { createHash } from 'node:crypto';
import type { PlanInput } from '../core/planner.js';

/** What a sync remembers of a settled state for the next one (in the plugin's global state). */
export type Settled = {
  key: string;
  /** The digests of its listing and records: with both, the listing need not be parsed to find the key. */
  listing: string;
  records: string;
  listed: number;
  unchanged: number;
};

/** The digests of what is too large to write into the key itself. */
export interface SettledSources {
  /** SHA-256 of the listing as the server sent it (entries follow from it and the base URL). */
  listing: string;
  /** SHA-256 of the records file as read or written (the records in memory must be unchanged since). */
  records: string;
}

/** Identifies the build: a changed plugin decides afresh. Set by the bundler; running from source it is absent. */
declare const CONGSYNC_BUILD: string | undefined;
const BUILD = typeof CONGSYNC_BUILD === 'string' ? CONGSYNC_BUILD : 'source';

/**
 * A digest of everything a sync decides from: the plan's input (any field added to it is included) with its large
 * parts replaced by their digests, and what execution reads besides (`more`).
 */
export function settledKey(
  input: Omit<PlanInput, 'entries'>,
  sources: SettledSources,
  more: Record<string, unknown>,
): string {
  // The scan lists folders concurrently: its order varies, the key must not.
  const local = [...input.local].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = { ...input, entries: sources.listing, records: sources.records, local, ...more, build: BUILD };
  return createHash('sha256').update(JSON.stringify(key)).digest('base64');
}
