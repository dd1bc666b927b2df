/**
 * What the organiser deletes on the server leaves his own media folder and records at once (organiser/own-copies.ts),
 * so that his next sync has nothing to remove and the mass-removal guard counts none of his own removals. A copy
 * changed on this computer stays. Against the in-process WebDAV server, with a presenter configured in-process.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { removeOwnCopies } from '../../src/organiser/own-copies.js';
import { readTree } from '../support/files.js';
import { disposeHosts } from '../support/host-harness.js';
import { cleanupTempDirs, makeTempDir, startWebdavServer, type TestServer } from '../support/servers.js';
import { bytes, presenter, put, remove } from '../support/sync-harness.js';

const DATE = '2026-12-02';
let server: TestServer;

beforeAll(async () => {
  server = await startWebdavServer({ root: await makeTempDir('cs-own-copies-root') });
});
afterEach(() => disposeHosts());
afterAll(async () => {
  await server.close();
  await cleanupTempDirs();
});

describe('the organiser’s own deletions', () => {
  it('remove his copies and records at once: his next sync removes nothing; a copy he changed stays', async () => {
    await put(server, {
      [`Media/${DATE}/a.png`]: bytes(700, 'a'),
      [`Media/${DATE}/b.png`]: bytes(700, 'b'),
      [`Media/${DATE}/changed.png`]: bytes(700, 'changed'),
      'Media/Recurring/Year.png': bytes(700, 'year'),
    });
    const p = await presenter(server);
    expect((await p.sync()).errors).toEqual([]);
    await fsp.writeFile(path.join(p.mediaFolder, DATE, 'changed.png'), 'my own edit');

    const deleted = [`Media/${DATE}/b.png`, `Media/${DATE}/changed.png`, 'Media/Recurring/Year.png'];
    await remove(server, ...deleted);
    await removeOwnCopies(p.plugin.context, deleted);
    const left = [`${DATE}/a.png`, `${DATE}/changed.png`];
    expect(Object.keys(await readTree(p.mediaFolder)).sort()).toEqual(left);

    const next = await p.sync();
    expect(next.errors).toEqual([]);
    expect(next.stats.removed).toBe(0);
    expect(Object.keys(await readTree(p.mediaFolder)).sort()).toEqual(left);
  });
});
