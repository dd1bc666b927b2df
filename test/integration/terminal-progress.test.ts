/**
 * The progress line on a real pseudo-terminal (util-linux `script`, 60 columns): drawn on stderr only when it is a
 * terminal, cleared before any other line, never wider than the terminal, with files and bytes.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/host-harness.js';
import { makeTempDir } from '../support/servers.js';

const SCRIPT = '/usr/bin/script';
const COLUMNS = 60;
const CLEAR = '\r\x1b[2K';

/** Runs the demo's sync on a pseudo-terminal of COLUMNS columns; resolves to everything the terminal received. */
function onTerminal(profile: string): Promise<string> {
  const command = `stty cols ${COLUMNS}; exec node bin/host.cjs start --once --profile '${profile}'`;
  return new Promise((resolve, reject) => {
    execFile(
      SCRIPT,
      ['-q', '-e', '-c', command, '/dev/null'],
      { cwd: REPO_ROOT, timeout: 60_000 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

describe.skipIf(!existsSync(SCRIPT))('the progress line', () => {
  it('on a terminal: fits its width, shows files and bytes, and is cleared before the next line', async () => {
    const out = await onTerminal(await makeTempDir('cs-progress-tty'));
    const drawn = out.split(CLEAR).slice(1);
    // what follows a clear is a bar, or another line after the bar was taken away
    const bars = drawn.map((d) => d.split(/\r\n|\r/)[0] as string).filter((d) => /\d+% /.test(d));
    expect(bars.length).toBeGreaterThan(0);
    for (const bar of bars) {
      expect(bar.length).toBeLessThan(COLUMNS);
      expect(bar).toMatch(/\d+% \d+\/\d+ files, [\d.]+ of [\d.]+ MB/);
    }
    // every other line starts at the left edge: the bar was taken away first
    const summary = out.indexOf('• Congregation media up to date');
    expect(summary).toBeGreaterThan(0);
    expect(out.slice(0, summary).endsWith(CLEAR)).toBe(true);
    // the last thing the bar did is to go away
    const lastBar = out.lastIndexOf(bars.at(-1) as string);
    expect(out.slice(lastBar).indexOf(CLEAR)).toBeGreaterThan(0);
    expect(out).toMatch(/\r\n\d{4}-\d{2}-\d{2}\r\n/);
  }, 90_000);

  it('elsewhere: plain lines, no terminal codes', async () => {
    const run = await runCli(
      ['start', '--once', '--profile', await makeTempDir('cs-progress-pipe')],
      {},
      60_000,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('\x1b[');
    expect(run.stderr).toMatch(/^Sync congregation: 100% \d+\/\d+ files/m);
  }, 90_000);
});
