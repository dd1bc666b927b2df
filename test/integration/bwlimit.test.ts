/**
 * The bandwidth limit end to end: a sync with `--bwlimit` against real servers still delivers every file (small ones
 * gathered, large ones streamed, recurring copies, the background) byte for byte, and an organiser's upload with it
 * arrives whole. How fast is not asserted here (the benchmark measures the rate); a wrong value is named in the
 * user's language.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_FILE_BYTES } from '../../src/sync/small-files.js';
import { readTree, sha256 } from '../support/files.js';
import { hostCli } from '../support/headless-cli.js';
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
  congregationDir,
  put,
  resetCongregation,
  serverArgs,
} from '../support/sync-harness.js';

const LARGE = bytes(SMALL_FILE_BYTES * 3 + 17, 'large');
const SMALL = Array.from({ length: 12 }, (_, i) => bytes(1_000 + i * 4_000, `small ${i}`));
const RECURRING = bytes(SMALL_FILE_BYTES + 1, 'recurring');

const REMOTE: Record<string, Buffer> = {
  'Media/2026-12-02/Talk.mp4': LARGE,
  ...Object.fromEntries(
    SMALL.map((data, i) => [`Media/2026-12-06/${String(i).padStart(2, '0')} Slide.jpg`, data]),
  ),
  'Media/Recurring/Announcements.mp4': RECURRING,
};

const RATE = '8M';

afterAll(async () => {
  await stopAllServers();
  await cleanupTempDirs();
});

describe.each(describeServers().filter((s) => s.name !== 'apache'))(
  '--bwlimit against $name',
  ({ start, skip }) => {
    let server: TestServer;
    beforeAll(async () => {
      if (skip) return;
      server = await start(await makeTempDir('bw-server-'));
    }, 60_000);

    it.skipIf(skip)(
      'a limited sync delivers every file byte-identical',
      async () => {
        await resetCongregation(server);
        await put(server, REMOTE);
        const mediaDir = await makeTempDir('bw-media-');
        const profile = await makeTempDir('bw-profile-');
        const run = await cliSync(server, { mediaDir, profile, extra: ['--bwlimit', RATE] });
        expect(run.code, run.stderr).toBe(0);
        expect(run.json.errors).toEqual([]);
        const local = await readTree(mediaDir);
        const recurringDates = Object.keys(local).filter((p) => p.endsWith('/Announcements.mp4'));
        expect(recurringDates.length).toBeGreaterThan(1);
        for (const file of recurringDates) expect(local[file]).toBe(sha256(RECURRING));
        expect(local['2026-12-02/Talk.mp4']).toBe(sha256(LARGE));
        SMALL.forEach((data, i) => {
          expect(local[`2026-12-06/${String(i).padStart(2, '0')} Slide.jpg`]).toBe(sha256(data));
        });
      },
      60_000,
    );

    it.skipIf(skip)(
      'a limit far slower than the request timeout still delivers: a wait for the limit is no silence of the server',
      async () => {
        await resetCongregation(server);
        const files = Array.from({ length: 3 }, (_, i) => bytes(100_000 + i, `slow ${i}`));
        await put(
          server,
          Object.fromEntries(files.map((data, i) => [`Media/2026-12-06/${i} Clip.mp4`, data])),
        );
        const mediaDir = await makeTempDir('bw-media-');
        const profile = await makeTempDir('bw-profile-');
        const extra = ['--bwlimit', '48k', '--timeout', '1', '--concurrency', '3'];
        const run = await cliSync(server, { mediaDir, profile, extra });
        expect(run.code, run.stderr).toBe(0);
        expect(run.json.errors).toEqual([]);
        const local = await readTree(mediaDir);
        files.forEach((data, i) => {
          expect(local[`2026-12-06/${i} Clip.mp4`]).toBe(sha256(data));
        });
      },
      60_000,
    );

    /** `vo upload` of a file of `size` bytes with `limit` (the --bwlimit and further options): it arrives whole. */
    const uploadArrives = async (size: number, limit: string[]) => {
      await resetCongregation(server);
      const work = await makeTempDir('bw-upload-');
      const file = path.join(work, 'Video.mp4');
      const data = bytes(size, 'upload');
      await fsp.writeFile(file, data);
      const profile = await makeTempDir('bw-profile-');
      const args = ['vo', 'upload', '--date', '2026-12-02', file, ...serverArgs(server)];
      args.push('--media-dir', work, '--profile', profile, '--json', ...limit);
      if (server.caFile) args.push('--ca', server.caFile);
      const run = await hostCli(args, { CONGSYNC_PASSWORD: server.password }, 30_000);
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
      const stored = await fsp.readFile(path.join(congregationDir(server), 'Media/2026-12-02/Video.mp4'));
      expect(sha256(stored)).toBe(sha256(data));
    };

    it.skipIf(skip)(
      'a limited upload arrives whole',
      () => uploadArrives(SMALL_FILE_BYTES * 2 + 5, ['--bwlimit', RATE]),
      60_000,
    );

    it.skipIf(skip)(
      'an upload far slower than the request timeout arrives whole',
      () => uploadArrives(150_000, ['--bwlimit', '48k', '--timeout', '1']),
      60_000,
    );
  },
);

describe('--bwlimit that is no rate', () => {
  it.each([
    ['en', /--bwlimit must be a rate per second such as 512k, 2M.*"fast"/],
    ['de', /--bwlimit muss eine Rate pro Sekunde wie 512k, 2M.*„fast“/],
  ])(
    'is named in %s, and nothing runs',
    async (lang, message) => {
      const profile = await makeTempDir('bw-profile-');
      const media = await makeTempDir('bw-media-');
      const run = await hostCli(
        [
          'sync',
          '--url',
          'http://127.0.0.1:9/',
          '--media-dir',
          media,
          '--profile',
          profile,
          '--lang',
          lang,
          '--bwlimit',
          'fast',
        ],
        { CONGSYNC_PASSWORD: 'x' },
        30_000,
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    },
    30_000,
  );
});
