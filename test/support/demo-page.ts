/** `npm start` as a launcher or a service starts it: a child process with no terminal (standard input not a TTY, its
 * output in a file), and the page's address it prints. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './host-harness.js';

/** Starts the demo for `profile` in `lang`; resolves with the page's address, the child and its end. */
export async function startDemo(profile: string, lang: 'en' | 'de') {
  const log = path.join(profile, '..', `${path.basename(profile)}.log`);
  const fd = fs.openSync(log, 'w');
  const child = spawn(
    process.execPath,
    ['bin/host.cjs', 'start', '--no-open', '--profile', profile, '--lang', lang],
    { cwd: REPO_ROOT, env: { ...process.env, CONGSYNC_NO_OPEN: '1' }, stdio: ['ignore', fd, fd] },
  );
  fs.closeSync(fd);
  const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    const text = await fsp.readFile(log, 'utf8');
    const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(text)?.[1];
    if (url) return { url, child, stopped };
    if (child.exitCode !== null) throw new Error(`npm start exited without serving the page:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
