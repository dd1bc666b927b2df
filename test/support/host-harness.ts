/**
 * Drives the reference host as a presenter would: `new Host(...)` + `host.load(folder)` in-process, and the
 * CLI (`node bin/host.cjs ...`) as a real child process. No mocks.
 */
import { execFile } from 'node:child_process';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Host, type HostOptions, type LoadedPlugin } from '../../host/runtime.js';

/** The repository's root: the plugin folder the host enables by default. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const PLUGIN_ID = 'congregation-sync';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/host.cjs <args>` in the repository; never rejects for a non-zero exit. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['bin/host.cjs', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, ...env }, timeout: timeoutMs, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = child.exitCode;
        if (code === null) {
          reject(new Error(`host.cjs ${args.join(' ')} did not exit: ${error?.message}\n${stderr}`));
          return;
        }
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}

const openHosts = new Set<Host>();

/** A host on `profileDir` (non-interactive) with the repository's plugin enabled; fails the test if it is not. */
export async function openHost(
  options: Partial<HostOptions> & { profileDir: string },
): Promise<{ host: Host; plugin: LoadedPlugin }> {
  const host = new Host({ interactive: false, quiet: true, language: 'en', ...options });
  openHosts.add(host);
  const loaded = await host.load(REPO_ROOT);
  if (!loaded.ok) throw new Error(`the plugin did not load: ${loaded.error}`);
  return { host, plugin: loaded.plugin };
}

/** A bare host (no plugin loaded), disposed by `disposeHosts()`. */
export function newHost(options: Partial<HostOptions> & { profileDir: string }): Host {
  const host = new Host({ interactive: false, quiet: true, language: 'en', ...options });
  openHosts.add(host);
  return host;
}

/** Deactivates every plugin of every host made here. */
export async function disposeHosts(): Promise<void> {
  const hosts = [...openHosts];
  openHosts.clear();
  for (const host of hosts) await host.dispose();
}

/** Every file below `dir`, recursively (absolute paths). */
export async function listFilesRecursive(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFilesRecursive(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
