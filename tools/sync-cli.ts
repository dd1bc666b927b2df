/**
 * The headless sync CLI, a stable contract for scripts:
 * CONGSYNC_PASSWORD=… npm run --silent sync -- --url URL --user NAME --folder PATH --media-dir DIR [--profile DIR]
 *   [--today YYYY-MM-DD] [--weeks N] [--ca FILE] [--concurrency N] [--presenter-folder DIR] [--dry-run] [--json]
 */

import { EXIT, printJson, UsageError } from '../host/cli-kit.js';
import type { Language } from '../host/i18n.js';
import type { Host } from '../host/runtime.js';
import { COMMANDS } from '../src/commands.js';
import { t } from '../src/i18n.js';
import type { SyncReport } from '../src/sync/report.js';
import { emptyStats } from '../src/sync/report.js';
import { connectionUsage, headlessLanguage, openHeadlessHost, parseHeadless } from './headless.js';

/** The sync CLI's usage text in `language`. */
export function syncUsage(language: Language): string {
  return t(language, 'usage.sync', { connection: connectionUsage(language) });
}

export async function runSyncCli(argv: string[]): Promise<number> {
  const language = headlessLanguage(argv);
  const usage = syncUsage(language);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  let values: ReturnType<typeof parseHeadless>['values'];
  try {
    const parsed = parseHeadless(argv, ['dry-run', 'presenter-folder']);
    if (parsed.positionals.length > 0)
      throw new UsageError(t(language, 'cli.unexpected', { value: String(parsed.positionals[0]) }));
    values = parsed.values;
  } catch (error) {
    process.stderr.write(`✖ ${(error as Error).message}\n\n${usage}\n`);
    return EXIT.error;
  }
  let opened: Awaited<ReturnType<typeof openHeadlessHost>> | undefined;
  try {
    opened = await openHeadlessHost(values);
    const { host, plugin } = opened;
    if (!plugin) throw new Error('the plugin is not enabled (see the message above)');
    const command = values['dry-run'] ? COMMANDS.preview : COMMANDS.sync;
    const report = await host.executeCommand<SyncReport>(
      command,
      values.today ? { today: values.today } : {},
    );
    const media = mediaOf(host);
    if (values.json) {
      const { ok, stats, settings, errors, plan } = report;
      printJson({ ok, media, stats, settings, errors, plan, export: report.export });
    } else {
      // one write: a line each would be a system call each, for the thousands of a congregation's media
      const lines = media.map((item) => {
        const flags = [
          t(host.language, `demo.source.${item.source}`),
          item.recurring ? t(host.language, 'demo.recurring') : '',
          item.hidden ? t(host.language, 'demo.hidden') : '',
        ].filter(Boolean);
        return `${item.date}  ${item.name}  (${flags.join(', ')})\n`;
      });
      process.stdout.write(lines.join(''));
    }
    return report.exitCode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const redacted = opened ? opened.host.redactor.redact(message) : message;
    process.stderr.write(`✖ ${redacted}\n${error instanceof UsageError ? `\n${usage}\n` : ''}`);
    // --json promises exactly one JSON document on stdout, also when the run could not start.
    if (values.json) {
      const failed = {
        ok: false,
        media: opened ? mediaOf(opened.host) : [],
        stats: emptyStats(),
        settings: { enforced: {}, rejected: [] },
        errors: [{ path: values.folder ?? '/', message: redacted }],
      };
      printJson(failed);
    }
    return EXIT.error;
  } finally {
    await opened?.host.dispose();
  }
}

function mediaOf(host: Host) {
  return host.media.items().map(({ date, name, source, hidden, recurring, file }) => ({
    date,
    name,
    source,
    hidden,
    recurring,
    file,
  }));
}
