/**
 * The watched-folder export for M³ end to end: a presenter with `presenterFolder` set syncs against real WebDAV
 * servers; after each sync the export folder holds exactly the visible congregation media of each meeting date of
 * the window, as `YYYY-MM-DD/01 Congregation - NN <name>`, and whatever M³ or a person put there stays.
 */
import { mkdtempSync, statSync } from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withoutPrefix } from '../../contract/media-folders.js';
import { readTree, sha256, tree } from '../support/files.js';
import { disposeHosts } from '../support/host-harness.js';
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
  cliSync,
  MEETING_DATES,
  type Presenter,
  presenter,
  put,
  remove,
  resetCongregation,
  type SyncJson,
} from '../support/sync-harness.js';

const WELCOME = bytes(3_000, 'welcome');
const TALK = bytes(300_000, 'talk');
const SONG = bytes(5_000, 'song');
const ANNOUNCE = bytes(4_000, 'announce');
const NOTES = bytes(700, 'notes');

const BASE: Record<string, Buffer | string> = {
  'Media/2026-12-02/01 - Welcome.png': WELCOME,
  'Media/2026-12-02/02 - Talk.mp4': TALK,
  'Media/2026-12-02/Notes.pdf': NOTES,
  'Media/2026-12-06/Song.mp3': SONG,
  'Media/2026-11-20/old.jpg': bytes(100, 'before the window'),
  'Media/2027-01-10/later.jpg': bytes(100, "after M³'s window"),
  'Media/Recurring/Announcements.png': ANNOUNCE,
};

/** The name in the export folder: M³'s order prefix, then the name without its own (`01 - Welcome.png`: `Welcome.png`);
 * `spelling` 1 is the section number spelt `001`, which new content of the same item gets. */
const name = (n: number, visible: string, spelling = 0) =>
  `${['01', '001', '1'][spelling]} Congregation - ${String(n).padStart(2, '0')} ${withoutPrefix(visible)}`;

/** The meeting dates of M³'s window (this week's Monday to today + 35 days): more than the sync's 4 weeks. */
const EXPORT_DATES = [...MEETING_DATES, '2026-12-30', '2027-01-03'];

/** What BASE puts into the export folder: recurring media on every meeting date, after the date's own. */
const BASE_EXPORT: Record<string, Buffer> = {
  [`2026-12-02/${name(1, '01 - Welcome.png')}`]: WELCOME,
  [`2026-12-02/${name(2, '02 - Talk.mp4')}`]: TALK,
  [`2026-12-02/${name(3, 'Announcements.png')}`]: ANNOUNCE,
  [`2026-12-06/${name(1, 'Announcements.png')}`]: ANNOUNCE,
  [`2026-12-06/${name(2, 'Song.mp3')}`]: SONG,
  ...Object.fromEntries(
    EXPORT_DATES.slice(2).map((date) => [`${date}/${name(1, 'Announcements.png')}`, ANNOUNCE]),
  ),
};

/** The export folder's files with the section number in its first spelling: which spelling a file has depends on
 * what the folder held before, and M³ reads them all alike. */
const exported = async (folder: string) =>
  Object.fromEntries(
    Object.entries(await readTree(folder)).map(([rel, hash]) => [
      rel.replace(/\/(01|001|1) Congregation - /, '/01 Congregation - '),
      hash,
    ]),
  );

const without = (files: Record<string, Buffer>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(files).filter(([key]) => !keys.includes(key)));

afterEach(async () => {
  await disposeHosts();
});

/** A folder on another file system than the media folder (so files are copied, not linked), where there is one. */
const otherDisk = (() => {
  try {
    if (statSync('/dev/shm').dev === statSync(os.tmpdir()).dev) return null;
    return mkdtempSync('/dev/shm/cs-export-');
  } catch {
    return null;
  }
})();

afterAll(async () => {
  await disposeHosts();
  await stopAllServers();
  await cleanupTempDirs();
  if (otherDisk) await fsp.rm(otherDisk, { recursive: true, force: true });
});

describe.each(describeServers())('the export for M³ against $name', ({ name: server_, start, skip }) => {
  let server: TestServer;
  let exportDir: string;
  let p: Presenter;

  beforeAll(async () => {
    if (skip) return;
    server = await start(await makeTempDir(`cs-export-${server_}-root`));
  });

  beforeEach(async () => {
    if (skip) return;
    await resetCongregation(server);
    exportDir = await makeTempDir('cs-export');
  });

  const test = it.skipIf(skip !== null);
  const open = async (folder = exportDir) => {
    p = await presenter(server, { settings: { presenterFolder: folder } });
    return p;
  };
  const sync = async () => {
    const report = await p.sync();
    expect(report.errors).toEqual([]);
    return report;
  };

  test('first sync: exactly the visible media of each date in the window, byte-identical, unsupported reported once', async () => {
    await put(server, { ...BASE, 'Hidden/2026-12-06/Song.mp3': '' });
    await open();
    const report = await sync();
    expect(await readTree(exportDir)).toEqual(
      tree(without(BASE_EXPORT, `2026-12-06/${name(2, 'Song.mp3')}`)),
    );
    expect(report.export).toMatchObject({ folder: exportDir, removed: 0, unsupported: ['Notes.pdf'] });
    expect(report.export?.placed).toBe(Object.keys(BASE_EXPORT).length - 1);
    // no folder for dates without media, nothing outside M³'s window, no temporary file
    expect((await allPaths(exportDir)).filter((p) => !p.includes('/'))).toEqual(EXPORT_DATES);
    // placed by hard link where the two folders are on one disk: no second copy of the bytes
    const linked = statSync(path.join(exportDir, '2026-12-02', name(2, '02 - Talk.mp4')));
    expect(linked.ino).toBe(statSync(path.join(p.mediaFolder, '2026-12-02', '02 - Talk.mp4')).ino);
  });

  test('remote add, change, remove, hide, unhide, recurring add and remove: the folder follows each', async () => {
    await put(server, BASE);
    await open();
    await sync();

    const ADDED = bytes(2_000, 'added');
    await put(server, { 'Media/2026-12-09/Added.webm': ADDED });
    await sync();
    let expected: Record<string, Buffer> = {
      ...without(BASE_EXPORT, `2026-12-09/${name(1, 'Announcements.png')}`),
      [`2026-12-09/${name(1, 'Added.webm')}`]: ADDED,
      [`2026-12-09/${name(2, 'Announcements.png')}`]: ANNOUNCE,
    };
    expect(await exported(exportDir)).toEqual(tree(expected));

    const CHANGED = bytes(3_500, 'welcome, changed');
    await put(server, { 'Media/2026-12-02/01 - Welcome.png': CHANGED });
    await sync();
    // new content under a new name, which M³ reads as the same number: M³ sees it added
    expected = {
      ...without(expected, `2026-12-02/${name(1, '01 - Welcome.png')}`),
      [`2026-12-02/${name(1, '01 - Welcome.png', 1)}`]: CHANGED,
    };
    expect(await readTree(exportDir)).toEqual(tree(expected));
    expected = { ...BASE_EXPORT, [`2026-12-02/${name(1, '01 - Welcome.png')}`]: CHANGED };

    await remove(server, 'Media/2026-12-09/Added.webm');
    await sync();
    expect(await exported(exportDir)).toEqual(tree(expected));

    await put(server, { 'Hidden/2026-12-02/02 - Talk.mp4': '' });
    const hidden = await sync();
    const withoutTalk = {
      ...without(
        expected,
        `2026-12-02/${name(2, '02 - Talk.mp4')}`,
        `2026-12-02/${name(3, 'Announcements.png')}`,
      ),
      [`2026-12-02/${name(2, 'Announcements.png')}`]: ANNOUNCE,
    };
    expect(await exported(exportDir)).toEqual(tree(withoutTalk));
    expect(hidden.stats.requests.GET ?? 0).toBe(0);

    await remove(server, 'Hidden/2026-12-02/02 - Talk.mp4');
    const unhidden = await sync();
    expect(await exported(exportDir)).toEqual(tree(expected));
    expect(unhidden.stats.requests.GET ?? 0).toBe(0);

    const YEARTEXT = bytes(6_000, 'year text');
    await put(server, { 'Media/Recurring/Yeartext.jpg': YEARTEXT });
    await sync();
    const withYeartext = { ...expected };
    for (const date of EXPORT_DATES.slice(2)) withYeartext[`${date}/${name(2, 'Yeartext.jpg')}`] = YEARTEXT;
    withYeartext[`2026-12-02/${name(4, 'Yeartext.jpg')}`] = YEARTEXT;
    withYeartext[`2026-12-06/${name(3, 'Yeartext.jpg')}`] = YEARTEXT;
    expect(await exported(exportDir)).toEqual(tree(withYeartext));

    await remove(server, 'Media/Recurring/Yeartext.jpg');
    await sync();
    expect(await exported(exportDir)).toEqual(tree(expected));
  });

  test('date folders of another format on the server still export as YYYY-MM-DD', async () => {
    await put(server, {
      'Media/02-12-2026 - Mittwoch/Talk.mp4': TALK,
      'Media/2026-12-06 - Sunday/Song.mp3': SONG,
      'forcedPrefs.json': JSON.stringify({ app: { outputFolderDateFormat: 'DD-MM-YYYY - dddd' } }),
    });
    await open();
    await sync();
    expect(await readTree(exportDir)).toEqual(
      tree({ [`2026-12-02/${name(1, 'Talk.mp4')}`]: TALK, [`2026-12-06/${name(1, 'Song.mp3')}`]: SONG }),
    );
    // the media folder itself follows the congregation's format
    expect((await allPaths(p.mediaFolder)).some((rel) => rel.startsWith('02-12-2026 - '))).toBe(true);
  });

  test('what M³ and people put there stays; a date folder M³ deleted is written again without a download', async () => {
    await put(server, BASE);
    await open();
    await sync();
    const own: Record<string, string> = {
      '2026-12-02/.section-order.json': '{"x":1}',
      '2026-12-02/My own.jpg': 'a person put this here',
      '2026-12-30/.section-order.json': '{}',
      'Notes/readme.txt': 'not a date folder',
    };
    for (const [rel, text] of Object.entries(own)) {
      await fsp.mkdir(path.dirname(path.join(exportDir, rel)), { recursive: true });
      await fsp.writeFile(path.join(exportDir, rel), text);
    }
    await fsp.mkdir(path.join(exportDir, '2026-12-03'));
    await fsp.rm(path.join(exportDir, '2026-12-06'), { recursive: true });
    // someone replaced a file the plugin placed (not in place: that would write through the hard link)
    const taken = `2026-12-09/${name(1, 'Announcements.png')}`;
    await fsp.rm(path.join(exportDir, taken));
    await fsp.writeFile(path.join(exportDir, taken), 'mine');

    const report = await sync();
    expect(report.stats.requests.GET ?? 0).toBe(0);
    expect(report.export?.blocked).toEqual([]);
    expect(await readTree(exportDir)).toEqual({
      ...tree({ ...BASE_EXPORT, ...own }),
      // the file someone put in place of the plugin's is theirs now; the plugin's goes in beside it
      [taken]: sha256('mine'),
      [`2026-12-09/${name(1, 'Announcements.png', 1)}`]: sha256(ANNOUNCE),
    });
    expect(await allPaths(exportDir)).toContain('2026-12-03');
  });

  test('a name that someone else’s file holds is left alone and reported', async () => {
    await put(server, BASE);
    await fsp.mkdir(path.join(exportDir, '2026-12-13'), { recursive: true });
    const taken = `2026-12-13/${name(1, 'Announcements.png')}`;
    await fsp.writeFile(path.join(exportDir, taken), 'a person’s file');
    await open();
    const report = await sync();
    expect(report.export?.blocked).toEqual([taken]);
    expect(await fsp.readFile(path.join(exportDir, taken), 'utf8')).toBe('a person’s file');
    await remove(server, 'Media/Recurring/Announcements.png');
    await sync();
    expect(await fsp.readFile(path.join(exportDir, taken), 'utf8')).toBe('a person’s file');
  });

  test('a file that cannot be placed is reported and the others are placed; a stale temporary file is removed', async () => {
    await put(server, BASE);
    // a file where the date's folder would go: neither of the date's files can be placed
    await fsp.writeFile(path.join(exportDir, '2026-12-06'), 'a file, not a folder');
    await fsp.mkdir(path.join(exportDir, '2026-12-02'));
    await fsp.writeFile(
      path.join(exportDir, '2026-12-02', '.congsync-0123456789ab.part'),
      'left by a killed run',
    );
    await open();
    const report = await p.sync();
    expect(report.exitCode).toBe(1);
    const failed = [`2026-12-06/${name(1, 'Announcements.png')}`, `2026-12-06/${name(2, 'Song.mp3')}`];
    expect(report.errors).toEqual(failed.map((path) => ({ path, message: expect.stringContaining(path) })));
    expect(report.export?.failed).toHaveLength(2);
    expect(await readTree(exportDir)).toEqual({
      ...tree(without(BASE_EXPORT, ...failed)),
      '2026-12-06': sha256('a file, not a folder'),
    });
    await fsp.rm(path.join(exportDir, '2026-12-06'));
    await sync();
    expect(await readTree(exportDir)).toEqual(tree(BASE_EXPORT));
  });

  test('a 250-byte name syncs and is exported under a shortened name within 255 bytes, found again by the next export', async () => {
    const long = `${'Bezirkskongress Vortrag zum Bau des Saals '.repeat(6).slice(0, 240)}ÜÖÄ`;
    const file = `${long}.mp4`;
    expect(Buffer.byteLength(file)).toBe(250);
    await put(server, { [`Media/2026-12-02/${file}`]: TALK, 'Media/2026-12-02/Short.png': WELCOME });
    await open();
    const first = await sync();
    expect(first.export).toMatchObject({ placed: 2, failed: [] });
    const names = (await fsp.readdir(path.join(exportDir, '2026-12-02'))).sort();
    expect(names).toHaveLength(2);
    const shortened = names.find((n) => n.endsWith('….mp4')) as string;
    expect(shortened.startsWith(`${name(1, long.slice(0, 40))}`)).toBe(true);
    expect(Buffer.byteLength(shortened)).toBeLessThanOrEqual(255);
    expect(sha256(await fsp.readFile(path.join(exportDir, '2026-12-02', shortened)))).toBe(sha256(TALK));
    const again = await sync();
    expect(again.export).toMatchObject({ placed: 0, removed: 0, kept: 2, failed: [] });
    expect((await fsp.readdir(path.join(exportDir, '2026-12-02'))).sort()).toEqual(names);
  });

  test('an export folder that is, or is inside, the media folder is refused and nothing is exported', async () => {
    await put(server, BASE);
    const mediaFolder = await makeTempDir('cs-export-media');
    p = await presenter(server, { mediaFolder, settings: { presenterFolder: path.join(mediaFolder, 'M3') } });
    const report = await p.sync();
    expect(report.exitCode).toBe(1);
    expect(report.errors).toEqual([
      { path: path.join(mediaFolder, 'M3'), message: expect.stringContaining('choose a folder of its own') },
    ]);
    expect(report.export).toBeUndefined();
    expect(await allPaths(mediaFolder)).not.toContain('M3');
  });

  test('the sync CLI with --presenter-folder DIR exports and says so in its JSON', async () => {
    await put(server, BASE);
    const mediaDir = await makeTempDir('cs-export-media');
    const profile = await makeTempDir('cs-export-profile');
    const { code, json, stderr } = await cliSync(server, {
      mediaDir,
      profile,
      extra: ['--presenter-folder', exportDir],
    });
    expect(code).toBe(0);
    expect(await readTree(exportDir)).toEqual(tree(BASE_EXPORT));
    expect((json as SyncJson & { export: { unsupported: string[] } }).export.unsupported).toEqual([
      'Notes.pdf',
    ]);
    // named once, however many dates it is on
    expect(stderr.match(/left out of M³'s watched folder/g)).toHaveLength(1);
    expect(stderr).toContain('M³ ignores their type: Notes.pdf');
  });

  it.skipIf(skip !== null || otherDisk === null)(
    'on another disk than the media folder the files are copied, byte-identical',
    async () => {
      const folder = await fsp.mkdtemp(path.join(otherDisk as string, 'x-'));
      await put(server, BASE);
      await open(folder);
      await sync();
      expect(await readTree(folder)).toEqual(tree(BASE_EXPORT));
    },
  );
});

describe('the export seen through a file watcher, as M³ watches it', () => {
  it('never shows a file under its final name with fewer bytes than it ends with', async () => {
    const server = await describeServers()[0]?.start(await makeTempDir('cs-export-watch-root'));
    if (!server) throw new Error('no webdav-server');
    await resetCongregation(server);
    const BIG = bytes(12 * 1024 * 1024, 'big');
    await put(server, {
      'Media/2026-12-02/Big.mp4': BIG,
      'Media/Recurring/Loop.mp4': BIG.subarray(0, 8_000_000),
    });
    // copied where the export folder is on another disk: the slow path, where a half-written file could show
    const folder = otherDisk
      ? await fsp.mkdtemp(path.join(otherDisk, 'w-'))
      : await makeTempDir('cs-export-w');
    const seen: Array<{ rel: string; size: number }> = [];
    const looks: Array<Promise<void>> = [];
    const watcher = (await import('node:fs')).watch(folder, { recursive: true }, (_event, rel) => {
      // temporary names (beside a file, or the staging folder's) are not final names
      if (!rel || rel.split(path.sep).some((segment) => segment.startsWith('.'))) return;
      looks.push(
        fsp
          .stat(path.join(folder, rel))
          .then((s) => {
            if (s.isFile()) seen.push({ rel: rel.split(path.sep).join('/'), size: s.size });
          })
          .catch(() => {}),
      );
    });
    try {
      const p = await presenter(server, { settings: { presenterFolder: folder } });
      expect((await p.sync()).errors).toEqual([]);
      await put(server, { 'Media/2026-12-02/Big.mp4': Buffer.concat([BIG, BIG.subarray(0, 1000)]) });
      expect((await p.sync()).errors).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      watcher.close();
    }
    await Promise.all(looks);
    const final = await readTree(folder);
    expect(Object.keys(final)).toHaveLength(EXPORT_DATES.length + 1);
    expect(seen.length).toBeGreaterThan(0);
    const sizes = Object.fromEntries(
      await Promise.all(
        Object.keys(final).map(async (rel) => [rel, (await fsp.stat(path.join(folder, rel))).size] as const),
      ),
    );
    const big = `2026-12-02/${name(1, 'Big.mp4')}`;
    for (const { rel, size } of seen) {
      // the first version of Big.mp4 was whole, too: 1000 bytes shorter than the last
      const whole = rel === big ? [BIG.length, sizes[rel]] : [sizes[rel]];
      expect(whole, `${rel} seen with ${size} bytes`).toContain(size);
    }
  });
});
