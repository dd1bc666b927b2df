/**
 * The one place that sends HTTP: HTTPS rule, verified TLS, keep-alive, timeouts, same-origin redirects, counting,
 * and authentication (Basic at once; Digest once the server challenged, then on every request without a round trip).
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import tls from 'node:tls';
import type { BandwidthLimiter } from './bandwidth.js';
import { DigestSession, digestChallenge } from './digest.js';
import { fromNodeError, headerValue, RemoteError, retryAfterMs, serverUrlOf } from './errors.js';
import { isThrottle, Pacer, type PacerPolicy } from './pacer.js';
import { SilenceWatch } from './silence.js';

export interface ConnectionOptions {
  /** The folder URL; requests may go only to its origin. */
  base: URL;
  username: string;
  password: string;
  /** Extra trusted CA certificates (PEM), for a self-hosted server's own authority. */
  ca?: string;
  timeoutMs: number;
  maxSockets?: number;
  pacing?: PacerPolicy;
  /** The bandwidth limit media downloads and uploads share (with other connections of the same plugin). */
  bandwidth?: BandwidthLimiter;
}

export class Connection {
  readonly base: URL;
  readonly agent: http.Agent;
  readonly timeoutMs: number;
  readonly bandwidth: BandwidthLimiter | undefined;
  /** Requests sent, by method (redirect hops included). */
  readonly requests: Record<string, number> = {};
  private readonly basic: string | undefined;
  private readonly credentials: { username: string; password: string };
  /** The server's Digest challenge, once it sent one: later requests answer it at once. */
  private digest: DigestSession | undefined;
  /** Every request waits its turn here: a throttling server slows the whole sync. */
  private readonly pacer: Pacer;
  /** Whether the server still sends anything: once it is silent, no request waits for a timeout again. */
  private readonly silence = new SilenceWatch();
  private readonly heardSockets = new WeakSet<Socket>();
  /** The requests under way, failed at once when the server turns out silent. */
  private readonly underWay = new Set<http.ClientRequest>();

  constructor(options: ConnectionOptions) {
    this.base = serverUrlOf(options.base.href);
    this.timeoutMs = options.timeoutMs;
    this.bandwidth = options.bandwidth;
    this.pacer = new Pacer(options.pacing);
    const agentOptions = {
      keepAlive: true,
      maxSockets: options.maxSockets ?? 8,
      scheduling: 'lifo' as const,
    };
    this.agent =
      this.base.protocol === 'https:'
        ? new https.Agent({ ...agentOptions, ...(options.ca ? { ca: [...defaultCas(), options.ca] } : {}) })
        : new http.Agent(agentOptions);
    this.credentials = { username: options.username, password: options.password };
    this.basic = options.username
      ? `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`
      : undefined;
  }

  /** The absolute URL of a path below the base folder, given as decoded segments. */
  urlOf(segments: readonly string[], directory = false): URL {
    const tail = segments.map((s) => encodeURIComponent(s)).join('/');
    const basePath = this.base.pathname.endsWith('/') ? this.base.pathname : `${this.base.pathname}/`;
    return new URL(`${basePath}${tail}${directory && tail ? '/' : ''}`, this.base.origin);
  }

  /** The base folder's path from the origin, as decoded segments (its ancestors are its prefixes). */
  baseSegments(): string[] {
    return this.base.pathname
      .split('/')
      .filter((s) => s.length > 0)
      .map((s) => decodeURIComponent(s));
  }

  /** The URL of a folder on the base's origin, given as decoded segments from the origin's root. */
  folderUrlAt(segments: readonly string[]): URL {
    const path = segments.map((s) => encodeURIComponent(s)).join('/');
    return new URL(path ? `/${path}/` : '/', this.base.origin);
  }

  close(): void {
    this.agent.destroy();
  }

  /** Sends a request and resolves with the response once its head arrived; the body is the caller's to read. */
  async send(options: SendOptions): Promise<http.IncomingMessage> {
    let url = options.url;
    const replayable = options.body === undefined || Buffer.isBuffer(options.body);
    for (let hop = 0, challenges = 0; ; ) {
      const sentWith = this.digest;
      const response = await this.sendOnce({ ...options, url });
      if (response.statusCode === 401 && challenges < 2 && this.learnChallenge(response, sentWith)) {
        // A new nonce (first contact, or stale=true): answered at once; a refused answer is the caller's 401.
        challenges++;
        response.resume();
        if (!replayable) {
          throw new RemoteError(
            'reset',
            `${options.method} ${url.pathname}: the server asked to log in again`,
          );
        }
        continue;
      }
      const location = response.headers.location;
      if (!isRedirect(response.statusCode) || !location) return response;
      response.resume();
      const next = new URL(location, url);
      if (next.origin !== this.base.origin) {
        throw new RemoteError('redirect', `${url.origin} → ${next.origin}`, response.statusCode);
      }
      if (++hop > 5 || !replayable)
        throw new RemoteError('redirect', `${url.href} → ${next.href}`, response.statusCode);
      url = next;
    }
  }

  /**
   * Takes a 401's Digest challenge when answering it can help: the first one (the request went without Digest), or
   * a stale nonce. A refused Digest answer without stale=true is a wrong password: the caller gets the 401.
   */
  private learnChallenge(response: http.IncomingMessage, sentWith: DigestSession | undefined): boolean {
    if (!this.credentials.username) return false;
    const challenge = digestChallenge(response.headersDistinct['www-authenticate'] ?? []);
    if (!challenge) return false;
    if (sentWith && !challenge.stale) return false;
    // A parallel request may have learnt a newer nonce meanwhile: that one is kept.
    if (this.digest === sentWith) this.digest = new DigestSession(challenge);
    return true;
  }

  private authorizationFor(method: string, url: URL): string | undefined {
    const { username, password } = this.credentials;
    return this.digest
      ? this.digest.authorization(username, password, method, `${url.pathname}${url.search}`)
      : this.basic;
  }

  private async sendOnce(options: SendOptions): Promise<http.IncomingMessage> {
    const wait = this.pacer.reserve();
    if (wait > 0)
      await sleep(wait, undefined, { signal: options.signal }).catch(() => {
        throw new RemoteError('cancelled', 'cancelled');
      });
    const response = await this.request(options);
    if (!isThrottle(response.statusCode)) this.pacer.answered();
    else this.pacer.throttled(retryAfterMs(headerValue(response.headers['retry-after'])));
    return response;
  }

  private request(options: SendOptions): Promise<http.IncomingMessage> {
    const { url, method, body, signal } = options;
    if (url.origin !== this.base.origin)
      throw new RemoteError('redirect', `refusing to send to ${url.origin}`);
    if (signal?.aborted) return Promise.reject(new RemoteError('cancelled', 'cancelled'));
    if (this.silence.isSilent) return Promise.reject(this.noAnswer());
    const number = this.silence.sending();
    this.requests[method] = (this.requests[method] ?? 0) + 1;
    const headers: http.OutgoingHttpHeaders = { ...options.headers };
    const authorization = this.authorizationFor(method, url);
    if (authorization) headers.authorization = authorization;
    if (Buffer.isBuffer(body)) headers['content-length'] = body.length;
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = transport.request(url, { method, headers, agent: this.agent, signal });
      this.underWay.add(request);
      request.once('close', () => this.underWay.delete(request));
      request.once('socket', (socket: Socket) => this.listen(socket));
      request.setTimeout(this.timeoutMs, () => {
        if (!this.silence.timedOut(number)) {
          const detail = `${method} ${url.pathname}: no answer for ${this.timeoutMs} ms`;
          request.destroy(new RemoteError('timeout', detail));
          return;
        }
        for (const open of this.underWay) open.destroy(this.noAnswer());
      });
      request.once('error', (error) => reject(fromNodeError(error)));
      request.once('response', (response) => {
        response.once('error', () => {});
        resolve(response);
      });
      if (body === undefined || Buffer.isBuffer(body)) request.end(body);
      else {
        this.bandwidth?.holds(body, () => request.socket);
        body.pipe(request);
      }
    });
  }

  /** Every byte the server sends on this socket, for any request, shows that it still answers. */
  private listen(socket: Socket): void {
    if (this.heardSockets.has(socket)) return;
    this.heardSockets.add(socket);
    socket.on('data', () => this.silence.heardFrom());
  }

  /** The server's address, as the problem names it. */
  private noAnswer(): RemoteError {
    return new RemoteError('no-answer', this.base.href);
  }
}

export interface SendOptions {
  method: string;
  url: URL;
  headers?: Record<string, string>;
  body?: Buffer | Readable;
  signal?: AbortSignal;
}

function isRedirect(status: number | undefined): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function defaultCas(): string[] {
  return [...tls.rootCertificates];
}

/** Refuses, before reading it, a body whose declared length is more than `maxBytes`. */
export function refuseDeclaredOver(response: http.IncomingMessage, maxBytes: number, what: string): void {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new RemoteError('too-large', `${what}: ${declared} bytes > ${maxBytes}`);
  }
}

/** Reads a whole (small) body as text, refusing more than `maxBytes`. */
export async function readText(
  response: http.IncomingMessage,
  maxBytes: number,
  what: string,
): Promise<string> {
  refuseDeclaredOver(response, maxBytes, what);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) {
        response.destroy();
        throw new RemoteError('too-large', `${what}: more than ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw fromNodeError(error);
  }
  return Buffer.concat(chunks).toString('utf8');
}
