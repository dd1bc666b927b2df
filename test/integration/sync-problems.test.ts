/**
 * Every problem of a sync is named: the plain output of the sync CLI lists them grouped by message on about a
 * screenful, says how many more there are and where to read them all, and the host's log has each one on a line.
 * Against the in-process WebDAV server, with the fault proxy failing one download.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { hostCli } from '../support/headless-cli.js';
import { cleanupTempDirs, makeTempDir, startWebdavServer, type TestServer } from '../support/servers.js';
import { bytes, FOLDER, put, resetCongregation, TODAY } from '../support/sync-harness.js';

const DATE = '2026-12-02';
let server: TestServer;
let proxy: FaultProxy;

beforeAll(async () => {
  server = await startWebdavServer({ root: await makeTempDir('cs-problems-root') });
});
beforeEach(async () => {
  await resetCongregation(server);
  proxy = await startFaultProxy(server.url);
});
afterEach(() => proxy.close());
afterAll(async () => {
  await server.close();
  await cleanupTempDirs();
});

/** The sync CLI's plain output (no --json) through the fault proxy; `extra` options appended. */
async function plainSync(extra: string[] = []) {
  const profile = await makeTempDir('cs-problems-profile');
  const media = await makeTempDir('cs-problems-media');
  const run = await hostCli(
    [
      'sync',
      ...['--url', proxy.url, '--user', server.username, '--folder', `/${FOLDER}`],
      ...['--media-dir', media, '--profile', profile, '--today', TODAY],
      ...extra,
    ],
    { CONGSYNC_PASSWORD: server.password },
  );
  const log = path.join(profile, 'logs', 'host.log');
  return { ...run, log, logText: await fsp.readFile(log, 'utf8') };
}

describe('a sync with several problems', () => {
  it('names each of them in its plain output and in the log, one line each', async () => {
    await put(server, {
      [`Media/${DATE}/fine.jpg`]: bytes(500, 'fine'),
      [`Media/${DATE}/CON.jpg`]: bytes(500, 'con'),
      [`Media/${DATE}/NUL.png`]: bytes(500, 'nul'),
      [`Media/${DATE}/broken.mp4`]: bytes(500, 'broken'),
    });
    proxy.rules.push({
      method: 'GET',
      pathIncludes: 'broken.mp4',
      times: 99,
      fault: { kind: 'status', status: 404 },
    });
    const notAFolder = path.join(await makeTempDir('cs-problems-export'), 'a-file');
    await fsp.writeFile(notAFolder, 'not a folder');

    const run = await plainSync(['--presenter-folder', notAFolder]);
    expect(run.code).toBe(1);
    const reserved = 'the name is reserved by Windows (such as CON, NUL, COM1 or LPT1)';
    const summary = run.stderr.slice(run.stderr.indexOf('! Sync finished with'));
    const lines = summary.trimEnd().split('\n');
    expect(lines[0]).toBe('! Sync finished with 4 problems:');
    expect(lines[1]).toBe(`2 files: ${reserved}`);
    // in the order the server listed them
    expect(lines.slice(2, 4).sort()).toEqual([`  Media/${DATE}/CON.jpg`, `  Media/${DATE}/NUL.png`]);
    expect(lines[4]).toMatch(new RegExp(`^Media/${DATE}/broken\\.mp4: .*404`));
    // the export folder is a file: M³'s watched folder could not be written, and the settings are where to fix it
    expect(lines[5]).toMatch(
      /^\S.*a-file: M³'s watched folder ".*a-file" could not be written \(ENOTDIR\)\. Check/,
    );
    expect(lines).toHaveLength(6);

    const logged = run.logText.split('\n').filter((line) => line.includes(' WARN '));
    for (const expected of [
      `Media/${DATE}/CON.jpg: ${reserved}`,
      `Media/${DATE}/NUL.png: ${reserved}`,
      `Media/${DATE}/broken.mp4: `,
      'could not be written (ENOTDIR). Check the folder in the settings',
    ])
      expect(
        logged.filter((line) => line.includes(expected)),
        expected,
      ).toHaveLength(1);
  });

  it('past a screenful says how many more and names the log that has every one', async () => {
    const unsafe = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`Media/${DATE}/f${i + 1}.`, bytes(100, `f${i}`)]),
    );
    await put(server, { ...unsafe, [`Media/${DATE}/ok.jpg`]: bytes(100, 'ok') });

    const run = await plainSync(['--lang', 'de']);
    expect(run.code).toBe(1);
    const summary = run.stderr.slice(run.stderr.indexOf('! Synchronisation mit'));
    const lines = summary.trimEnd().split('\n');
    expect(lines[0]).toBe('! Synchronisation mit 30 Problemen beendet:');
    expect(lines[1]).toBe('30 Dateien: der Name endet mit einem Punkt oder einem Leerzeichen');
    expect(lines).toHaveLength(20);
    expect(lines.at(-1)).toBe(`und 13 weitere: jedes Problem steht im Protokoll, ${run.log}`);
    for (let i = 1; i <= 30; i++)
      expect(run.logText).toContain(
        `Media/${DATE}/f${i}.: der Name endet mit einem Punkt oder einem Leerzeichen\n`,
      );
  });
});
