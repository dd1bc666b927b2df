/**
 * `watch`: the host kept running headless with the plugin's automatic sync on, until Ctrl+C or SIGTERM:
 * npm run --silent host -- watch [--interval SECONDS] [--verbose] [--print-service windows|macos|linux]
 *   [--presenter-folder DIR] [connection options of the sync CLI]
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { EXIT, UsageError } from '../host/cli-kit.js';
import type { Language } from '../host/i18n.js';
import { t } from '../src/i18n.js';
import { connectionUsage, headlessLanguage, openHeadlessHost, parseHeadless } from './headless.js';
import { thisInstallation } from './installation.js';
import { defaultProfile, standardProfile } from './plugin-home.js';
import {
  SERVICE_PLATFORMS,
  type ServiceCommand,
  type ServicePlatform,
  serviceFile,
  serviceNames,
} from './watch-service.js';

/** The watch command's usage text in `language`. */
export function watchUsage(language: Language): string {
  return t(language, 'usage.watch', { connection: connectionUsage(language) });
}

interface WatchOptions {
  interval: number | undefined;
  verbose: boolean;
  service: ServicePlatform | undefined;
  rest: string[];
}

/** An --interval value: whole seconds from 1 to 86400, else a usage error in the user's language. */
export function checkedInterval(value: string, language: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 86_400)
    throw new UsageError(t(language, 'watch.interval', { value }));
  return Number(value);
}

/** Takes watch's own options out of argv; the rest are the sync CLI's. */
function parseWatch(argv: string[], language: string): WatchOptions {
  const options: WatchOptions = { interval: undefined, verbose: false, service: undefined, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(t(language, 'watch.needsValue', { flag }));
      return v;
    };
    if (flag === '--verbose') options.verbose = true;
    else if (flag === '--interval') options.interval = checkedInterval(value(), language);
    else if (flag === '--print-service') {
      const v = value();
      if (!(SERVICE_PLATFORMS as readonly string[]).includes(v))
        throw new UsageError(
          t(language, 'watch.service', { platforms: SERVICE_PLATFORMS.join(', '), value: v }),
        );
      options.service = v as ServicePlatform;
    } else options.rest.push(argv[i] as string);
  }
  return options;
}

export async function runWatchCli(argv: string[]): Promise<number> {
  const language = headlessLanguage(argv);
  const usage = watchUsage(language);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  let options: WatchOptions;
  let values: ReturnType<typeof parseHeadless>['values'];
  try {
    options = parseWatch(argv, language);
    const parsed = parseHeadless(options.rest, ['presenter-folder']);
    if (parsed.positionals.length > 0)
      throw new UsageError(t(language, 'cli.unexpected', { value: String(parsed.positionals[0]) }));
    if (parsed.values.today !== undefined) throw new UsageError(t(language, 'watch.noToday'));
    values = parsed.values;
  } catch (error) {
    process.stderr.write(`✖ ${(error as Error).message}\n\n${usage}\n`);
    return EXIT.error;
  }
  if (options.service) {
    process.stdout.write(serviceFile(options.service, serviceCommand(options, values)));
    return EXIT.ok;
  }
  return watch(options, values);
}

function serviceCommand(options: WatchOptions, values: Record<string, unknown>) {
  return watchCommand({ ...values, interval: options.interval });
}

/** What marks a profile's start-at-login entry: nothing for the standard profile, else a digest of its path. */
function profileMark(profile: string): string {
  if (profile === path.resolve(standardProfile())) return '';
  return createHash('sha256').update(profile).digest('hex').slice(0, 8);
}

/** The command line that runs `watch` for a profile with this installation: what a start-at-login entry runs. */
export function watchCommand(values: Record<string, unknown>): ServiceCommand {
  const profile = path.resolve((values.profile as string | undefined) ?? defaultProfile());
  const words = [...thisInstallation(), 'watch', '--profile', profile];
  for (const key of ['media-dir', 'presenter-folder'] as const) {
    const value = values[key];
    if (typeof value === 'string') words.push(`--${key}`, path.resolve(value));
  }
  if (typeof values.bwlimit === 'string') words.push('--bwlimit', values.bwlimit);
  if (values.interval !== undefined) words.push('--interval', String(values.interval));
  return { words, profile, names: serviceNames(profileMark(profile)) };
}

async function watch(options: WatchOptions, values: Record<string, unknown>): Promise<number> {
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  let opened: Awaited<ReturnType<typeof openHeadlessHost>> | undefined;
  try {
    opened = await openHeadlessHost(values);
    const { host, plugin } = opened;
    if (!plugin) throw new Error('the plugin is not enabled (see the message above)');
    if (options.verbose)
      host.log.echo = { levels: ['info'], to: (line) => process.stderr.write(`${line}\n`) };
    if (options.interval !== undefined)
      plugin.configuration.override('autoSyncIntervalSeconds', options.interval);
    // Turning it on starts the plugin's scheduler; disposing the host stops it and waits for a running sync.
    plugin.configuration.override('autoSync', true);
    await stopped;
    return EXIT.ok;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`✖ ${opened ? opened.host.redactor.redact(message) : message}\n`);
    return EXIT.error;
  } finally {
    await opened?.host.dispose();
  }
}
