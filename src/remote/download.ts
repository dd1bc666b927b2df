/**
 * Raw GETs: a streamed body for media files (through the connection's bandwidth limit), a size-limited text for small
 * files such as forcedPrefs.json.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { fromResponse } from './errors.js';
import { type Connection, readText } from './http.js';

/** Opens a GET and resolves once a 200 arrived; the body is the caller's to stream. */
export async function openGet(connection: Connection, segments: readonly string[], signal?: AbortSignal) {
  const url = connection.urlOf(segments);
  const response: IncomingMessage = await connection.send({
    method: 'GET',
    url,
    signal,
  });
  if (response.statusCode !== 200) {
    response.resume();
    throw fromResponse(response, `GET ${segments.join('/')}`);
  }
  return response;
}

/** A media file's body, read no faster than the connection's bandwidth limit allows. */
export async function openMedia(
  connection: Connection,
  segments: readonly string[],
  signal?: AbortSignal,
): Promise<Readable> {
  const body = await openGet(connection, segments, signal);
  return connection.bandwidth ? connection.bandwidth.limit(body, signal) : body;
}

export async function getText(
  connection: Connection,
  segments: readonly string[],
  maxBytes: number,
  signal?: AbortSignal,
) {
  return readText(await openGet(connection, segments, signal), maxBytes, `GET ${segments.join('/')}`);
}
