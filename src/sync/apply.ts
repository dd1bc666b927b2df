/** Applies a sync to the host: the media list's edits (items, removals, hidden flags) and the background image. */
import path from 'node:path';
import type { IsoDate, MediaItem, PluginContext } from '../../contract/api.js';
import { mediaEdits, type Plan } from '../core/planner.js';
import { describeForSettings } from '../describe-error.js';
import type { Connection } from '../remote/http.js';
import type { RetryPolicy } from '../remote/retry.js';
import type { Settings } from '../settings.js';
import { applyBackground } from './background.js';
import type { RecordStore } from './records.js';
import type { SyncReport } from './report.js';

/** The media list as planned against: the edits are computed from it (the sync itself changes none of it). */
export interface Where {
  mediaFolder: string;
  today: IsoDate;
  weeks: number;
  hostItems: readonly MediaItem[];
}

/** The media list's edits (and the hidden flags set) for what was placed. */
export function editsOf(plan: Plan, placed: ReadonlySet<string>, records: RecordStore, where: Where) {
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

/** Applies the plan's outcome; returns how many media-list edits it made. */
export async function applyToHost(
  ctx: PluginContext,
  connection: Connection,
  settings: Settings,
  plan: Plan,
  placed: ReadonlySet<string>,
  records: RecordStore,
  where: Where,
  report: SyncReport,
  transfer: { signal: AbortSignal; retry?: RetryPolicy },
): Promise<number> {
  try {
    await applyBackground(ctx, connection, plan.background, records, transfer.signal, transfer.retry);
  } catch (error) {
    const at = plan.background?.path.join('/') ?? 'background';
    report.errors.push({ path: at, message: describeForSettings(error, ctx.env.language, settings, at) });
  }
  const { edits, hidden } = editsOf(plan, placed, records, where);
  await ctx.media.apply(edits);
  records.update({ hidden });
  return edits.length;
}
