/**
 * The plugin's status for the host (contract PluginStatus): after every sync, how it ended and whether each meeting
 * date of the window is ready; the automatic sync adds when it runs next.
 */
import { existsSync } from 'node:fs';
import type { IsoDate, PluginContext, PluginStatus } from '../../contract/api.js';
import { meetingDates } from '../core/layout.js';
import { readiness } from '../core/readiness.js';
import { t } from '../i18n.js';
import { settingsInForce } from './congregation-settings.js';
import type { SyncReport } from './report.js';

const EMPTY: PluginStatus = { last: null, next: null, dates: [] };

/** The status after a sync of the window from `today`, `weeks` long (a preview changes nothing, and says nothing). */
export function publishSync(
  ctx: PluginContext,
  report: SyncReport,
  window: { today: IsoDate; weeks: number },
): void {
  if (report.dryRun) return;
  const { schedule } = settingsInForce(ctx, ctx.hostSettings.enforced());
  const dates = meetingDates(window.today, window.weeks, schedule);
  const items = ctx.media.items().filter((item) => dates.includes(item.date));
  const present = new Set(items.flatMap((item) => (item.file && existsSync(item.file) ? [item.file] : [])));
  const outcome = report.exitCode === 2 ? 'failed' : report.errors.length > 0 ? 'problems' : 'ok';
  ctx.status.set({
    ...(ctx.status.get() ?? EMPTY),
    last: {
      at: new Date().toISOString(),
      outcome,
      problems: report.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)),
    },
    dates: readiness({
      dates,
      items,
      present,
      problems: report.errors,
      noFile: t(ctx.env.language, 'status.noFile'),
    }),
  });
}

/** When the automatic sync runs next (null: it is off). */
export function publishNext(ctx: PluginContext, next: Date | null, note?: string): void {
  const { note: _old, ...rest } = ctx.status.get() ?? EMPTY;
  ctx.status.set({ ...rest, next: next ? next.toISOString() : null, ...(note ? { note } : {}) });
}
