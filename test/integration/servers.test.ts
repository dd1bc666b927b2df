import { execFileSync } from 'node:child_process';
import fsp from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../support/fault-proxy.js';
import { readTree, sha256, sparseFile, writeFiles } from '../support/files.js';
import { type RawRequestOptions, rawRequest } from '../support/http.js';
import {
  cleanupTempDirs,
  describeServers,
  makeTempDir,
  serverAvailable,
  startRclone,
  startWebdavServer,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';

const IMAGE = Buffer.from('not really a jpeg, but bytes all the same');

async function caOf(server: TestServer): Promise<string | undefined> {
  return server.caFile ? fsp.readFile(server.caFile, 'utf8') : undefined;
}

async function dav(server: TestServer, relative: string, opts: RawRequestOptions = {}) {
  return rawRequest(new URL(relative, server.url).toString(), {
    auth: { username: server.username, password: server.password },
    ca: await caOf(server),
    ...opts,
  });
}

/** `href`s of a multistatus body, percent-decoded. */
function hrefs(body: Buffer): string[] {
  return [
    ...body.toString('utf8').matchAll(/<(?:[A-Za-z0-9]+:)?href>([^<]*)<\/(?:[A-Za-z0-9]+:)?href>/g),
  ].map((m) => decodeURIComponent(m[1] ?? ''));
}

/** Pids of processes whose command line mentions `needle` (servers started by this worker). */
function processesMentioning(needle: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', needle], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

afterAll(async () => {
  await stopAllServers();
  await cleanupTempDirs();
});

/** What `PROPFIND Depth: infinity` on the root gives, per server (observed, and asserted). */
const DEPTH_INFINITY: Record<string, { status: number; listsNested: boolean }> = {
  // webdav-server: maxRequestDepth defaults to 1, so Depth infinity is refused.
  'webdav-server': { status: 403, listsNested: false },
  // rclone (golang.org/x/net/webdav) walks the whole tree.
  rclone: { status: 207, listsNested: true },
  // mod_dav with DavDepthInfinity Off (the default).
  apache: { status: 403, listsNested: false },
};

for (const entry of describeServers()) {
  describe.skipIf(entry.skip !== null)(
    `${entry.name} test server${entry.skip ? ` (${entry.skip})` : ''}`,
    () => {
      let server: TestServer;
      let root: string;

      beforeAll(async () => {
        root = await makeTempDir(`cs-servers-${entry.name}`);
        await writeFiles(root, { 'Media/2026-12-01/a.jpg': IMAGE });
        server = await entry.start(root);
      });

      afterAll(async () => {
        await server?.close();
      });

      it('serves a real folder on loopback with a random password', () => {
        expect(server.name).toBe(entry.name);
        expect(server.url).toMatch(/^https?:\/\/127\.0\.0\.1:\d+\/$/);
        expect(server.root).toBe(root);
        expect(server.username).toBe('vo');
        expect(server.password).toMatch(/^pw-[0-9a-f]{24}$/);
        if (entry.name === 'rclone') {
          expect(server.url.startsWith('https://')).toBe(true);
          expect(server.caFile).toBeTruthy();
        }
      });

      it('PROPFIND Depth 1 with basic auth lists the file', async () => {
        const res = await dav(server, 'Media/2026-12-01/', { method: 'PROPFIND', headers: { depth: '1' } });
        expect(res.status).toBe(207);
        expect(hrefs(res.body).some((href) => href.endsWith('/Media/2026-12-01/a.jpg'))).toBe(true);
      });

      it('a wrong password gives 401', async () => {
        const res = await rawRequest(new URL('Media/', server.url).toString(), {
          method: 'PROPFIND',
          headers: { depth: '1' },
          auth: { username: server.username, password: 'wrong' },
          ca: await caOf(server),
        });
        expect(res.status).toBe(401);
        const noAuth = await rawRequest(server.url, {
          method: 'PROPFIND',
          headers: { depth: '1' },
          ca: await caOf(server),
        });
        expect(noAuth.status).toBe(401);
      });

      it('PROPFIND Depth: infinity behaves as recorded', async () => {
        const res = await dav(server, '', { method: 'PROPFIND', headers: { depth: 'infinity' } });
        const expected = DEPTH_INFINITY[entry.name];
        expect(res.status).toBe(expected?.status);
        const nested = hrefs(res.body).some((href) => href.endsWith('/Media/2026-12-01/a.jpg'));
        expect(nested).toBe(expected?.listsNested);
      });

      it('PUT then GET round-trips, and the file lands in the served folder', async () => {
        const body = Buffer.from(`uploaded to ${entry.name} ${Date.now()}`);
        const put = await dav(server, 'Media/2026-12-01/b.txt', { method: 'PUT', body });
        expect([200, 201, 204]).toContain(put.status);
        const get = await dav(server, 'Media/2026-12-01/b.txt');
        expect(get.status).toBe(200);
        expect(get.body.equals(body)).toBe(true);
        const tree = await readTree(root);
        expect(tree['Media/2026-12-01/b.txt']).toBe(sha256(body));
        expect(tree['Media/2026-12-01/a.jpg']).toBe(sha256(IMAGE));
      });

      it('sees files written to disk after start (overwrite and delete work too)', async () => {
        await writeFiles(root, { 'Media/2026-12-08/01 - late.jpg': 'late' });
        const list = await dav(server, 'Media/2026-12-08/', { method: 'PROPFIND', headers: { depth: '1' } });
        expect(list.status).toBe(207);
        expect(hrefs(list.body).some((href) => href.endsWith('/01 - late.jpg'))).toBe(true);
        const put = await dav(server, 'Media/2026-12-08/01%20-%20late.jpg', { method: 'PUT', body: 'later' });
        expect([200, 201, 204]).toContain(put.status);
        const del = await dav(server, 'Media/2026-12-08/01%20-%20late.jpg', { method: 'DELETE' });
        expect([200, 204]).toContain(del.status);
        expect(Object.keys(await readTree(root))).not.toContain('Media/2026-12-08/01 - late.jpg');
      });

      it('serves a sparse file with its full length', async () => {
        await sparseFile(path.join(root, 'Media/big.bin'), 3 * 1024 * 1024);
        const res = await dav(server, 'Media/big.bin', { method: 'HEAD' });
        expect(res.status).toBe(200);
        expect(res.headers['content-length']).toBe(String(3 * 1024 * 1024));
      });

      it.skipIf(entry.name !== 'apache')('honours If-Match: a wrong ETag gives 412', async () => {
        await writeFiles(root, { 'Media/etag.jpg': IMAGE });
        // Apache gives a weak ETag (W/"...") for a file modified less than a second ago, and a weak ETag
        // never matches If-Match (strong comparison): 412 even for the "right" one. Age the file first.
        const fresh = await dav(server, 'Media/etag.jpg', { method: 'HEAD' });
        expect(String(fresh.headers.etag)).toMatch(/^W\//);
        const old = new Date(Date.now() - 3_600_000);
        await fsp.utimes(path.join(root, 'Media/etag.jpg'), old, old);
        const head = await dav(server, 'Media/etag.jpg', { method: 'HEAD' });
        const etag = String(head.headers.etag);
        expect(etag).toMatch(/^"[^"]+"$/);
        const wrong = await dav(server, 'Media/etag.jpg', {
          method: 'PUT',
          body: 'clobber',
          headers: { 'if-match': '"wrong"' },
        });
        expect(wrong.status).toBe(412);
        const wrongGet = await dav(server, 'Media/etag.jpg', { headers: { 'if-match': '"wrong"' } });
        expect(wrongGet.status).toBe(412);
        const right = await dav(server, 'Media/etag.jpg', { headers: { 'if-match': etag } });
        expect(right.status).toBe(200);
        expect(right.body.equals(IMAGE)).toBe(true);
        const put = await dav(server, 'Media/etag.jpg', {
          method: 'PUT',
          body: 'new',
          headers: { 'if-match': etag },
        });
        expect(put.status).toBe(204);
        expect(await fsp.readFile(path.join(root, 'Media/etag.jpg'), 'utf8')).toBe('new');
      });
    },
  );
}

describe.skipIf(!serverAvailable('rclone').ok && !process.env.CI)('rclone extras', () => {
  it('serves plain http too, and takes the password from RCLONE_PASS (not the command line)', async () => {
    const server = await startRclone();
    try {
      expect(server.url.startsWith('http://')).toBe(true);
      expect(server.caFile).toBeUndefined();
      await writeFiles(server.root as string, { 'x.txt': 'x' });
      const res = await dav(server, '', { method: 'PROPFIND', headers: { depth: '1' } });
      expect(res.status).toBe(207);
      expect(processesMentioning(server.password)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('https: an untrusted client fails, https.Agent({ ca }) works', async () => {
    const server = await startRclone({ https: true });
    try {
      await expect(rawRequest(server.url, { method: 'PROPFIND', headers: { depth: '0' } })).rejects.toThrow();
      const ca = await fsp.readFile(server.caFile as string, 'utf8');
      const agent = new https.Agent({ ca });
      const status = await new Promise<number>((resolve, reject) => {
        const req = https.request(
          server.url,
          {
            method: 'PROPFIND',
            agent,
            headers: { depth: '0' },
            auth: `${server.username}:${server.password}`,
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      agent.destroy();
      expect(status).toBe(207);
    } finally {
      await server.close();
    }
  });
});

describe('fault proxy in front of webdav-server', () => {
  let server: TestServer;
  const payload = Buffer.alloc(64 * 1024, 'p');

  beforeAll(async () => {
    server = await startWebdavServer();
    await writeFiles(server.root as string, { 'Media/2026-12-01/a.jpg': payload });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('forwards untouched requests (PROPFIND hrefs keep the same prefix)', async () => {
    const proxy = await startFaultProxy(server.url);
    try {
      const auth = { username: server.username, password: server.password };
      const res = await rawRequest(`${proxy.url}Media/2026-12-01/`, {
        method: 'PROPFIND',
        headers: { depth: '1' },
        auth,
      });
      expect(res.status).toBe(207);
      expect(hrefs(res.body).some((href) => href.endsWith('/Media/2026-12-01/a.jpg'))).toBe(true);
      const get = await rawRequest(`${proxy.url}Media/2026-12-01/a.jpg`, { auth });
      expect(get.body.equals(payload)).toBe(true);
      const put = await rawRequest(`${proxy.url}Media/up.txt`, { method: 'PUT', body: 'via proxy', auth });
      expect([200, 201, 204]).toContain(put.status);
      expect(await fsp.readFile(path.join(server.root as string, 'Media/up.txt'), 'utf8')).toBe('via proxy');
      expect(proxy.requests.map((r) => r.method)).toEqual(['PROPFIND', 'GET', 'PUT']);
    } finally {
      await proxy.close();
    }
  });

  it('reset-mid-body: the client gets an error, the next request is fine', async () => {
    const proxy = await startFaultProxy(server.url);
    try {
      proxy.rules.push({
        method: 'GET',
        pathIncludes: 'a.jpg',
        times: 1,
        fault: { kind: 'reset-mid-body', afterBytes: 1000 },
      });
      const auth = { username: server.username, password: server.password };
      await expect(rawRequest(`${proxy.url}Media/2026-12-01/a.jpg`, { auth })).rejects.toThrow();
      // fetch (undici) sees it as well
      const fetched = await fetch(`${proxy.url}Media/2026-12-01/a.jpg`, {
        headers: {
          authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`,
        },
      });
      expect(fetched.status).toBe(200);
      expect(Buffer.from(await fetched.arrayBuffer()).equals(payload)).toBe(true);
      proxy.rules.push({
        pathIncludes: 'a.jpg',
        times: 1,
        fault: { kind: 'reset-mid-body', afterBytes: 10 },
      });
      const partial = await fetch(`${proxy.url}Media/2026-12-01/a.jpg`, {
        headers: {
          authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`,
        },
      });
      expect(partial.status).toBe(200);
      await expect(partial.arrayBuffer()).rejects.toThrow();
      expect(proxy.requests.map((r) => r.fault)).toEqual(['reset-mid-body', undefined, 'reset-mid-body']);
    } finally {
      await proxy.close();
    }
  });

  it('status: 503 with Retry-After arrives, then requests pass again', async () => {
    const proxy = await startFaultProxy(server.url);
    try {
      proxy.rules.push({ times: 2, fault: { kind: 'status', status: 503, retryAfter: '1' } });
      const auth = { username: server.username, password: server.password };
      const first = await rawRequest(`${proxy.url}Media/2026-12-01/a.jpg`, { auth });
      expect(first.status).toBe(503);
      expect(first.headers['retry-after']).toBe('1');
      const second = await rawRequest(`${proxy.url}Media/`, {
        method: 'PROPFIND',
        headers: { depth: '1' },
        auth,
      });
      expect(second.status).toBe(503);
      const third = await rawRequest(`${proxy.url}Media/2026-12-01/a.jpg`, { auth });
      expect(third.status).toBe(200);
    } finally {
      await proxy.close();
    }
  });

  it('stall: the request hangs until the proxy is closed', async () => {
    const proxy = await startFaultProxy(server.url);
    proxy.rules.push({ times: 1, fault: { kind: 'stall' } });
    const auth = { username: server.username, password: server.password };
    const pending = rawRequest(`${proxy.url}Media/2026-12-01/a.jpg`, { auth, timeoutMs: 30_000 });
    let settled = false;
    pending.then(
      () => {
        settled = true;
      },
      () => {
        settled = true;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    expect(proxy.requests).toEqual([{ method: 'GET', path: '/Media/2026-12-01/a.jpg', fault: 'stall' }]);
    const started = Date.now();
    await proxy.close();
    await expect(pending).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('drip and extra-body', async () => {
    const proxy = await startFaultProxy(server.url);
    try {
      const auth = { username: server.username, password: server.password };
      await writeFiles(server.root as string, { 'small.txt': 'hello world' });
      proxy.rules.push({ times: 1, fault: { kind: 'drip', bytesPerChunk: 4, intervalMs: 20 } });
      const started = Date.now();
      const dripped = await rawRequest(`${proxy.url}small.txt`, { auth });
      expect(dripped.body.toString()).toBe('hello world');
      expect(Date.now() - started).toBeGreaterThanOrEqual(40);
      proxy.rules.push({ times: 1, fault: { kind: 'extra-body', bytes: 5 } });
      const extra = await rawRequest(`${proxy.url}small.txt`, { auth });
      expect(extra.headers['content-length']).toBeUndefined();
      expect(extra.body.toString()).toBe('hello worldXXXXX');
    } finally {
      await proxy.close();
    }
  });
});

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('harness hygiene', () => {
  it('closing servers leaves no child process behind', async () => {
    const started: TestServer[] = [];
    for (const entry of describeServers()) {
      if (entry.name !== 'webdav-server' && entry.skip === null) {
        started.push(await entry.start(await makeTempDir(`cs-hygiene-${entry.name}`)));
      }
    }
    for (const s of started) {
      expect(s.pid).toBeGreaterThan(0);
      expect(groupAlive(s.pid as number)).toBe(true);
    }
    for (const s of started) await s.close();
    for (const s of started) expect(groupAlive(s.pid as number)).toBe(false);
  });
});
