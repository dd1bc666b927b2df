/** PROPFIND through our own multistatus parser (the client library's parsing has known faults, see multistatus.ts). */

import { fromNodeError, fromStatus, RemoteError } from './errors.js';
import { type Connection, refuseDeclaredOver } from './http.js';
import { MultistatusError, MultistatusParser, type RemoteEntry } from './multistatus.js';

export type Depth = '0' | '1' | 'infinity';

const BODY = Buffer.from(
  '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/>' +
    '<d:getcontentlength/><d:getetag/><d:getlastmodified/></d:prop></d:propfind>',
);

/** The largest multistatus body accepted: a congregation folder of tens of thousands of files fits many times. */
export const MAX_MULTISTATUS_BYTES = 64 * 1024 * 1024;

/**
 * Lists `segments` (below the connection's base) at `depth`; entries come back relative to the base. `body`, if
 * given, is also fed the response body as it arrives (for a digest of what the server said).
 */
export async function propfind(
  connection: Connection,
  segments: readonly string[],
  depth: Depth,
  signal?: AbortSignal,
  body?: { update(chunk: Buffer): unknown },
): Promise<RemoteEntry[]> {
  const url = connection.urlOf(segments, true);
  const what = `PROPFIND ${url.pathname}`;
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
    if (status >= 200 && status < 300) throw new RemoteError('not-webdav', `${what}: HTTP ${status}`);
    throw fromStatus(status, what, header(response.headers['retry-after']));
  }
  refuseDeclaredOver(response, MAX_MULTISTATUS_BYTES, what);
  // Parsed as it arrives: a large listing is read while the server is still sending it.
  const parser = new MultistatusParser(connection.base.pathname, { maxBytes: MAX_MULTISTATUS_BYTES });
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      parser.write(chunk);
      body?.update(chunk);
    }
    return parser.end();
  } catch (error) {
    response.destroy();
    if (error instanceof MultistatusError) {
      if (error.reason === 'too-large')
        throw new RemoteError('too-large', `${what}: more than ${MAX_MULTISTATUS_BYTES} bytes`);
      throw new RemoteError('not-webdav', error.message);
    }
    throw fromNodeError(error);
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
