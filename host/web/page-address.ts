/**
 * The page's address kept for a profile, so that a bookmark works from one start to the next: the port, chosen
 * once (a free one the first time) and kept in the profile's `page.json`; the session token, made once and kept in
 * the secret store. While a page server runs, `page-server.json` names its port and process, so that a second start
 * for the profile finds it (the process alive, and its page answering with the kept token) instead of starting
 * another.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { readJsonFile, writeJsonFile } from '../json-file.js';
import type { SecretStore } from '../secrets.js';

/** The secret store's owner of the host's own secrets: no plugin id starts with a colon. */
const HOST_SECRETS = ':host';
const TOKEN_KEY = 'pageToken';

const addressFile = (profileDir: string) => path.join(profileDir, 'page.json');
const runningFile = (profileDir: string) => path.join(profileDir, 'page-server.json');

/** The port kept for the profile's page, or 0 (any free one) before the first start. */
export function keptPort(profileDir: string): number {
  const { port } = readJsonFile<{ port?: unknown }>(addressFile(profileDir), {});
  return Number.isInteger(port) && (port as number) > 0 && (port as number) < 65536 ? (port as number) : 0;
}

export function keepPort(profileDir: string, port: number): void {
  if (keptPort(profileDir) !== port) writeJsonFile(addressFile(profileDir), { port });
}

/** The page's session token: the kept one, or a new one (32 random bytes) kept from now on. */
export async function pageToken(secrets: SecretStore): Promise<string> {
  const store = secrets.forPlugin(HOST_SECRETS);
  const kept = await store.get(TOKEN_KEY);
  if (kept) return kept;
  const token = randomBytes(32).toString('base64url');
  await store.store(TOKEN_KEY, token);
  return token;
}

/** The page's address with its token: what to open, and what a bookmark keeps. */
export const pageUrl = (port: number, token: string) => `http://127.0.0.1:${port}/?token=${token}`;

/** Notes that this process serves the profile's page on `port`. */
export function markRunning(profileDir: string, port: number): void {
  writeJsonFile(runningFile(profileDir), { port, pid: process.pid });
}

/** Removes the note, where it is this process's. */
export function clearRunning(profileDir: string): void {
  const note = readJsonFile<{ pid?: unknown }>(runningFile(profileDir), {});
  if (note.pid === process.pid) writeJsonFile(runningFile(profileDir), {});
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: a process of another user holds the number; it is alive, whether or not it is ours.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the page on `port` answers the token: a page server of this profile, not another program. */
function answers(port: number, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: '/api/state', headers: { 'x-session-token': token }, timeout: 3000 },
      (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/** The address of the page server already running for the profile, or undefined where none is. */
export async function findRunningPage(profileDir: string, secrets: SecretStore): Promise<string | undefined> {
  const { port, pid } = readJsonFile<{ port?: unknown; pid?: unknown }>(runningFile(profileDir), {});
  if (typeof port !== 'number' || typeof pid !== 'number' || pid === process.pid || !alive(pid))
    return undefined;
  const token = await secrets.forPlugin(HOST_SECRETS).get(TOKEN_KEY);
  return token && (await answers(port, token)) ? pageUrl(port, token) : undefined;
}
