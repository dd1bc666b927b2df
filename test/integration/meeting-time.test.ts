/**
 * No automatic download during a meeting's time: the automatic sync on a clock set to a meeting (running at the real
 * pace, so that its timers are real), against a real WebDAV server (webdav-server) behind the fault proxy that counts
 * every request. It asks nothing of the server and says until when in the status; a sync the user asks for during the
 * meeting downloads, and the automatic one runs at the meeting's end; one still downloading when the meeting starts
 * stops there.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { PluginContext } from '../../contract/api.js';
import { type AutoSync, startAutoSync } from '../../src/sync/auto-sync.js';
import { syncCommands } from '../../src/sync/command.js';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { disposeHosts } from '../support/host-harness.js';
import {
  cleanupTempDirs,
  makeTempDir,
  startWebdavServer,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';
import { allPaths, bytes, presenter, put, resetCongregation, waitFor } from '../support/sync-harness.js';

/** The midweek meeting of the default schedule: Wednesday 2026-12-02, 19:00 local, so its time ends at 21:00. */
const MEETING = {
  date: '2026-12-02',
  start: new Date(2026, 11, 2, 19, 0),
  end: new Date(2026, 11, 2, 21, 0),
};
const PHOTO = bytes(40_000, 'photo for the meeting');
const LOCAL = path.join(MEETING.date, 'Photo.jpg');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A wall clock that shows `start` (local time) now and runs on at the real pace. */
function clockFrom(start: Date): () => Date {
  const began = Date.now();
  return () => new Date(start.getTime() + Date.now() - began);
}

let server: TestServer;
let proxy: FaultProxy;
const autos: AutoSync[] = [];

beforeAll(async () => {
  server = await startWebdavServer({ root: await makeTempDir('cs-meeting-root') });
});

beforeEach(async () => {
  await resetCongregation(server);
  await put(server, { [`Media/${MEETING.date}/Photo.jpg`]: PHOTO });
  proxy = await startFaultProxy(server.url);
});

afterEach(async () => {
  await Promise.all(autos.splice(0).map((auto) => auto.stop()));
  await disposeHosts();
  await proxy.close();
});

afterAll(async () => {
  await stopAllServers();
  await cleanupTempDirs();
});

/** A presenter's plugin with the automatic sync on the clock given, through the proxy. */
async function automatic(clock: () => Date) {
  const p = await presenter(server, { url: proxy.url });
  const ctx: PluginContext = p.plugin.context;
  autos.push(startAutoSync(ctx, syncCommands(ctx).background, { now: clock }));
  return { ...p, ctx };
}

const nextIsEnd = (ctx: PluginContext) =>
  Math.abs(Date.parse(ctx.status.get()?.next ?? '') - MEETING.end.getTime()) < 1000;

it('during a meeting the automatic sync asks nothing of the server and says until when; asked, a sync downloads', async () => {
  const { ctx, mediaFolder, sync } = await automatic(clockFrom(new Date(2026, 11, 2, 19, 30)));
  expect(ctx.status.get()?.note).toBe('No automatic downloads during the meeting, until 21:00.');
  expect(nextIsEnd(ctx)).toBe(true);

  await sleep(1500); // past the delay of the sync at start
  expect(proxy.requests).toEqual([]);
  expect(existsSync(path.join(mediaFolder, LOCAL))).toBe(false);

  const report = await sync();
  expect(report.errors).toEqual([]);
  expect(report.stats.downloaded).toBe(1);
  expect(existsSync(path.join(mediaFolder, LOCAL))).toBe(true);
  expect(proxy.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
  // the automatic sync still waits for the meeting's end
  expect(ctx.status.get()?.note).toBe('No automatic downloads during the meeting, until 21:00.');
  expect(nextIsEnd(ctx)).toBe(true);
});

it("at the meeting's end the automatic sync runs, and the note goes", async () => {
  const { ctx, mediaFolder } = await automatic(clockFrom(new Date(MEETING.end.getTime() - 1500)));
  expect(ctx.status.get()?.note).toBe('No automatic downloads during the meeting, until 21:00.');
  expect(nextIsEnd(ctx)).toBe(true);
  await sleep(1000);
  expect(proxy.requests).toEqual([]);

  await waitFor(() => existsSync(path.join(mediaFolder, LOCAL)), 'the download after the meeting');
  await waitFor(() => ctx.status.get()?.note === undefined, 'the note to go');
  expect(ctx.status.get()?.last?.outcome).toBe('ok');
});

it('before the meeting the automatic sync runs at once, without a note', async () => {
  const { ctx, mediaFolder } = await automatic(clockFrom(new Date(2026, 11, 2, 17, 0)));
  expect(ctx.status.get()?.note).toBeUndefined();
  await waitFor(() => existsSync(path.join(mediaFolder, LOCAL)), 'the sync at start');
});

it('an automatic sync still downloading when the meeting starts stops there, and leaves no temporary file', async () => {
  // the photo's body comes at 10 kB/s: its 40 kB take 4 s, and the meeting starts 2 s into them
  proxy.rules.push({
    method: 'GET',
    times: 1,
    fault: { kind: 'drip', bytesPerChunk: 1000, intervalMs: 100 },
  });
  const { ctx, mediaFolder } = await automatic(clockFrom(new Date(MEETING.start.getTime() - 3000)));
  expect(ctx.status.get()?.note).toBeUndefined();
  await waitFor(() => proxy.requests.some((r) => r.method === 'GET'), 'the download to begin');

  await waitFor(
    () => ctx.status.get()?.note === 'No automatic downloads during the meeting, until 21:00.',
    'the note after the meeting began',
  );
  expect(nextIsEnd(ctx)).toBe(true);
  expect(existsSync(path.join(mediaFolder, LOCAL))).toBe(false);
  expect((await allPaths(mediaFolder)).filter((p) => p.includes('.congsync-'))).toEqual([]);
  const asked = proxy.requests.length;
  await sleep(500);
  expect(proxy.requests).toHaveLength(asked);
});
