/** Carries out a plan on the media folder: stale temporary files and removals first, then the downloads (the RxJS
 * pipeline), each placed file recorded as it lands. */
import type { PluginContext } from '../../contract/api.js';
import { type Plan, recordOf } from '../core/planner.js';
import { describeForSettings } from '../describe-error.js';
import type { Connection } from '../remote/http.js';
import type { RetryPolicy } from '../remote/retry.js';
import type { Settings } from '../settings.js';
import { removeStaleTemps } from './files.js';
import { executeFetches } from './pipeline.js';
import type { RecordStore } from './records.js';
import { type ConfirmRemoval, removeUnused } from './removal.js';
import type { SyncReport } from './report.js';

export interface SyncProgress {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
}

export interface ExecuteOptions {
  mediaFolder: string;
  /** Temporary files an interrupted run left, as the local scan found them. */
  temps: readonly string[];
  signal: AbortSignal;
  retry?: RetryPolicy;
  confirmRemoval?: ConfirmRemoval;
  onProgress?: (progress: SyncProgress) => void;
}

/** Executes the plan; returns the local paths that hold a congregation file afterwards. */
export async function execute(
  ctx: PluginContext,
  connection: Connection,
  settings: Settings,
  plan: Plan,
  records: RecordStore,
  options: ExecuteOptions,
  report: SyncReport,
): Promise<Set<string>> {
  const { mediaFolder } = options;
  await removeStaleTemps(mediaFolder, options.temps);
  for (const { target, record } of plan.adopt) records.set(target.local, record);
  for (const local of plan.forget) records.delete(local);
  const placed = new Set([...plan.keep, ...plan.adopt.map((a) => a.target)].map((t) => t.local));
  const totalFiles = plan.fetch.length;
  const totalBytes = plan.fetch.reduce((sum, g) => sum + g.size, 0);
  let bytes = 0;
  let files = 0;
  const progress = () =>
    options.onProgress?.({ files, totalFiles, bytes: Math.min(bytes, totalBytes), totalBytes });
  // Removals first: on a case-insensitive disk, removing A.jpg after fetching a.jpg would remove the new file.
  await removeUnused(plan, records, mediaFolder, report, ctx.env.language, options.confirmRemoval);
  const outcomes = await executeFetches(plan.fetch, {
    connection,
    mediaFolder,
    concurrency: settings.concurrency,
    signal: options.signal,
    retry: options.retry,
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
    const message = describeForSettings(outcome.error, ctx.env.language, settings, remotePath);
    report.errors.push({ path: remotePath, message });
    ctx.window.log.warn(`${remotePath}: ${(outcome.error as Error)?.message ?? String(outcome.error)}`);
    // a file that failed to refresh keeps its previous version where there is one
    for (const t of outcome.group.targets) if (records.files[t.local]) placed.add(t.local);
  }
  report.stats.unchanged = plan.keep.length + plan.adopt.length;
  return placed;
}

/** The files a plan fetches, removes, adopts or forgets. */
export const actionsOf = (plan: Plan): number =>
  plan.fetch.length + plan.remove.length + plan.adopt.length + plan.forget.length;
