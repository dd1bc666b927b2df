/**
 * One sync, top to bottom: the media folder checked and the profile's lock taken, then gather, plan, execute, apply,
 * remember; then the export to today's M³'s watched folder, every problem logged, and the status for the host. A `SyncRun` (sync-run.ts)
 * carries the sync's state from step to step. docs/architecture.md draws the same flow.
 */
import { setMaxListeners } from 'node:events';
import type { CancellationToken, IsoDate, PluginContext } from '../../contract/api.js';
import { localToday } from '../../contract/media-folders.js';
import { windowWithPresenter } from '../core/layout.js';
import { type Plan, planSync } from '../core/planner.js';
import { describeError, describeForSettings } from '../describe-error.js';
import { exportForPresenter } from '../export/run.js';
import { skipText, t } from '../i18n.js';
import { LocalError } from '../local/errors.js';
import { withConnection } from '../open-connection.js';
import type { Connection } from '../remote/http.js';
import type { RetryPolicy } from '../remote/retry.js';
import { readSettings, type Settings } from '../settings.js';
import { apply } from './apply.js';
import { execute } from './execute.js';
import { checkMediaFolder } from './files.js';
import { gather } from './gather.js';
import { lockProfile, type ProfileLock } from './profile-lock.js';
import { emptyReport, exitCode, type SyncReport } from './report.js';
import { publishSync } from './status.js';
import type { ConfirmRemoval, RunStart, SyncProgress, SyncRun } from './sync-run.js';
import { reportVerified, verifyCandidates } from './verify.js';

export interface SyncOptions {
  dryRun?: boolean;
  today?: IsoDate;
  token?: CancellationToken;
  retry?: RetryPolicy;
  confirmRemoval?: ConfirmRemoval;
  onProgress?: (progress: SyncProgress) => void;
  /** Called with the text to show when this sync waits for another process's sync of the same profile. */
  onWaiting?: (message: string) => void;
}

export async function runSync(ctx: PluginContext, options: SyncOptions = {}): Promise<SyncReport> {
  const settings = readSettings(ctx);
  const dryRun = options.dryRun ?? false;
  const today = options.today ?? localToday(new Date());
  const report = emptyReport(dryRun);
  const abort = cancellation(options.token);
  // A presenter that exports to today's M³ fetches all that M³ shows: from this week's Monday to today + 35 days.
  const window = settings.presenterFolder
    ? windowWithPresenter(today, settings.syncWindowWeeks)
    : { today, weeks: settings.syncWindowWeeks };
  const start = (connection: Connection): RunStart => ({
    ctx,
    connection,
    settings,
    report,
    signal: abort.signal,
    retry: options.retry,
    dryRun,
    today: window.today,
    weeks: window.weeks,
    mediaFolder: ctx.media.mediaFolder,
    confirmRemoval: options.confirmRemoval,
    onProgress: options.onProgress,
  });
  let couldNotStart = false;
  let connection: Connection | undefined;
  // One sync per profile across processes, the export included; a preview changes nothing and does not wait.
  let lock: ProfileLock | undefined;
  try {
    await checkMediaFolder(ctx.media.mediaFolder);
    if (!dryRun) lock = await waitForProfile(ctx, abort.signal, options.onWaiting);
    await withConnection(ctx, async (opened) => {
      connection = opened;
      await sync(start(opened));
    });
  } catch (error) {
    couldNotStart = true;
    reportCouldNotStart(ctx, settings, report, error);
  } finally {
    abort.dispose();
    report.stats.requests = { ...connection?.requests };
  }
  try {
    // The media list of a sync that ran (or of the last one, when this one could not start) goes to M³'s folder.
    if (lock && !options.token?.isCancellationRequested) await exportStep(ctx, settings, today, report);
  } finally {
    await lock?.release();
  }
  finished(ctx, report, couldNotStart);
  publishSync(ctx, report, { today, weeks: settings.syncWindowWeeks });
  return report;
}

/** The one problem of a sync that could not start: the media folder's, or the connection's. */
function reportCouldNotStart(
  ctx: PluginContext,
  settings: Settings,
  report: SyncReport,
  error: unknown,
): void {
  const local = error instanceof LocalError;
  report.errors.push({
    path: local ? error.path : settings.folder,
    message: local
      ? describeError(error, ctx.env, { mediaFolder: ctx.media.mediaFolder })
      : describeForSettings(error, ctx.env, settings),
  });
  ctx.window.log.error(`sync failed: ${error instanceof Error ? error.message : String(error)}`);
}

/** The host's media list to M³'s watched folder, where one is set up; its problems join the sync's. */
async function exportStep(ctx: PluginContext, settings: Settings, today: IsoDate, report: SyncReport) {
  const exported = await exportForPresenter({
    ctx,
    folder: settings.presenterFolder,
    today,
  });
  report.export = exported.report;
  report.errors.push(...exported.errors);
}

/** Every problem in the log, one line each (the messages on screen show a screenful and point here); the exit code. */
function finished(ctx: PluginContext, report: SyncReport, couldNotStart: boolean): SyncReport {
  for (const { path, message } of report.errors)
    ctx.window.log.warn(`${path}: ${message}`.replace(/\s*\n\s*/g, ' '));
  report.exitCode = exitCode(report.errors.length, couldNotStart);
  report.ok = report.errors.length === 0;
  return report;
}

/** Takes the profile's sync lock; while another process holds it, says so in the log and to the caller. */
function waitForProfile(
  ctx: PluginContext,
  signal: AbortSignal,
  onWaiting: SyncOptions['onWaiting'],
): Promise<ProfileLock> {
  return lockProfile(ctx.storagePath, {
    signal,
    onWait: (holder) => {
      const message = t(ctx.env.language, 'sync.waiting');
      ctx.window.log.info(
        `${message} (process ${holder?.pid ?? '?'} on ${holder?.host ?? '?'}, since ${holder?.since ?? '?'})`,
      );
      onWaiting?.(message);
    },
    log: (message) => ctx.window.log.warn(message),
  });
}

async function sync(start: RunStart): Promise<void> {
  const run = await gather(start);
  const plan = planned(run);
  if (run.dryRun) return preview(run, plan);
  try {
    const placed = await execute(run, plan);
    await apply(run, plan, placed);
  } finally {
    await remember(run);
  }
}

/** The plan, and what it skipped as problems of the report. */
function planned(run: SyncRun): Plan {
  const plan = planSync(run.inputs);
  run.report.stats.listed = plan.listed;
  const language = run.ctx.env.language;
  run.report.errors.push(
    ...plan.skipped.map((s) => ({ path: s.path, message: skipText(language, s.reason) })),
  );
  return plan;
}

/**
 * A dry run reports what a sync would fetch, remove and keep. It reads, and writes nothing: a local file the plugin did
 * not place is compared with the server's bytes, as the sync would, so that the preview names a file in the way.
 */
async function preview(run: SyncRun, plan: Plan): Promise<void> {
  const verified = await verifyCandidates(run, plan.verify);
  reportVerified(run, verified);
  const keep = [...plan.keep.map((t) => t.local), ...verified.adopted.map((a) => a.target.local)];
  run.report.plan = {
    fetch: plan.fetch.flatMap((g) => g.targets.map((t) => t.local)),
    remove: plan.remove.map((r) => r.local),
    keep,
  };
  run.report.stats.unchanged = keep.length;
}

/** The records of what landed are written, also when a step failed, so that the next sync resumes there. */
function remember(run: SyncRun): Promise<void> {
  return run.records.flush();
}

/** An abort signal that the token aborts, and its listener's disposal. */
function cancellation(token: CancellationToken | undefined) {
  const controller = new AbortController();
  // Every download listens to it twice (its request and its file): more than Node's default of ten at once.
  setMaxListeners(0, controller.signal);
  const listener = token?.onCancellationRequested(() => controller.abort());
  if (token?.isCancellationRequested) controller.abort();
  return { signal: controller.signal, dispose: () => listener?.dispose() };
}
