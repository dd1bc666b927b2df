/**
 * Every command of the CLI ends by itself: `node bin/host.cjs …` as a child process against a loopback WebDAV server
 * (the in-process webdav-server), with stdin a pipe left open as a terminal or a parent leaves it. The time from the
 * child's last byte on stdout or stderr (or from a stop signal, for the commands that run until one) to its exit must
 * stay under QUIET_LIMIT_MS; a child still running then is killed and fails the test. A handle left open at the end
 * of a command (a timer, a socket, an agent, a server, a watcher, a read of stdin) keeps the process alive and fails it.
 */
import { spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands.js';
import { REPO_ROOT } from '../support/host-harness.js';
import {
  cleanupTempDirs,
  makeTempDir,
  startWebdavServer,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';
import { bytes, put, TODAY } from '../support/sync-harness.js';

/** How long a finished command may take to exit. */
const QUIET_LIMIT_MS = 5_000;
const DATE = '2026-12-02';
const PASSWORD_VARIABLE = 'CS_EXIT_TEST_PASSWORD';

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From the last output (or the stop signal, if later) to the exit. */
  quietMs: number;
  /** Killed after QUIET_LIMIT_MS of quiet: it did not end by itself. */
  killed: boolean;
}

interface RunOptions {
  env?: Record<string, string>;
  /** Sends SIGINT once the output shows this (the commands that run until they are stopped). */
  stopWhen?: RegExp;
}

/** Runs `node bin/host.cjs <args>` and watches its output and its exit. */
function run(args: string[], options: RunOptions = {}): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/host.cjs', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, CONGSYNC_PASSWORD: '', CONGSYNC_PROFILE: '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let last = Date.now();
    let killed = false;
    let killer: NodeJS.Timeout | undefined;
    const quiet = () => {
      last = Date.now();
      clearTimeout(killer);
      killer = setTimeout(() => {
        killed = true;
        child.kill('SIGKILL');
      }, QUIET_LIMIT_MS);
    };
    quiet();
    let stopped = false;
    const heard = () => {
      quiet();
      if (!stopped && options.stopWhen?.test(`${stdout}${stderr}`)) {
        stopped = true;
        child.kill('SIGINT');
      }
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      heard();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      heard();
    });
    child.once('error', (error) => {
      clearTimeout(killer);
      reject(error);
    });
    child.once('exit', (code) => {
      const quietMs = Date.now() - last;
      clearTimeout(killer);
      child.stdin.destroy();
      // The rest of the output, which may arrive after the exit.
      child.once('close', () => resolve({ code, stdout, stderr, quietMs, killed }));
    });
  });
}

function expectEnded(ended: Ended, code = 0): void {
  const output = `stdout: ${ended.stdout}\nstderr: ${ended.stderr}`;
  expect(ended.killed, `still running ${QUIET_LIMIT_MS} ms after its last output\n${output}`).toBe(false);
  expect(ended.quietMs, output).toBeLessThan(QUIET_LIMIT_MS);
  expect(ended.code, output).toBe(code);
}

let server: TestServer;
let profile: string;
let mediaDir: string;
let upload: string;
/** The connection options of the headless commands (`sync`, `vo`); the password is in the environment. */
let connection: string[];
const withPassword = () => ({ env: { CONGSYNC_PASSWORD: server.password } });
const own = (...args: string[]) => [...args, '--profile', profile];

beforeAll(async () => {
  server = await startWebdavServer();
  await put(server, { [`Media/${DATE}/01 - Welcome.jpg`]: bytes(40_000, 'welcome') });
  profile = await makeTempDir('cs-exit-profile');
  mediaDir = await makeTempDir('cs-exit-media');
  const files = await makeTempDir('cs-exit-upload');
  upload = path.join(files, 'Announcement.png');
  await fsp.writeFile(upload, bytes(20_000, 'announcement'));
  connection = [
    '--url',
    server.url,
    '--user',
    server.username,
    '--folder',
    '/Congregation',
    '--media-dir',
    mediaDir,
    '--profile',
    profile,
    '--today',
    TODAY,
  ];
});

afterAll(async () => {
  await stopAllServers();
  await cleanupTempDirs();
});

describe('every command ends by itself', () => {
  it('help, and help of a command', async () => {
    expectEnded(await run(['help']));
    expectEnded(await run(['help', 'sync']));
  });

  it('config set, get and list', async () => {
    expectEnded(await run(own('config', 'set', 'serverUrl', server.url)));
    expectEnded(await run(own('config', 'set', 'username', server.username)));
    expectEnded(await run(own('config', 'set', 'folder', '/Congregation')));
    const got = await run(own('config', 'get', 'serverUrl'));
    expectEnded(got);
    expect(got.stdout).toContain(server.url);
    expectEnded(await run(own('config', 'list')));
  });

  it('secret set (from an environment variable), list', async () => {
    const set = await run(own('secret', 'set', 'password', '--from-env', PASSWORD_VARIABLE), {
      env: { [PASSWORD_VARIABLE]: server.password },
    });
    expectEnded(set);
    const list = await run(own('secret', 'list'));
    expectEnded(list);
    expect(list.stdout).toContain('password');
  });

  it('settings list and set', async () => {
    expectEnded(await run(own('settings', 'set', 'app.congregationName', 'Süd')));
    expectEnded(await run(own('settings', 'list', '--json')));
  });

  it('sync with the connection options, and with the stored settings and password', async () => {
    const sync = await run(['sync', ...connection, '--json'], withPassword());
    expectEnded(sync);
    expect(JSON.parse(sync.stdout)).toMatchObject({ ok: true, stats: { downloaded: 1 } });
    expectEnded(await run(['sync', '--media-dir', mediaDir, '--profile', profile, '--today', TODAY]));
    expectEnded(await run(['sync', ...connection, '--dry-run'], withPassword()));
  });

  it('a sync that cannot log in', async () => {
    expectEnded(await run(['sync', ...connection], { env: { CONGSYNC_PASSWORD: 'wrong' } }), 2);
  });

  it('vo: test-connection, upload, hide, push-settings', async () => {
    expectEnded(await run(['vo', 'test-connection', ...connection], withPassword()));
    const uploaded = await run(
      ['vo', 'upload', '--date', DATE, upload, ...connection, '--json'],
      withPassword(),
    );
    expectEnded(uploaded);
    expect(JSON.parse(uploaded.stdout)).toMatchObject({ ok: true });
    expectEnded(await run(['vo', 'hide', '--date', DATE, '01 - Welcome.jpg', ...connection], withPassword()));
    expectEnded(await run(['vo', 'push-settings', 'app.congregationName', ...connection], withPassword()));
  });

  it('media list and add', async () => {
    const list = await run(own('media', 'list', '--json'));
    expectEnded(list);
    expect(JSON.parse(list.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Announcement.png' })]),
    );
    expectEnded(await run(own('media', 'add', '--date', DATE, '--name', 'Song 1', '--source', 'jw')));
  });

  it('run, commands, plugins list', async () => {
    expectEnded(await run(own('run', COMMANDS.preview)));
    expectEnded(await run(own('commands')));
    expectEnded(await run(own('plugins', 'list')));
  });

  it('the demo with --once', async () => {
    const demo = await makeTempDir('cs-exit-demo');
    expectEnded(await run(['start', '--once', '--no-open', '--profile', demo]));
  });

  it('serve and watch, once they are stopped', async () => {
    const served = await run(own('serve'), { stopWhen: /Ctrl\+C/ });
    expectEnded(served);
    expect(served.stdout).toContain('Presenter stopped.');
    const watched = await run(['watch', '--verbose', '--media-dir', mediaDir, '--profile', profile], {
      stopWhen: /Synced/,
    });
    expectEnded(watched);
  });
});
