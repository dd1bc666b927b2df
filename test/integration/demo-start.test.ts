/**
 * `npm start` (bin/host.cjs start) as a child process with its output sent to a file, as an editor's task runner or
 * `> log` would: it serves the page until SIGTERM; `--once` stops after the sync; `--reset` starts over.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoFolder } from '../../tools/demo.js';
import { pageOpener } from '../../tools/open-page.js';
import { REPO_ROOT, runCli } from '../support/host-harness.js';
import { cleanupTempDirs, makeTempDir } from '../support/servers.js';

afterAll(cleanupTempDirs);

/** Starts `host.cjs start ARGS` with stdout and stderr written to a file. */
async function startToFile(args: string[]) {
  const dir = await makeTempDir('cs-demo-out');
  const log = path.join(dir, 'out.log');
  const fd = fs.openSync(log, 'w');
  const child = spawn(process.execPath, ['bin/host.cjs', 'start', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, CONGSYNC_NO_OPEN: '' },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output = () => fsp.readFile(log, 'utf8');
  return { child, exited, output };
}

async function waitFor(read: () => Promise<string>, pattern: RegExp, exited: Promise<unknown>) {
  let done = false;
  void exited.then(() => {
    done = true;
  });
  for (;;) {
    const text = await read();
    const match = pattern.exec(text);
    if (match) return match;
    if (done) throw new Error(`exited without ${pattern}:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start', () => {
  it('serves the page with its output in a file, and stops on SIGTERM', async () => {
    const profile = await makeTempDir('cs-demo-profile');
    const run = await startToFile(['--profile', profile]);
    const [, url] = await waitFor(run.output, /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/, run.exited);
    const page = await fetch(url as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const text = await run.output();
    expect(text).toMatch(/Presenter stopped\./);
    expect(text).not.toMatch(/Not a terminal/);
  }, 90_000);

  it('--once stops after the sync; --reset starts the demo over', async () => {
    const profile = await makeTempDir('cs-demo-profile');
    const first = await runCli(['start', '--once', '--profile', profile], {}, 60_000);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/\d+ downloaded, 0 removed, 0 unchanged/);
    const again = await runCli(['start', '--once', '--profile', profile], {}, 60_000);
    expect(again.stderr).toMatch(/0 downloaded, 0 removed, [1-9]\d* unchanged/);
    const reset = await runCli(['start', '--once', '--reset', '--profile', profile], {}, 60_000);
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stderr).toMatch(/[1-9]\d* downloaded, 0 removed, 0 unchanged/);
    expect(reset.stdout).not.toMatch(/http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  }, 120_000);

  it('keeps the demo in the checkout, in a folder git ignores', () => {
    const folder = demoFolder();
    expect(path.relative(REPO_ROOT, folder).startsWith('..')).toBe(false);
    const inside = path.relative(REPO_ROOT, path.join(folder, 'settings.json'));
    const ignored = execFileSync('git', ['check-ignore', inside], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(ignored.trim()).toBe(inside);
  });

  it('opens the page only where a desktop session is to be expected', () => {
    const desktop = { DISPLAY: ':0' };
    expect(pageOpener('linux', desktop, true)?.command).toBe('xdg-open');
    expect(pageOpener('linux', {}, true)).toBeUndefined();
    expect(pageOpener('linux', desktop, false)).toBeUndefined();
    expect(pageOpener('linux', { ...desktop, SSH_CONNECTION: '1 2 3 4' }, true)).toBeUndefined();
    expect(pageOpener('linux', { ...desktop, CI: '1' }, true)).toBeUndefined();
    expect(pageOpener('darwin', {}, true)?.command).toBe('open');
  });
});
