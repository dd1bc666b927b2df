/** Runs the watched-folder export after a sync, where one is set up, and tells the sync's report what it did. */
import type { IsoDate, PluginContext } from '../../host/api.js';
import { t } from '../i18n.js';
import type { Settings } from '../settings.js';
import type { SyncReport } from '../sync/run.js';
import { writeExport } from './write.js';

export async function exportForPresenter(
  ctx: PluginContext,
  settings: Settings,
  today: IsoDate,
  report: SyncReport,
): Promise<void> {
  const folder = settings.presenterFolder;
  if (!folder) return;
  const language = ctx.env.language;
  try {
    const done = await writeExport(folder, ctx.storagePath, ctx.media.items(), {
      owner: ctx.id,
      today,
      weeks: settings.syncWindowWeeks,
    });
    report.export = done;
    if (done.unsupported.length > 0)
      ctx.window.log.warn(
        t(language, 'export.unsupported', {
          count: done.unsupported.length,
          names: done.unsupported.join(', '),
        }),
      );
    for (const local of done.blocked) ctx.window.log.warn(t(language, 'export.blocked', { path: local }));
    for (const { path, cause } of done.failed)
      report.errors.push({ path, message: t(language, 'export.fileFailed', { path, detail: cause }) });
    if (done.failed.length > 0 && report.exitCode === 0) report.exitCode = 1;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    report.errors.push({ path: folder, message: t(language, 'export.failed', { folder, detail: code }) });
    if (report.exitCode === 0) report.exitCode = 1;
  }
}
