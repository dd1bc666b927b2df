/**
 * `watch` as a child process against a real WebDAV server (webdav-server, with the fault proxy where a download
 * must be slow): what is uploaded appears in the media folder and M³'s folder, syncs never overlap, a sync that
 * changed nothing prints nothing, and SIGTERM mid-download leaves no temporary file and exits 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localToday } from '../../contract/media-folders.js';
import { meetingDates } from '../../src/core/layout.js';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { REPO_ROOT } from '../support/host-harness.js';
import {
  cleanupTempDirs,
  makeTempDir,
  startWebdavServer,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';
import { allPaths, bytes, FOLDER, put, resetCongregation, waitFor } from '../support/sync-harness.js';

/** The next meeting date from today with the default schedule (Wednesday, Sunday). */
const DATE = meetingDates(localToday(new Date()), 4, { mwDay: 2, weDay: 6 })[0] as string;
const EXPORTED = (visible: string) => `${DATE}/01 Congregation - 01 ${visible}`;

interface Watch {
  child: ChildProcess;
  stderr(): string;
  mediaDir: string;
  profile: string;
  exportDir: string;
}

const children: ChildProcess[] = [];
let server: TestServer;
const proxies: FaultProxy[] = [];

beforeAll(async () => {
  server = await startWebdavServer({ root: await makeTempDir('cs-watch-root') });
});

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.allSettled(proxies.splice(0).map((proxy) => proxy.close()));
});

afterAll(async () => {
  await stopAllServers();
  await cleanupTempDirs();
});

async function watch(url: string, extra: string[]): Promise<Watch> {
  const mediaDir = await makeTempDir('cs-watch-media');
  const profile = await makeTempDir('cs-watch-profile');
  const exportDir = await makeTempDir('cs-watch-export');
  const args = ['bin/host.cjs', 'watch', '--url', url, '--user', server.username, '--folder', `/${FOLDER}`];
  args.push('--media-dir', mediaDir, '--profile', profile, '--presenter-folder', exportDir, ...extra);
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, CONGSYNC_PASSWORD: server.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdout?.resume();
  return { child, stderr: () => stderr, mediaDir, profile, exportDir };
}

const exists = (file: string) =>
  fsp.stat(file).then(
    () => true,
    () => false,
  );
const log = (w: Watch) => fsp.readFile(path.join(w.profile, 'logs', 'host.log'), 'utf8').catch(() => '');
const temps = async (root: string) => (await allPaths(root)).filter((p) => /\.congsync-[^/]*\.part$/.test(p));

async function stop(w: Watch): Promise<number | null> {
  const exited = once(w.child, 'exit');
  w.child.kill('SIGTERM');
  const [code] = await exited;
  return code as number | null;
}

describe('watch', () => {
  it('a file uploaded appears in the media folder and in M³’s folder; a sync that changed nothing prints nothing', async () => {
    await resetCongregation(server);
    const w = await watch(server.url, ['--interval', '2']);
    await waitFor(async () => (await log(w)).includes('Synced: nothing changed'), 'a first sync', 30_000);
    expect(w.stderr()).not.toMatch(/Synced/);

    const NEW = bytes(5_000, 'new');
    await put(server, { [`Media/${DATE}/New.jpg`]: NEW });
    await waitFor(
      async () =>
        (await exists(path.join(w.mediaDir, DATE, 'New.jpg'))) &&
        exists(path.join(w.exportDir, EXPORTED('New.jpg'))),
      'the upload in both folders',
      30_000,
    );
    expect(await fsp.readFile(path.join(w.exportDir, EXPORTED('New.jpg')))).toEqual(NEW);
    await waitFor(
      () => /Synced: 1 downloaded, 0 removed; M³ folder: 1 placed, 0 removed/.test(w.stderr()),
      'its line',
    );
    // and whether the next meeting is ready
    expect(w.stderr()).toMatch(/M³ folder: 1 placed, 0 removed\. Next meeting \d{4}-\d{2}-\d{2}: ready\./);
    expect(w.stderr().match(/Synced/g)).toHaveLength(1);
    expect(await stop(w)).toBe(0);
  });

  it('syncs never overlap, even when one takes longer than the interval; SIGTERM mid-download exits 0 and cleans up', async () => {
    await resetCongregation(server);
    const proxy = await startFaultProxy(server.url);
    proxies.push(proxy);
    // 600 kB at 30 kB per 100 ms: a download of about two seconds, with an interval of one
    const drip = { kind: 'drip', bytesPerChunk: 30_000, intervalMs: 100 } as const;
    proxy.rules.push({ method: 'GET', pathIncludes: 'Slow.mp4', times: 1, fault: drip });
    await put(server, { [`Media/${DATE}/Slow.mp4`]: bytes(600_000, 'slow') });
    const w = await watch(proxy.url, ['--interval', '1', '--verbose']);
    await waitFor(async () => exists(path.join(w.exportDir, EXPORTED('Slow.mp4'))), 'the slow file', 30_000);
    await waitFor(
      () => (w.stderr().match(/Synced: nothing changed/g) ?? []).length >= 2,
      'two more syncs',
      30_000,
    );
    // every sync that started finished before the next one started
    const events = w.stderr().match(/Sync started|Synced:|Sync failed|A sync is running already/g) ?? [];
    expect(events.length).toBeGreaterThanOrEqual(6);
    events.forEach((event, i) => {
      expect(event, `event ${i}: ${events.join(', ')}`).toBe(i % 2 === 0 ? 'Sync started' : 'Synced:');
    });

    // a second slow file, stopped in the middle of its download
    proxy.rules.push({
      method: 'GET',
      pathIncludes: 'Later.mp4',
      times: 1,
      fault: { ...drip, intervalMs: 200 },
    });
    await put(server, { [`Media/${DATE}/Later.mp4`]: bytes(900_000, 'later') });
    await waitFor(async () => (await temps(w.mediaDir)).length > 0, 'the download under way', 30_000);
    expect(await stop(w)).toBe(0);
    expect(await temps(w.mediaDir)).toEqual([]);
    expect(await temps(w.exportDir)).toEqual([]);
    expect(await exists(path.join(w.mediaDir, DATE, 'Later.mp4'))).toBe(false);
  });

  it('--print-service prints the file that starts it at login, with the exact command', async () => {
    const profile = await makeTempDir('cs-watch-service');
    const run = (platform: string) => {
      const child = spawn(
        process.execPath,
        ['bin/host.cjs', 'watch', '--print-service', platform, '--profile', profile, '--interval', '300'],
        { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        out += c;
      });
      return once(child, 'exit').then(([code]) => ({ code, out }));
    };
    const script = path.join(REPO_ROOT, 'bin', 'host.cjs');
    const linux = await run('linux');
    expect(linux.code).toBe(0);
    expect(linux.out).toContain(
      `ExecStart=${process.execPath} ${script} watch --profile ${profile} --interval 300\n`,
    );
    const macos = await run('macos');
    expect(macos.out).toContain(`<string>${script}</string>\n    <string>watch</string>`);
    const windows = await run('windows');
    expect(windows.out).toContain(
      `/min ${process.execPath} ${script} watch --profile ${profile} --interval 300\r\n`,
    );
    expect((await run('amiga')).code).toBe(2);
  });
});
