/** Runs the watched-folder export after a sync, where one is set up, and tells the sync's report what it did. */
import path from 'node:path';
import type { IsoDate, PluginContext } from '../../contract/api.js';
import { t } from '../i18n.js';
import type { Settings } from '../settings.js';
import type { SyncReport } from '../sync/report.js';
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
  if (overlap(path.resolve(folder), path.resolve(ctx.media.mediaFolder))) {
    report.errors.push({ path: folder, message: t(language, 'export.overlap', { folder }) });
    if (report.exitCode === 0) report.exitCode = 1;
    return;
  }
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

/** One folder inside the other (or the same): the export would write into the media folder, or the sync into it. */
function overlap(a: string, b: string): boolean {
  const within = (inner: string, outer: string) => {
    const rel = path.relative(outer, inner);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  return within(a, b) || within(b, a);
}
