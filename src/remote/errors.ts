/** What can go wrong talking to a server, classified once, so that messages and retries decide on `kind`. */
import { checkServerUrl } from '../core/url-policy.js';

export type ErrorKind =
  | 'not-configured'
  | 'invalid-url'
  | 'insecure'
  | 'dns'
  | 'refused'
  | 'tls'
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'method'
  | 'rate-limit'
  | 'timeout'
  /** Nothing came from the server on any request, also after a retry: the connection gave up (silence.ts). */
  | 'no-answer'
  | 'reset'
  | 'server'
  | 'http'
  | 'not-webdav'
  | 'redirect'
  | 'too-large'
  | 'size-mismatch'
  | 'conflict'
  | 'parent-missing'
  | 'protocol'
  | 'stored-differently'
  | 'cancelled';

export class RemoteError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|EPROTO/;

/** Classifies an error of Node's http/https/net/tls layer. */
export function fromNodeError(error: unknown): RemoteError {
  if (error instanceof RemoteError) return error;
  const e = error as NodeJS.ErrnoException;
  const code = e?.code ?? '';
  const text = `${code} ${e?.message ?? String(error)}`.trim();
  // Node's parser refused the answer (e.g. both Content-Length and Transfer-Encoding): the server is at fault.
  if (code.startsWith('HPE_')) return new RemoteError('protocol', text);
  if (e?.name === 'AbortError' || code === 'ABORT_ERR') return new RemoteError('cancelled', 'cancelled');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA')
    return new RemoteError('dns', text);
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new RemoteError('refused', text);
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return new RemoteError('timeout', text);
  if (TLS_CODES.test(code)) return new RemoteError('tls', text);
  if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ECONNABORTED' ||
    /socket hang up|aborted/i.test(text)
  ) {
    return new RemoteError('reset', text);
  }
  return new RemoteError('reset', text);
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds, capped so a hostile server cannot park us. */
export function retryAfterMs(
  header: string | undefined,
  now = Date.now(),
  capMs = 60_000,
): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), capMs) : undefined;
}

/** Classifies an HTTP status that is not a success. */
export function fromStatus(status: number, what: string, retryAfter?: string): RemoteError {
  const text = `${what}: HTTP ${status}`;
  if (status === 401) return new RemoteError('auth', text, status);
  if (status === 403) return new RemoteError('forbidden', text, status);
  if (status === 404 || status === 410) return new RemoteError('not-found', text, status);
  if (status === 405 || status === 501) return new RemoteError('method', text, status);
  // RFC 4918: 409 on MKCOL, PUT or MOVE means a folder on the way is missing; only a failed precondition conflicts.
  if (status === 409) return new RemoteError('parent-missing', text, status);
  if (status === 412) return new RemoteError('conflict', text, status);
  if (status === 429) return new RemoteError('rate-limit', text, status, retryAfterMs(retryAfter));
  if (status === 408 || status === 423 || status === 425 || status >= 500) {
    return new RemoteError('server', text, status, retryAfterMs(retryAfter));
  }
  return new RemoteError('http', text, status);
}

/** Classifies a response that is not a success, by its status and its Retry-After. */
export function fromResponse(
  response: { statusCode?: number; headers: Record<string, string | string[] | undefined> },
  what: string,
): RemoteError {
  return fromStatus(response.statusCode ?? 0, what, headerValue(response.headers['retry-after']));
}

/** A header's value; of one sent twice, the first. */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The server address as a URL, or the error of the HTTPS rule (url-policy.ts) it breaks. */
export function serverUrlOf(raw: string): URL {
  const checked = checkServerUrl(raw);
  if (!checked.ok) throw new RemoteError(checked.problem === 'insecure' ? 'insecure' : 'invalid-url', raw);
  return checked.url;
}

/** Worth another try: the server or the network may be fine a moment later. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof RemoteError)) return false;
  if (error.kind === 'server') return error.status !== 501 && error.status !== 505;
  return error.kind === 'rate-limit' || error.kind === 'reset' || error.kind === 'timeout';
}
