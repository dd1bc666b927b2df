/** One sync run: list, read the congregation's settings, plan, execute, apply. */
import { setMaxListeners } from 'node:events';
import path from 'node:path';
import type { CancellationToken, IsoDate, Json, MediaItem, PluginContext } from '../../contract/api.js';
import { type DateFormat, isDateFormat } from '../../contract/media-folders.js';
import { readSettings, withConnection } from '../connection.js';
import { ForcedPrefsError, parseForcedPrefs } from '../core/forced-prefs.js';
import { FORCED_PREFS_FILE, syncWindow } from '../core/layout.js';
import { checkName } from '../core/names.js';
import { mediaEdits, type Plan, type PlanInput, planSync, recordOf, sameVersion } from '../core/planner.js';
import type { RemoteEntry } from '../core/remote-entry.js';
import { describeError } from '../describe-error.js';
import { getText, openGet } from '../remote/download.js';
import type { Connection } from '../remote/http.js';
import { listSyncFolder, type Strategy } from '../remote/listing.js';
import { type RetryPolicy, withRetries } from '../remote/retry.js';
import type { Settings } from '../settings.js';
import { removeFile, removeStaleTemps, scanDateFolders, writeAtomically } from './files.js';
import { executeFetches } from './pipeline.js';
import { RecordStore, type SyncState } from './records.js';
import { type Settled, settledKey } from './settled.js';

export interface SyncOptions {
  dryRun?: boolean;
  today?: IsoDate;
  token?: CancellationToken;
  retry?: RetryPolicy;
  /** Asked before removing more than half of the managed files; false keeps them. */
  confirmRemoval?: (count: number, managed: number) => Promise<boolean>;
  onProgress?: (progress: { files: number; totalFiles: number; bytes: number; totalBytes: number }) => void;
}

export interface SyncError {
  path: string;
  message: string;
}

export interface SyncReport {
  ok: boolean;
  exitCode: 0 | 1 | 2;
  dryRun: boolean;
  stats: {
    listed: number;
    downloaded: number;
    bytes: number;
    unchanged: number;
    removed: number;
    failed: number;
    requests: Record<string, number>;
  };
  settings: { enforced: Record<string, Json>; rejected: Array<{ key: string; reason: string }> };
  errors: SyncError[];
  plan?: { fetch: string[]; remove: string[]; keep: string[] };
}

const MAX_FORCED_PREFS_BYTES = 1024 * 1024;
/** The global state's key of the last settled state (see settled.ts). */
const SETTLED = 'settled';
export const SETTLED_SKIP = 'nothing changed since a sync that left nothing to do: nothing to plan or apply';

/** Today's date where the user is (the meeting calendar is local, not UTC). */
export function localToday(now = new Date()): IsoDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A failure as the user reads it; `path` names the remote file it concerns, if any. */
function errorText(ctx: PluginContext, settings: Settings, error: unknown, path?: string): string {
  return describeError(error, ctx.env.language, {
    url: settings.serverUrl,
    folder: path ?? settings.folder,
    ...(path ? { path } : {}),
    timeoutSeconds: settings.requestTimeoutSeconds,
  });
}

export async function runSync(ctx: PluginContext, options: SyncOptions = {}): Promise<SyncReport> {
  const settings = readSettings(ctx);
  const report = emptyReport(options.dryRun ?? false);
  let connection: Connection | undefined;
  try {
    await withConnection(ctx, async (c) => {
      connection = c;
      await syncWith(ctx, c, settings, options, report);
    });
  } catch (error) {
    report.exitCode = 2;
    report.errors.push({ path: settings.folder, message: errorText(ctx, settings, error) });
    ctx.window.log.error(`sync failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    report.stats.requests = { ...connection?.requests };
  }
  report.ok = report.errors.length === 0;
  if (report.exitCode === 0 && !report.ok) report.exitCode = 1;
  return report;
}

async function syncWith(
  ctx: PluginContext,
  connection: Connection,
  settings: Settings,
  options: SyncOptions,
  report: SyncReport,
): Promise<void> {
  const abort = new AbortController();
  // Every download listens to it twice (its request and its file): more than Node's default of ten at once.
  setMaxListeners(0, abort.signal);
  const cancel = options.token?.onCancellationRequested(() => abort.abort());
  if (options.token?.isCancellationRequested) abort.abort();
  try {
    const today = options.today ?? localToday();
    const weeks = settings.syncWindowWeeks;
    const inWindow = syncWindow(today, weeks);
    const strategyKey = `listing:${connection.base.href}`;
    const remembered = ctx.globalState.get<Strategy>(strategyKey);
    const mediaFolder = ctx.media.mediaFolder;
    const settled = options.dryRun ? undefined : ctx.globalState.get<Settled>(SETTLED);
    const listed = listSyncFolder(connection, {
      remembered,
      wanted: inWindow,
      signal: abort.signal,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(settled ? { settled: settled.listing } : {}),
    });
    // The local side is read while the server answers the listing (after the request went out: the media list
    // is read synchronously).
    const read = Promise.all([
      RecordStore.open(ctx.storagePath, mediaFolder),
      scanDateFolders(mediaFolder, inWindow),
    ]).then(([records, local]) => ({ records, local, hostItems: ctx.media.items() }));
    const [listing, { records, local, hostItems }] = await Promise.all([listed, read]);
    if (!options.dryRun && listing.strategy !== remembered)
      await ctx.globalState.update(strategyKey, listing.strategy);
    // With the listing and the records of the settled state, the listing is parsed only if the key differs.
    const asSettled =
      settled !== undefined &&
      listing.digest === settled.listing &&
      records.digest === settled.records &&
      !records.unsaved;
    const forced = await congregationSettings(
      ctx,
      connection,
      asSettled ? 'settled' : listing.entries(),
      records,
      report,
      options,
      abort.signal,
    );
    const known: Omit<PlanInput, 'entries'> = {
      records: records.files,
      local: local.sizes,
      hostItems,
      today,
      weeks,
      ...settingsInForce(ctx, forced),
    };
    const { digest } = listing;
    // Only a listing of one response has a digest; records with unsaved changes are a change of their own.
    const keyOf = (planned: Omit<PlanInput, 'entries'>) =>
      digest && !records.unsaved && !options.dryRun
        ? settledKey(
            planned,
            { listing: digest, records: records.digest },
            { base: connection.base.href, mediaFolder, background: ctx.media.background() },
          )
        : undefined;
    // A key can equal the settled one only with its listing and records; temporary files to remove are a change.
    const key = asSettled && local.temps.length === 0 ? keyOf(known) : undefined;
    if (key && settled?.key === key) {
      ctx.window.log.info(SETTLED_SKIP);
      report.stats.listed = settled.listed;
      report.stats.unchanged = settled.unchanged;
      return;
    }
    const input: PlanInput = { ...known, entries: listing.entries() };
    const plan = planSync(input);
    report.stats.listed = plan.listed;
    report.errors.push(...plan.skipped.map((s) => ({ path: s.path, message: s.reason })));
    if (options.dryRun) {
      report.plan = {
        fetch: plan.fetch.flatMap((g) => g.targets.map((t) => t.local)),
        remove: plan.remove.map((r) => r.local),
        keep: [...plan.keep.map((t) => t.local), ...plan.adopt.map((a) => a.target.local)],
      };
      report.stats.unchanged = report.plan.keep.length;
      return;
    }
    const changedNothing = await execute(
      ctx,
      connection,
      plan,
      records,
      settings,
      options,
      report,
      abort.signal,
      {
        mediaFolder,
        temps: local.temps,
        today,
        weeks,
        hostItems,
      },
    );
    if (report.errors.length > 0 || !digest) return;
    // After a sync that changed something it is checked at once, with the listing at hand: the next sync (often
    // minutes later, before the meeting) then has a settled state to compare with.
    const now =
      changedNothing && local.temps.length === 0
        ? { key: key ?? keyOf(known), ...report.stats }
        : settledAfter(ctx, input, plan, records, mediaFolder, keyOf);
    if (now?.key) {
      const { listed, unchanged } = now;
      const at: Settled = { key: now.key, listing: digest, records: records.digest, listed, unchanged };
      await ctx.globalState.update(SETTLED, at);
    }
  } finally {
    cancel?.dispose();
  }
}

async function execute(
  ctx: PluginContext,
  connection: Connection,
  plan: Plan,
  records: RecordStore,
  settings: Settings,
  options: SyncOptions,
  report: SyncReport,
  signal: AbortSignal,
  /** The media list as planned against: the edits are computed from it (the sync itself changes none of it). */
  where: {
    mediaFolder: string;
    temps: readonly string[];
    today: IsoDate;
    weeks: number;
    hostItems: readonly MediaItem[];
  },
): Promise<boolean> {
  const { mediaFolder } = where;
  await removeStaleTemps(mediaFolder, where.temps);
  for (const { target, record } of plan.adopt) records.set(target.local, record);
  for (const local of plan.forget) records.delete(local);

  const placed = new Set([...plan.keep, ...plan.adopt.map((a) => a.target)].map((t) => t.local));
  const totalFiles = plan.fetch.length;
  const totalBytes = plan.fetch.reduce((sum, g) => sum + g.size, 0);
  let bytes = 0;
  let files = 0;
  const progress = () =>
    options.onProgress?.({ files, totalFiles, bytes: Math.min(bytes, totalBytes), totalBytes });
  try {
    // Removals first: on a case-insensitive disk, removing A.jpg after fetching a.jpg would remove the new file.
    await removeUnused(plan, records, options, report, mediaFolder);
    const outcomes = await executeFetches(plan.fetch, {
      connection,
      mediaFolder,
      concurrency: settings.concurrency,
      signal,
      ...(options.retry ? { retry: options.retry } : {}),
      onBytes: (n) => {
        bytes += n;
        progress();
      },
      onPlaced: (group, target) => {
        records.set(target.local, recordOf(group, target));
        placed.add(target.local);
        if (target === group.targets[0]) {
          files++;
          progress();
        }
      },
    });
    for (const outcome of outcomes) {
      if (outcome.ok) {
        report.stats.downloaded++;
        report.stats.bytes += outcome.group.size;
        continue;
      }
      report.stats.failed++;
      const remotePath = outcome.group.remote.join('/');
      report.errors.push({ path: remotePath, message: errorText(ctx, settings, outcome.error, remotePath) });
      ctx.window.log.warn(
        `${remotePath}: ${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}`,
      );
      // a file that failed to refresh keeps its previous version where there is one
      for (const t of outcome.group.targets) if (records.files[t.local]) placed.add(t.local);
    }
    report.stats.unchanged = plan.keep.length + plan.adopt.length;
    try {
      await applyBackground(ctx, connection, plan.background, records, signal, options.retry);
    } catch (error) {
      const backgroundPath = plan.background?.path.join('/') ?? 'background';
      report.errors.push({ path: backgroundPath, message: errorText(ctx, settings, error, backgroundPath) });
    }
    const { edits, hidden } = editsOf(plan, placed, records, { ...where, mediaFolder });
    await ctx.media.apply(edits);
    records.update({ hidden });
    return actions(plan) + edits.length === 0 && !records.unsaved;
  } finally {
    await records.flush();
  }
}

/** Removes managed files whose remote source is gone; more than half of them needs a yes. */
async function removeUnused(
  plan: Plan,
  records: RecordStore,
  options: SyncOptions,
  report: SyncReport,
  mediaFolder: string,
) {
  if (plan.remove.length === 0) return;
  const sources = plan.removingSources;
  const many = sources > plan.managedInWindow / 2 && sources >= 3;
  if (many && !(await (options.confirmRemoval?.(sources, plan.managedInWindow) ?? false))) {
    report.errors.push({
      path: mediaFolder,
      message: `${sources} of ${plan.managedInWindow} congregation files are gone from the server; kept them here (confirm to remove)`,
    });
    return;
  }
  for (const { local } of plan.remove) {
    await removeFile(mediaFolder, local);
    records.delete(local);
    report.stats.removed++;
  }
}

/** The presenter's settings that the plan depends on: the congregation's where it enforces them. */
export function settingsInForce(ctx: PluginContext, forced: Record<string, Json>) {
  const setting = <T extends Json>(key: string) =>
    (forced[key] ?? ctx.hostSettings.get<T>(key)) as T | undefined;
  const format = setting<string>('app.outputFolderDateFormat');
  return {
    schedule: {
      mwDay: Number(setting('meeting.mwDay') ?? 2),
      weDay: Number(setting('meeting.weDay') ?? 6),
      coWeek: setting<string>('meeting.coWeek') || null,
    },
    format: (isDateFormat(format) ? format : 'YYYY-MM-DD') as DateFormat,
    language: ctx.env.language,
    congregationName: setting<string>('app.congregationName') ?? '',
  };
}

/** The media list's edits (and the hidden flags set) for what was placed. */
function editsOf(
  plan: Plan,
  placed: ReadonlySet<string>,
  records: RecordStore,
  where: { mediaFolder: string; today: IsoDate; weeks: number; hostItems: readonly MediaItem[] },
) {
  return mediaEdits({
    plan,
    placed,
    retained: new Set(Object.values(records.files).map((r) => `${r.date}/${r.name}`)),
    hostItems: where.hostItems,
    fileOf: (local) => path.join(where.mediaFolder, ...local.split('/')),
    today: where.today,
    weeks: where.weeks,
    previouslyHidden: records.state.hidden,
  });
}

/** The files a plan fetches, removes, adopts or forgets. */
const actions = (plan: Plan) =>
  plan.fetch.length + plan.remove.length + plan.adopt.length + plan.forget.length;

/**
 * After a sync that changed something (and failed nowhere): the state it left, if a sync from there with the same
 * listing would change nothing, decided by the same pure plan without acting. The files are those found before,
 * less the removed, plus the fetched: were that not so, the next sync's key would differ.
 */
function settledAfter(
  ctx: PluginContext,
  before: PlanInput,
  done: Plan,
  records: RecordStore,
  mediaFolder: string,
  keyOf: (input: Omit<PlanInput, 'entries'>) => string | undefined,
) {
  const local = new Map(before.local);
  for (const { local: removed } of done.remove) local.delete(removed);
  for (const group of done.fetch) for (const t of group.targets) local.set(t.local, group.size);
  const input: PlanInput = { ...before, records: records.files, local, hostItems: ctx.media.items() };
  const plan = planSync(input);
  const placed = new Set(plan.keep.map((t) => t.local));
  const { edits, hidden } = editsOf(plan, placed, records, { ...input, mediaFolder });
  const settled =
    actions(plan) + plan.skipped.length + edits.length === 0 &&
    JSON.stringify(hidden) === JSON.stringify(records.state.hidden) &&
    backgroundSettled(ctx, plan.background, records.state.background);
  return settled ? { key: keyOf(input), listed: plan.listed, unchanged: plan.keep.length } : undefined;
}

/** Reads forcedPrefs.json (only when it changed) and enforces what passes; returns the values enforced. */
async function congregationSettings(
  ctx: PluginContext,
  connection: Connection,
  /** 'settled': the listing and the records of a settled state, whose cached file (if any) is current. */
  entries: readonly RemoteEntry[] | 'settled',
  records: RecordStore,
  report: SyncReport,
  options: SyncOptions,
  signal: AbortSignal,
): Promise<Record<string, Json>> {
  const entry =
    entries === 'settled'
      ? undefined
      : entries.find((e) => !e.isDirectory && e.path.length === 1 && e.path[0] === FORCED_PREFS_FILE);
  const cached = records.state.forcedPrefs;
  let result = { values: {} as Record<string, Json>, rejected: [] as Array<{ key: string; reason: string }> };
  if (entries === 'settled') result = cached ?? result;
  else if (entry && cached && sameVersion(cached, entry)) result = cached;
  else if (entry) {
    try {
      const read = () => getText(connection, entry.path, MAX_FORCED_PREFS_BYTES, signal);
      const text = await withRetries(read, options.retry, signal);
      result = parseForcedPrefs(text, ctx.hostSettings.schema(), MAX_FORCED_PREFS_BYTES);
      if (!options.dryRun) records.update({ forcedPrefs: { ...cachedOf(entry), ...result } });
    } catch (error) {
      const message =
        error instanceof ForcedPrefsError
          ? `forcedPrefs.json: ${error.message}`
          : errorText(ctx, readSettings(ctx), error, FORCED_PREFS_FILE);
      report.errors.push({ path: FORCED_PREFS_FILE, message });
      report.settings.enforced = ctx.hostSettings.enforced();
      return {};
    }
  } else if (!options.dryRun) records.update({ forcedPrefs: undefined });
  report.settings = { enforced: result.values, rejected: result.rejected };
  for (const r of result.rejected) ctx.window.log.warn(`forcedPrefs.json: ${r.key}: ${r.reason}`);
  if (!options.dryRun) await ctx.hostSettings.enforce(result.values);
  return result.values;
}

function cachedOf(entry: RemoteEntry) {
  return { remote: entry.path, etag: entry.etag, size: entry.size ?? 0, lastModified: entry.lastModified };
}

/** Downloads the congregation's background image into the plugin's storage when it changed. */
async function applyBackground(
  ctx: PluginContext,
  connection: Connection,
  entry: RemoteEntry | null,
  records: RecordStore,
  signal: AbortSignal,
  retry?: RetryPolicy,
) {
  const cached = records.state.background;
  if (backgroundSettled(ctx, entry, cached)) return;
  if (!entry || entry.size === null) {
    await ctx.media.setBackground(null);
    records.update({ background: undefined });
    return;
  }
  const name = checkName(entry.path[0] ?? '');
  if (!name.ok) return;
  const size = entry.size;
  const download = async () =>
    writeAtomically(
      path.join(ctx.storagePath, 'background'),
      name.name,
      await openGet(connection, entry.path, signal),
      size,
      {
        signal,
      },
    );
  const file = await withRetries(download, retry, signal);
  await ctx.media.setBackground(file);
  records.update({ background: { ...cachedOf(entry), file } });
}

/** True when the host shows the congregation's current background, or none where the congregation has none. */
function backgroundSettled(ctx: PluginContext, entry: RemoteEntry | null, cached: SyncState['background']) {
  if (!entry || entry.size === null) return !cached;
  return !!cached && sameVersion(cached, entry) && ctx.media.background() === cached.file;
}

function emptyReport(dryRun: boolean): SyncReport {
  return {
    ok: true,
    exitCode: 0,
    dryRun,
    stats: { listed: 0, downloaded: 0, bytes: 0, unchanged: 0, removed: 0, failed: 0, requests: {} },
    settings: { enforced: {}, rejected: [] },
    errors: [],
  };
}
