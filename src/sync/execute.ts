/** Carries out a plan on the media folder: stale temporary files and removals first, then the candidates for adoption
 * verified against the server's bytes (verify.ts), then the downloads (the RxJS pipeline), each placed file recorded as
 * it lands. */
import { type Plan, recordOf } from '../core/planner.js';
import { describeError, describeForSettings } from '../describe-error.js';
import { removeStaleTemps } from './files.js';
import { executeFetches, isDiskFull } from './pipeline.js';
import { removeUnused } from './removal.js';
import type { SyncRun } from './sync-run.js';
import { reportVerified, verifyCandidates } from './verify.js';

/** Executes the plan; returns the local paths that hold a congregation file afterwards. */
export async function execute(run: SyncRun, plan: Plan): Promise<Set<string>> {
  const { ctx, records, report, mediaFolder } = run;
  await removeStaleTemps(mediaFolder, run.temps);
  for (const local of plan.forget) records.delete(local);
  const placed = new Set(plan.keep.map((t) => t.local));
  const totalFiles = plan.fetch.length;
  const totalBytes = plan.fetch.reduce((sum, g) => sum + g.size, 0);
  let bytes = 0;
  let files = 0;
  const progress = () =>
    run.onProgress?.({ files, totalFiles, bytes: Math.min(bytes, totalBytes), totalBytes });
  // Removals first: on a case-insensitive disk, removing A.jpg after fetching a.jpg would remove the new file.
  await removeUnused(run, plan);
  const verified = await verifyCandidates(run, plan.verify);
  reportVerified(run, verified);
  for (const { target, record } of verified.adopted) {
    records.set(target.local, record);
    placed.add(target.local);
  }
  const outcomes = await executeFetches(plan.fetch, {
    connection: run.connection,
    mediaFolder,
    concurrency: run.settings.concurrency,
    signal: run.signal,
    retry: run.retry,
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
  // What a full disk still keeps out: every planned file not in place, the one that failed included.
  const fetched = new Set(outcomes.filter((o) => o.ok).map((o) => o.group));
  const stillNeeded = plan.fetch.reduce((sum, g) => (fetched.has(g) ? sum : sum + g.size), 0);
  for (const outcome of outcomes) {
    if (outcome.ok) {
      report.stats.downloaded++;
      report.stats.bytes += outcome.group.size;
      continue;
    }
    report.stats.failed++;
    const remotePath = outcome.group.remote.join('/');
    const message = isDiskFull(outcome)
      ? describeError(outcome.error, ctx.env, { mediaFolder, neededBytes: stillNeeded })
      : describeForSettings(outcome.error, ctx.env, run.settings, remotePath);
    report.errors.push({ path: remotePath, message });
    // the cause as the server gave it; the problem itself is logged with the others (run.ts)
    ctx.window.log.debug(`${remotePath}: ${(outcome.error as Error)?.message ?? String(outcome.error)}`);
    // a file that failed to refresh keeps its previous version where there is one
    for (const t of outcome.group.targets) if (records.files[t.local]) placed.add(t.local);
  }
  report.stats.unchanged = plan.keep.length + verified.adopted.length;
  return placed;
}
