/**
 * Odd but real server behaviour, each switched on in our own WebDAV server (test/support/quirk-server.ts) and met
 * by a sync through the headless CLI, which must still give exactly the right files: Depth: infinity answered one
 * level deep, HTML pages with 200 for missing paths, unquoted, weak and missing ETags, a 404 propstat before the
 * 200 one, absolute-URL hrefs, unencoded hrefs with umlauts and brackets, a Nextcloud-style base path with '@',
 * and files that are listed but cannot be fetched.
 */
import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { readTree, sha256 } from '../support/files.js';
import { hostCli, MEETING_DATES, messagesOf, type SyncRun, syncCli } from '../support/headless-cli.js';
import {
  type QuirkServer,
  type QuirkServerOptions,
  startQuirkServer,
  stopQuirkServers,
} from '../support/quirk-server.js';
import { cleanupTempDirs, makeTempDir } from '../support/servers.js';

const content = (seed: string, size: number) => {
  const out = Buffer.alloc(size);
  let block = Buffer.alloc(0);
  for (let at = 0; at < size; at += block.length) {
    block = crypto.createHash('sha256').update(`${seed}:${at}`).digest();
    block.copy(out, at);
  }
  return out;
};

const WELCOME = content('welcome', 3_000);
const UMLAUT = content('umlaut', 5_000);
const SONG = content('song', 2_000);
const YEAR = content('year', 1_000);

const UMLAUT_NAME = '02 - Über [1] & Co.mp4';

/** The congregation folder below the server's base path. */
const FILES: Record<string, Buffer | string> = {
  'Congregation/Media/2026-12-02/01 - Welcome.jpg': WELCOME,
  [`Congregation/Media/2026-12-02/${UMLAUT_NAME}`]: UMLAUT,
  'Congregation/Media/2026-12-06/Lied 3.mp3': SONG,
  'Congregation/Media/Recurring/Jahrestext.png': YEAR,
  'Congregation/Media/2027-03-01/later.jpg': content('later', 100),
  'Congregation/Hidden/2026-12-09/Nothing.mp4': '',
};

/** What FILES puts into the media folder, as readTree gives it. */
const EXPECTED = Object.fromEntries(
  Object.entries({
    '2026-12-02/01 - Welcome.jpg': WELCOME,
    [`2026-12-02/${UMLAUT_NAME}`]: UMLAUT,
    '2026-12-06/Lied 3.mp3': SONG,
    ...Object.fromEntries(MEETING_DATES.map((date) => [`${date}/Jahrestext.png`, YEAR])),
  })
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([rel, bytes]) => [rel, sha256(bytes)]),
);
/** Distinct remote files of FILES in the window: one GET each. */
const GETS = 4;

afterAll(async () => {
  await stopQuirkServers();
  await cleanupTempDirs();
});

interface World {
  server: QuirkServer;
  mediaDir: string;
  profile: string;
  sync(extra?: string[]): Promise<SyncRun>;
  /** The requests the server saw during `run`. */
  during<T>(run: () => Promise<T>): Promise<{ result: T; requests: QuirkServer['requests'] }>;
}

async function world(options: QuirkServerOptions = {}): Promise<World> {
  const server = await startQuirkServer({ files: FILES, ...options });
  const mediaDir = await makeTempDir('cs-quirks-media');
  const profile = await makeTempDir('cs-quirks-profile');
  return {
    server,
    mediaDir,
    profile,
    sync: (extra = []) => syncCli({ url: server.url, password: server.password, mediaDir, profile, extra }),
    async during(run) {
      const from = server.requests.length;
      const result = await run();
      return { result, requests: server.requests.slice(from) };
    },
  };
}

const gets = (run: SyncRun) => run.json.stats.requests.GET ?? 0;

/** The server's answer to PROPFIND Depth: infinity on the congregation folder, to see a quirk is live. */
async function listing(server: QuirkServer): Promise<string> {
  const response = await fetch(`${server.url}Congregation/`, {
    method: 'PROPFIND',
    headers: {
      depth: 'infinity',
      authorization: `Basic ${Buffer.from(`vo:${server.password}`).toString('base64')}`,
    },
  });
  expect(response.status).toBe(207);
  return response.text();
}

function expectClean(run: SyncRun) {
  expect(run.json.errors, messagesOf(run)).toEqual([]);
  expect(run.code).toBe(0);
}

describe('a plain server (the baseline for the quirks)', () => {
  it('syncs the right files; a second sync makes no GET', async () => {
    const w = await world();
    const first = await w.sync();
    expectClean(first);
    expect(await readTree(w.mediaDir)).toEqual(EXPECTED);
    expect(gets(first)).toBe(GETS);
    const second = await w.sync();
    expectClean(second);
    expect(gets(second)).toBe(0);
    expect(second.json.stats.unchanged).toBe(Object.keys(EXPECTED).length);
  });
});

describe('Depth: infinity answered silently one level deep', () => {
  it('is detected and walked with Depth: 1; the next sync walks at once', async () => {
    const w = await world({ quirks: { shallowInfinity: true } });
    const first = await w.during(() => w.sync());
    expectClean(first.result);
    expect(await readTree(w.mediaDir)).toEqual(EXPECTED);
    const propfinds = first.requests.filter((r) => r.method === 'PROPFIND');
    expect(propfinds[0]).toMatchObject({ depth: 'infinity', path: '/Congregation/' });
    // the look into Media that shows the answer was shallow, then the walk
    expect(propfinds[1]).toMatchObject({ depth: '1', path: '/Congregation/Media/' });
    expect(propfinds.slice(1).every((r) => r.depth === '1')).toBe(true);
    expect(propfinds.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        '/Congregation/Media/2026-12-02/',
        '/Congregation/Media/2026-12-06/',
        '/Congregation/Media/Recurring/',
        '/Congregation/Hidden/2026-12-09/',
      ]),
    );
    // not into date folders outside the window
    expect(propfinds.map((r) => r.path)).not.toContain('/Congregation/Media/2027-03-01/');

    const second = await w.during(() => w.sync());
    expectClean(second.result);
    const again = second.requests.filter((r) => r.method === 'PROPFIND');
    expect(again.length).toBeGreaterThan(0);
    expect(again.filter((r) => r.depth !== '1')).toEqual([]);
    expect(again[0]).toMatchObject({ path: '/Congregation/' });
    expect(again.length).toBe(propfinds.length - 2);
    expect(gets(second.result)).toBe(0);
    expect(await readTree(w.mediaDir)).toEqual(EXPECTED);
  });

  it('an empty Media folder under a shallow answer is no reason to walk', async () => {
    const w = await world({
      files: { 'Congregation/forcedPrefs.json': '{}' },
      quirks: { shallowInfinity: true },
    });
    w.server.mkdir('Congregation/Media');
    const run = await w.during(() => w.sync());
    expectClean(run.result);
    expect(run.requests.filter((r) => r.method === 'PROPFIND').map((r) => r.depth)).toEqual([
      'infinity',
      '1',
    ]);
  });
});

describe('HTML pages with 200 for what does not exist', () => {
  it('the sync fetches only listed paths and gets the right files', async () => {
    const w = await world({ quirks: { soft404: true } });
    // the quirk is live: a path that is not there answers 200 with a web page
    const probe = await fetch(`${w.server.origin}/Congregation/Media/2026-12-02/not-there.jpg`, {
      headers: { authorization: `Basic ${Buffer.from(`vo:${w.server.password}`).toString('base64')}` },
    });
    expect(probe.status).toBe(200);
    expect(await probe.text()).toContain('<html>');

    const run = await w.during(() => w.sync());
    expectClean(run.result);
    expect(await readTree(w.mediaDir)).toEqual(EXPECTED);
    const fetched = run.requests.filter((r) => r.method === 'GET').map((r) => decodeURIComponent(r.path));
    expect(fetched.sort()).toEqual(
      [
        '/Congregation/Media/2026-12-02/01 - Welcome.jpg',
        `/Congregation/Media/2026-12-02/${UMLAUT_NAME}`,
        '/Congregation/Media/2026-12-06/Lied 3.mp3',
        '/Congregation/Media/Recurring/Jahrestext.png',
      ].sort(),
    );
  });

  it('a missing folder answered with an HTML 200 is "not a WebDAV server" (exit 2) and removes nothing', async () => {
    const w = await world({ quirks: { soft404: true } });
    expectClean(await w.sync());
    const before = await readTree(w.mediaDir);
    expect(before).toEqual(EXPECTED);

    w.server.remove('Congregation');
    const gone = await w.sync();
    expect(gone.code).toBe(2);
    expect(gone.json.ok).toBe(false);
    expect(messagesOf(gone)).toMatch(/answers, but not as a WebDAV server/);
    expect(gone.json.stats.removed).toBe(0);
    expect(gone.json.stats.requests.GET ?? 0).toBe(0);
    expect(await readTree(w.mediaDir)).toEqual(before);

    // a wrong folder name, the same
    w.server.put('Congregation/Media/2026-12-02/01 - Welcome.jpg', WELCOME);
    const wrong = await w.sync(['--folder', '/Congregaton']);
    expect(wrong.code).toBe(2);
    expect(messagesOf(wrong)).toMatch(/not as a WebDAV server/);
    expect(await readTree(w.mediaDir)).toEqual(before);

    // and test connection says so too
    const env = { CONGSYNC_PASSWORD: w.server.password };
    for (const [key, value] of [
      ['serverUrl', w.server.url],
      ['username', 'vo'],
      ['folder', '/Congregaton'],
    ]) {
      const set = await hostCli(['config', 'set', key as string, value as string, '--profile', w.profile]);
      expect(set.code, set.stderr).toBe(0);
    }
    const test = await hostCli(
      ['run', 'congregation-sync.testConnection', '--json', '--profile', w.profile],
      env,
    );
    expect(test.code).toBe(2);
    expect(JSON.parse(test.stdout)).toMatchObject({ ok: false, kind: 'not-webdav' });
    expect(JSON.parse(test.stdout).message).toMatch(/not as a WebDAV server/);
  });
});

describe('ETags as servers send them', () => {
  it.each(['unquoted', 'weak'] as const)(
    '%s: nothing changed, no GET; a changed ETag, exactly one GET',
    async (etags) => {
      const w = await world({ quirks: { etags } });
      const first = await w.during(() => w.sync());
      expectClean(first.result);
      expect(await readTree(w.mediaDir)).toEqual(EXPECTED);
      // the listing really carries the quirk
      const etag = w.server.file('Congregation/Media/2026-12-06/Lied 3.mp3')?.etag;
      expect(etag).toMatch(/^\d+$/);
      expect(await listing(w.server)).toContain(
        etags === 'weak' ? `<d:getetag>W/"${etag}"</d:getetag>` : `<d:getetag>${etag}</d:getetag>`,
      );

      const second = await w.sync();
      expectClean(second);
      expect(gets(second)).toBe(0);

      // same size, same last-modified: only the ETag tells that the bytes changed
      const changed = content('song, second take', SONG.length);
      const file = w.server.file('Congregation/Media/2026-12-06/Lied 3.mp3');
      if (!file) throw new Error('no file');
      file.content = changed;
      file.etag = String(Number(file.etag) + 1);
      const third = await w.during(() => w.sync());
      expectClean(third.result);
      expect(gets(third.result)).toBe(1);
      expect(third.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([
        '/Congregation/Media/2026-12-06/Lied%203.mp3',
      ]);
      expect(await readTree(w.mediaDir)).toEqual({ ...EXPECTED, '2026-12-06/Lied 3.mp3': sha256(changed) });
    },
  );

  it('none at all: size and last-modified decide', async () => {
    const w = await world({ quirks: { etags: 'none' } });
    expect(await listing(w.server)).not.toMatch(/<d:getetag>[^<]/);
    expectClean(await w.sync());
    expect(await readTree(w.mediaDir)).toEqual(EXPECTED);
    expect(gets(await w.sync())).toBe(0);

    const file = w.server.file('Congregation/Media/2026-12-06/Lied 3.mp3');
    if (!file) throw new Error('no file');
    // a new last-modified, same size: fetched
    const retake = content('retake', SONG.length);
    file.content = retake;
    file.lastModified = new Date(file.lastModified.getTime() + 60_000);
    const byDate = await w.sync();
    expectClean(byDate);
    expect(gets(byDate)).toBe(1);
    // a new size, same last-modified: fetched
    const longer = content('longer', SONG.length + 10);
    file.content = longer;
    const bySize = await w.sync();
    expectClean(bySize);
    expect(gets(bySize)).toBe(1);
    expect(await readTree(w.mediaDir)).toEqual({ ...EXPECTED, '2026-12-06/Lied 3.mp3': sha256(longer) });
    expect(gets(await w.sync())).toBe(0);
  });
});

describe('listing shapes', () => {
  it('a 404 propstat before the 200 one: sizes and ETags come from the 200 one', async () => {
    const w = await world({ quirks: { propstat404First: true, etags: 'none' } });
    expect(await listing(w.server)).toMatch(
      /<d:href>[^<]*Lied%203\.mp3<\/d:href><d:propstat><d:prop><d:getetag\/><d:quota-available-bytes\/><\/d:prop><d:status>HTTP\/1\.1 404/,
    );
    const first = await w.sync();
    expectClean(first);
    expect(await readTree(w.mediaDir)).toEqual(EXPECTED);
    expect(gets(await w.sync())).toBe(0);
  });

  it('absolute-URL hrefs', async () => {
    const w = await world({ quirks: { absoluteHrefs: true } });
    expect(await listing(w.server)).toContain(
      `<d:href>${w.server.origin}/Congregation/Media/2026-12-06/Lied%203.mp3`,
    );
    expectClean(await w.sync());
    expect(await readTree(w.mediaDir)).toEqual(EXPECTED);
    expect(gets(await w.sync())).toBe(0);
  });

  it.each(['raw', 'mixed'] as const)(
    'hrefs %s: umlauts, spaces, brackets and & unencoded or encoded alike',
    async (encoding) => {
      const w = await world({ quirks: { encoding, absoluteHrefs: encoding === 'mixed' } });
      const body = await listing(w.server);
      expect(body).toContain('/Media/2026-12-02/02 - Über [1] &amp; Co.mp4</d:href>');
      if (encoding === 'mixed') expect(body).toMatch(/<d:href>[^<]*%20[^<]*<\/d:href>/);
      const run = await w.during(() => w.sync());
      expectClean(run.result);
      expect(await readTree(w.mediaDir)).toEqual(EXPECTED);
      // the GET asks for the name the listing gave, encoded once
      expect(run.requests.map((r) => r.path)).toContain(
        '/Congregation/Media/2026-12-02/02%20-%20%C3%9Cber%20%5B1%5D%20%26%20Co.mp4',
      );
      expect(gets(await w.sync())).toBe(0);
    },
  );

  it('a name listed in NFD is fetched by its NFD path and placed under its NFC name', async () => {
    const nfd = 'Grüße.jpg'.normalize('NFD');
    const w = await world({ files: { [`Congregation/Media/2026-12-02/${nfd}`]: WELCOME } });
    const run = await w.during(() => w.sync());
    expectClean(run.result);
    expect(await readTree(w.mediaDir)).toEqual({
      ['2026-12-02/Grüße.jpg'.normalize('NFC')]: sha256(WELCOME),
    });
    expect(run.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([
      `/Congregation/Media/2026-12-02/${encodeURIComponent(nfd)}`,
    ]);
  });
});

describe('a base path like Nextcloud’s /remote.php/dav/files/user@example.com/', () => {
  it.each([
    { encodeAt: true, absoluteHrefs: false },
    { encodeAt: false, absoluteHrefs: false },
    { encodeAt: true, absoluteHrefs: true },
  ])('hrefs with %40 or @ ($encodeAt, absolute $absoluteHrefs)', async (quirks) => {
    const w = await world({ basePath: '/remote.php/dav/files/user@example.com/', quirks });
    expect(await listing(w.server)).toContain(
      `/remote.php/dav/files/user${quirks.encodeAt ? '%40' : '@'}example.com/Congregation/Media/`,
    );
    const first = await w.during(() => w.sync());
    expectClean(first.result);
    expect(await readTree(w.mediaDir)).toEqual(EXPECTED);
    expect(
      first.requests.every((r) => r.path.startsWith('/remote.php/dav/files/user@example.com/Congregation/')),
    ).toBe(true);
    const second = await w.sync();
    expectClean(second);
    expect(gets(second)).toBe(0);
  });
});

describe('a file that is listed but cannot be fetched (404)', () => {
  it('fails alone (exit 1, named, not retried); the others sync', async () => {
    const w = await world();
    w.server.quirks.ghosts.add('Congregation/Media/2026-12-06/Lied 3.mp3');
    const run = await w.during(() => w.sync());
    expect(run.result.code).toBe(1);
    expect(run.result.json.ok).toBe(false);
    expect(run.result.json.stats.failed).toBe(1);
    expect(run.result.json.errors.map((e) => e.path)).toEqual(['Media/2026-12-06/Lied 3.mp3']);
    expect(run.result.json.errors[0]?.message).toBe(
      'The server lists "Media/2026-12-06/Lied 3.mp3" but did not deliver it (HTTP 404). The other files were synced; sync again later.',
    );
    const { '2026-12-06/Lied 3.mp3': _missing, ...others } = EXPECTED;
    expect(await readTree(w.mediaDir)).toEqual(others);
    expect(run.requests.filter((r) => r.method === 'GET' && r.path.includes('Lied'))).toHaveLength(1);
    // the media list does not claim it
    expect(run.result.json.media.map((m) => m.name)).not.toContain('Lied 3.mp3');

    w.server.quirks.ghosts.clear();
    const healed = await w.sync();
    expectClean(healed);
    expect(gets(healed)).toBe(1);
    expect(await readTree(w.mediaDir)).toEqual(EXPECTED);
  });
});
