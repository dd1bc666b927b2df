/**
 * The computer's own disk failing under a sync, on real file systems: a media folder on a 2 MB tmpfs fills up
 * mid-sync, one mounted read-only, and a `--media-dir` that is a regular file. The sync CLI runs as a child process
 * against the in-process webdav-server behind the fault proxy, which counts every GET. Mounting needs root (or
 * CAP_SYS_ADMIN): where `mount` is refused the mounted cases are skipped, saying why (docs/testing.md).
 */
import { execFileSync } from 'node:child_process';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/i18n.js';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { messagesOf, syncCli } from '../support/headless-cli.js';
import {
  cleanupTempDirs,
  makeTempDir,
  startWebdavServer,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';
import { allPaths, bytes, put } from '../support/sync-harness.js';

const DATE = '2026-12-02';
/**
 * Twelve streamed files (above the 256 KiB gathered whole) and two small ones: about 8.6 MB, four times the disk, so
 * that even four downloads at once cannot all have started before the disk fills.
 */
const VIDEOS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
const FILES: Record<string, Buffer> = Object.fromEntries([
  ...VIDEOS.map((n) => [`Media/${DATE}/${n} - Video.mp4`, bytes(700_000, `video ${n}`)]),
  [`Media/${DATE}/13 - Picture.jpg`, bytes(60_000, 'picture')],
  [`Media/${DATE}/14 - Song.mp3`, bytes(90_000, 'song')],
]);
const SIZES = new Map(Object.entries(FILES).map(([rel, body]) => [rel.split('/').pop(), body.length]));

/** Why mounting is impossible here, or null when a tmpfs can be mounted. */
function mountRefused(): string | null {
  const probe = path.join(process.env.TMPDIR ?? '/tmp', `cs-mount-probe-${process.pid}`);
  try {
    execFileSync('mkdir', ['-p', probe]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe]);
    return null;
  } catch (error) {
    return `mounting a tmpfs is not allowed here (needs root or CAP_SYS_ADMIN): ${(error as Error).message.split('\n')[0]}`;
  } finally {
    execFileSync('rm', ['-rf', probe]);
  }
}

const refused = mountRefused();
if (refused) console.warn(`local-disk.test.ts: the full and read-only disk cases are skipped: ${refused}`);
const mounted: string[] = [];

async function tmpfs(prefix: string, options: string): Promise<string> {
  const dir = await makeTempDir(prefix);
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  mounted.push(dir);
  return dir;
}

let server: TestServer;
let proxy: FaultProxy;

beforeAll(async () => {
  server = await startWebdavServer();
  await put(server, FILES);
  proxy = await startFaultProxy(server.url);
});

afterAll(async () => {
  for (const dir of mounted) execFileSync('umount', [dir]);
  await proxy?.close();
  await stopAllServers();
  await cleanupTempDirs();
});

const getsSince = (from: number) =>
  proxy.requests
    .slice(from)
    .filter((r) => r.method === 'GET')
    .map((r) => decodeURIComponent(r.path));

/** Every file in the media folder: none temporary, each whole. */
async function expectNothingPartial(mediaDir: string): Promise<number> {
  const files = await allPaths(mediaDir);
  expect(files.filter((f) => f.includes('.congsync-'))).toEqual([]);
  const media = files.filter((f) => f.startsWith(`${DATE}/`));
  for (const file of media) {
    const { size } = await fsp.stat(path.join(mediaDir, file));
    expect(size, file).toBe(SIZES.get(path.basename(file)));
  }
  return media.length;
}

describe.skipIf(refused !== null)('a media folder on a full disk', () => {
  it('names the full disk and what it needs, fetches each file once, starts nothing after it, leaves nothing partial', async () => {
    const mediaDir = await tmpfs('cs-full-media', 'size=2m');
    const profile = await makeTempDir('cs-full-profile');
    const from = proxy.requests.length;
    // one download at a time: every GET after the one that filled the disk would be one started after it
    const run = await syncCli({
      url: proxy.url,
      password: server.password,
      mediaDir,
      profile,
      extra: ['--concurrency', '1'],
    });
    expect(run.code, messagesOf(run)).toBe(1);
    expect(run.json.errors, messagesOf(run)).toHaveLength(1);
    const [problem] = run.json.errors;
    expect(problem?.message).toContain(`The disk holding the media folder "${mediaDir}" is full`);
    expect(problem?.message).toMatch(/Free about \d+ MB on it and sync again\./);
    expect(messagesOf(run)).not.toContain('connection to the server broke off');
    const gets = getsSince(from);
    expect(new Set(gets).size, gets.join('\n')).toBe(gets.length);
    expect(gets.length, gets.join('\n')).toBe(run.json.stats.downloaded + 1);
    expect(gets.length).toBeLessThan(Object.keys(FILES).length);
    expect(await expectNothingPartial(mediaDir)).toBe(run.json.stats.downloaded);
  });

  it('in German, with downloads in parallel: named once, no file fetched twice, nothing partial', async () => {
    const mediaDir = await tmpfs('cs-full-media-de', 'size=2m');
    const profile = await makeTempDir('cs-full-profile-de');
    const from = proxy.requests.length;
    const run = await syncCli({
      url: proxy.url,
      password: server.password,
      mediaDir,
      profile,
      extra: ['--lang', 'de', '--concurrency', '4'],
    });
    expect(run.code, messagesOf(run)).toBe(1);
    expect(run.json.errors, messagesOf(run)).toHaveLength(1);
    expect(run.json.errors[0]?.message).toMatch(
      new RegExp(`Der Datenträger des Medienordners „${mediaDir}“ ist voll: .* etwa \\d+ MB freigeben`),
    );
    const gets = getsSince(from);
    expect(new Set(gets).size, gets.join('\n')).toBe(gets.length);
    expect(gets.length).toBeLessThan(Object.keys(FILES).length);
    await expectNothingPartial(mediaDir);
  });
});

describe.skipIf(refused !== null)('a media folder on a read-only disk', () => {
  it('fails the sync at its start once, naming the folder and what to do, and fetches nothing', async () => {
    const mediaDir = await tmpfs('cs-ro-media', 'size=1m,ro');
    const profile = await makeTempDir('cs-ro-profile');
    const from = proxy.requests.length;
    const run = await syncCli({ url: proxy.url, password: server.password, mediaDir, profile });
    expect(run.code, messagesOf(run)).toBe(2);
    expect(run.json.errors, messagesOf(run)).toEqual([
      {
        path: mediaDir,
        message: MESSAGES.en['error.media-read-only'].replace('{folder}', mediaDir),
      },
    ]);
    expect(getsSince(from)).toEqual([]);
  });
});

describe('a --media-dir that is a file', () => {
  it('fails the sync at its start once, naming --media-dir; exit 2, nothing written', async () => {
    const dir = await makeTempDir('cs-media-file');
    const mediaDir = path.join(dir, 'media.txt');
    await fsp.writeFile(mediaDir, 'not a folder');
    const profile = await makeTempDir('cs-media-file-profile');
    const from = proxy.requests.length;
    const run = await syncCli({ url: proxy.url, password: server.password, mediaDir, profile });
    expect(run.code, messagesOf(run)).toBe(2);
    expect(run.json.errors, messagesOf(run)).toEqual([
      { path: mediaDir, message: MESSAGES.en['error.media-not-a-folder'].replace('{folder}', mediaDir) },
    ]);
    expect(run.json.errors[0]?.message).toContain('--media-dir');
    expect(getsSince(from)).toEqual([]);
    expect(await allPaths(dir)).toEqual(['media.txt']);
    expect(await fsp.readFile(mediaDir, 'utf8')).toBe('not a folder');
  });
});
