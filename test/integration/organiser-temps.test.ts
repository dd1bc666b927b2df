/**
 * The organiser's leftover upload files: an upload killed part-way leaves `.congsync-upload-….part` on the server.
 * His next upload into that folder removes those older than an hour (their last-modified, as the server lists it from
 * its disk), and leaves a fresh one (another organiser's upload in progress), one in another folder, and every other
 * name alone. Against every server of the matrix, with the file times set on the server's disk.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeFiles } from '../support/files.js';
import { runCli } from '../support/host-harness.js';
import {
  cleanupTempDirs,
  describeServers,
  makeTempDir,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';
import {
  bytes,
  congregationDir,
  FOLDER,
  put,
  resetCongregation,
  TODAY,
  type VoJson,
} from '../support/sync-harness.js';

const DATE = '2026-12-02';
const HOUR = 60 * 60 * 1000;
const STALE = `Media/${DATE}/.congsync-upload-0123456789ab.part`;
const FRESH = `Media/${DATE}/.congsync-upload-fedcba987654.part`;
const ELSEWHERE = 'Media/2026-12-06/.congsync-upload-aaaaaaaaaaaa.part';
const NOT_AN_UPLOAD = [`Media/${DATE}/.congsync-0123456789ab.part`, `Media/${DATE}/.congsync-upload-x.part`];

afterAll(async () => {
  await stopAllServers();
  await cleanupTempDirs();
});

describe.each(describeServers())('leftover upload files against $name', ({ name, start, skip }) => {
  let server: TestServer;
  const test = it.skipIf(skip !== null);
  const onServer = (rel: string) => path.join(congregationDir(server), ...rel.split('/'));
  const exists = (rel: string) =>
    fsp.stat(onServer(rel)).then(
      () => true,
      () => false,
    );

  beforeAll(async () => {
    if (skip) return;
    server = await start(await makeTempDir(`cs-vo-temps-${name}-root`));
  });

  beforeEach(async () => {
    if (skip) return;
    await resetCongregation(server);
  });

  async function upload(file: string) {
    const profile = await makeTempDir('cs-vo-temps-profile');
    const media = await makeTempDir('cs-vo-temps-media');
    const result = await runCli(
      [
        ...['vo', 'upload', '--date', DATE, file],
        ...['--url', server.url, '--user', server.username, '--folder', `/${FOLDER}`],
        ...['--media-dir', media, '--profile', profile, '--today', TODAY, '--json'],
        ...(server.caFile ? ['--ca', server.caFile] : []),
      ],
      { CONGSYNC_PASSWORD: server.password },
    );
    const json = JSON.parse(result.stdout) as VoJson;
    expect(json.errors, result.stderr).toEqual([]);
    expect(result.code).toBe(0);
    return json;
  }

  test('the next upload into the folder removes its upload files older than an hour, and nothing else', async () => {
    const leftovers = [STALE, FRESH, ELSEWHERE, ...NOT_AN_UPLOAD];
    await put(server, {
      [`Media/${DATE}/Existing.jpg`]: bytes(2_000, 'existing'),
      'Media/2026-12-06/Other.jpg': bytes(2_000, 'other'),
      ...Object.fromEntries(leftovers.map((rel) => [rel, bytes(58_000, rel)])),
    });
    const now = Date.now();
    const twoHoursAgo = new Date(now - 2 * HOUR);
    for (const rel of [STALE, ELSEWHERE, ...NOT_AN_UPLOAD])
      await fsp.utimes(onServer(rel), twoHoursAgo, twoHoursAgo);
    const fiveMinutesAgo = new Date(now - 5 * 60 * 1000);
    await fsp.utimes(onServer(FRESH), fiveMinutesAgo, fiveMinutesAgo);

    const dir = await makeTempDir('cs-vo-temps-upload');
    await writeFiles(dir, { 'Announcement.png': bytes(3_000, 'announcement') });
    const done = await upload(path.join(dir, 'Announcement.png'));
    expect(done.changed).toEqual([`Media/${DATE}/Announcement.png`]);

    expect(await exists(STALE)).toBe(false);
    expect(await exists(FRESH)).toBe(true);
    expect(await exists(ELSEWHERE)).toBe(true);
    for (const rel of NOT_AN_UPLOAD) expect(await exists(rel)).toBe(true);
    expect(await exists(`Media/${DATE}/Existing.jpg`)).toBe(true);
  });
});
