/** Builds a Connection from the plugin's settings and the stored password. */
import { readFile } from 'node:fs/promises';
import { fetchBudget } from '../core/fetch-schedule.js';
import type { BandwidthLimiter } from './bandwidth.js';
import { serverUrlOf } from './errors.js';
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
  const base = serverUrlOf(serverUrl);
  const path = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  const tail = folderSegments(folder).map(encodeURIComponent).join('/');
  return new URL(`${path}${tail}${tail ? '/' : ''}`, base.origin);
}

/** What a Connection is made from (the plugin's settings have these fields). */
export interface ConnectionSettings {
  serverUrl: string;
  username: string;
  folder: string;
  caFile: string;
  requestTimeoutSeconds: number;
  concurrency: number;
}

/** A Connection; `bandwidth`, the limit its media transfers share with the plugin's other connections. */
export async function connect(
  settings: ConnectionSettings,
  password: string,
  bandwidth?: BandwidthLimiter,
): Promise<Connection> {
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
    ca,
    timeoutMs: settings.requestTimeoutSeconds * 1000,
    maxSockets: Math.max(fetchBudget(settings.concurrency).maxRequests, 2),
    bandwidth,
  });
}
