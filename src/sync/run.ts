/** One sync run: gather the inputs (the listing, the congregation's settings, the local side), plan, execute, apply. */
import { setMaxListeners } from 'node:events';
import type { CancellationToken, IsoDate, PluginContext } from '../../contract/api.js';
import { expectedDateFolders } from '../core/expected-folders.js';
import { syncWindow } from '../core/layout.js';
import { type PlanInput, planSync } from '../core/planner.js';
import { describeForSettings } from '../describe-error.js';
import { exportForPresenter } from '../export/run.js';
import { skipText } from '../i18n.js';
import { withConnection } from '../open-connection.js';
import type { Connection } from '../remote/http.js';
import { listSyncFolder, type Strategy } from '../remote/listing.js';
import type { RetryPolicy } from '../remote/retry.js';
import { readSettings, type Settings } from '../settings.js';
import { applyToHost } from './apply.js';
import {
  enforceCachedSettings,
  enforceCongregationSettings,
  settingsInForce,
} from './congregation-settings.js';
import { actionsOf, execute, type SyncProgress } from './execute.js';
import { scanDateFolders } from './files.js';
import { RecordStore } from './records.js';
import type { ConfirmRemoval } from './removal.js';
import { emptyReport, exitCode, type SyncReport } from './report.js';
import { checkSettled, keyOf, rememberSettled } from './settled.js';

export interface SyncOptions {
  dryRun?: boolean;
  today?: IsoDate;
  token?: CancellationToken;
  retry?: RetryPolicy;
  /** Asked before removing more than half of the managed files; false keeps them. */
  confirmRemoval?: ConfirmRemoval;
  onProgress?: (progress: SyncProgress) => void;
}

/** Today's date where the user is (the meeting calendar is local, not UTC). */
export function localToday(now = new Date()): IsoDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export async function runSync(ctx: PluginContext, options: SyncOptions = {}): Promise<SyncReport> {
  const settings = readSettings(ctx);
  const report = emptyReport(options.dryRun ?? false);
  let couldNotStart = false;
  let connection: Connection | undefined;
  try {
    await withConnection(ctx, async (c) => {
      connection = c;
      await cancellable(options.token, (signal) => syncWith(ctx, c, settings, options, report, signal));
    });
  } catch (error) {
    couldNotStart = true;
    report.errors.push({
      path: settings.folder,
      message: describeForSettings(error, ctx.env.language, settings),
    });
    ctx.window.log.error(`sync failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    report.stats.requests = { ...connection?.requests };
  }
  // The media list of a sync that ran (or of the last one, when it could not start) goes to M³'s watched folder.
  if (!report.dryRun && !options.token?.isCancellationRequested)
    await exportForPresenter(ctx, settings, options.today ?? localToday(), report);
  report.exitCode = exitCode(report.errors.length, couldNotStart);
  report.ok = report.errors.length === 0;
  return report;
}

/** Runs `work` with a signal that the token aborts. */
async function cancellable<T>(
  token: CancellationToken | undefined,
  work: (signal: AbortSignal) => Promise<T>,
) {
  const abort = new AbortController();
  // Every download listens to it twice (its request and its file): more than Node's default of ten at once.
  setMaxListeners(0, abort.signal);
  const cancel = token?.onCancellationRequested(() => abort.abort());
  if (token?.isCancellationRequested) abort.abort();
  try {
    return await work(abort.signal);
  } finally {
    cancel?.dispose();
  }
}

async function syncWith(
  ctx: PluginContext,
  connection: Connection,
  settings: Settings,
  options: SyncOptions,
  report: SyncReport,
  signal: AbortSignal,
): Promise<void> {
  const dryRun = options.dryRun ?? false;
  const today = options.today ?? localToday();
  const weeks = settings.syncWindowWeeks;
  const inWindow = syncWindow(today, weeks);
  const mediaFolder = ctx.media.mediaFolder;
  const transfer = { signal, retry: options.retry };

  // 1. Gather: the listing, while the local side (records, date folders, the host's media list) is read.
  const strategyKey = `listing:${connection.base.href}`;
  const remembered = ctx.globalState.get<Strategy>(strategyKey);
  const [listing, { records, hostItems }, local] = await Promise.all([
    listSyncFolder(connection, {
      remembered,
      wanted: inWindow,
      // as the presenter's settings are now; the congregation's come with the listing
      expected: expectedDateFolders(today, weeks, settingsInForce(ctx, {})),
      ...transfer,
    }),
    // The media list is read synchronously: after the listing's request went out.
    RecordStore.open(ctx.storagePath, mediaFolder).then((records) => ({
      records,
      hostItems: ctx.media.items(),
    })),
    scanDateFolders(mediaFolder, inWindow),
  ]);
  // Settled? The key needs neither the listing nor the records parsed: their digests stand for them (the records
  // keep the congregation's settings as last read).
  const keyContext = {
    listing: listing.digest,
    records,
    dryRun,
    more: { base: connection.base.href, mediaFolder, background: ctx.media.background() },
  };
  const keyInputs = (now: Pick<PlanInput, 'local' | 'hostItems'>) => ({
    local: now.local,
    hostItems: now.hostItems,
    today,
    weeks,
    ...settingsInForce(ctx, {}),
  });
  const settled = checkSettled(
    ctx,
    keyOf(keyInputs({ local: local.sizes, hostItems }), keyContext),
    local.temps,
  );
  if (settled) {
    report.settings = await enforceCachedSettings(ctx, settled.settings);
    report.stats.listed = settled.listed;
    report.stats.unchanged = settled.unchanged;
    return;
  }
  const { strategy, entries } = await listing.read();
  if (!dryRun && strategy !== remembered) await ctx.globalState.update(strategyKey, strategy);
  const forced = await enforceCongregationSettings(ctx, connection, settings, entries, records, {
    dryRun,
    ...transfer,
  });
  report.settings = forced.report;
  if (forced.error) report.errors.push(forced.error);
  const known = { records: records.files, local: local.sizes, hostItems, today, weeks };
  const input: PlanInput = { ...known, ...settingsInForce(ctx, forced.values), entries };

  // 2. Plan.
  const plan = planSync(input);
  report.stats.listed = plan.listed;
  report.errors.push(
    ...plan.skipped.map((s) => ({ path: s.path, message: skipText(ctx.env.language, s.reason) })),
  );
  if (dryRun) {
    report.plan = {
      fetch: plan.fetch.flatMap((g) => g.targets.map((t) => t.local)),
      remove: plan.remove.map((r) => r.local),
      keep: [...plan.keep.map((t) => t.local), ...plan.adopt.map((a) => a.target.local)],
    };
    report.stats.unchanged = report.plan.keep.length;
    return;
  }

  // 3. Execute, 4. apply.
  const where = { mediaFolder, today, weeks, hostItems };
  let changedNothing = false;
  try {
    const { confirmRemoval, onProgress } = options;
    const execution = { mediaFolder, temps: local.temps, ...transfer, confirmRemoval, onProgress };
    const placed = await execute(ctx, connection, settings, plan, records, execution, report);
    const edits = await applyToHost(
      ctx,
      connection,
      settings,
      plan,
      placed,
      records,
      where,
      report,
      transfer,
    );
    changedNothing = actionsOf(plan) + edits === 0 && !records.unsaved;
  } finally {
    await records.flush();
  }
  if (report.errors.length > 0) return;
  await rememberSettled(ctx, {
    input,
    keyInputs,
    plan,
    changedNothing,
    temps: local.temps,
    records,
    where,
    key: keyContext,
  });
}
