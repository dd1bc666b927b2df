/**
 * Sync end to end, as a presenter drives it: the reference host in-process (`new Host`, `host.load`, commands) and
 * the headless sync CLI as a child process, against real WebDAV servers (webdav-server, rclone over HTTPS with its
 * own CA, Apache with Depth: infinity refused), with a fault proxy in between where the network misbehaves.
 * The congregation folder is written on the server's disk; every rewrite gets a fresh mtime (so a new ETag).
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSync } from '../../src/sync/run.js';
import { SMALL_FILE_BYTES } from '../../src/sync/small-files.js';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { readTree, sha256, tree } from '../support/files.js';
import { disposeHosts, PLUGIN_ID, runCli } from '../support/host-harness.js';
import {
  cleanupTempDirs,
  describeServers,
  makeTempDir,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';
import {
  allPaths,
  bytes,
  cancellation,
  cliSync,
  congregationDir,
  itemsOn,
  MEETING_DATES,
  plainSync,
  presenter,
  put,
  relativeMedia,
  remove,
  resetCongregation,
  type SyncJson,
  TODAY,
  waitFor,
} from '../support/sync-harness.js';

const WELCOME = bytes(3_000, 'welcome');
const TALK = bytes(20_000, 'talk');
const SONG = bytes(5_000, 'song');
const ANNOUNCE = bytes(4_000, 'announce');

/** A congregation folder with a bit of everything; what lies outside the window or the layout is not synced. */
const BASE: Record<string, Buffer | string> = {
  'Media/2026-12-02/01 - Welcome.png': WELCOME,
  'Media/2026-12-02/02 - Talk.mp4': TALK,
  'Media/2026-12-06/Song.mp3': SONG,
  'Media/2026-11-20/old.jpg': bytes(100, 'before the window'),
  'Media/2027-01-10/later.jpg': bytes(100, 'after the window'),
  'Media/Recurring/Announcements.png': ANNOUNCE,
  'Media/Notes/readme.txt': 'not a date folder',
  'Hidden/2026-12-09/Nothing here.mp4': '',
};

/** What BASE puts into the media folder. */
const BASE_LOCAL: Record<string, Buffer> = {
  '2026-12-02/01 - Welcome.png': WELCOME,
  '2026-12-02/02 - Talk.mp4': TALK,
  '2026-12-06/Song.mp3': SONG,
  ...Object.fromEntries(MEETING_DATES.map((date) => [`${date}/Announcements.png`, ANNOUNCE])),
};
/** One GET per remote file, however many dates a recurring file goes to. */
const BASE_GETS = 4;
const BASE_BYTES = WELCOME.length + TALK.length + SONG.length + ANNOUNCE.length;
/**
 * A Depth: 1 walk of BASE: the top, Media, Hidden, Media/Recurring and the 8 meeting-date folders of the window under
 * Media asked at once (two of them exist), then Hidden/2026-12-09 (not Media/Notes, nor the date folders outside the
 * window).
 */
const BASE_WALK = 4 + MEETING_DATES.length + 1;

/** Which servers answer PROPFIND Depth: infinity (the others refuse it with 403). */
const ALLOWS_INFINITY: Record<string, boolean> = { 'webdav-server': false, rclone: true, apache: false };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const temps = async (root: string) => (await allPaths(root)).filter((p) => /\.congsync-[^/]*\.part$/.test(p));

const proxies: FaultProxy[] = [];

async function proxyFor(server: TestServer): Promise<FaultProxy> {
  const ca = server.caFile ? await fsp.readFile(server.caFile, 'utf8') : undefined;
  const proxy = await startFaultProxy(server.url, ca ? { ca } : {});
  proxies.push(proxy);
  return proxy;
}

afterEach(async () => {
  await disposeHosts();
  await Promise.allSettled(proxies.splice(0).map((proxy) => proxy.close()));
});

afterAll(async () => {
  await disposeHosts();
  await stopAllServers();
  await cleanupTempDirs();
});

/** The JSON contract of `sync --json`: every field present and typed. */
function expectContract(json: SyncJson) {
  expect(Object.keys(json).sort()).toEqual(
    expect.arrayContaining(['errors', 'media', 'ok', 'settings', 'stats']),
  );
  expect(typeof json.ok).toBe('boolean');
  expect(Array.isArray(json.media)).toBe(true);
  for (const item of json.media) {
    expect(Object.keys(item).sort()).toEqual(['date', 'file', 'hidden', 'name', 'recurring', 'source']);
    expect(item.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(typeof item.name).toBe('string');
    expect(['jw', 'congregation', 'local']).toContain(item.source);
    expect(typeof item.hidden).toBe('boolean');
    expect(typeof item.recurring).toBe('boolean');
    expect(item.file === null || typeof item.file === 'string').toBe(true);
  }
  for (const key of ['listed', 'downloaded', 'bytes', 'unchanged', 'removed', 'failed'] as const) {
    expect(Number.isInteger(json.stats[key]), key).toBe(true);
  }
  expect(typeof json.stats.requests).toBe('object');
  for (const count of Object.values(json.stats.requests)) expect(Number.isInteger(count)).toBe(true);
  expect(typeof json.settings.enforced).toBe('object');
  expect(Array.isArray(json.settings.rejected)).toBe(true);
  expect(Array.isArray(json.errors)).toBe(true);
  for (const error of json.errors) {
    expect(typeof error.path).toBe('string');
    expect(typeof error.message).toBe('string');
  }
}

describe('the sync CLI, when a run cannot start', () => {
  const args = (url: string, mediaDir: string, profile: string) => [
    'sync',
    '--url',
    url,
    '--user',
    'vo',
    '--folder',
    '/Congregation',
    '--media-dir',
    mediaDir,
    '--profile',
    profile,
    '--today',
    TODAY,
    '--json',
  ];

  it('--url http://example.org/ is refused by the HTTPS rule before any request (exit 2, one JSON document)', async () => {
    const mediaDir = await makeTempDir('cs-sync-media');
    const profile = await makeTempDir('cs-sync-profile');
    const result = await runCli(args('http://example.org/', mediaDir, profile), {
      CONGSYNC_PASSWORD: 'pw-secret-123',
    });
    expect(result.code).toBe(2);
    const json = JSON.parse(result.stdout) as SyncJson;
    expectContract(json);
    expect(json.ok).toBe(false);
    expect(json.stats.requests).toEqual({});
    expect(json.errors[0]?.message).toMatch(/https/i);
    // refused by the rule, not by a failed attempt to reach the host
    expect(json.errors[0]?.message).not.toMatch(/could not be found|No server answers/);
    expect(await allPaths(mediaDir)).toEqual([]);
  });

  it('a plugin that does not load: exit 2 and still one JSON document', async () => {
    const mediaDir = await makeTempDir('cs-sync-media');
    const profile = await makeTempDir('cs-sync-profile');
    const nowhere = path.join(await makeTempDir('cs-sync-no-plugin'), 'missing');
    const result = await runCli([...args('https://127.0.0.1:9/', mediaDir, profile), '--plugin', nowhere], {
      CONGSYNC_PASSWORD: 'pw-secret-123',
    });
    expect(result.code).toBe(2);
    const json = JSON.parse(result.stdout) as SyncJson;
    expectContract(json);
    expect(json.ok).toBe(false);
    expect(json.errors[0]?.message).toMatch(/not enabled/);
  });
});

describe.each(describeServers())('sync against $name', ({ name, start, skip }) => {
  let server: TestServer;

  beforeAll(async () => {
    if (skip) return;
    server = await start(await makeTempDir(`cs-sync-${name}-root`));
  });

  beforeEach(async () => {
    if (skip) return;
    await resetCongregation(server);
  });

  const test = it.skipIf(skip !== null);

  test('first sync: files land byte-identical, the media list has them, the JSON contract holds', async () => {
    await put(server, BASE);
    const mediaDir = await makeTempDir('cs-sync-media');
    const profile = await makeTempDir('cs-sync-profile');
    const { code, json } = await cliSync(server, { mediaDir, profile });
    expect(json.errors).toEqual([]);
    expect(code).toBe(0);
    expectContract(json);
    expect(json.ok).toBe(true);
    expect(await readTree(mediaDir)).toEqual(tree(BASE_LOCAL));
    expect(json.stats).toMatchObject({ downloaded: BASE_GETS, bytes: BASE_BYTES, removed: 0, failed: 0 });
    expect(json.stats.requests.GET).toBe(BASE_GETS);
    expect(json.stats.listed).toBeGreaterThanOrEqual(5);
    const expectedMedia = Object.keys(BASE_LOCAL).map((rel) => {
      const [date, name] = rel.split('/') as [string, string];
      return {
        date,
        name,
        source: 'congregation',
        hidden: false,
        recurring: name === 'Announcements.png',
        file: path.join(mediaDir, date, name),
      };
    });
    expect(json.media).toHaveLength(expectedMedia.length);
    expect(json.media).toEqual(expect.arrayContaining(expectedMedia));

    // without --json, in German: the media list, one line per item (date, name, what it is), in the list's order
    const plain = await plainSync(server, { mediaDir, profile, lang: 'de' });
    expect(plain.code).toBe(0);
    const line = (m: SyncJson['media'][number]) =>
      `${m.date}  ${m.name}  (Versammlung${m.recurring ? ', wiederkehrend' : ''})\n`;
    expect(plain.stdout).toBe(json.media.map(line).join(''));
  });

  test('second sync with nothing changed: no GET, and the listing asks the way that works at once', async () => {
    await put(server, BASE);
    const p = await presenter(server);
    const first = await p.sync();
    expect(first.errors).toEqual([]);
    expect(first.stats.downloaded).toBe(BASE_GETS);
    const before = await readTree(p.mediaFolder);

    const second = await p.sync();
    expect(second.errors).toEqual([]);
    expect(second.exitCode).toBe(0);
    expect(second.stats.requests.GET ?? 0).toBe(0);
    expect(second.stats).toMatchObject({
      downloaded: 0,
      removed: 0,
      unchanged: Object.keys(BASE_LOCAL).length,
    });
    expect(await readTree(p.mediaFolder)).toEqual(before);
    if (ALLOWS_INFINITY[name]) {
      expect(first.stats.requests.PROPFIND).toBe(1);
      expect(second.stats.requests.PROPFIND).toBe(1);
    } else {
      // the first run learns (one refused Depth: infinity, not retried, then the walk); the second walks at once
      expect(first.stats.requests.PROPFIND).toBe(1 + BASE_WALK);
      expect(second.stats.requests.PROPFIND).toBe(BASE_WALK);
      expect(second.stats.requests.PROPFIND).toBeLessThan(first.stats.requests.PROPFIND ?? 0);
    }
  });

  test('a sync after one that changed something changes nothing; every later change still lands', async () => {
    await put(server, BASE);
    const p = await presenter(server);
    /** A sync that changes nothing: it fetches and removes nothing, and keeps what a preview said it would. */
    const unchanged = async () => {
      const planned = await p.preview();
      const report = await p.sync();
      expect(report.errors).toEqual([]);
      expect(report.stats).toMatchObject({
        downloaded: 0,
        removed: 0,
        failed: 0,
        listed: planned.stats.listed,
        unchanged: planned.stats.unchanged,
      });
      expect(report.stats.requests.GET ?? 0).toBe(0);
    };
    const fetched = async (expected: number) => {
      const report = await p.sync();
      expect(report.errors).toEqual([]);
      expect(report.stats.requests.GET ?? 0).toBe(expected);
    };
    await fetched(BASE_GETS);
    await unchanged();
    await unchanged();

    // a file the user deleted, or changed, comes back
    await fsp.rm(path.join(p.mediaFolder, '2026-12-02', '01 - Welcome.png'));
    await fetched(1);
    await unchanged();
    await fsp.writeFile(path.join(p.mediaFolder, '2026-12-06', 'Song.mp3'), 'changed by hand');
    await fetched(1);
    expect(await readTree(p.mediaFolder)).toEqual(tree(BASE_LOCAL));
    await unchanged();

    // an item taken off the media list is put back
    await p.host.media.apply([{ op: 'remove', date: '2026-12-02', name: '02 - Talk.mp4' }]);
    expect(itemsOn(p.host.media.items(), '2026-12-02')['02 - Talk.mp4']?.source).toBe('local');
    await fetched(0);
    expect(itemsOn(p.host.media.items(), '2026-12-02')['02 - Talk.mp4']?.source).toBe('congregation');
    await unchanged();

    // a wider window, and a new file on the server
    await p.plugin.context.configuration.update('syncWindowWeeks', 8);
    await fetched(2); // later.jpg, and the recurring file for the dates now in the window
    expect(await fsp.readFile(path.join(p.mediaFolder, '2027-01-10', 'later.jpg'))).toEqual(
      bytes(100, 'after the window'),
    );
    await unchanged();
    await put(server, { 'Media/2026-12-06/New.mp3': SONG });
    await fetched(1);
    await unchanged();
  });

  test('a changed file (new content, same name and size) is fetched again, exactly that one', async () => {
    await put(server, BASE);
    const p = await presenter(server);
    expect((await p.sync()).errors).toEqual([]);
    const changed = bytes(TALK.length, 'talk, second version');
    await put(server, { 'Media/2026-12-02/02 - Talk.mp4': changed });

    const report = await p.sync();
    expect(report.errors).toEqual([]);
    expect(report.stats.requests.GET).toBe(1);
    expect(report.stats).toMatchObject({ downloaded: 1, bytes: changed.length, removed: 0 });
    expect(await readTree(p.mediaFolder)).toEqual(
      tree({ ...BASE_LOCAL, '2026-12-02/02 - Talk.mp4': changed }),
    );
    expect(await temps(p.mediaFolder)).toEqual([]);
  });

  test('temporary files an interrupted run left in the window are removed by the next sync, and only those', async () => {
    await put(server, BASE);
    const p = await presenter(server);
    expect((await p.sync()).errors).toEqual([]);
    const left = path.join(p.mediaFolder, '2026-12-02', '.congsync-0a1b2c3d4e5f.part');
    const past = path.join(p.mediaFolder, '2026-10-07', '.congsync-99.part');
    const foreign = path.join(p.mediaFolder, '2026-12-02', 'notes.part');
    await fsp.mkdir(path.dirname(past), { recursive: true });
    for (const file of [left, past, foreign]) await fsp.writeFile(file, 'partial');

    const report = await p.sync();
    expect(report.errors).toEqual([]);
    expect(report.stats).toMatchObject({ downloaded: 0, removed: 0 });
    expect(await temps(p.mediaFolder)).toEqual(['2026-10-07/.congsync-99.part']);
    expect(await fsp.readFile(foreign, 'utf8')).toBe('partial');
  });

  test("a file removed on the server is removed locally; the user's own file is untouched and listed as local", async () => {
    await put(server, BASE);
    const p = await presenter(server);
    expect((await p.sync()).errors).toEqual([]);
    const mine = path.join(p.mediaFolder, '2026-12-02', 'mine.txt');
    await fsp.writeFile(mine, 'my own notes');
    await remove(server, 'Media/2026-12-06/Song.mp3');

    const report = await p.sync();
    expect(report.errors).toEqual([]);
    expect(report.stats).toMatchObject({ removed: 1, downloaded: 0 });
    const { '2026-12-06/Song.mp3': _gone, ...rest } = BASE_LOCAL;
    expect(await readTree(p.mediaFolder)).toEqual(tree({ ...rest, '2026-12-02/mine.txt': 'my own notes' }));
    const items = p.host.media.items();
    expect(items.find((i) => i.name === 'Song.mp3')).toBeUndefined();
    expect(items.find((i) => i.name === 'mine.txt')).toMatchObject({
      date: '2026-12-02',
      source: 'local',
      hidden: false,
      file: mine,
    });
    // and the next sync still leaves it alone
    expect((await p.sync()).errors).toEqual([]);
    expect(await fsp.readFile(mine, 'utf8')).toBe('my own notes');
  });

  test('a hidden marker hides a presenter item and a congregation item of that date; removing it unhides', async () => {
    await put(server, {
      'Media/2026-12-02/01 - Welcome.png': WELCOME,
      'Media/2026-12-02/02 - Talk.mp4': TALK,
      'Hidden/2026-12-02/Song 1.mp4': '',
      'Hidden/2026-12-02/01 - Welcome.png': '',
    });
    const p = await presenter(server);
    const jw = (date: string) => ({
      op: 'upsert' as const,
      item: { date, name: 'Song 1.mp4', source: 'jw' as const, hidden: false, recurring: false, file: null },
    });
    await p.host.media.apply([jw('2026-12-02'), jw('2026-12-06')]);

    expect((await p.sync()).errors).toEqual([]);
    expect(itemsOn(p.host.media.items(), '2026-12-02')).toEqual({
      '01 - Welcome.png': { source: 'congregation', hidden: true, recurring: false },
      '02 - Talk.mp4': { source: 'congregation', hidden: false, recurring: false },
      'Song 1.mp4': { source: 'jw', hidden: true, recurring: false },
    });
    // the marker is for its date only
    expect(itemsOn(p.host.media.items(), '2026-12-06')).toEqual({
      'Song 1.mp4': { source: 'jw', hidden: false, recurring: false },
    });
    // a hidden congregation file is still there, ready to be shown
    expect(await readTree(p.mediaFolder)).toEqual(
      tree({ '2026-12-02/01 - Welcome.png': WELCOME, '2026-12-02/02 - Talk.mp4': TALK }),
    );

    await remove(server, 'Hidden/2026-12-02/Song 1.mp4', 'Hidden/2026-12-02/01 - Welcome.png');
    const report = await p.sync();
    expect(report.errors).toEqual([]);
    expect(report.stats.requests.GET ?? 0).toBe(0);
    expect(itemsOn(p.host.media.items(), '2026-12-02')).toEqual({
      '01 - Welcome.png': { source: 'congregation', hidden: false, recurring: false },
      '02 - Talk.mp4': { source: 'congregation', hidden: false, recurring: false },
      'Song 1.mp4': { source: 'jw', hidden: false, recurring: false },
    });
  });

  test('recurring media go to every meeting date, except where the date has a file of that name', async () => {
    const recurring = bytes(6_000, 'recurring intro');
    const additional = bytes(7_000, 'the intro of the 9th');
    await put(server, {
      'Media/Recurring/Intro.mp4': recurring,
      'Media/2026-12-09/Intro.mp4': additional,
    });
    const p = await presenter(server);
    await p.host.media.apply([
      {
        op: 'upsert',
        item: {
          date: '2026-12-13',
          name: 'Intro.mp4',
          source: 'jw',
          hidden: false,
          recurring: false,
          file: null,
        },
      },
    ]);
    const report = await p.sync();
    expect(report.errors).toEqual([]);
    expect(report.stats.requests.GET).toBe(2);
    const expected: Record<string, Buffer> = {};
    for (const date of MEETING_DATES) if (date !== '2026-12-13') expected[`${date}/Intro.mp4`] = recurring;
    expected['2026-12-09/Intro.mp4'] = additional;
    expect(await readTree(p.mediaFolder)).toEqual(tree(expected));
    const intro = p.host.media.items().filter((i) => i.name === 'Intro.mp4');
    expect(intro.map((i) => [i.date, i.source, i.recurring])).toEqual(
      MEETING_DATES.map((date) =>
        date === '2026-12-13' ? [date, 'jw', false] : [date, 'congregation', date !== '2026-12-09'],
      ),
    );
  });

  test('forcedPrefs.json, old flat and new nested, is enforced; rejected keys are reported; deleting it lifts it', async () => {
    const intro = bytes(2_000, 'intro');
    await put(server, {
      'Media/Recurring/Intro.mp4': intro,
      'forcedPrefs.json': JSON.stringify({ maxRes: '480p', mwDay: '1', localAppLang: 'de', bogus: 'x' }),
    });
    const p = await presenter(server);
    const settings = p.host.settings;
    settings.set('media.maxRes', '240p');

    const flat = await p.sync();
    expect(flat.errors).toEqual([]);
    expect(flat.settings.enforced).toEqual({ 'media.maxRes': '480p', 'meeting.mwDay': 1 });
    expect(flat.settings.rejected.map((r) => r.key).sort()).toEqual(['bogus', 'localAppLang']);
    expect(settings.get('media.maxRes')).toBe('480p');
    expect(settings.get('meeting.mwDay')).toBe(1);
    expect(settings.lockedBy('media.maxRes')).toBe(PLUGIN_ID);
    expect(settings.lockedBy('meeting.mwDay')).toBe(PLUGIN_ID);
    expect(() => settings.set('media.maxRes', '720p')).toThrow(/enforced/);
    // midweek meetings on Tuesday: today is a meeting date, Wednesday no longer
    const tuesdays = [
      '2026-12-01',
      '2026-12-06',
      '2026-12-08',
      '2026-12-13',
      '2026-12-15',
      '2026-12-20',
      '2026-12-22',
      '2026-12-27',
    ];
    expect(await readTree(p.mediaFolder)).toEqual(
      tree(Object.fromEntries(tuesdays.map((d) => [`${d}/Intro.mp4`, intro]))),
    );
    // nothing new (planning skipped where the listing is one response): enforced all the same
    settings.enforceFor(PLUGIN_ID, {});
    expect(settings.lockedBy('media.maxRes')).toBeUndefined();
    const again = await p.sync();
    expect(again.stats).toMatchObject({ downloaded: 0, removed: 0 });
    expect(again.settings).toEqual(flat.settings);
    expect(settings.lockedBy('media.maxRes')).toBe(PLUGIN_ID);
    expect(settings.get('meeting.mwDay')).toBe(1);

    await put(server, {
      'forcedPrefs.json': JSON.stringify({
        media: { maxRes: '360p' },
        meeting: { mwDay: 1 },
        app: { localAppLang: 'de' },
      }),
    });
    const nested = await p.sync();
    expect(nested.errors).toEqual([]);
    expect(nested.settings.enforced).toEqual({ 'media.maxRes': '360p', 'meeting.mwDay': 1 });
    expect(nested.settings.rejected.map((r) => r.key)).toEqual(['app.localAppLang']);
    expect(nested.stats.requests.GET).toBe(1); // forcedPrefs.json only
    expect(settings.get('media.maxRes')).toBe('360p');
    expect(settings.lockedBy('media.maxRes')).toBe(PLUGIN_ID);

    await remove(server, 'forcedPrefs.json');
    const lifted = await p.sync();
    expect(lifted.errors).toEqual([]);
    expect(lifted.settings.enforced).toEqual({});
    expect(settings.lockedBy('media.maxRes')).toBeUndefined();
    expect(settings.lockedBy('meeting.mwDay')).toBeUndefined();
    expect(settings.get('media.maxRes')).toBe('240p');
    expect(settings.get('meeting.mwDay')).toBe(2);
    expect(await readTree(p.mediaFolder)).toEqual(
      tree(Object.fromEntries(MEETING_DATES.map((d) => [`${d}/Intro.mp4`, intro]))),
    );
    expect(lifted.stats).toMatchObject({ removed: 4, downloaded: 1 });
  });

  test('a connection dropped mid-body, a 503 with Retry-After and a 429 are retried and converge', async () => {
    const big = bytes(200_000, 'big');
    const a = bytes(10_000, 'a');
    const b = bytes(10_000, 'b');
    await put(server, {
      'Media/2026-12-02/big.mp4': big,
      'Media/2026-12-02/a.mp4': a,
      'Media/2026-12-02/b.mp4': b,
    });
    const proxy = await proxyFor(server);
    proxy.rules.push(
      {
        method: 'GET',
        pathIncludes: 'big.mp4',
        times: 1,
        fault: { kind: 'reset-mid-body', afterBytes: 1000 },
      },
      {
        method: 'GET',
        pathIncludes: 'a.mp4',
        times: 1,
        fault: { kind: 'status', status: 503, retryAfter: '1' },
      },
      { method: 'GET', pathIncludes: 'b.mp4', times: 1, fault: { kind: 'status', status: 429 } },
    );
    const p = await presenter(server, { url: proxy.url, caFile: null });
    const started = Date.now();
    const report = await p.sync();
    const elapsed = Date.now() - started;
    expect(report.errors).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(proxy.rules.map((r) => r.times)).toEqual([0, 0, 0]);
    expect(report.stats).toMatchObject({ downloaded: 3, failed: 0 });
    expect(report.stats.requests.GET).toBe(6);
    expect(elapsed).toBeGreaterThanOrEqual(950); // Retry-After: 1 was honoured
    expect(await readTree(p.mediaFolder)).toEqual(
      tree({ '2026-12-02/big.mp4': big, '2026-12-02/a.mp4': a, '2026-12-02/b.mp4': b }),
    );
    expect(await temps(p.mediaFolder)).toEqual([]);
  });

  test('a 404 on GET of a listed file fails that item only (exit 1, named in errors)', async () => {
    const a = bytes(3_000, 'a');
    await put(server, { 'Media/2026-12-02/a.mp4': a, 'Media/2026-12-02/gone.mp4': bytes(3_000, 'gone') });
    const proxy = await proxyFor(server);
    proxy.rules.push({
      method: 'GET',
      pathIncludes: 'gone.mp4',
      times: 10,
      fault: { kind: 'status', status: 404 },
    });
    const mediaDir = await makeTempDir('cs-sync-media');
    const profile = await makeTempDir('cs-sync-profile');
    const { code, json } = await cliSync(server, { mediaDir, profile, url: proxy.url, ca: null });
    expect(code).toBe(1);
    expectContract(json);
    expect(json.ok).toBe(false);
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0]?.path).toBe('Media/2026-12-02/gone.mp4');
    expect(json.stats).toMatchObject({ downloaded: 1, failed: 1 });
    expect(proxy.requests.filter((r) => r.method === 'GET' && r.path.includes('gone.mp4'))).toHaveLength(1);
    expect(await readTree(mediaDir)).toEqual(tree({ '2026-12-02/a.mp4': a }));
    expect(json.media.map((i) => i.name)).toEqual(['a.mp4']);
  });

  test('cancelling leaves no temporary and no partial file, and is quick', async () => {
    // Large enough to be streamed to its temporary file (smaller files are written whole at the end).
    const big = bytes(2 * SMALL_FILE_BYTES, 'big');
    await put(server, { 'Media/2026-12-02/big.mp4': big, 'Media/2026-12-02/small.png': bytes(1_000, 's') });
    const proxy = await proxyFor(server);
    proxy.rules.push({
      method: 'GET',
      pathIncludes: 'big.mp4',
      times: 1,
      fault: { kind: 'drip', bytesPerChunk: 1000, intervalMs: 50 },
    });
    const p = await presenter(server, { url: proxy.url, caFile: null });
    const { token, cancel } = cancellation();
    const running = runSync(p.plugin.context, { token, today: TODAY });
    await waitFor(
      async () => (await temps(p.mediaFolder)).length > 0,
      'the temporary file of big.mp4 to appear',
    );
    await sleep(300);
    const cancelledAt = Date.now();
    cancel();
    const report = await running;
    expect(Date.now() - cancelledAt).toBeLessThan(1500);
    expect(report.exitCode).toBe(2);
    expect(report.ok).toBe(false);
    expect(await temps(p.mediaFolder)).toEqual([]);
    // whatever is under a final name is whole
    const present = await readTree(p.mediaFolder);
    expect(present['2026-12-02/big.mp4']).toBeUndefined();
    for (const [rel, hash] of Object.entries(present)) {
      expect(hash, rel).toBe(sha256(await fsp.readFile(path.join(congregationDir(server), 'Media', rel))));
    }
  });

  test('an interrupted sync resumes without fetching finished files again', async () => {
    const big = bytes(200_000, 'big');
    const small = ['a', 'b', 'c'].map((n) => bytes(5_000, n));
    await put(server, {
      'Media/2026-12-02/big.mp4': big,
      'Media/2026-12-02/a.png': small[0] as Buffer,
      'Media/2026-12-02/b.png': small[1] as Buffer,
      'Media/2026-12-06/c.png': small[2] as Buffer,
    });
    const proxy = await proxyFor(server);
    proxy.rules.push({
      method: 'GET',
      pathIncludes: 'big.mp4',
      times: 1,
      fault: { kind: 'drip', bytesPerChunk: 1000, intervalMs: 50 },
    });
    const p = await presenter(server, { url: proxy.url, caFile: null });
    const { token, cancel } = cancellation();
    const running = runSync(p.plugin.context, { token, today: TODAY });
    const done = ['2026-12-02/a.png', '2026-12-02/b.png', '2026-12-06/c.png'];
    await waitFor(async () => {
      const present = await allPaths(p.mediaFolder);
      return done.every((rel) => present.includes(rel));
    }, 'the small files to be placed');
    cancel();
    expect((await running).exitCode).toBe(2);

    const report = await p.sync();
    expect(report.errors).toEqual([]);
    expect(report.stats.requests.GET).toBe(1);
    expect(report.stats).toMatchObject({ downloaded: 1, unchanged: 3 });
    expect(await readTree(p.mediaFolder)).toEqual(
      tree({
        '2026-12-02/big.mp4': big,
        '2026-12-02/a.png': small[0] as Buffer,
        '2026-12-02/b.png': small[1] as Buffer,
        '2026-12-06/c.png': small[2] as Buffer,
      }),
    );
  });

  // The guard asks for more than half AND more than ten files (core/removal-guard.ts): 12 of 20 trips it.
  const TWENTY = Object.fromEntries(
    Array.from({ length: 20 }, (_, i) => [`Media/2026-12-02/f${i + 1}.jpg`, bytes(1_000, `f${i + 1}`)]),
  );
  const TWELVE = Array.from({ length: 12 }, (_, i) => `Media/2026-12-02/f${i + 9}.jpg`);
  const SIX = Object.fromEntries(Object.entries(TWENTY).slice(0, 6));
  const EIGHT = Array.from({ length: 8 }, (_, i) => `2026-12-02/f${i + 1}.jpg`).sort();

  test('the mass-removal guard: 12 of 20 gone: headless runs keep them and name --yes, --yes removes them', async () => {
    await put(server, TWENTY);
    const p = await presenter(server);
    expect((await p.sync()).stats.downloaded).toBe(20);
    await remove(server, ...TWELVE);

    const kept = await p.sync();
    expect(kept.exitCode).toBe(1);
    expect(kept.stats.removed).toBe(0);
    expect(kept.errors.map((e) => e.message)).toEqual([
      '12 of 20 congregation files are gone from the server; they were kept on this computer. To remove them, run the sync again with --yes.',
    ]);
    expect(Object.keys(await readTree(p.mediaFolder))).toHaveLength(20);

    const cli = { mediaDir: p.mediaFolder, profile: p.profileDir };
    const noYes = await cliSync(server, cli);
    expect(noYes.code).toBe(1);
    expect(noYes.json.errors.map((e) => e.message)).toEqual([
      '12 of 20 congregation files are gone from the server; they were kept on this computer. To remove them, run the sync again with --yes.',
    ]);
    const german = await cliSync(server, { ...cli, extra: ['--lang', 'de'] });
    expect(german.code).toBe(1);
    expect(german.json.errors.map((e) => e.message)).toEqual([
      '12 von 20 Dateien der Versammlung fehlen auf dem Server; sie wurden auf diesem Computer behalten. Zum Entfernen die Synchronisation mit --yes erneut ausführen.',
    ]);
    expect(Object.keys(await readTree(p.mediaFolder))).toHaveLength(20);

    const yes = await cliSync(server, { ...cli, extra: ['--yes'] });
    expect(yes.json.errors).toEqual([]);
    expect(yes.code).toBe(0);
    expect(yes.json.stats.removed).toBe(12);
    expect(Object.keys(await readTree(p.mediaFolder)).sort()).toEqual(EIGHT);
  });

  test('the mass-removal guard: a host with assumeYes removes them', async () => {
    await put(server, TWENTY);
    const p = await presenter(server, { assumeYes: true });
    expect((await p.sync()).stats.downloaded).toBe(20);
    await remove(server, ...TWELVE);
    const report = await p.sync();
    expect(report.errors).toEqual([]);
    expect(report.stats.removed).toBe(12);
    expect(Object.keys(await readTree(p.mediaFolder)).sort()).toEqual(EIGHT);
  });

  test('the mass-removal guard leaves a small folder alone: 5 of 6 gone are removed without a question', async () => {
    await put(server, SIX);
    const p = await presenter(server);
    expect((await p.sync()).stats.downloaded).toBe(6);
    await remove(server, ...[2, 3, 4, 5, 6].map((n) => `Media/2026-12-02/f${n}.jpg`));
    const report = await p.sync();
    expect(report.errors).toEqual([]);
    expect(report.stats.removed).toBe(5);
    expect(Object.keys(await readTree(p.mediaFolder))).toEqual(['2026-12-02/f1.jpg']);
  });

  test('an empty or unreachable listing never deletes', async () => {
    // a server of our own, to stop it
    const own = await start(await makeTempDir(`cs-sync-${name}-own-root`));
    await put(own, SIX);
    const p = await presenter(own, { assumeYes: true });
    expect((await p.sync()).stats.downloaded).toBe(6);
    const before = await readTree(p.mediaFolder);

    await remove(own, 'Media');
    const empty = await p.sync();
    expect(empty.stats.removed).toBe(0);
    expect(await readTree(p.mediaFolder)).toEqual(before);
    // and still in the presenter's list
    expect(p.host.media.items().map((i) => `${i.date}/${i.name}`)).toEqual(Object.keys(before));

    await own.close();
    const unreachable = await p.sync();
    expect(unreachable.exitCode).toBe(2);
    expect(unreachable.stats.removed).toBe(0);
    expect(unreachable.errors[0]?.message).toMatch(/No server answers/);
    expect(await readTree(p.mediaFolder)).toEqual(before);
  });

  test('a wrong password: exit 2, ok false, the message names the password', async () => {
    await put(server, BASE);
    const mediaDir = await makeTempDir('cs-sync-media');
    const profile = await makeTempDir('cs-sync-profile');
    const { code, json, stdout, stderr } = await cliSync(server, {
      mediaDir,
      profile,
      password: 'wrong-pw-42',
    });
    expect(code).toBe(2);
    expectContract(json);
    expect(json.ok).toBe(false);
    expect(json.errors[0]?.message).toMatch(/password/);
    expect(json.stats.downloaded).toBe(0);
    expect(await allPaths(mediaDir)).toEqual([]);
    expect(`${stdout}${stderr}`).not.toContain('wrong-pw-42');
  });

  test('two profiles synced against the same folder hold identical media folders and media lists', async () => {
    await put(server, {
      ...BASE,
      'Hidden/2026-12-02/01 - Welcome.png': '',
      'forcedPrefs.json': JSON.stringify({ media: { maxRes: '480p' } }),
    });
    const [one, two] = await Promise.all(
      [1, 2].map(async () => {
        const mediaDir = await makeTempDir('cs-sync-media');
        const profile = await makeTempDir('cs-sync-profile');
        return { mediaDir, ...(await cliSync(server, { mediaDir, profile })) };
      }),
    );
    if (!one || !two) throw new Error('two runs expected');
    expect(one.json.errors).toEqual([]);
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(await readTree(one.mediaDir)).toEqual(tree(BASE_LOCAL));
    expect(await readTree(two.mediaDir)).toEqual(await readTree(one.mediaDir));
    expect(relativeMedia(two.json.media, two.mediaDir)).toEqual(relativeMedia(one.json.media, one.mediaDir));
    expect(one.json.media.find((i) => i.name === '01 - Welcome.png')?.hidden).toBe(true);
    expect(two.json.settings).toEqual(one.json.settings);
  });

  test('--dry-run --json changes nothing on disk and lists what would be fetched', async () => {
    await put(server, BASE);
    const mediaDir = await makeTempDir('cs-sync-media');
    const profile = await makeTempDir('cs-sync-profile');
    const fresh = await cliSync(server, { mediaDir, profile, extra: ['--dry-run'] });
    expect(fresh.code).toBe(0);
    expectContract(fresh.json);
    expect(fresh.json.plan?.fetch.slice().sort()).toEqual(Object.keys(BASE_LOCAL).sort());
    expect(fresh.json.plan?.remove).toEqual([]);
    expect(fresh.json.stats.requests.GET ?? 0).toBe(0);
    expect(await allPaths(mediaDir)).toEqual([]);

    // after a real sync and changes on the server, a preview lists them and still changes nothing
    const p = await presenter(server, { profileDir: profile, mediaFolder: mediaDir });
    expect((await p.sync()).errors).toEqual([]);
    await p.host.dispose();
    const changed = bytes(TALK.length, 'talk, changed');
    await put(server, { 'Media/2026-12-02/02 - Talk.mp4': changed, 'Media/2026-12-06/New.mp4': 'new' });
    await remove(server, 'Media/2026-12-02/01 - Welcome.png');
    const snapshot = async () => ({
      media: await readTree(mediaDir),
      profile: await readTree(profile).then((t) =>
        Object.fromEntries(Object.entries(t).filter(([rel]) => !rel.startsWith('logs/'))),
      ),
    });
    const before = await snapshot();
    const preview = await cliSync(server, { mediaDir, profile, extra: ['--dry-run'] });
    expect(preview.code).toBe(0);
    expect(preview.json.plan?.fetch.slice().sort()).toEqual([
      '2026-12-02/02 - Talk.mp4',
      '2026-12-06/New.mp4',
    ]);
    expect(preview.json.plan?.remove).toEqual(['2026-12-02/01 - Welcome.png']);
    expect(preview.json.stats.requests.GET ?? 0).toBe(0);
    expect(await snapshot()).toEqual(before);
  });
});
