/** Removing managed files whose remote source is gone: more than half of them (and at least three) needs a yes. */
import type { Plan } from '../core/planner.js';
import { t } from '../i18n.js';
import { removeFile } from './files.js';
import type { RecordStore } from './records.js';
import type { SyncReport } from './report.js';

export type ConfirmRemoval = (count: number, managed: number) => Promise<boolean>;

export async function removeUnused(
  plan: Plan,
  records: RecordStore,
  mediaFolder: string,
  report: SyncReport,
  language: string,
  confirm?: ConfirmRemoval,
): Promise<void> {
  if (plan.remove.length === 0) return;
  const sources = plan.removingSources;
  const many = sources > plan.managedInWindow / 2 && sources >= 3;
  if (many && !(await (confirm?.(sources, plan.managedInWindow) ?? false))) {
    const message = t(language, 'sync.keptRemovals', { count: sources, managed: plan.managedInWindow });
    report.errors.push({ path: mediaFolder, message });
    return;
  }
  for (const { local } of plan.remove) {
    await removeFile(mediaFolder, local);
    records.delete(local);
    report.stats.removed++;
  }
}
