/**
 * Two organisers change the congregation-wide settings (forcedPrefs.json) at the same moment, looped, against real
 * servers of each kind of guarantee: with write locks (webdav-server, rclone, Apache with its lock database), with
 * If-Match and strong ETags but no locks (lighttpd), and with neither (rclone behind a proxy that hides its locks and
 * drops If-Match, as servers without class 2 that ignore conditions do). Each round rewrites the file first, so
 * that Apache's ETag is weak (a file changed within the last second). Two different settings always both land; the
 * same setting set to two values lands one of them, whole, and the other organiser gets the named conflict. Without
 * locks, a file that another organiser's PUT has just emptied is read again, never taken as "no settings".
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../contract/api.js';
import { HOST_SETTINGS } from '../../host/host-settings.js';
import { localisedSchema } from '../../host/setting-labels.js';
import { CongregationFolder } from '../../src/organiser/congregation-folder.js';
import { SettingsConflictError, updateForcedPrefs } from '../../src/organiser/shared-file.js';
import { Connection } from '../../src/remote/http.js';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import {
  cleanupTempDirs,
  lighttpdAvailable,
  makeTempDir,
  serverAvailable,
  startApache,
  startLighttpd,
  startRclone,
  startWebdavServer,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';
import { congregationDir, FOLDER, resetCongregation } from '../support/sync-harness.js';

const ROUNDS = 10;

afterAll(async () => {
  await stopAllServers();
  await cleanupTempDirs();
});

const skipUnless = (available: { ok: boolean; why?: string }) =>
  process.env.CI || available.ok ? null : (available.why ?? 'not installed');

const SERVERS = [
  { name: 'webdav-server (LOCK)', start: startWebdavServer, proxy: false, locks: true, skip: null },
  {
    name: 'rclone serve (LOCK; ignores If-Match)',
    start: () => startRclone({ https: true }),
    proxy: false,
    locks: true,
    skip: skipUnless(serverAvailable('rclone')),
  },
  {
    name: 'Apache mod_dav (LOCK; weak ETags)',
    start: () => startApache(),
    proxy: false,
    locks: true,
    skip: skipUnless(serverAvailable('apache')),
  },
  {
    name: 'lighttpd (no LOCK; If-Match with strong ETags)',
    start: () => startLighttpd(),
    proxy: false,
    locks: false,
    skip: skipUnless(lighttpdAvailable()),
  },
  {
    name: 'rclone without locks and conditions (read-back only)',
    start: () => startRclone({ https: true }),
    proxy: true,
    locks: false,
    skip: skipUnless(serverAvailable('rclone')),
  },
];

describe.each(SERVERS)('two organisers at the same moment against $name', ({ start, proxy, locks, skip }) => {
  const test = it.skipIf(skip !== null);
  let server: TestServer;
  let front: FaultProxy | undefined;
  let ca: string | undefined;

  beforeAll(async () => {
    if (skip) return;
    server = await start({ root: await makeTempDir('cs-concurrent-root') });
    ca = server.caFile ? await fsp.readFile(server.caFile, 'utf8') : undefined;
    if (proxy) front = await startFaultProxy(server.url, { plainDav: true, ...(ca ? { ca } : {}) });
    await resetCongregation(server);
  });

  afterAll(async () => {
    await front?.close();
  });

  async function organiser(language: string): Promise<{ folder: CongregationFolder; close: () => void }> {
    const url = front ? front.url : server.url;
    const connection = new Connection({
      base: new URL(`${url}${FOLDER}/`),
      username: server.username,
      password: server.password,
      timeoutMs: 10_000,
      ...(ca && !front ? { ca } : {}),
    });
    return {
      folder: await CongregationFolder.open(connection, 'YYYY-MM-DD', language),
      close: () => connection.close(),
    };
  }

  const file = () => path.join(congregationDir(server), 'forcedPrefs.json');

  /** Writes the file on the server's disk as another organiser did a moment ago; returns its settings. */
  async function writtenJustNow(round: number): Promise<Record<string, Json>> {
    await fsp.writeFile(file(), `${JSON.stringify({ meeting: { weDay: round % 7 } })}\n`);
    return { 'meeting.weDay': round % 7 };
  }

  const onServer = async () =>
    JSON.parse(await fsp.readFile(file(), 'utf8')) as Record<string, Record<string, Json>>;

  test(`two different settings both land, every time (${ROUNDS} rounds)`, async () => {
    const a = await organiser('en');
    const b = await organiser('en');
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const synced = await writtenJustNow(round);
        const results = await Promise.allSettled([
          updateForcedPrefs(a.folder, HOST_SETTINGS, synced, (base) => ({
            ...base,
            'meeting.mwDay': round % 5,
          })),
          updateForcedPrefs(b.folder, HOST_SETTINGS, synced, (base) => ({
            ...base,
            'media.excludeTh': round % 2 === 0,
          })),
        ]);
        expect(
          results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok')),
          `round ${round}`,
        ).toEqual(['ok', 'ok']);
        expect(await onServer(), `round ${round}`).toEqual({
          media: { excludeTh: round % 2 === 0 },
          meeting: { mwDay: round % 5, weDay: round % 7 },
        });
      }
    } finally {
      a.close();
      b.close();
    }
  });

  // (under a lock the other organiser's write cannot be under way while this one reads)
  if (!locks)
    test("without locks, a file emptied by another organiser's write under way is read again, never taken as no settings", async () => {
      const b = await organiser('en');
      const seen: string[] = [];
      const watching = setInterval(() => {
        fsp.readFile(file(), 'utf8').then(
          (text) => seen.push(text),
          () => undefined,
        );
      }, 5);
      try {
        const synced = await writtenJustNow(3);
        // another organiser's PUT begins: the server empties the file, and fills it a moment later
        await fsp.writeFile(file(), '');
        const filled = new Promise<void>((resolve) =>
          setTimeout(() => {
            fsp.writeFile(file(), `${JSON.stringify({ meeting: { weDay: 3, mwDay: 1 } })}\n`).then(resolve);
          }, 300),
        );
        const result = await updateForcedPrefs(b.folder, HOST_SETTINGS, synced, (base) => ({
          ...base,
          'media.excludeTh': true,
        }));
        await filled;
        expect(result).toEqual({ 'meeting.weDay': 3, 'meeting.mwDay': 1, 'media.excludeTh': true });
        expect(await onServer()).toEqual({ media: { excludeTh: true }, meeting: { mwDay: 1, weDay: 3 } });
        // no moment when the file held this change without the other organiser's settings
        expect(seen.filter((text) => text.includes('excludeTh') && !text.includes('weDay'))).toEqual([]);
      } finally {
        clearInterval(watching);
        b.close();
      }
    });

  test(`the same setting set to two values: one lands whole, the other organiser gets the named conflict (${ROUNDS} rounds)`, async () => {
    const a = await organiser('en');
    const b = await organiser('de');
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const synced = await writtenJustNow(round);
        const results = await Promise.allSettled([
          updateForcedPrefs(a.folder, localisedSchema(HOST_SETTINGS, 'en'), synced, (base) => ({
            ...base,
            'meeting.mwDay': 1,
          })),
          updateForcedPrefs(b.folder, localisedSchema(HOST_SETTINGS, 'de'), synced, (base) => ({
            ...base,
            'meeting.mwDay': 4,
          })),
        ]);
        const won = results.findIndex((r) => r.status === 'fulfilled');
        const lost = results.findIndex((r) => r.status === 'rejected');
        expect([won, lost].sort(), `round ${round}: ${results.map((r) => r.status)}`).toEqual([0, 1]);
        const [mine, theirs] = lost === 0 ? [1, 4] : [4, 1];
        const error = (results[lost] as PromiseRejectedResult).reason as Error;
        expect(error, String(error)).toBeInstanceOf(SettingsConflictError);
        expect((error as SettingsConflictError).conflicts).toEqual([{ key: 'meeting.mwDay', mine, theirs }]);
        expect(error.message).toContain('meeting.mwDay');
        expect(error.message).toMatch(
          lost === 0
            ? /another organiser set it to Friday since your last sync, you to Tuesday; forcedPrefs.json keeps Friday/
            : /anderer Verantwortlicher hat es seit Ihrer letzten Synchronisation auf Dienstag gesetzt, Sie auf Freitag/,
        );
        expect(await onServer(), `round ${round}`).toEqual({ meeting: { mwDay: theirs, weDay: round % 7 } });
      }
    } finally {
      a.close();
      b.close();
    }
  });
});
