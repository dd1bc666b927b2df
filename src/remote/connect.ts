/** Builds a Connection from the plugin's settings and the stored password. */
import { readFile } from 'node:fs/promises';
import { fetchBudget } from '../core/fetch-schedule.js';
import { checkServerUrl } from '../core/url-policy.js';
import type { Settings } from '../settings.js';
import { RemoteError } from './errors.js';
import { Connection } from './http.js';

export class CaFileError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`cannot read CA file ${file}: ${detail}`);
  }
}

/** The folder's segments, from a user's text such as `/Congregation/Media sync/`. */
export function folderSegments(folder: string): string[] {
  return folder.split('/').filter((s) => s.length > 0 && s !== '.');
}

/** The URL of the sync folder: the server URL's path followed by the folder's segments, each encoded. */
export function folderUrl(serverUrl: string, folder: string): URL {
  const checked = checkServerUrl(serverUrl);
  if (!checked.ok)
    throw new RemoteError(checked.problem === 'insecure' ? 'insecure' : 'invalid-url', serverUrl);
  const base = checked.url;
  const path = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  const tail = folderSegments(folder).map(encodeURIComponent).join('/');
  return new URL(`${path}${tail}${tail ? '/' : ''}`, base.origin);
}

export type ConnectionSettings = Pick<
  Settings,
  'serverUrl' | 'username' | 'folder' | 'caFile' | 'requestTimeoutSeconds' | 'concurrency'
>;

export async function connect(settings: ConnectionSettings, password: string): Promise<Connection> {
  const base = folderUrl(settings.serverUrl, settings.folder);
  let ca: string | undefined;
  if (settings.caFile) {
    try {
      ca = await readFile(settings.caFile, 'utf8');
    } catch (error) {
      throw new CaFileError(settings.caFile, (error as Error).message);
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----'))
      throw new CaFileError(settings.caFile, 'no PEM certificate in it');
  }
  return new Connection({
    base,
    username: settings.username,
    password,
    ...(ca ? { ca } : {}),
    timeoutMs: settings.requestTimeoutSeconds * 1000,
    maxSockets: Math.max(fetchBudget(settings.concurrency).maxRequests, 2),
  });
}
