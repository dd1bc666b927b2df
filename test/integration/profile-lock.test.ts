/**
 * One sync per profile at a time, across processes: two `node bin/host.cjs sync` of one profile started together
 * (against the in-process webdav-server, through the fault proxy, which counts every GET and drips the large file so
 * that the first sync is mid-download when the second starts) fetch each file once in total, both exit 0 without a
 * problem, and the one that waited says so. A sync killed with SIGKILL mid-download leaves its lock behind; the next
 * sync takes it over.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/i18n.js';
import { LOCK_FILE } from '../../src/sync/profile-lock.js';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { messagesOf, syncCli } from '../support/headless-cli.js';
import { PLUGIN_ID, REPO_ROOT } from '../support/host-harness.js';
import {
  cleanupTempDirs,
  makeTempDir,
  startWebdavServer,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';
import { allPaths, bytes, put, TODAY, waitFor } from '../support/sync-harness.js';

const DATE = '2026-12-02';
const FILES: Record<string, Buffer> = {
  [`Media/${DATE}/01 - Talk.mp4`]: bytes(3_000_000, 'talk'),
  [`Media/${DATE}/02 - Song.mp3`]: bytes(200_000, 'song'),
  'Media/2026-12-06/Picture.jpg': bytes(50_000, 'picture'),
  'Media/Recurring/Year text.png': bytes(30_000, 'year text'),
};
/** The large file arrives in about three seconds. */
const SLOW = { kind: 'drip', bytesPerChunk: 100_000, intervalMs: 100 } as const;

let server: TestServer;
let proxy: FaultProxy;

beforeAll(async () => {
  server = await startWebdavServer();
  await put(server, FILES);
  proxy = await startFaultProxy(server.url);
});

afterAll(async () => {
  await proxy?.close();
  await stopAllServers();
  await cleanupTempDirs();
});

const lockOf = (profile: string) => path.join(profile, 'plugin-storage', PLUGIN_ID, LOCK_FILE);
const gets = (from: number) => proxy.requests.slice(from).filter((r) => r.method === 'GET');
const synced = async (mediaDir: string) =>
  (await allPaths(mediaDir)).filter((p) => !p.includes('/.') && /\.(mp4|mp3|jpg|png)$/.test(p));

describe('one sync per profile at a time', () => {
  it('two syncs of one profile started together fetch each file once, and both end well', async () => {
    const profile = await makeTempDir('cs-lock-profile');
    const mediaDir = await makeTempDir('cs-lock-media');
    const from = proxy.requests.length;
    proxy.rules.push({ method: 'GET', pathIncludes: 'Talk.mp4', times: 1, fault: SLOW });
    const options = { url: proxy.url, password: server.password, mediaDir, profile, user: server.username };
    const [a, b] = await Promise.all([syncCli(options), syncCli(options)]);
    for (const run of [a, b]) {
      expect(run.code, messagesOf(run)).toBe(0);
      expect(run.json.errors, messagesOf(run)).toEqual([]);
    }
    const fetched = gets(from).map((r) => decodeURIComponent(r.path));
    expect(fetched.length, fetched.join('\n')).toBe(Object.keys(FILES).length);
    expect(new Set(fetched).size).toBe(fetched.length);
    expect(a.json.stats.downloaded + b.json.stats.downloaded).toBe(Object.keys(FILES).length);
    const waited = [a, b].filter((run) => run.stderr.includes(MESSAGES.en['sync.waiting']));
    expect(waited, `${a.stderr}\n---\n${b.stderr}`).toHaveLength(1);
    expect(waited[0]?.json.stats.downloaded).toBe(0);
    expect((await synced(mediaDir)).length).toBeGreaterThanOrEqual(Object.keys(FILES).length);
    await expect(fsp.access(lockOf(profile))).rejects.toThrow();
  });

  it('a lock left by a sync killed mid-download does not block the next sync', async () => {
    const profile = await makeTempDir('cs-lock-killed-profile');
    const mediaDir = await makeTempDir('cs-lock-killed-media');
    const from = proxy.requests.length;
    proxy.rules.push({ method: 'GET', pathIncludes: 'Talk.mp4', times: 1, fault: SLOW });
    const child = spawn(
      process.execPath,
      [
        'bin/host.cjs',
        'sync',
        ...['--url', proxy.url, '--user', server.username, '--folder', '/Congregation'],
        ...['--media-dir', mediaDir, '--profile', profile, '--today', TODAY, '--json'],
      ],
      { cwd: REPO_ROOT, env: { ...process.env, CONGSYNC_PASSWORD: server.password }, stdio: 'ignore' },
    );
    const exited = once(child, 'exit');
    await waitFor(
      () => gets(from).some((r) => decodeURIComponent(r.path).includes('Talk.mp4')),
      'the large download to start',
      30_000,
    );
    child.kill('SIGKILL');
    await exited;
    const left = JSON.parse(await fsp.readFile(lockOf(profile), 'utf8')) as { pid: number };
    expect(left.pid).toBe(child.pid);

    const next = await syncCli({
      url: proxy.url,
      password: server.password,
      mediaDir,
      profile,
      user: server.username,
      timeoutMs: 30_000,
    });
    expect(next.code, messagesOf(next)).toBe(0);
    expect(next.json.errors, messagesOf(next)).toEqual([]);
    expect(next.stderr).not.toContain(MESSAGES.en['sync.waiting']);
    expect(await synced(mediaDir)).toContain(`${DATE}/01 - Talk.mp4`);
    expect((await allPaths(mediaDir)).filter((p) => p.includes('.congsync-'))).toEqual([]);
    await expect(fsp.access(lockOf(profile))).rejects.toThrow();
  });
});
