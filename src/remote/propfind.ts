/** PROPFIND through our own multistatus parser (the client library's parsing has known faults, see multistatus.ts). */

import type { RemoteEntry } from '../core/remote-entry.js';
import { fromNodeError, fromResponse, RemoteError } from './errors.js';
import { type Connection, refuseDeclaredOver } from './http.js';
import { MultistatusError } from './multistatus/scanner.js';
import { MultistatusParser } from './multistatus.js';

export type Depth = '0' | '1' | 'infinity';

const BODY = Buffer.from(
  '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/>' +
    '<d:getcontentlength/><d:getetag/><d:getlastmodified/></d:prop></d:propfind>',
);

/** The largest multistatus body accepted: a congregation folder of tens of thousands of files fits many times. */
export const MAX_MULTISTATUS_BYTES = 64 * 1024 * 1024;

/**
 * Lists `segments` (below the connection's base) at `depth`; entries come back relative to the base. The body is
 * parsed as it arrives (size-limited), so that a large listing is read while the server is still sending it.
 */
export async function propfind(
  connection: Connection,
  segments: readonly string[],
  depth: Depth,
  signal?: AbortSignal,
): Promise<RemoteEntry[]> {
  const url = connection.urlOf(segments, true);
  const what = `PROPFIND ${url.pathname}`;
  const response = await connection.send({
    method: 'PROPFIND',
    url,
    headers: { depth, 'content-type': 'application/xml; charset=utf-8' },
    body: BODY,
    signal,
  });
  const status = response.statusCode ?? 0;
  if (status !== 207) {
    response.resume();
    if (status >= 200 && status < 300) throw new RemoteError('not-webdav', `${what}: HTTP ${status}`);
    throw fromResponse(response, what);
  }
  refuseDeclaredOver(response, MAX_MULTISTATUS_BYTES, what);
  const parser = new MultistatusParser(connection.base.pathname, { maxBytes: MAX_MULTISTATUS_BYTES });
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) parser.write(chunk);
    return parser.end();
  } catch (error) {
    response.destroy();
    throw remoteError(error, what);
  }
}

function remoteError(error: unknown, what: string): Error {
  if (error instanceof MultistatusError) {
    if (error.reason === 'too-large')
      return new RemoteError('too-large', `${what}: more than ${MAX_MULTISTATUS_BYTES} bytes`);
    return new RemoteError('not-webdav', error.message);
  }
  return fromNodeError(error);
}
