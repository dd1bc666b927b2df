/**
 * The `webdav` client for the organiser's writes (MKCOL, PUT, MOVE, DELETE), with its requests routed through our
 * Connection (timeouts, same-origin redirects, TLS, counting). Known faults handled here: a streamed PUT would go
 * without Content-Length (we set it), and its errors carry only `status` (we classify them).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { createClient, getPatcher, type WebDAVClient } from 'webdav';
import { RemoteError } from './errors.js';
import type { Connection } from './http.js';

const connections = new WeakMap<object, Connection>();
let patched = false;

/** The client's fetch, answered by the Connection whose agent the client was given. */
async function fetchThroughConnection(url: string, init: RequestInit & { agent?: (u: URL) => object }) {
  const target = new URL(url);
  const connection = init.agent ? connections.get(init.agent(target)) : undefined;
  if (!connection) throw new RemoteError('invalid-url', `no connection for ${target.origin}`);
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, key) => {
    if (key !== 'authorization') headers[key] = value;
  });
  const body = init.body as Buffer | string | Readable | undefined | null;
  const response = await connection.send({
    method: init.method ?? 'GET',
    url: target,
    headers,
    ...(body === undefined || body === null
      ? {}
      : { body: typeof body === 'string' ? Buffer.from(body) : body }),
    signal: init.signal ?? undefined,
  });
  const status = response.statusCode ?? 0;
  const noBody = status === 204 || status === 304 || init.method === 'HEAD';
  if (noBody) response.resume();
  return new Response(noBody ? null : (Readable.toWeb(response) as ReadableStream), {
    status,
    statusText: response.statusMessage ?? '',
    headers: toHeaders(response.headers),
  });
}

function toHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(raw)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

export function davClient(connection: Connection): WebDAVClient {
  if (!patched) {
    getPatcher().patch('fetch', fetchThroughConnection as never);
    patched = true;
  }
  connections.set(connection.agent, connection);
  const agent = { httpAgent: connection.agent, httpsAgent: connection.agent };
  return createClient(connection.base.href, agent);
}
