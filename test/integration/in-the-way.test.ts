/**
 * A file in a date folder that the plugin did not place is the user's until its bytes prove to be the congregation's:
 * one with a congregation file's name and size but other bytes is named "in the way", left as it is, never listed as
 * the congregation's and never removed, also after the organiser deletes the file on the server; one with the same
 * bytes is adopted as it lies on the disk (not written again) and counts as unchanged. Against real WebDAV servers,
 * on a real disk.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { skipText } from '../../src/i18n.js';
import { readTree, tree, writeFiles } from '../support/files.js';
import { disposeHosts } from '../support/host-harness.js';
import {
  cleanupTempDirs,
  describeServers,
  makeTempDir,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';
import {
  bytes,
  cliSync,
  itemsOn,
  MEETING_DATES,
  plainSync,
  presenter,
  put,
  remove,
  resetCongregation,
} from '../support/sync-harness.js';

const WELCOME = bytes(3_000, 'welcome');
const SONG = bytes(5_000, 'song');
const ANNOUNCE = bytes(4_000, 'announce');

afterEach(async () => {
  await disposeHosts();
});

afterAll(async () => {
  await disposeHosts();
  await stopAllServers();
  await cleanupTempDirs();
});

describe.each(describeServers())(
  'a file the plugin did not place, against $name',
  ({ name, start, skip }) => {
    let server: TestServer;

    beforeAll(async () => {
      if (skip) return;
      server = await start(await makeTempDir(`cs-in-the-way-${name}-root`));
    });

    beforeEach(async () => {
      if (skip) return;
      await resetCongregation(server);
    });

    const test = it.skipIf(skip !== null);

    test("a file the plugin did not place, of a congregation file's name and size but other bytes, is named in the way and never adopted nor removed", async () => {
      const EXTRA = bytes(300_000, 'extra');
      const TAIL = bytes(200_000, 'tail');
      await put(server, {
        'Media/2026-12-02/01 - Welcome.png': WELCOME,
        'Media/2026-12-02/03 - Extra.mp4': EXTRA,
        'Media/2026-12-06/Tail.mp4': TAIL,
      });
      const mediaDir = await makeTempDir('cs-sync-media');
      const profile = await makeTempDir('cs-sync-profile');
      // all zeros; and one that differs from the server's only in its last byte
      const zeros = Buffer.alloc(EXTRA.length);
      const almost = Buffer.from(TAIL);
      almost[almost.length - 1] = (almost.at(-1) as number) ^ 1;
      const mine = { '2026-12-02/03 - Extra.mp4': zeros, '2026-12-06/Tail.mp4': almost };
      await writeFiles(mediaDir, mine);
      const inTheWay = (language: string) =>
        Object.keys(mine).map((rel) => ({ path: rel, message: skipText(language, { code: 'in-the-way' }) }));
      const byPath = (errors: Array<{ path: string; message: string }>) =>
        [...errors].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

      // a preview reads the server's bytes too, names both, and writes nothing
      const preview = await cliSync(server, { mediaDir, profile, extra: ['--dry-run'] });
      expect(byPath(preview.json.errors)).toEqual(inTheWay('en'));
      expect(preview.json.plan).toMatchObject({
        fetch: ['2026-12-02/01 - Welcome.png'],
        keep: [],
        remove: [],
      });
      expect(await readTree(mediaDir)).toEqual(tree(mine));

      // the plain output names it, in the user's language
      const plain = await plainSync(server, { mediaDir, profile, lang: 'de' });
      expect(plain.code).toBe(1);
      expect(plain.stderr).toContain(skipText('de', { code: 'in-the-way' }));
      // with its path (the summary on screen names the first of the problems, the report every one)
      expect(Object.keys(mine).some((rel) => plain.stderr.includes(rel))).toBe(true);
      // the user's files are listed as their own, not as the congregation's
      expect(plain.stdout).toBe(
        [
          '2026-12-02  01 - Welcome.png  (Versammlung)',
          '2026-12-02  03 - Extra.mp4  (lokal)',
          '2026-12-06  Tail.mp4  (lokal)',
          '',
        ].join('\n'),
      );
      expect(await readTree(mediaDir)).toEqual(tree({ ...mine, '2026-12-02/01 - Welcome.png': WELCOME }));

      // the report and the log name both; the comparison reads each server file once, and nothing is written
      const { code, json } = await cliSync(server, { mediaDir, profile });
      expect(code).toBe(1);
      expect(byPath(json.errors)).toEqual(inTheWay('en'));
      expect(json.stats).toMatchObject({ downloaded: 0, unchanged: 1, removed: 0, failed: 0 });
      expect(json.stats.requests.GET).toBe(2);
      expect(json.media.map((i) => [i.name, i.source]).sort()).toEqual([
        ['01 - Welcome.png', 'congregation'],
        ['03 - Extra.mp4', 'local'],
        ['Tail.mp4', 'local'],
      ]);
      expect(await readTree(mediaDir)).toEqual(tree({ ...mine, '2026-12-02/01 - Welcome.png': WELCOME }));
      const log = await fsp.readFile(path.join(profile, 'logs', 'host.log'), 'utf8');
      for (const { path: rel, message } of inTheWay('en')) expect(log).toContain(`${rel}: ${message}`);

      // the organiser deletes the files on the server: the user's files stay, with their bytes
      await remove(server, 'Media/2026-12-02/03 - Extra.mp4', 'Media/2026-12-06/Tail.mp4');
      const after = await cliSync(server, { mediaDir, profile });
      expect(after.json.errors).toEqual([]);
      expect(after.json.stats).toMatchObject({ removed: 0, downloaded: 0, unchanged: 1 });
      expect(await readTree(mediaDir)).toEqual(tree({ ...mine, '2026-12-02/01 - Welcome.png': WELCOME }));
      expect(after.json.media.find((i) => i.name === '03 - Extra.mp4')).toMatchObject({
        source: 'local',
        file: path.join(mediaDir, '2026-12-02', '03 - Extra.mp4'),
      });
    });

    test('a file the plugin did not place, with the bytes of the congregation file, is adopted as it is and counts as unchanged', async () => {
      const BIG = bytes(300_000, 'big talk');
      await put(server, {
        'Media/2026-12-02/02 - Talk.mp4': BIG,
        'Media/2026-12-06/Song.mp3': SONG,
        'Media/Recurring/Announcements.png': ANNOUNCE,
      });
      const p = await presenter(server);
      const theirs = {
        '2026-12-02/02 - Talk.mp4': BIG,
        '2026-12-06/Song.mp3': SONG,
        '2026-12-09/Announcements.png': ANNOUNCE,
      };
      await writeFiles(p.mediaFolder, theirs);
      const identity = async () =>
        Promise.all(
          Object.keys(theirs).map(async (rel) => {
            const { ino, mtimeMs } = await fsp.stat(path.join(p.mediaFolder, rel));
            return { rel, ino, mtimeMs };
          }),
        );
      const before = await identity();

      const report = await p.sync();
      expect(report.errors).toEqual([]);
      // the recurring file fetched once for the other meeting dates; each adopted file read once to compare
      expect(report.stats).toMatchObject({ downloaded: 1, unchanged: 3, removed: 0, failed: 0 });
      expect(report.stats.requests.GET).toBe(1 + 3);
      expect(await identity()).toEqual(before);
      const local = {
        '2026-12-02/02 - Talk.mp4': BIG,
        '2026-12-06/Song.mp3': SONG,
        ...Object.fromEntries(MEETING_DATES.map((date) => [`${date}/Announcements.png`, ANNOUNCE])),
      };
      expect(await readTree(p.mediaFolder)).toEqual(tree(local));
      expect(itemsOn(p.host.media.items(), '2026-12-02')).toEqual({
        '02 - Talk.mp4': { source: 'congregation', hidden: false, recurring: false },
        'Announcements.png': { source: 'congregation', hidden: false, recurring: true },
      });

      // adopted, they are the plugin's: kept without a GET, and removed once the organiser deletes them
      const again = await p.sync();
      expect(again.errors).toEqual([]);
      expect(again.stats.requests.GET ?? 0).toBe(0);
      expect(again.stats.unchanged).toBe(Object.keys(local).length);
      await remove(server, 'Media/2026-12-06/Song.mp3');
      const removed = await p.sync();
      expect(removed.errors).toEqual([]);
      expect(removed.stats.removed).toBe(1);
      expect(await fsp.stat(path.join(p.mediaFolder, '2026-12-06', 'Song.mp3')).catch(() => null)).toBeNull();
    });
  },
);
