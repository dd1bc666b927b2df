/**
 * This installation as a command line: the Node binary and this checkout's bin/host.cjs, or the single executable
 * alone. What a start-at-login entry runs, so that it runs the same program the user installed it with.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { repositoryRoot } from '../host/paths.js';

/** Whether this process is a single executable application (node:sea exists from Node 20.12; older: never one). */
export function isSingleExecutable(): boolean {
  try {
    const sea = createRequire(import.meta.url)('node:sea') as { isSea?: () => boolean };
    return sea.isSea?.() === true;
  } catch {
    return false;
  }
}

/** The program and the leading arguments that run this installation's host CLI. */
export function thisInstallation(): string[] {
  if (isSingleExecutable()) return [process.execPath];
  return [process.execPath, path.join(repositoryRoot(), 'bin', 'host.cjs')];
}
