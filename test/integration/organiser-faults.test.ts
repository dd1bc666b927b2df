/**
 * The organiser's upload on a poor network: a fault proxy in front of a real server refuses or cuts the first PUTs;
 * the upload is retried, the file arrives whole, and no temporary file is left on the server.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { readTree, sha256 } from '../support/files.js';
import { runCli } from '../support/host-harness.js';
import {
  cleanupTempDirs,
  makeTempDir,
  startWebdavServer,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';

let server: TestServer;
let proxy: FaultProxy;

beforeAll(async () => {
  const root = await makeTempDir('cs-organiser-faults-root');
  await mkdir(path.join(root, 'Congregation'), { recursive: true });
  server = await startWebdavServer({ root });
  proxy = await startFaultProxy(server.url);
});

afterAll(async () => {
  await proxy?.close();
  await stopAllServers();
  await cleanupTempDirs();
});

it('an upload whose PUT fails with 503 and is then cut mid-body is retried and arrives whole', async () => {
  const work = await makeTempDir('cs-organiser-faults-work');
  const file = path.join(work, '01 - Talk.mp4');
  const content = randomBytes(300_000);
  await writeFile(file, content);
  proxy.rules.push(
    { method: 'PUT', times: 1, fault: { kind: 'status', status: 503 } },
    { method: 'PUT', times: 1, fault: { kind: 'reset-mid-body', afterBytes: 0 } },
  );
  const result = await runCli(
    [
      'vo',
      'upload',
      '--date',
      '2026-12-02',
      file,
      '--url',
      proxy.url,
      '--user',
      server.username,
      '--folder',
      '/Congregation',
      '--media-dir',
      path.join(work, 'media'),
      '--profile',
      path.join(work, 'profile'),
      '--today',
      '2026-12-01',
      '--json',
    ],
    { CONGSYNC_PASSWORD: server.password },
    60_000,
  );
  expect(result.code, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, changed: ['Media/2026-12-02/01 - Talk.mp4'] });
  expect(proxy.rules.every((rule) => rule.times === 0)).toBe(true);
  const onServer = await readTree(path.join(server.root as string, 'Congregation'));
  expect(onServer).toEqual({ 'Media/2026-12-02/01 - Talk.mp4': sha256(content) });
});
