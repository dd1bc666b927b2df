/**
 * Helpers for the sync integration tests: the congregation folder on a server's disk (with controlled mtimes, so
 * that every rewrite gets a new ETag), presenters configured in-process, the headless sync CLI as a child process,
 * and a cancellation token as a host gives one.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { CancellationToken, Disposable, IsoDate, MediaItem } from '../../contract/api.js';
import type { Host, LoadedPlugin } from '../../host/runtime.js';
import type { OrganiserResult } from '../../src/organiser/actions.js';
import type { SyncReport } from '../../src/sync/report.js';
import { writeFiles } from './files.js';
import { type SyncRun, syncCli } from './headless-cli.js';
import { type CliResult, openHost, runCli } from './host-harness.js';
import { makeTempDir, type TestServer } from './servers.js';

/** A Tuesday: with the default schedule (Wednesday, Sunday) the meeting dates of 4 weeks are MEETING_DATES. */
export const TODAY: IsoDate = '2026-12-01';
export const MEETING_DATES: IsoDate[] = [
  '2026-12-02',
  '2026-12-06',
  '2026-12-09',
  '2026-12-13',
  '2026-12-16',
  '2026-12-20',
  '2026-12-23',
  '2026-12-27',
];
export const FOLDER = 'Congregation';
export const SYNC = 'congregation-sync.sync';
export const PREVIEW = 'congregation-sync.preview';

/** Where the congregation folder lives on the server's disk. */
/** The command line's options that reach `server`'s congregation folder (at `url`, when a proxy stands in front). */
export function serverArgs(server: Pick<TestServer, 'url' | 'username'>, url = server.url): string[] {
  return ['--url', url, '--user', server.username, '--folder', `/${FOLDER}`];
}

export function congregationDir(server: Pick<TestServer, 'root'>): string {
  if (!server.root) throw new Error('the server serves no folder on disk');
  return path.join(server.root, FOLDER);
}

/** Seconds since the epoch, moving forward by a minute per write, so that every rewrite changes mtime and ETag. */
let clock = Date.UTC(2026, 10, 1) / 1000;

/** Writes files below the congregation folder (paths like `Media/2026-12-02/a.mp4`), each with a fresh mtime. */
export async function put(server: Pick<TestServer, 'root'>, files: Record<string, Buffer | string>) {
  const root = congregationDir(server);
  await writeFiles(root, files);
  clock += 60;
  for (const rel of Object.keys(files)) await fsp.utimes(path.join(root, ...rel.split('/')), clock, clock);
}

/** Removes files or folders below the congregation folder. */
export async function remove(server: Pick<TestServer, 'root'>, ...rels: string[]) {
  for (const rel of rels) {
    await fsp.rm(path.join(congregationDir(server), ...rel.split('/')), { recursive: true, force: true });
  }
}

/** Empties the congregation folder (it stays, so the sync folder exists). */
export async function resetCongregation(server: Pick<TestServer, 'root'>) {
  const root = congregationDir(server);
  await fsp.rm(root, { recursive: true, force: true });
  await writeFiles(server.root as string, { [`${FOLDER}/.keep`]: '' });
  await fsp.rm(path.join(root, '.keep'));
}

/** Deterministic pseudo-random bytes, different per seed. */
export function bytes(size: number, seed: string): Buffer {
  const out = Buffer.alloc(size);
  let x = 2166136261;
  for (const c of seed) x = Math.imul(x ^ c.charCodeAt(0), 16777619) >>> 0;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export interface Presenter {
  host: Host;
  plugin: LoadedPlugin;
  profileDir: string;
  mediaFolder: string;
  sync(): Promise<SyncReport>;
  preview(): Promise<SyncReport>;
}

export interface PresenterOptions {
  /** Defaults to the server's own URL; a fault proxy's URL puts the proxy in between. */
  url?: string;
  password?: string;
  caFile?: string | null;
  profileDir?: string;
  mediaFolder?: string;
  assumeYes?: boolean;
  settings?: Record<string, string | number>;
}

/** A presenter with the plugin enabled and configured as a user would: its settings and its secret storage. */
export async function presenter(server: TestServer, options: PresenterOptions = {}): Promise<Presenter> {
  const profileDir = options.profileDir ?? (await makeTempDir('cs-sync-profile'));
  const mediaFolder = options.mediaFolder ?? (await makeTempDir('cs-sync-media'));
  const { host, plugin } = await openHost({ profileDir, mediaFolder, assumeYes: options.assumeYes ?? false });
  const { configuration, secrets } = plugin.context;
  await configuration.update('serverUrl', options.url ?? server.url);
  await configuration.update('username', server.username);
  await configuration.update('folder', `/${FOLDER}`);
  const caFile = options.caFile === undefined ? server.caFile : options.caFile;
  if (caFile) await configuration.update('caFile', caFile);
  for (const [key, value] of Object.entries(options.settings ?? {})) await configuration.update(key, value);
  await secrets.store('password', options.password ?? server.password);
  return {
    host,
    plugin,
    profileDir,
    mediaFolder,
    sync: () => host.executeCommand<SyncReport>(SYNC, { today: TODAY }),
    preview: () => host.executeCommand<SyncReport>(PREVIEW, { today: TODAY }),
  };
}

/** The `--json` document of the sync CLI: the sync's report and the media list. */
export type SyncJson = Pick<SyncReport, 'ok' | 'stats' | 'settings' | 'errors' | 'plan'> & {
  media: Array<Omit<MediaItem, 'owner'>>;
};

/** What `vo … --json` prints. */
export type VoJson = OrganiserResult;

/** A presenter's profile and media folder, as the CLIs take them. */
export interface Profile {
  profile: string;
  media: string;
}

export interface CliOptions {
  mediaDir: string;
  profile: string;
  url?: string;
  password?: string;
  ca?: string | null;
  extra?: string[];
}

/** `CONGSYNC_PASSWORD=… node bin/host.cjs sync … --today 2026-12-01 --json` against `server`'s folder. */
export function cliSync(server: TestServer, options: CliOptions): Promise<SyncRun> {
  const ca = options.ca === undefined ? server.caFile : options.ca;
  return syncCli({
    url: options.url ?? server.url,
    user: server.username,
    password: options.password ?? server.password,
    folder: `/${FOLDER}`,
    mediaDir: options.mediaDir,
    profile: options.profile,
    ...(ca ? { ca } : {}),
    ...(options.extra ? { extra: options.extra } : {}),
    timeoutMs: 30_000,
  });
}

/** The media list with files relative to the media folder, so that two profiles compare. */
export function relativeMedia(media: SyncJson['media'], mediaDir: string) {
  return media.map((item) => ({
    ...item,
    file: item.file === null ? null : path.relative(mediaDir, item.file).split(path.sep).join('/'),
  }));
}

/** A cancellation token as a host's progress gives one, and the switch that cancels it. */
export function cancellation(): { token: CancellationToken; cancel(): void } {
  const listeners = new Set<() => void>();
  const state = { cancelled: false };
  const token: CancellationToken = {
    get isCancellationRequested() {
      return state.cancelled;
    },
    onCancellationRequested: (listener): Disposable => {
      const call = () => listener();
      listeners.add(call);
      return { dispose: () => listeners.delete(call) };
    },
  };
  return {
    token,
    cancel() {
      if (state.cancelled) return;
      state.cancelled = true;
      for (const listener of [...listeners]) listener();
    },
  };
}

/** Every path below `root` (files and folders, relative, forward slashes). */
export async function allPaths(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      found.push(rel);
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), rel);
    }
  };
  await walk(root, '');
  return found.sort();
}

/** Polls until `check` is true (or fails after `timeoutMs`). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The items of one date, by name. */
export const itemsOn = (items: readonly MediaItem[], date: string) =>
  Object.fromEntries(
    items
      .filter((i) => i.date === date)
      .map((i) => [i.name, { source: i.source, hidden: i.hidden, recurring: i.recurring }]),
  );

/** The sync CLI with its plain output (no --json) in `lang`, against the congregation folder of `server`. */
export function plainSync(
  server: TestServer,
  options: { mediaDir: string; profile: string; lang: 'en' | 'de' },
): Promise<CliResult> {
  return runCli(
    [
      'sync',
      ...['--url', server.url, '--user', server.username, '--folder', `/${FOLDER}`, '--today', TODAY],
      ...['--media-dir', options.mediaDir, '--profile', options.profile, '--lang', options.lang],
      ...(server.caFile ? ['--ca', server.caFile] : []),
    ],
    { CONGSYNC_PASSWORD: server.password },
  );
}
