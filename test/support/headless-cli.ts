/**
 * The headless CLIs (`node bin/host.cjs sync|vo|run|config|secret …`) as child processes, with what the
 * reliability tests need on top of host-harness's runCli: the time a run took, its peak memory (Linux: the
 * child's VmHWM, polled), and the sync's `--json` document parsed.
 */
import { spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import { REPO_ROOT } from './host-harness.js';
import { type SyncJson, TODAY } from './sync-harness.js';

export { MEETING_DATES, type SyncJson, TODAY } from './sync-harness.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time of the run. */
  ms: number;
  /** The child's peak resident memory in bytes (0 where /proc is not available). */
  peakRss: number;
}

/** Runs `node bin/host.cjs <args>`; never rejects for a non-zero exit, kills it after `timeoutMs`. */
export function hostCli(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 90_000,
): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/host.cjs', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let peakRss = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const poll = setInterval(() => {
      fsp
        .readFile(`/proc/${child.pid}/status`, 'utf8')
        .then((status) => {
          const kb = Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
          peakRss = Math.max(peakRss, kb * 1024);
        })
        .catch(() => {});
    }, 20);
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearInterval(poll);
      clearTimeout(killer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(killer);
      if (code === null) {
        reject(
          new Error(
            `host.cjs ${args.join(' ')} was killed (${signal})\nstdout: ${stdout}\nstderr: ${stderr}`,
          ),
        );
        return;
      }
      resolve({ code, stdout, stderr, ms: Date.now() - started, peakRss });
    });
  });
}

export interface SyncRun extends CliRun {
  json: SyncJson;
}

export interface SyncArgs {
  url: string;
  password: string;
  mediaDir: string;
  profile: string;
  user?: string;
  folder?: string;
  ca?: string;
  extra?: string[];
  timeoutMs?: number;
}

/** `CONGSYNC_PASSWORD=… node bin/host.cjs sync --url … --today 2026-12-01 --json`; stdout must be one JSON document. */
export async function syncCli(options: SyncArgs): Promise<SyncRun> {
  const args = [
    'sync',
    '--url',
    options.url,
    '--user',
    options.user ?? 'vo',
    '--folder',
    options.folder ?? '/Congregation',
    '--media-dir',
    options.mediaDir,
    '--profile',
    options.profile,
    '--today',
    TODAY,
    '--json',
    ...(options.ca ? ['--ca', options.ca] : []),
    ...(options.extra ?? []),
  ];
  const run = await hostCli(args, { CONGSYNC_PASSWORD: options.password }, options.timeoutMs);
  let json: SyncJson;
  try {
    json = JSON.parse(run.stdout) as SyncJson;
  } catch (error) {
    throw new Error(
      `sync (exit ${run.code}) did not print one JSON document: ${(error as Error).message}\n` +
        `stdout: ${run.stdout}\nstderr: ${run.stderr}`,
    );
  }
  return { ...run, json };
}

/** All messages of a run, for matching: the JSON errors and stderr. */
export const messagesOf = (run: SyncRun) =>
  `${run.json.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}\n${run.stderr}`;
