/** Raw GETs: a streamed body for media files, a size-limited text for small files such as forcedPrefs.json. */
import type { IncomingMessage } from 'node:http';
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

export async function getText(
  connection: Connection,
  segments: readonly string[],
  maxBytes: number,
  signal?: AbortSignal,
) {
  return readText(await openGet(connection, segments, signal), maxBytes, `GET ${segments.join('/')}`);
}
