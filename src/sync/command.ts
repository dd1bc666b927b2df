/** The "Sync congregation" and "Preview sync" commands: progress, cancellation, confirmation, one run at a time. */
import type { CancellationToken, IsoDate, PluginContext } from '../../contract/api.js';
import { summariseProblems } from '../core/problem-summary.js';
import { decimal, t } from '../i18n.js';
import type { SyncError, SyncReport } from './report.js';
import { runSync } from './run.js';

export interface SyncArgs {
  today?: IsoDate;
}

const MB = 1024 * 1024;
/** The problems' lines of a summary: with its title and "and N more", about a screenful. */
const PROBLEM_LINES = 18;

export function syncCommands(ctx: PluginContext) {
  const language = ctx.env.language;
  let running: Promise<SyncReport> | undefined;

  const summarise = async (report: SyncReport) => {
    const first = report.errors[0];
    if (report.dryRun && report.plan) {
      const { fetch, remove, keep } = report.plan;
      await ctx.window.showInformationMessage(
        t(language, 'sync.preview', { fetch: fetch.length, remove: remove.length, keep: keep.length }),
      );
    } else if (first) {
      await (report.exitCode === 2 ? ctx.window.showErrorMessage : ctx.window.showWarningMessage)(
        report.exitCode === 2 ? first.message : problemsText(ctx, report.errors),
      );
    } else {
      await ctx.window.showInformationMessage(
        t(language, 'sync.done', { ...report.stats, requests: undefined }),
      );
    }
    const left = report.export?.unsupported ?? [];
    if (left.length > 0)
      await ctx.window.showWarningMessage(
        t(language, 'export.unsupported', { count: left.length, names: left.join(', ') }),
      );
    return report;
  };

  const start = (dryRun: boolean, args: SyncArgs) =>
    ctx.window.withProgress({ title: t(language, 'sync.title'), cancellable: true }, (progress, token) => {
      let shown = 0;
      return runSync(ctx, {
        dryRun,
        token,
        today: args.today,
        confirmRemoval: async (count, managed) => {
          const remove = t(language, 'sync.remove');
          const answer = await ctx.window.showWarningMessage(
            t(language, 'sync.confirmRemoval', { count, managed }),
            remove,
            t(language, 'sync.keep'),
          );
          return answer === undefined ? undefined : answer === remove;
        },
        onWaiting: (message) => progress.report({ message }),
        onProgress: ({ files, totalFiles, bytes, totalBytes }) => {
          const percent = totalBytes > 0 ? (bytes / totalBytes) * 100 : 100;
          const message = t(language, 'sync.progress', {
            files,
            totalFiles,
            mb: decimal(language, bytes / MB),
            totalMb: decimal(language, totalBytes / MB),
          });
          progress.report({ increment: percent - shown, message, bytes: { done: bytes, total: totalBytes } });
          shown = percent;
        },
      }).then(summarise);
    });

  return {
    /** Joins a sync that is already running instead of starting a second one. */
    sync(args: SyncArgs = {}): Promise<SyncReport> {
      running ??= start(false, args).finally(() => {
        running = undefined;
      });
      return running;
    },
    /** A sync without progress or messages (the automatic one); undefined when one is running already. */
    background(token: CancellationToken, today?: IsoDate): Promise<SyncReport> | undefined {
      if (running) return undefined;
      running = runSync(ctx, { token, today }).finally(() => {
        running = undefined;
      });
      return running;
    },
    preview(args: SyncArgs = {}): Promise<SyncReport> {
      return start(true, args);
    },
  };
}

/** Every problem of a sync, grouped by message, on at most a screenful; the rest counted, with where to read them. */
function problemsText(ctx: PluginContext, errors: readonly SyncError[]): string {
  const language = ctx.env.language;
  const { lines, more } = summariseProblems(errors, PROBLEM_LINES);
  const text = lines.map((line) => {
    if (line.kind === 'one') return `${line.path}: ${line.message}`;
    if (line.kind === 'path') return `  ${line.path}`;
    return t(language, 'sync.problemGroup', { count: line.count, message: line.message });
  });
  const log = ctx.window.log.file;
  if (more > 0)
    text.push(t(language, log ? 'sync.problemsMore' : 'sync.problemsMore.noFile', { count: more, log }));
  return [t(language, 'sync.problems', { count: errors.length }), ...text].join('\n');
}
