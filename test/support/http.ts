import http from 'node:http';
import https from 'node:https';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Basic auth credentials. */
  auth?: { username: string; password: string };
  /** PEM text of a CA to trust (https only). */
  ca?: string;
  /** Abort the request after this many milliseconds (default 15 s). */
  timeoutMs?: number;
}

export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/**
 * A tiny node:http(s) client for tests: no connection reuse, no redirects, whole body buffered.
 * Rejects on socket errors (e.g. a reset in the middle of the body) and on timeout.
 */
export function rawRequest(url: string, opts: RawRequestOptions = {}): Promise<RawResponse> {
  const target = new URL(url);
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.auth) headers.authorization = basicAuthHeader(opts.auth.username, opts.auth.password);
  const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
  if (body) headers['content-length'] = String(body.length);
  const isHttps = target.protocol === 'https:';
  const requestOptions: https.RequestOptions = {
    method: opts.method ?? 'GET',
    headers,
    agent: false,
  };
  if (isHttps && opts.ca) requestOptions.ca = opts.ca;
  return new Promise<RawResponse>((resolve, reject) => {
    const req = (isHttps ? https : http).request(target, requestOptions, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('response aborted')));
      res.on('end', () => {
        if (!res.complete) {
          reject(new Error('response ended before it was complete'));
          return;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    req.setTimeout(opts.timeoutMs ?? 15_000, () => req.destroy(new Error(`request timed out: ${url}`)));
    req.on('error', reject);
    req.end(body);
  });
}
