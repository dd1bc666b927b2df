/**
 * Over a real line (the shaping proxy: 40 ms round trip, 50 Mbit/s down, 10 up, a round trip per new connection):
 * a walk's requests overlap, and a server's 429 slows every request that follows. Both are read from the proxy's
 * log of request starts and answers, never from how long anything took.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateFolder } from '../../contract/media-folders.js';
import { expectedDateFolders } from '../../src/core/expected-folders.js';
import { inWindow } from '../../src/core/layout.js';
import { folderUrl } from '../../src/remote/connect.js';
import { Connection } from '../../src/remote/http.js';
import { listSyncFolder } from '../../src/remote/listing.js';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { writeFiles } from '../support/files.js';
import { MEETING_DATES, messagesOf, syncCli, TODAY } from '../support/headless-cli.js';
import {
  cleanupTempDirs,
  makeTempDir,
  startWebdavServer,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';
import { roundTrips, type ShapingProxy, startShapingProxy } from '../support/shaping-proxy.js';
import { bytes } from '../support/sync-harness.js';

const LINE = { rttMs: 40, downBytesPerSecond: 50e6 / 8, upBytesPerSecond: 10e6 / 8 };
const WEEKS = 4;

const shapeInFront = (url: string) =>
  startShapingProxy({ host: '127.0.0.1', port: Number(new URL(url).port) }, LINE);

afterAll(async () => {
  await stopAllServers();
  await cleanupTempDirs();
});

describe('a walk through the shaping proxy', () => {
  let server: TestServer;
  let proxy: ShapingProxy;
  const [first, second, third] = MEETING_DATES as [string, string, string];
  // two in the format the settings name (expected), one in another of the four (found through Media's listing)
  const otherFormat = formatDateFolder(third, 'DD-MM-YYYY - dddd', 'de');

  beforeAll(async () => {
    const root = await makeTempDir('cs-wan-walk');
    await writeFiles(root, {
      [`Congregation/Media/${first}/a.jpg`]: 'a',
      [`Congregation/Media/${second}/b.jpg`]: 'b',
      [`Congregation/Media/${otherFormat}/c.jpg`]: 'c',
      'Congregation/Media/2020-01-01/old.jpg': 'old',
      'Congregation/Media/Recurring/year.png': 'y',
      [`Congregation/Hidden/${second}/x.jpg`]: '',
      'Congregation/forcedPrefs.json': '{}',
    });
    server = await startWebdavServer({ root });
    proxy = await shapeInFront(server.url);
  });

  afterAll(async () => {
    await proxy?.close();
  });

  it('asks the expected date folders with the top and each next level as its parent answers', async () => {
    const connection = new Connection({
      base: folderUrl(proxy.urlFor(), 'Congregation'),
      username: server.username,
      password: server.password,
      timeoutMs: 10_000,
    });
    try {
      const listing = await listSyncFolder(connection, {
        remembered: 'walk',
        wanted: (date) => inWindow(date, TODAY, WEEKS),
        expected: expectedDateFolders(TODAY, WEEKS, {
          schedule: { mwDay: 2, weDay: 6 },
          format: 'YYYY-MM-DD',
          language: 'en',
        }),
      });
      const files = listing.entries
        .filter((e) => !e.isDirectory)
        .map((e) => e.path.join('/'))
        .sort();
      expect(files).toEqual(
        [
          `Hidden/${second}/x.jpg`,
          `Media/${first}/a.jpg`,
          `Media/${otherFormat}/c.jpg`,
          `Media/${second}/b.jpg`,
          'Media/Recurring/year.png',
          'forcedPrefs.json',
        ].sort(),
      );
    } finally {
      connection.close();
    }
    const propfinds = proxy.requests.filter((r) => r.method === 'PROPFIND');
    const asked = propfinds.map((r) => decodeURIComponent(r.path));
    // never into a folder outside the window
    expect(asked.some((p) => p.includes('2020-01-01'))).toBe(false);
    // the expected folders that do not exist answered 404, and that was no error
    expect(propfinds.filter((r) => r.status === 404).length).toBe(MEETING_DATES.length - 2);
    // the walk is three levels deep (top, Media, a date folder): with the expected names asked at once it takes two
    expect(roundTrips(proxy.requests)).toBe(2);
    // every request of a round at once, on connections of their own, not one after another on one
    expect(proxy.connections.length).toBeGreaterThan(4);
  });
});

describe('a 429 through the shaping proxy', () => {
  let server: TestServer;
  let faults: FaultProxy;
  let proxy: ShapingProxy;
  const files = Object.fromEntries(
    Array.from({ length: 30 }, (_, i) => [
      `Congregation/Media/${MEETING_DATES[i % 2]}/${String(i).padStart(2, '0')}.jpg`,
      bytes(2000 + i, `f${i}`),
    ]),
  );

  beforeAll(async () => {
    const root = await makeTempDir('cs-wan-429');
    await writeFiles(root, files);
    server = await startWebdavServer({ root });
    faults = await startFaultProxy(server.url);
    proxy = await shapeInFront(faults.url);
  });

  afterAll(async () => {
    await proxy?.close();
    await faults?.close();
  });

  it('makes every request after it wait for its Retry-After, not only its own retry', async () => {
    const retryAfterMs = 2000;
    // the largest file, so started first: most of the sync comes after its 429
    faults.rules.push({
      method: 'GET',
      pathIncludes: '29.jpg',
      times: 1,
      fault: { kind: 'status', status: 429, retryAfter: String(retryAfterMs / 1000) },
    });
    const where = await makeTempDir('cs-wan-429-client');
    const run = await syncCli({
      url: proxy.urlFor(new URL(faults.url).pathname),
      password: server.password,
      mediaDir: path.join(where, 'media'),
      profile: path.join(where, 'profile'),
      extra: ['--concurrency', '1'],
    });
    expect(run.json.errors, messagesOf(run)).toEqual([]);
    expect(run.json.stats.downloaded).toBe(30);
    const throttled = proxy.requests.find((r) => r.status === 429);
    expect(throttled?.answeredAt).toBeDefined();
    const answered = throttled?.answeredAt as number;
    const later = proxy.requests.filter((r) => r.startedAt > answered);
    // requests the client had sent before it read the 429 may still arrive just after it; none after those
    const sentBeforeReading = 300;
    const during = later.filter(
      (r) => r.startedAt > answered + sentBeforeReading && r.startedAt < answered + retryAfterMs,
    );
    expect(during).toEqual([]);
    // and the sync was not over: more than the one retry came after the pause
    expect(later.filter((r) => r.startedAt >= answered + retryAfterMs).length).toBeGreaterThan(5);
  });
});
