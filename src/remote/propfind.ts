/** PROPFIND through our own multistatus parser (the client library's parsing has known faults, see multistatus.ts). */

import { createHash } from 'node:crypto';
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

/** Lists `segments` (below the connection's base) at `depth`; entries come back relative to the base. */
export async function propfind(
  connection: Connection,
  segments: readonly string[],
  depth: Depth,
  signal?: AbortSignal,
): Promise<RemoteEntry[]> {
  return (await readMultistatus(connection, segments, depth, signal)).entries();
}

/** A PROPFIND's answer: the digest of its body as the server sent it, and its entries. */
export interface Multistatus {
  /** SHA-256 of the body. */
  digest: string;
  /** Parsed at the first call (a body whose digest says it is known need not be); a broken body throws each time. */
  entries(): RemoteEntry[];
}

/** PROPFIND: the body read whole (size-limited) with its digest; it is parsed when its entries are asked for. */
export async function readMultistatus(
  connection: Connection,
  segments: readonly string[],
  depth: Depth,
  signal?: AbortSignal,
): Promise<Multistatus> {
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
  const hash = createHash('sha256');
  const body: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_MULTISTATUS_BYTES) throw new MultistatusError('too-large', what);
      hash.update(chunk);
      body.push(chunk);
    }
  } catch (error) {
    response.destroy();
    throw remoteError(error, what);
  }
  let parsed: { entries: RemoteEntry[] } | { error: Error } | undefined;
  const parse = () => {
    try {
      const parser = new MultistatusParser(connection.base.pathname, { maxBytes: MAX_MULTISTATUS_BYTES });
      for (const chunk of body.splice(0)) parser.write(chunk);
      return { entries: parser.end() };
    } catch (error) {
      return { error: remoteError(error, what) };
    }
  };
  return {
    digest: hash.digest('base64'),
    entries: () => {
      parsed ??= parse();
      if ('error' in parsed) throw parsed.error;
      return parsed.entries;
    },
  };
}

function remoteError(error: unknown, what: string): Error {
  if (error instanceof MultistatusError) {
    if (error.reason === 'too-large')
      return new RemoteError('too-large', `${what}: more than ${MAX_MULTISTATUS_BYTES} bytes`);
    return new RemoteError('not-webdav', error.message);
  }
  return fromNodeError(error);
}
