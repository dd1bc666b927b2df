/**
 * A server that stops answering ends the sync in bounded time, however many folders and files the sync asks for at
 * once: a timeout is retried once, and when the retry gets nothing either (and nothing came from the server on any
 * request meanwhile), the connection gives up and every request still waiting or to come fails at once, naming the
 * server and what to check. The expected time is about twice the timeout (the first try, one retry after a backoff of
 * at most half a second); the bounds allow three timeouts plus the process's start, so a loaded machine does not fail
 * them, while a sync that retried every request four times (over 17 s per request at --timeout 2) cannot pass them.
 */
import fsp from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n.js';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { writeFiles } from '../support/files.js';
import { hostCli, messagesOf, syncCli } from '../support/headless-cli.js';
import {
  cleanupTempDirs,
  makeTempDir,
  startWebdavServer,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';

const TIMEOUT_S = 2;
/** Three timeouts: the first try, the retry, and a request sent just before the server was given up. */
const AFTER_FIRST_CONTACT_MS = 3 * TIMEOUT_S * 1000;
/** The same, plus the process's start (Node, the host, the plugin) before the first request. */
const WHOLE_RUN_MS = AFTER_FIRST_CONTACT_MS + 3_000;

afterAll(async () => {
  await stopAllServers();
  await cleanupTempDirs();
});

/** A media folder and a profile, both new. */
async function place() {
  return { mediaDir: await makeTempDir('cs-dead-media'), profile: await makeTempDir('cs-dead-profile') };
}

describe('a server that accepts connections and never answers', () => {
  let server: net.Server;
  let url: string;
  const accepted: number[] = [];
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    server = net.createServer((socket) => {
      // keeps the connection open, reads what comes, writes nothing
      accepted.push(Date.now());
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.resume();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each(['en', 'de'])(
    'ends within a few timeouts with exit 2 and one problem naming it (%s)',
    async (lang) => {
      accepted.length = 0;
      const where = await place();
      const run = await syncCli({
        url,
        password: 'secret',
        ...where,
        extra: ['--timeout', String(TIMEOUT_S), '--lang', lang],
        timeoutMs: 120_000,
      });
      const ended = Date.now();
      expect(run.code, messagesOf(run)).toBe(2);
      expect(run.json.errors).toEqual([
        { path: '/Congregation', message: t(lang, 'error.no-answer', { url }) },
      ]);
      expect(run.json.errors[0]?.message).toContain(url);
      expect(run.json.errors[0]?.message).toMatch(lang === 'de' ? /Server läuft/ : /server is running/);
      // it waited for the server (one timeout at least), and gave up on it after a retry
      const first = accepted[0] ?? ended;
      expect(ended - first).toBeGreaterThanOrEqual(TIMEOUT_S * 1000);
      expect(ended - first).toBeLessThan(AFTER_FIRST_CONTACT_MS);
      expect(run.ms).toBeLessThan(WHOLE_RUN_MS);
    },
  );

  it("bounds the organiser's upload the same way, naming the server", async () => {
    accepted.length = 0;
    const where = await place();
    const file = path.join(where.mediaDir, 'slide.jpg');
    await fsp.writeFile(file, 'not sent\n');
    const run = await hostCli(
      [
        'vo',
        'upload',
        '--date',
        '2026-12-02',
        file,
        '--url',
        url,
        '--user',
        'vo',
        '--folder',
        '/Congregation',
        '--media-dir',
        where.mediaDir,
        '--profile',
        where.profile,
        '--timeout',
        String(TIMEOUT_S),
        '--json',
      ],
      { CONGSYNC_PASSWORD: 'secret' },
      120_000,
    );
    const ended = Date.now();
    expect(run.code, run.stderr).toBe(2);
    const json = JSON.parse(run.stdout) as { errors: Array<{ message: string }> };
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0]?.message).toContain(url);
    expect(json.errors[0]?.message).toMatch(/server is running/);
    expect(json.errors[0]?.message).toContain(`within ${TIMEOUT_S} seconds`);
    expect(ended - (accepted[0] ?? ended)).toBeLessThan(AFTER_FIRST_CONTACT_MS);
    expect(run.ms).toBeLessThan(WHOLE_RUN_MS);
  });
});

describe('a server that answers the listing, then never answers a GET', () => {
  const FILES = 20;
  let webdav: TestServer;
  let proxy: FaultProxy;

  beforeAll(async () => {
    const root = await makeTempDir('cs-dead-root');
    const files: Record<string, string> = { 'Congregation/forcedPrefs.json': '{}\n' };
    for (let i = 0; i < FILES; i++) files[`Congregation/Media/2026-12-02/file-${i}.jpg`] = `bytes of ${i}\n`;
    await writeFiles(root, files);
    webdav = await startWebdavServer({ root });
    proxy = await startFaultProxy(webdav.url);
  });

  afterAll(async () => {
    await proxy?.close();
  });

  it.each(['en', 'de'])(
    'every file fails naming the server, the run within a few timeouts (%s)',
    async (lang) => {
      proxy.rules.splice(0, proxy.rules.length, {
        method: 'GET',
        times: Number.POSITIVE_INFINITY,
        fault: { kind: 'stall' },
      });
      proxy.requests.length = 0;
      const where = await place();
      const run = await syncCli({
        url: proxy.url,
        password: webdav.password,
        ...where,
        // one file at a time: most files wait their turn, and must not each wait for a timeout of their own
        extra: ['--timeout', String(TIMEOUT_S), '--concurrency', '1', '--lang', lang],
        timeoutMs: 120_000,
      });
      expect(run.code, messagesOf(run)).toBe(1);
      const message = t(lang, 'error.no-answer', { url: proxy.url });
      const expected = [
        'forcedPrefs.json',
        ...Array.from({ length: FILES }, (_, i) => `Media/2026-12-02/file-${i}.jpg`),
      ];
      expect(run.json.errors.map((e) => e.path).sort()).toEqual(expected.sort());
      for (const error of run.json.errors) expect(error.message).toBe(message);
      expect(message).toContain(proxy.url);
      expect(run.json.stats.downloaded).toBe(0);
      // the listing was answered; the GETs sent are the first try and the retry, not a try per file
      expect(proxy.requests.filter((r) => r.method === 'PROPFIND').length).toBeGreaterThan(0);
      expect(proxy.requests.filter((r) => r.method === 'GET').length).toBeLessThanOrEqual(2);
      expect(run.ms).toBeLessThan(WHOLE_RUN_MS);
    },
  );
});
