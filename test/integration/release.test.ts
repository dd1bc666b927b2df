/**
 * `npm run release` as a volunteer meets it: the npm package installed with `npm install -g --offline` and its
 * `congregation-sync sync` run from another folder against a real server; the single executable run with no Node
 * on PATH; `congregation-sync` alone twice for one profile: one page server, at the same address every start.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/host-harness.js';
import {
  cleanupTempDirs,
  makeTempDir,
  startWebdavServer,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';
import { FOLDER, MEETING_DATES, put, relativeMedia, type SyncJson, TODAY } from '../support/sync-harness.js';

const run = promisify(execFile);
const POSTJECT = path.join(REPO_ROOT, 'node_modules', '.bin', 'postject');
const VERSION = JSON.parse(await fsp.readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'))
  .version as string;

let releaseDir: string;
let prefix: string;
let bin: string;
let server: TestServer;

beforeAll(async () => {
  releaseDir = await makeTempDir('cs-release');
  await run(process.execPath, ['scripts/release.mjs', '--out', releaseDir], {
    cwd: REPO_ROOT,
    timeout: 240_000,
  });
  prefix = await makeTempDir('cs-release-prefix');
  const tgz = path.join(releaseDir, `congregation-sync-${VERSION}.tgz`);
  await run('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tgz], {
    cwd: prefix,
    timeout: 120_000,
  });
  bin = path.join(prefix, 'bin', 'congregation-sync');
  server = await startWebdavServer();
  await put(server, { [`Media/${MEETING_DATES[0]}/welcome.jpg`]: 'a picture' });
}, 300_000);

afterAll(async () => {
  await stopAllServers();
  await cleanupTempDirs();
});

/** The sync's arguments against the test server, with a fresh profile and media folder. */
async function syncArgs() {
  const media = await makeTempDir('cs-release-media');
  const profile = await makeTempDir('cs-release-profile');
  const args = ['sync', '--url', server.url, '--user', server.username, '--folder', `/${FOLDER}`];
  return { media, args: [...args, '--media-dir', media, '--profile', profile, '--today', TODAY, '--json'] };
}

function expectSynced(stdout: string, media: string) {
  const json = JSON.parse(stdout) as SyncJson;
  expect(json.ok).toBe(true);
  expect(relativeMedia(json.media, media).map((item) => item.file)).toContain(
    `${MEETING_DATES[0]}/welcome.jpg`,
  );
}

describe('the npm package', () => {
  it('has no dependencies and says which Node it needs', async () => {
    const installed = path.join(prefix, 'lib', 'node_modules', 'congregation-sync');
    const manifest = JSON.parse(await fsp.readFile(path.join(installed, 'package.json'), 'utf8'));
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.engines).toEqual({ node: '>=20' });
    expect(existsSync(path.join(installed, 'dist', 'web', 'app.js'))).toBe(true);
  });

  it('installed globally, syncs from another folder', async () => {
    const elsewhere = await makeTempDir('cs-release-cwd');
    const { media, args } = await syncArgs();
    const { stdout } = await run(bin, args, {
      cwd: elsewhere,
      env: { ...process.env, CONGSYNC_PASSWORD: server.password },
      timeout: 60_000,
    });
    expectSynced(stdout, media);
  });

  it("runs its demo in the user's own folder, none in the installed package", async () => {
    const home = await makeTempDir('cs-release-demo-home');
    const installed = path.join(prefix, 'lib', 'node_modules', 'congregation-sync');
    const before = await fsp.readdir(installed);
    const { stderr } = await run(bin, ['start', '--once', '--no-open'], {
      cwd: home,
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), CONGSYNC_PROFILE: '' },
      timeout: 60_000,
    });
    expect(stderr).toMatch(/[1-9]\d* downloaded, 0 removed, 0 unchanged/);
    expect(await fsp.readdir(installed)).toEqual(before);
    expect(existsSync(path.join(home, 'config', 'congregation-sync-demo', 'settings.json'))).toBe(true);
  });
});

describe('the single executable', () => {
  const executable = () => path.join(releaseDir, `congregation-sync-${VERSION}-linux-x64`);
  it.skipIf(!existsSync(POSTJECT) || process.platform !== 'linux' || process.arch !== 'x64')(
    'runs with no node on PATH and syncs a real server (needs the package postject)',
    async () => {
      const home = await makeTempDir('cs-release-home');
      const { media, args } = await syncArgs();
      const { stdout } = await run(executable(), args, {
        cwd: home,
        env: { PATH: '', HOME: home, CONGSYNC_PASSWORD: server.password },
        timeout: 60_000,
      });
      expectSynced(stdout, media);
      // The files were unpacked once into the user's cache, in a folder named by version.
      const cached = await fsp.readdir(path.join(home, '.cache', 'congregation-sync'));
      expect(cached.some((name) => name.startsWith(`${VERSION}-`))).toBe(true);
    },
    120_000,
  );
});

/** `congregation-sync --profile P --no-open` until it prints the page's address; the process and that address. */
async function openPage(
  profile: string,
): Promise<{ child: ChildProcess; url: string; exited: Promise<number> }> {
  const child = spawn(bin, ['--profile', profile, '--no-open'], {
    env: { ...process.env, CONGSYNC_NO_OPEN: '1', CONGSYNC_PROFILE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number>((resolve) => child.once('close', (code) => resolve(code ?? -1)));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (found) resolve(found[0]);
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    exited.then((code) => reject(new Error(`exited with ${code} before an address: ${out}`)));
  });
  return { child, url, exited };
}

describe('congregation-sync with no command', () => {
  it('serves the page once per profile, at the same address every start', async () => {
    const profile = await makeTempDir('cs-release-page');
    const first = await openPage(profile);
    const second = await openPage(profile);
    expect(second.url).toBe(first.url);
    // The second found the first and ended; the first still serves.
    expect(await second.exited).toBe(0);
    const answer = await fetch(first.url);
    expect(answer.status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // Started again, the page is where the bookmark points.
    const again = await openPage(profile);
    expect(again.url).toBe(first.url);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 60_000);
});
