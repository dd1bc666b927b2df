/** Applies a sync to the host: the media list's edits (items, removals, hidden flags) and the background image. */
import path from 'node:path';
import { mediaEdits, type Plan } from '../core/planner.js';
import { describeForSettings } from '../describe-error.js';
import { applyBackground } from './background.js';
import type { SyncRun } from './sync-run.js';

/** Applies the plan's outcome, given the local paths that hold a congregation file after execution. */
export async function apply(run: SyncRun, plan: Plan, placed: ReadonlySet<string>): Promise<void> {
  const { ctx, records, inputs } = run;
  try {
    await applyBackground(run, plan.background);
  } catch (error) {
    const at = plan.background?.path.join('/') ?? 'background';
    run.report.errors.push({
      path: at,
      message: describeForSettings(error, ctx.env, run.settings, at),
    });
  }
  const { edits, hidden } = mediaEdits({
    plan,
    placed,
    retained: new Set(Object.values(records.files).map((r) => `${r.date}/${r.name}`)),
    // the media list as planned against: the sync itself changes none of it
    hostItems: inputs.hostItems,
    fileOf: (local) => path.join(run.mediaFolder, ...local.split('/')),
    today: inputs.today,
    weeks: inputs.weeks,
    previouslyHidden: records.state.hidden,
    places: inputs.places,
  });
  await ctx.media.apply(edits);
  records.update({ hidden });
}
