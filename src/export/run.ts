/** Runs the watched-folder export, where one is set up, and says what it did in the user's language. */
import path from 'node:path';
import type { IsoDate, PluginContext } from '../../contract/api.js';
import { t } from '../i18n.js';
import { type ExportReport, writeExport } from './write.js';

export interface ExportRequest {
  ctx: PluginContext;
  /** The watched folder; empty when no export is set up. */
  folder: string;
  today: IsoDate;
}

/** What an export did, and its problems by path (the files it could place were placed). */
export interface ExportOutcome {
  report?: ExportReport;
  errors: Array<{ path: string; message: string }>;
}

/** Brings the watched folder up to date with the host's media list. */
export async function exportForPresenter({ ctx, folder, today }: ExportRequest): Promise<ExportOutcome> {
  if (!folder) return { errors: [] };
  const language = ctx.env.language;
  if (overlap(path.resolve(folder), path.resolve(ctx.media.mediaFolder)))
    return { errors: [{ path: folder, message: t(language, 'export.overlap', { folder }) }] };
  try {
    const done = await writeExport(folder, ctx.storagePath, ctx.media.items(), {
      owner: ctx.id,
      today,
    });
    if (done.unsupported.length > 0)
      ctx.window.log.warn(
        t(language, 'export.unsupported', {
          count: done.unsupported.length,
          names: done.unsupported.join(', '),
        }),
      );
    for (const local of done.blocked) ctx.window.log.warn(t(language, 'export.blocked', { path: local }));
    const errors = [
      ...done.failed.map(({ path, cause }) => ({
        path,
        message: t(language, 'export.fileFailed', { path, detail: cause }),
      })),
      ...done.invalidOrder.map((path) => ({ path, message: t(language, 'export.invalidOrder', { path }) })),
    ];
    return { report: done, errors };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { errors: [{ path: folder, message: t(language, 'export.failed', { folder, detail: code }) }] };
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
