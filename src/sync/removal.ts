/**
 * Removing managed files whose remote source is gone: a mass removal (core/removal-guard.ts) needs a yes. Kept files
 * are a problem of the report that says how to remove them where no one was asked.
 */
import type { Plan } from '../core/planner.js';
import { removalNeedsConfirmation } from '../core/removal-guard.js';
import { t } from '../i18n.js';
import { removeFile } from './files.js';
import type { SyncRun } from './sync-run.js';

export async function removeUnused(run: SyncRun, plan: Plan): Promise<void> {
  if (plan.remove.length === 0) return;
  const { records, report, mediaFolder } = run;
  const sources = plan.removingSources;
  if (removalNeedsConfirmation(sources, plan.managedInWindow)) {
    const answer = await run.confirmRemoval?.(sources, plan.managedInWindow);
    if (answer !== true) {
      report.errors.push({
        path: mediaFolder,
        message: keptText(run, answer, sources, plan.managedInWindow),
      });
      return;
    }
  }
  for (const { local } of plan.remove) {
    await removeFile(mediaFolder, local);
    records.delete(local);
    report.stats.removed++;
  }
}

/**
 * Why the files stayed, and how to remove them in the interface at hand: nothing more after a "Keep"; on a command
 * line (no one to ask) its --yes; in a window the command and the button of its question.
 */
function keptText(run: SyncRun, answer: false | undefined, count: number, managed: number): string {
  const language = run.ctx.env.language;
  const params = { count, managed };
  if (answer === false) return t(language, 'sync.keptRemovals', params);
  if (!run.ctx.window.canAsk) return t(language, 'sync.keptRemovals.cli', params);
  return t(language, 'sync.keptRemovals.window', {
    ...params,
    command: t(language, 'sync.title'),
    button: t(language, 'sync.remove'),
  });
}
