/**
 * A settled state: inputs with which a sync has nothing to do (those of a sync that changed nothing, or those a sync
 * left behind). Planning and applying are pure functions of them, so a later sync with the same inputs would change
 * nothing either and skips both (most syncs before a meeting are such). One check before planning (checkSettled),
 * one record after applying (rememberSettled); nothing else of a sync knows about it.
 */
import type { PluginContext } from '../../contract/api.js';
import { type PlanInput, planSync } from '../core/planner.js';
import { sha256 } from '../remote/sha256.js';
import { editsOf, type Where } from './apply.js';
import { backgroundSettled } from './background.js';
import { actionsOf } from './execute.js';
import type { RecordStore } from './records.js';
import type { SyncReport } from './report.js';

/** The global state's key of the last settled state. */
const SETTLED = 'settled';

export const SETTLED_SKIP = 'nothing changed since a sync that left nothing to do: nothing to plan or apply';

/**
 * What a sync remembers of a settled state for the next one (in the plugin's global state), with the congregation's
 * settings the records kept then: the key holds the records' digest, so they are the records' still.
 */
export type Settled = { key: string; listed: number; unchanged: number; settings: SyncReport['settings'] };

/** The digests of what is too large to write into the key itself. */
export interface SettledSources {
  /** SHA-256 of the listing as the server sent it, or of a walk's entries (they follow from it and the base URL). */
  listing: string;
  /** SHA-256 of the records as stored. */
  records: string;
}

/** Identifies the build: a changed plugin decides afresh. Set by the bundler; running from source it is absent. */
declare const CONGSYNC_BUILD: string | undefined;
const BUILD = typeof CONGSYNC_BUILD === 'string' ? CONGSYNC_BUILD : 'source';

/**
 * A digest of everything a sync decides from: the plan's input (any field added to it is included) with its large
 * parts replaced by their digests, and what execution reads besides (`more`).
 */
export function settledKey(input: KeyInput, sources: SettledSources, more: Record<string, unknown>): string {
  // The scan lists folders concurrently: its order varies, the key must not.
  const local = [...input.local].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = { ...input, entries: sources.listing, records: sources.records, local, ...more, build: BUILD };
  return sha256(JSON.stringify(key));
}

/** The plan's input but its large parts that a key takes by their digests. */
export type KeyInput = Omit<PlanInput, 'entries' | 'records'>;

/** What besides the plan's input a key is made of. */
export interface KeyContext {
  /** The digest of the listing (of its one response, or of a walk's entries sorted by path). */
  listing: string;
  records: RecordStore;
  dryRun: boolean;
  /** Anything else execution reads (the folder's URL, the media folder, the background). */
  more: Record<string, unknown>;
}

/** The key of a plan's input, where one can be taken: records with no unsaved changes, not a dry run. */
export function keyOf(known: KeyInput, context: KeyContext): string | undefined {
  if (context.records.unsaved || context.dryRun) return undefined;
  return settledKey(known, { listing: context.listing, records: context.records.digest }, context.more);
}

/** Before planning: the settled state this sync's inputs match, if any (temporary files to remove are a change). */
export function checkSettled(
  ctx: PluginContext,
  key: string | undefined,
  temps: readonly string[],
): Settled | undefined {
  const settled = ctx.globalState.get<Settled>(SETTLED);
  if (!key || temps.length > 0 || settled?.key !== key) return undefined;
  ctx.window.log.info(SETTLED_SKIP);
  return settled;
}

export interface Outcome {
  /** The plan's input as this sync planned with it. */
  input: PlanInput;
  /** What a key is made of, for the local files and the media list given (the rest as the sync left it). */
  keyInputs(now: Pick<PlanInput, 'local' | 'hostItems'>): KeyInput;
  plan: ReturnType<typeof planSync>;
  /** True when the sync changed nothing at all (no action, no edit, no record). */
  changedNothing: boolean;
  temps: readonly string[];
  records: RecordStore;
  where: Where;
  key: KeyContext;
}

/**
 * After a sync that failed nowhere: the state it left is remembered when a sync from there with the same listing
 * would change nothing, decided by the same pure plan without acting. The files are those found before, less the
 * removed, plus the fetched: were that not so, the next sync's key would differ.
 */
export async function rememberSettled(ctx: PluginContext, outcome: Outcome): Promise<void> {
  const { input, plan: done, records, keyInputs } = outcome;
  let next: { key: string | undefined; listed: number; unchanged: number } | undefined;
  if (outcome.changedNothing && outcome.temps.length === 0) {
    next = {
      key: keyOf(keyInputs(input), outcome.key),
      listed: done.listed,
      unchanged: done.keep.length + done.adopt.length,
    };
  } else {
    const local = new Map(input.local);
    for (const { local: removed } of done.remove) local.delete(removed);
    for (const group of done.fetch) for (const t of group.targets) local.set(t.local, group.size);
    const after: PlanInput = { ...input, records: records.files, local, hostItems: ctx.media.items() };
    const plan = planSync(after);
    const placed = new Set(plan.keep.map((t) => t.local));
    const { edits, hidden } = editsOf(plan, placed, records, {
      ...outcome.where,
      hostItems: after.hostItems,
    });
    const settled =
      actionsOf(plan) + plan.skipped.length + edits.length === 0 &&
      JSON.stringify(hidden) === JSON.stringify(records.state.hidden) &&
      backgroundSettled(ctx, plan.background, records.state.background);
    if (settled)
      next = { key: keyOf(keyInputs(after), outcome.key), listed: plan.listed, unchanged: plan.keep.length };
  }
  if (!next?.key) return;
  const { values = {}, rejected = [] } = records.state.forcedPrefs ?? {};
  const settled: Settled = { ...next, key: next.key, settings: { enforced: values, rejected } };
  await ctx.globalState.update(SETTLED, settled);
}
