/** PROPFIND through our own multistatus parser (the client library's parsing has known faults, see multistatus.ts). */

import { fromStatus, RemoteError } from './errors.js';
import type { Connection } from './http.js';
import { readText } from './http.js';
import { MultistatusError, parseMultistatus, type RemoteEntry } from './multistatus.js';

export type Depth = '0' | '1' | 'infinity';

const BODY = Buffer.from(
  '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/>' +
    '<d:getcontentlength/><d:getetag/><d:getlastmodified/><d:getcontenttype/></d:prop></d:propfind>',
);

/** The largest multistatus body accepted: a congregation folder of tens of thousands of files fits many times. */
export const MAX_MULTISTATUS_BYTES = 64 * 1024 * 1024;

/** Lists `segments` (below the connection's base) at `depth`; entries come back relative to the base. */
export async function propfind(
  connection: Connection,
  segments: readonly string[],
  depth: Depth,
  signal?: AbortSignal,
): Promise<RemoteEntry[]> {
  const url = connection.urlOf(segments, true);
  const response = await connection.send({
    method: 'PROPFIND',
    url,
    headers: { depth, 'content-type': 'application/xml; charset=utf-8' },
    body: BODY,
    ...(signal ? { signal } : {}),
  });
  const status = response.statusCode ?? 0;
  if (status !== 207) {
    response.resume();
    if (status >= 200 && status < 300)
      throw new RemoteError('not-webdav', `PROPFIND ${url.pathname}: HTTP ${status}`);
    throw fromStatus(status, `PROPFIND ${url.pathname}`, header(response.headers['retry-after']));
  }
  const xml = await readText(response, MAX_MULTISTATUS_BYTES, `PROPFIND ${url.pathname}`);
  try {
    return parseMultistatus(xml, connection.base.pathname, { maxBytes: MAX_MULTISTATUS_BYTES });
  } catch (error) {
    if (error instanceof MultistatusError) {
      throw new RemoteError(error.reason === 'too-large' ? 'too-large' : 'not-webdav', error.message);
    }
    throw error;
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
