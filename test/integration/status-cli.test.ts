/**
 * `status [--json]` reads what the host keeps in the profile: before any sync, after a sync of the headless CLI
 * against a real WebDAV server (webdav-server on loopback), and while `watch` runs in another process; the plan of a
 * `watch` that was killed reads as none.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localToday } from '../../contract/media-folders.js';
import { meetingDates } from '../../src/core/layout.js';
import { REPO_ROOT, runCli } from '../support/host-harness.js';
import {
  cleanupTempDirs,
  makeTempDir,
  startWebdavServer,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';
import {
  bytes,
  cliSync,
  MEETING_DATES,
  put,
  resetCongregation,
  serverArgs,
  waitFor,
} from '../support/sync-harness.js';

let server: TestServer;
const children: ChildProcess[] = [];

beforeAll(async () => {
  server = await startWebdavServer({ root: await makeTempDir('cs-status-root') });
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

afterAll(async () => {
  await stopAllServers();
  await cleanupTempDirs();
});

const status = async (profile: string, ...extra: string[]) => {
  const run = await runCli(['status', '--profile', profile, ...extra]);
  expect(run.code, run.stderr).toBe(0);
  return run;
};
const statusJson = async (profile: string) => JSON.parse((await status(profile, '--json')).stdout);

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('status', () => {
  it('before any sync: nothing synced, nothing planned, no service', async () => {
    const profile = await makeTempDir('cs-status-profile');
    expect(await statusJson(profile)).toEqual({
      last: null,
      next: null,
      dates: [],
      service: { installed: false, platform: expect.any(String), manager: null, files: [], running: null },
    });
    const plain = await status(profile, '--lang', 'en');
    expect(plain.stdout).toContain('Last sync: none yet.');
    expect(plain.stdout).toContain('Service: not installed');
    expect((await status(profile, '--lang', 'de')).stdout).toContain('Letzte Synchronisation: noch keine.');
  });

  it('after a sync: when, how it ended, and each meeting date ready', async () => {
    await resetCongregation(server);
    await put(server, { [`Media/${MEETING_DATES[0]}/Welcome.jpg`]: bytes(2_000, 'welcome') });
    const profile = await makeTempDir('cs-status-profile');
    const mediaDir = await makeTempDir('cs-status-media');
    const before = Date.now();
    const sync = await cliSync(server, { mediaDir, profile });
    expect(sync.code, sync.stderr).toBe(0);

    const document = await statusJson(profile);
    expect(document.last).toMatchObject({ outcome: 'ok', problems: [] });
    expect(document.last.at).toMatch(ISO);
    expect(Date.parse(document.last.at)).toBeGreaterThanOrEqual(before - 1_000);
    // a one-shot sync plans none
    expect(document.next).toBeNull();
    expect(document.dates.map((d: { date: string }) => d.date)).toEqual(MEETING_DATES);
    expect(document.dates[0]).toEqual({ date: MEETING_DATES[0], ready: true, missing: [] });
    expect((await status(profile, '--lang', 'en')).stdout).toMatch(/^Last sync .+: done\.$/m);
  });

  it('while watch runs: its last sync and the next one it planned', async () => {
    await resetCongregation(server);
    const next = meetingDates(localToday(new Date()), 4, { mwDay: 2, weDay: 6 })[0] as string;
    await put(server, { [`Media/${next}/Song.mp4`]: bytes(3_000, 'song') });
    const { child, profile } = await startWatch();
    const seen = await watchPlanned(profile);
    expect(child.exitCode).toBeNull();
    expect(seen.last).toMatchObject({ outcome: 'ok' });
    expect(seen.next).toMatch(ISO);
    expect(Date.parse(seen.next as string)).toBeGreaterThan(Date.parse(seen.last?.at as string));
    expect(seen.dates[0]).toEqual({ date: next, ready: true, missing: [] });
    const plain = (await status(profile, '--lang', 'en')).stdout;
    expect(plain).toContain(`Next meeting ${next}: ready.`);
    expect(plain).toMatch(/^Next sync .+\.$/m);

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
    expect((await statusJson(profile)).next).toBeNull();
  });

  it("keeps a running watch's plan through another process's sync, and drops the plan of a watch that was killed", async () => {
    await resetCongregation(server);
    const { child, profile, mediaDir } = await startWatch();
    const planned = await watchPlanned(profile);
    const sync = await cliSync(server, { mediaDir, profile });
    expect(sync.code, sync.stderr).toBe(0);
    const afterSync = await statusJson(profile);
    expect(Date.parse(afterSync.last.at)).toBeGreaterThan(Date.parse(planned.last?.at as string));
    expect(afterSync.next).toBe(planned.next);

    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    const orphaned = await statusJson(profile);
    expect(orphaned.next).toBeNull();
    expect(orphaned.last).toEqual(afterSync.last);
    expect((await status(profile, '--lang', 'en')).stdout).toContain('Next sync: none planned');
  });
});

/** `watch` against the test server in another process, with a fresh profile and media folder. */
async function startWatch(): Promise<{ child: ChildProcess; profile: string; mediaDir: string }> {
  const profile = await makeTempDir('cs-status-profile');
  const mediaDir = await makeTempDir('cs-status-media');
  const args = ['bin/host.cjs', 'watch', ...serverArgs(server)];
  args.push('--media-dir', mediaDir, '--profile', profile, '--interval', '600');
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, CONGSYNC_PASSWORD: server.password },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  child.stderr?.resume();
  return { child, profile, mediaDir };
}

interface StatusJson {
  last: { at: string; outcome: string } | null;
  next: string | null;
  dates: unknown[];
}

/** The status once watch's first sync ended and it planned the next. */
async function watchPlanned(profile: string): Promise<StatusJson> {
  let document: StatusJson | undefined;
  await waitFor(
    async () => {
      document = await statusJson(profile);
      return document?.last !== null && document?.next !== null;
    },
    'the first sync of watch',
    30_000,
  );
  return document as StatusJson;
}
