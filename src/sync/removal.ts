/** Removing managed files whose remote source is gone: more than half of them (and at least three) needs a yes. */
import type { Plan } from '../core/planner.js';
import { t } from '../i18n.js';
import { removeFile } from './files.js';
import type { SyncRun } from './sync-run.js';

export async function removeUnused(run: SyncRun, plan: Plan): Promise<void> {
  if (plan.remove.length === 0) return;
  const { records, report, mediaFolder } = run;
  const sources = plan.removingSources;
  const many = sources > plan.managedInWindow / 2 && sources >= 3;
  if (many && !(await (run.confirmRemoval?.(sources, plan.managedInWindow) ?? false))) {
    const message = t(run.ctx.env.language, 'sync.keptRemovals', {
      count: sources,
      managed: plan.managedInWindow,
    });
    report.errors.push({ path: mediaFolder, message });
    return;
  }
  for (const { local } of plan.remove) {
    await removeFile(mediaFolder, local);
    records.delete(local);
    report.stats.removed++;
  }
}
