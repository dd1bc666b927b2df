/**
 * Hostile or broken input from the server, the network or the user: names that would escape the media folder or
 * break on another file system, XML bombs, huge and deep listings, downloads longer than listed, bad
 * forcedPrefs.json files, insecure URLs, redirects to another origin, a wrong CA and an expired certificate.
 * Each gets a clear error or is safely skipped, the rest still syncs, and nothing is written outside the media
 * folder (the folder around it is compared before and after).
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../support/fault-proxy.js';
import { readTree, sha256, writeFiles } from '../support/files.js';
import { hostCli, MEETING_DATES, messagesOf, type SyncRun, syncCli } from '../support/headless-cli.js';
import { type QuirkServer, startQuirkServer, stopQuirkServers } from '../support/quirk-server.js';
import {
  cleanupTempDirs,
  createCa,
  makeTempDir,
  serverAvailable,
  startRclone,
  stopAllServers,
} from '../support/servers.js';

const run = promisify(execFile);

const data = (seed: string, size: number) => {
  const out = Buffer.alloc(size);
  for (let at = 0; at < size; at += 32)
    crypto.createHash('sha256').update(`${seed}:${at}`).digest().copy(out, at);
  return out;
};

const GOOD = data('good', 4_000);
const ALSO = data('also', 3_000);
const YEAR = data('year', 1_000);

const BASE_FILES: Record<string, Buffer> = {
  'Congregation/Media/2026-12-02/good.jpg': GOOD,
  'Congregation/Media/2026-12-06/also good.mp3': ALSO,
  'Congregation/Media/Recurring/year.png': YEAR,
};
const BASE_LOCAL: Record<string, Buffer> = {
  '2026-12-02/good.jpg': GOOD,
  '2026-12-06/also good.mp3': ALSO,
  ...Object.fromEntries(MEETING_DATES.map((date) => [`${date}/year.png`, YEAR])),
};
const hashes = (files: Record<string, Buffer>) =>
  Object.fromEntries(
    Object.keys(files)
      .sort()
      .map((rel) => [rel, sha256(files[rel] as Buffer)]),
  );

afterAll(async () => {
  await stopQuirkServers();
  await stopAllServers();
  await cleanupTempDirs();
});

/**
 * A media folder two levels down (`<outer>/inner/media`), next to files of its own, so that a path that climbs out
 * of the media folder would show up in the snapshot of `<outer>`.
 */
interface Place {
  outer: string;
  mediaDir: string;
  profile: string;
  before: Record<string, string>;
  /** Everything below `outer` that is not inside the media folder, now. */
  outside(): Promise<Record<string, string>>;
}

async function place(): Promise<Place> {
  const outer = await makeTempDir('cs-bad-input');
  await writeFiles(outer, {
    'outer.txt': 'next to the folder around the media folder\n',
    'inner/neighbour.txt': 'next to the media folder\n',
    'inner/media/2026-12-02/mine.txt': 'the user’s own file\n',
  });
  const outside = async () =>
    Object.fromEntries(
      Object.entries(await readTree(outer)).filter(([rel]) => !rel.startsWith('inner/media/')),
    );
  return {
    outer,
    mediaDir: path.join(outer, 'inner', 'media'),
    profile: await makeTempDir('cs-bad-input-profile'),
    before: await outside(),
    outside,
  };
}

/** The host's log of the profile: where the details of a refusal are written. */
const logOf = (where: Place) => fsp.readFile(path.join(where.profile, 'logs', 'host.log'), 'utf8');

const USER_FILE = { '2026-12-02/mine.txt': sha256('the user’s own file\n') };

async function sync(server: QuirkServer, where: Place, extra: string[] = []): Promise<SyncRun> {
  return syncCli({
    url: server.url,
    password: server.password,
    mediaDir: where.mediaDir,
    profile: where.profile,
    extra,
  });
}

/** A raw `<d:response>` of a file with this href and size. */
const rawFile = (href: string, size = 10) =>
  `<d:response><d:href>${href}</d:href><d:propstat><d:prop><d:resourcetype/><d:getcontentlength>${size}</d:getcontentlength><d:getetag>"raw"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`;

describe('hostile and unportable names', () => {
  const D = 'Congregation/Media/2026-12-02';
  const long = `${'x'.repeat(252)}.jpg`; // 256 bytes
  const longUmlauts = `${'ü'.repeat(126)}.jpg`; // 130 characters, 256 bytes
  const nfc = 'Grüße.jpg'.normalize('NFC');
  const nfd = 'Grüße.jpg'.normalize('NFD');
  const UPPER = data('upper', 500);
  const LOWER = data('lower', 600);
  const NFD_BYTES = data('nfd', 700);
  const NFC_BYTES = data('nfc', 800);
  /** Names the server stores and serves; all but the winners of the twins must be refused. */
  const stored: Record<string, Buffer> = {
    [`${D}/bell\u0007.jpg`]: data('bell', 10),
    [`${D}/tab\there.jpg`]: data('tab', 10),
    [`${D}/CON.jpg`]: data('con', 10),
    [`${D}/nul.txt`]: data('nul', 10),
    [`${D}/com1.png`]: data('com1', 10),
    [`${D}/trailing dot.jpg.`]: data('dot', 10),
    [`${D}/trailing space.jpg `]: data('space', 10),
    [`${D}/${long}`]: data('long', 10),
    [`${D}/${longUmlauts}`]: data('umlauts', 10),
    [`${D}/back\\slash.jpg`]: data('backslash', 10),
    [`${D}/colon:name.jpg`]: data('colon', 10),
    [`${D}/A.jpg`]: UPPER,
    [`${D}/a.jpg`]: LOWER,
    [`${D}/${nfd}`]: NFD_BYTES,
    [`${D}/${nfc}`]: NFC_BYTES,
  };
  /** Hrefs only a hand-made listing can hold. */
  const hrefs = [
    '/Congregation/Media/2026-12-02/..',
    '/Congregation/Media/2026-12-02/%2E%2E',
    '/Congregation/Media/2026-12-02/../../x.jpg',
    '/Congregation/Media/2026-12-02/../../../../../../etc/passwd',
    '/Congregation/Media/2026-12-02/..%2F..%2F..%2F..%2Fescape.jpg',
    '/Congregation/Media/2026-12-02/a%2Fb.jpg',
    '/Congregation/Media/2026-12-02/..%5C..%5Cwin.jpg',
    '/etc/passwd',
    '/Other/Media/2026-12-02/outside.jpg',
    '/Congregation/Media/2026-12-02/%ZZbroken.jpg',
    '/Congregation/Media/2026-12-02/ref&#x1;.jpg',
    'http://elsewhere.example/Congregation/Media/2026-12-02/elsewhere.jpg',
  ];

  it('are skipped with a reason; case and NFC/NFD twins: the first wins; the rest syncs; nothing escapes', async () => {
    const server = await startQuirkServer({ files: { ...BASE_FILES, ...stored } });
    server.quirks.extraResponses.push(...hrefs.map((href) => rawFile(href)));
    const where = await place();
    const result = await sync(server, where);

    expect(result.code, messagesOf(result)).toBe(1);
    expect(await readTree(where.mediaDir)).toEqual({
      ...hashes({
        ...BASE_LOCAL,
        '2026-12-02/A.jpg': UPPER,
        // the NFD spelling sorts first; it is placed under its NFC name
        [`2026-12-02/${nfc}`]: NFD_BYTES,
      }),
      ...USER_FILE,
    });
    const reasons = Object.fromEntries(result.json.errors.map((e) => [e.path, e.message]));
    const M = 'Media/2026-12-02';
    expect(reasons).toEqual({
      [`${M}/bell\u0007.jpg`]: expect.stringMatching(/control character/),
      [`${M}/tab\there.jpg`]: expect.stringMatching(/control character/),
      [`${M}/ref\u0001.jpg`]: expect.stringMatching(/control character/),
      [`${M}/colon:name.jpg`]: expect.stringMatching(/not allowed in file names/),
      [`${M}/CON.jpg`]: expect.stringMatching(/reserved by Windows/),
      [`${M}/nul.txt`]: expect.stringMatching(/reserved by Windows/),
      [`${M}/com1.png`]: expect.stringMatching(/reserved by Windows/),
      [`${M}/trailing dot.jpg.`]: expect.stringMatching(/ends with a dot or a space/),
      [`${M}/trailing space.jpg `]: expect.stringMatching(/ends with a dot or a space/),
      [`${M}/${long}`]: expect.stringMatching(/longer than 255 bytes/),
      [`${M}/${longUmlauts}`]: expect.stringMatching(/longer than 255 bytes/),
      [`${M}/back\\slash.jpg`]: expect.stringMatching(/path separator/),
      [`${M}/a/b.jpg`]: expect.stringMatching(/path separator/),
      [`${M}/../../../../escape.jpg`]: expect.stringMatching(/path separator/),
      [`${M}/..\\..\\win.jpg`]: expect.stringMatching(/path separator/),
      [`${M}/a.jpg`]: 'its name collides with A.jpg',
      [`${M}/${nfc}`]: `its name collides with ${nfc}`,
      // an absolute href names a path of this server, whatever its host: fetched from this server, where it is not
      [`${M}/elsewhere.jpg`]: expect.stringMatching(/lists .* but did not deliver it \(HTTP 404\)/),
    });
    // only files of this server's sync folder were fetched, each by its own name
    const fetched = server.requests.filter((r) => r.method === 'GET').map((r) => decodeURIComponent(r.path));
    expect(fetched.sort()).toEqual(
      [
        '/Congregation/Media/2026-12-02/good.jpg',
        '/Congregation/Media/2026-12-06/also good.mp3',
        '/Congregation/Media/Recurring/year.png',
        '/Congregation/Media/2026-12-02/A.jpg',
        `/Congregation/Media/2026-12-02/${nfd}`,
        '/Congregation/Media/2026-12-02/elsewhere.jpg',
      ].sort(),
    );
    expect(await where.outside()).toEqual(where.before);
    // the listing as the media list shows it: only the safe names
    const names = result.json.media.filter((m) => m.source === 'congregation').map((m) => m.name);
    expect(new Set(names)).toEqual(new Set(['good.jpg', 'also good.mp3', 'year.png', 'A.jpg', nfc]));

    // a second sync decides the same and fetches nothing more
    const again = await sync(server, where);
    expect(again.json.errors.map((e) => e.path).sort()).toEqual(result.json.errors.map((e) => e.path).sort());
    expect(again.json.stats.requests.GET ?? 0).toBe(1); // only the one that is not there, again
    expect(await where.outside()).toEqual(where.before);
  });
});

describe('hostile listings', () => {
  let server: QuirkServer;
  let where: Place;
  let synced: Record<string, string>;

  beforeAll(async () => {
    server = await startQuirkServer({ files: BASE_FILES });
    where = await place();
    const first = await sync(server, where);
    expect(first.json.errors, messagesOf(first)).toEqual([]);
    synced = await readTree(where.mediaDir);
    expect(synced).toEqual({ ...hashes(BASE_LOCAL), ...USER_FILE });
  });

  /** Answers every PROPFIND with `answer` while `body` runs; the media folder and its surroundings must not change. */
  async function withListing(
    answer: (res: http.ServerResponse) => void,
    check: (result: SyncRun) => void | Promise<void>,
  ) {
    const hook = (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (req.method !== 'PROPFIND') return false;
      answer(res);
      return true;
    };
    server.hooks.push(hook);
    try {
      const result = await sync(server, where);
      expect(result.code).toBe(2);
      expect(result.json.ok).toBe(false);
      expect(result.json.stats.removed).toBe(0);
      expect(result.json.stats.requests.GET ?? 0).toBe(0);
      await check(result);
    } finally {
      server.hooks.splice(server.hooks.indexOf(hook), 1);
    }
    expect(await readTree(where.mediaDir)).toEqual(synced);
    expect(await where.outside()).toEqual(where.before);
  }

  const xml = (res: http.ServerResponse, body: string) => {
    res.writeHead(207, { 'content-type': 'application/xml; charset=utf-8' });
    res.end(body);
  };

  it('XML entity expansion (billion laughs) is refused, not expanded', async () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE d:multistatus [',
      '<!ENTITY lol "lol">',
      ...Array.from(
        { length: 9 },
        (_, k) => `<!ENTITY lol${k + 1} "${`&lol${k === 0 ? '' : k};`.repeat(10)}">`,
      ),
      ']>',
      '<d:multistatus xmlns:d="DAV:"><d:response><d:href>/Congregation/Media/2026-12-02/&lol9;.jpg</d:href>',
      '<d:propstat><d:prop><d:getcontentlength>1</d:getcontentlength></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>',
      '</d:response></d:multistatus>',
    ].join('\n');
    await withListing(
      (res) => xml(res, lol),
      async (result) => {
        expect(messagesOf(result)).toMatch(/answers, but not as a WebDAV server/);
        expect(await logOf(where)).toMatch(/sync failed: the listing has a DOCTYPE or ENTITY declaration/);
        expect(result.ms).toBeLessThan(10_000);
        expect(result.peakRss).toBeLessThan(300 * 1024 * 1024);
      },
    );
  });

  it('an external entity (XXE) is refused and never read', async () => {
    const secret = path.join(where.outer, 'outer.txt');
    const body = `<?xml version="1.0"?><!DOCTYPE d:multistatus [<!ENTITY xxe SYSTEM "file://${secret}">]><d:multistatus xmlns:d="DAV:"><d:response><d:href>/Congregation/Media/2026-12-02/&xxe;.jpg</d:href></d:response></d:multistatus>`;
    await withListing(
      (res) => xml(res, body),
      async (result) => {
        expect(await logOf(where)).toMatch(/DOCTYPE or ENTITY declaration/);
        expect(`${result.stdout}${result.stderr}${await logOf(where)}`).not.toContain('next to the folder');
      },
    );
  });

  it('a 300 MB listing (streamed, no Content-Length) is refused at 64 MiB, quickly and in bounded memory', async () => {
    let sent = 0;
    const entry = (k: number) =>
      rawFile(
        `/Congregation/Media/2026-12-02/file-${String(k).padStart(9, '0')}-${'p'.repeat(400)}.jpg`,
        1000,
      );
    const chunk = Buffer.from(Array.from({ length: 128 }, (_, k) => entry(k)).join(''));
    const total = 300 * 1024 * 1024;
    await withListing(
      (res) => {
        res.writeHead(207, { 'content-type': 'application/xml; charset=utf-8' });
        res.write('<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus xmlns:d="DAV:">');
        let closed = false;
        res.once('close', () => {
          closed = true;
        });
        const pump = () => {
          while (!closed && sent < total) {
            sent += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          if (!closed) res.end('</d:multistatus>');
        };
        pump();
      },
      (result) => {
        expect(messagesOf(result)).toMatch(/The server sent more data than allowed/);
        expect(result.json.errors[0]?.message).toMatch(/more than 67108864 bytes/);
        expect(result.ms).toBeLessThan(20_000);
        // it stopped reading soon after the limit, and never held the whole body
        expect(sent).toBeLessThan(100 * 1024 * 1024);
        // about 165 MB on Linux: the 64 MiB read, no copy of it, never the 300 MB
        expect(result.peakRss).toBeLessThan(300 * 1024 * 1024);
      },
    );
  });

  it('a listing that announces 300 MB is refused before its body is read', async () => {
    let sent = 0;
    await withListing(
      (res) => {
        res.writeHead(207, { 'content-type': 'application/xml', 'content-length': 300 * 1024 * 1024 });
        const block = Buffer.alloc(1024 * 1024, 0x20);
        const pump = () => {
          while (!res.destroyed && sent < 300 * 1024 * 1024) {
            sent += block.length;
            if (!res.write(block)) {
              res.once('drain', pump);
              return;
            }
          }
        };
        res.write('<d:multistatus xmlns:d="DAV:">');
        pump();
      },
      (result) => {
        expect(result.json.errors[0]?.message).toMatch(/314572800 bytes > 67108864/);
        expect(messagesOf(result)).toMatch(/more data than allowed/);
        expect(sent).toBeLessThan(64 * 1024 * 1024);
      },
    );
  });

  it('deep nesting is refused', async () => {
    const depth = 100_000;
    const body = `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>/Congregation/</d:href><d:propstat><d:prop>${'<d:x>'.repeat(depth)}${'</d:x>'.repeat(depth)}</d:prop></d:propstat></d:response></d:multistatus>`;
    await withListing(
      (res) => xml(res, body),
      async (result) => {
        expect(messagesOf(result)).toMatch(/not as a WebDAV server/);
        expect(await logOf(where)).toMatch(/nest deeper than 64/);
        expect(result.ms).toBeLessThan(10_000);
      },
    );
  });

  it('a truncated listing removes nothing', async () => {
    const full = await (
      await fetch(`${server.url}Congregation/`, {
        method: 'PROPFIND',
        headers: {
          depth: 'infinity',
          authorization: `Basic ${Buffer.from(`vo:${server.password}`).toString('base64')}`,
        },
      })
    ).text();
    // cut right after the first file's response: a parser that takes what it got would see the others deleted
    const cut = full.slice(
      0,
      full.indexOf('</d:response>', full.indexOf('good.jpg')) + '</d:response>'.length,
    );
    await withListing(
      (res) => xml(res, cut),
      async () => {
        expect(await logOf(where)).toMatch(/truncated/);
      },
    );
  });
});

describe('downloads longer than listed', () => {
  it.each(['content-length', 'chunked (fault proxy extra-body)'] as const)(
    '%s: cut off and rejected, that item fails, the rest syncs',
    async (how) => {
      const server = await startQuirkServer({ files: BASE_FILES });
      let url = server.url;
      if (how === 'content-length') {
        server.quirks.extraBody.set('Congregation/Media/2026-12-02/good.jpg', 5_000_000);
      } else {
        const proxy = await startFaultProxy(server.url);
        proxy.rules.push({
          method: 'GET',
          pathIncludes: 'good.jpg',
          times: 10,
          fault: { kind: 'extra-body', bytes: 50_000 },
        });
        url = proxy.url;
      }
      const where = await place();
      const result = await syncCli({
        url,
        password: server.password,
        mediaDir: where.mediaDir,
        profile: where.profile,
      });
      expect(result.code).toBe(1);
      expect(result.json.errors).toEqual([
        {
          path: 'Media/2026-12-02/good.jpg',
          message: expect.stringMatching(
            /did not match the listed size \(.*more than the listed 4000 bytes\)/,
          ),
        },
      ]);
      const { '2026-12-02/good.jpg': _cut, ...rest } = BASE_LOCAL;
      expect(await readTree(where.mediaDir)).toEqual({ ...hashes(rest), ...USER_FILE });
      // not retried: the same server would send the same
      expect(server.requests.filter((r) => r.method === 'GET' && r.path.includes('good.jpg'))).toHaveLength(
        1,
      );
      expect(await where.outside()).toEqual(where.before);
    },
  );
});

describe('forcedPrefs.json', () => {
  const cases: Array<{
    name: string;
    text: string | Buffer;
    code: number;
    enforced: Record<string, unknown>;
    rejected?: Array<{ key: string; reason: unknown }>;
    error?: RegExp;
  }> = [
    {
      name: 'not JSON',
      text: '{"media": {"maxRes": "480p"',
      code: 1,
      enforced: {},
      error: /^forcedPrefs\.json: forcedPrefs\.json is not JSON/,
    },
    {
      name: 'an array',
      text: '["media.maxRes"]',
      code: 1,
      enforced: {},
      error: /holds an array, not an object/,
    },
    {
      name: 'wrong types',
      text: JSON.stringify({
        media: { maxRes: 720, enableSubtitles: 'yes', lang: 'X' },
        meeting: { mwDay: 9 },
      }),
      code: 0,
      enforced: { 'media.lang': 'X' },
      rejected: [
        { key: 'media.maxRes', reason: expect.stringMatching(/expected one of .*got 720/) },
        { key: 'media.enableSubtitles', reason: 'expected true or false, got "yes"' },
        { key: 'meeting.mwDay', reason: 'expected an integer from 0 to 6, got 9' },
      ],
    },
    {
      name: 'unknown keys',
      text: JSON.stringify({ media: { maxRes: '480p', fancy: true }, colour: 'red', app: { theme: 'dark' } }),
      code: 0,
      enforced: { 'media.maxRes': '480p' },
      rejected: [
        { key: 'media.fancy', reason: 'not a setting of this presenter' },
        { key: 'colour', reason: 'not a setting of this presenter' },
        { key: 'app.theme', reason: 'not enforceable' },
      ],
    },
    {
      name: '20 MB',
      text: Buffer.alloc(20 * 1024 * 1024, 0x20),
      code: 1,
      enforced: {},
      error: /The server sent more data than allowed/,
    },
  ];

  it.each(cases)(
    '$name: reported, the media still sync',
    async ({ text, code, enforced, rejected, error }) => {
      const server = await startQuirkServer({
        files: { ...BASE_FILES, 'Congregation/forcedPrefs.json': text },
      });
      const where = await place();
      const result = await sync(server, where);
      expect(result.code, messagesOf(result)).toBe(code);
      expect(await readTree(where.mediaDir)).toEqual({ ...hashes(BASE_LOCAL), ...USER_FILE });
      expect(result.json.settings.enforced).toEqual(enforced);
      if (rejected) expect(result.json.settings.rejected).toEqual(expect.arrayContaining(rejected));
      if (rejected) expect(result.json.settings.rejected).toHaveLength(rejected.length);
      if (error) {
        expect(result.json.errors).toEqual([
          { path: 'forcedPrefs.json', message: expect.stringMatching(error) },
        ]);
      } else expect(result.json.errors).toEqual([]);
      expect(result.ms).toBeLessThan(20_000);
      expect(await where.outside()).toEqual(where.before);
    },
  );
});

describe('addresses that are refused before any request', () => {
  it.each([
    {
      url: 'http://example.org/',
      message:
        /serverUrl: Use https:\/\/server\/path\/, .* Plain http:\/\/ is accepted only for this computer/,
    },
    { url: 'ftp://127.0.0.1:21/', message: /ftp:\/\/127\.0\.0\.1:21\// },
    {
      url: 'https://vo:secret@127.0.0.1:9/',
      message: /without a user name or password in it.*127\.0\.0\.1:9/,
    },
    { url: 'not a url', message: /not a url/ },
  ])('$url: exit 2 with a clear message', async ({ url, message }) => {
    const where = await place();
    const result = await syncCli({ url, password: 'pw', mediaDir: where.mediaDir, profile: where.profile });
    expect(result.code).toBe(2);
    expect(result.json.ok).toBe(false);
    expect(messagesOf(result)).toMatch(message);
    expect(result.json.stats.requests).toEqual({});
    expect(`${result.stdout}${result.stderr}`).not.toContain('secret');
    expect(await readTree(where.mediaDir)).toEqual(USER_FILE);
    expect(await where.outside()).toEqual(where.before);
  });
});

describe('a redirect to another origin', () => {
  let recorder: http.Server;
  let recorded: Array<{ method: string; url: string; authorization: boolean }>;
  let elsewhere: string;

  beforeAll(async () => {
    recorded = [];
    recorder = http.createServer((req, res) => {
      recorded.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization !== undefined,
      });
      res.writeHead(207, { 'content-type': 'application/xml' });
      res.end('<d:multistatus xmlns:d="DAV:"/>');
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    elsewhere = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    recorder.closeAllConnections();
    await new Promise((resolve) => recorder.close(resolve));
  });

  const redirect = (server: QuirkServer, when: (req: http.IncomingMessage) => boolean, to: () => string) =>
    server.hooks.push((req, res) => {
      if (!when(req)) return false;
      res.writeHead(302, { location: to() });
      res.end();
      return true;
    });

  it('of the listing: refused, the password is not sent there (exit 2)', async () => {
    const server = await startQuirkServer({ files: BASE_FILES });
    redirect(
      server,
      (req) => req.method === 'PROPFIND',
      () => `${elsewhere}/Congregation/`,
    );
    const where = await place();
    recorded.length = 0;
    const result = await sync(server, where);
    expect(result.code).toBe(2);
    expect(messagesOf(result)).toMatch(/redirected to another address .*your password was not sent there/);
    expect(recorded.filter((r) => r.authorization)).toEqual([]);
    expect(recorded).toEqual([]);
    expect(await readTree(where.mediaDir)).toEqual(USER_FILE);

    // test connection says the same
    for (const [key, value] of [
      ['serverUrl', server.url],
      ['username', 'vo'],
      ['folder', '/Congregation'],
    ] as const)
      expect((await hostCli(['config', 'set', key, value, '--profile', where.profile])).code).toBe(0);
    const test = await hostCli(
      ['run', 'congregation-sync.testConnection', '--json', '--profile', where.profile],
      {
        CONGSYNC_PASSWORD: server.password,
      },
    );
    expect(test.code).toBe(2);
    expect(JSON.parse(test.stdout)).toMatchObject({ ok: false, kind: 'redirect' });
    expect(recorded).toEqual([]);
    expect(await where.outside()).toEqual(where.before);
  });

  it('of one download: that item fails, the others sync; a same-origin redirect is followed', async () => {
    const server = await startQuirkServer({
      files: { ...BASE_FILES, 'Congregation/store/moved.mp3': ALSO },
    });
    redirect(
      server,
      (req) => req.method === 'GET' && (req.url ?? '').endsWith('/good.jpg'),
      () => `${elsewhere}/steal/good.jpg`,
    );
    // "also good.mp3" lives elsewhere on the same server
    redirect(
      server,
      (req) => req.method === 'GET' && (req.url ?? '').includes('also%20good.mp3'),
      () => `${server.origin}/Congregation/store/moved.mp3`,
    );
    const where = await place();
    recorded.length = 0;
    const result = await sync(server, where);
    expect(result.code).toBe(1);
    expect(result.json.errors).toEqual([
      { path: 'Media/2026-12-02/good.jpg', message: expect.stringMatching(/redirected to another address/) },
    ]);
    const { '2026-12-02/good.jpg': _redirected, ...rest } = BASE_LOCAL;
    expect(await readTree(where.mediaDir)).toEqual({ ...hashes(rest), ...USER_FILE });
    expect(server.requests.map((r) => r.path)).toContain('/Congregation/store/moved.mp3');
    expect(recorded).toEqual([]);
    expect(await where.outside()).toEqual(where.before);
  });
});

describe.skipIf(!process.env.CI && !serverAvailable('rclone').ok)('TLS that cannot be verified', () => {
  it('rclone over HTTPS with the CA file of another authority: the TLS message with the CA-file hint (exit 2)', async () => {
    const root = await makeTempDir('cs-bad-tls-root');
    await writeFiles(root, BASE_FILES);
    const server = await startRclone({ root, https: true });
    const other = await createCa(await makeTempDir('cs-other-ca'));
    for (const ca of [other.caFile, undefined]) {
      const where = await place();
      const result = await syncCli({
        url: server.url,
        password: server.password,
        mediaDir: where.mediaDir,
        profile: where.profile,
        ...(ca ? { ca } : {}),
      });
      expect(result.code).toBe(2);
      const text = messagesOf(result);
      expect(text).toMatch(/The secure connection to ".*" could not be verified/);
      expect(text).toContain(
        'give its PEM file: npm run --silent host -- config set caFile /PATH/ca.pem (the sync command: --ca FILE); never turn verification off',
      );
      expect(await readTree(where.mediaDir)).toEqual(USER_FILE);
      expect(await where.outside()).toEqual(where.before);
    }
    // and with its own CA it works (the failure above was the authority, nothing else)
    const where = await place();
    const good = await syncCli({
      url: server.url,
      password: server.password,
      mediaDir: where.mediaDir,
      profile: where.profile,
      ca: server.caFile as string,
    });
    expect(good.json.errors, messagesOf(good)).toEqual([]);
    expect(await readTree(where.mediaDir)).toEqual({ ...hashes(BASE_LOCAL), ...USER_FILE });
  });

  it('an expired certificate of a trusted authority: the TLS message naming the expiry (exit 2)', async () => {
    const dir = await makeTempDir('cs-expired');
    const { caFile } = await createCa(dir);
    const key = path.join(dir, 'expired.key');
    const csr = path.join(dir, 'expired.csr');
    const cert = path.join(dir, 'expired.pem');
    await run('openssl', [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      '/CN=127.0.0.1',
    ]);
    // OpenSSL 3.0 has no -not_after for x509/req; `openssl ca` takes explicit dates in the past.
    await fsp.writeFile(path.join(dir, 'index.txt'), '');
    await fsp.writeFile(path.join(dir, 'serial'), `${crypto.randomBytes(8).toString('hex')}\n`);
    await fsp.mkdir(path.join(dir, 'issued'));
    await fsp.writeFile(
      path.join(dir, 'ca.cnf'),
      [
        '[ ca ]',
        'default_ca = test_ca',
        '[ test_ca ]',
        `database = ${path.join(dir, 'index.txt')}`,
        `new_certs_dir = ${path.join(dir, 'issued')}`,
        `serial = ${path.join(dir, 'serial')}`,
        'default_md = sha256',
        'policy = any',
        'x509_extensions = server',
        'unique_subject = no',
        '[ any ]',
        'commonName = supplied',
        '[ server ]',
        'basicConstraints = critical,CA:FALSE',
        'keyUsage = critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage = serverAuth',
        'subjectAltName = IP:127.0.0.1,DNS:localhost',
        '',
      ].join('\n'),
    );
    await run('openssl', [
      'ca',
      '-batch',
      '-config',
      path.join(dir, 'ca.cnf'),
      '-cert',
      caFile,
      '-keyfile',
      path.join(dir, 'ca.key'),
      '-in',
      csr,
      '-out',
      cert,
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20200201000000Z',
      '-notext',
    ]);
    const { stdout: dates } = await run('openssl', ['x509', '-in', cert, '-noout', '-enddate']);
    expect(dates).toContain('2020');

    let requests = 0;
    const server = https.createServer(
      { key: await fsp.readFile(key), cert: await fsp.readFile(cert) },
      (_req, res) => {
        requests++;
        res.writeHead(207, { 'content-type': 'application/xml' });
        res.end('<d:multistatus xmlns:d="DAV:"/>');
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const where = await place();
      const result = await syncCli({
        url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        password: 'pw',
        mediaDir: where.mediaDir,
        profile: where.profile,
        ca: caFile,
      });
      expect(result.code).toBe(2);
      const text = messagesOf(result);
      expect(text).toMatch(/could not be verified \(CERT_HAS_EXPIRED certificate has expired\)/);
      expect(text).toContain('config set caFile');
      expect(requests).toBe(0);
      expect(await readTree(where.mediaDir)).toEqual(USER_FILE);
      expect(await where.outside()).toEqual(where.before);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
