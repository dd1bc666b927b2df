/**
 * A plain-HTTP proxy on 127.0.0.1 in front of a WebDAV server (http or https) that injects faults into
 * chosen requests. Method, path, headers and body are forwarded unchanged (Host is rewritten); the proxy
 * URL keeps the target's path prefix, so hrefs in PROPFIND answers stay valid.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  /** Send the status, the headers and `afterBytes` bytes of the body, then close the socket. */
  | { kind: 'reset-mid-body'; afterBytes: number }
  /** Answer with this status without asking the target (e.g. 500, 503, 429 with Retry-After '1'). */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Accept the request and never answer (until the client gives up or the proxy is closed). */
  | { kind: 'stall' }
  /** Forward the answer, its body `bytesPerChunk` bytes every `intervalMs` ms. */
  | { kind: 'drip'; bytesPerChunk: number; intervalMs: number }
  /** Append `bytes` extra bytes to the body (Content-Length is stripped, the answer is sent chunked). */
  | { kind: 'extra-body'; bytes: number };

/** Applies to the next `times` matching requests (`times` is decremented as the rule fires). */
export interface FaultRule {
  method?: string;
  /** Matched against the raw request path and against its percent-decoded form. */
  pathIncludes?: string;
  times: number;
  fault: Fault;
}

export interface FaultProxy {
  /** `http://127.0.0.1:PORT` + the target's path (ends with '/'). */
  url: string;
  /** Checked in order for each request; the first live matching rule wins. Push to it freely. */
  rules: FaultRule[];
  /** Every request the proxy received, in order, with the fault it got (if any). */
  requests: Array<{ method: string; path: string; fault?: Fault['kind'] }>;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function copyHeaders(headers: http.IncomingHttpHeaders, drop: string[] = []): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || drop.includes(name)) continue;
    out[name] = value;
  }
  return out;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export interface FaultProxyOptions {
  ca?: string;
  /**
   * Hides locks and conditional writes, as servers that offer neither do: the DAV header of every answer without
   * class 2, LOCK and UNLOCK answered 405, the If, If-Match and If-None-Match headers not forwarded.
   */
  plainDav?: boolean;
}

export function startFaultProxy(target: string, opts: FaultProxyOptions = {}): Promise<FaultProxy> {
  const base = new URL(target);
  const isHttps = base.protocol === 'https:';
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const upstreams = new Set<http.ClientRequest>();
  let closed = false;

  const proxy: FaultProxy = {
    url: '',
    rules: [],
    requests: [],
    close: async () => {},
  };

  const takeFault = (method: string, rawPath: string): Fault | undefined => {
    const decoded = safeDecode(rawPath);
    for (const rule of proxy.rules) {
      if (rule.times <= 0) continue;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.pathIncludes && !rawPath.includes(rule.pathIncludes) && !decoded.includes(rule.pathIncludes)) {
        continue;
      }
      rule.times -= 1;
      return rule.fault;
    }
    return undefined;
  };

  /** Ends the connection after whatever was written so far has been flushed: a truncated answer. */
  const cut = (res: http.ServerResponse): void => {
    const socket = res.socket;
    if (!socket) return;
    socket.end(() => socket.destroy());
    const timer = setTimeout(() => socket.destroy(), 1_000);
    timer.unref();
  };

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, fault: Fault | undefined): void => {
    const headers = copyHeaders(req.headers, [
      'host',
      ...(opts.plainDav ? ['if', 'if-match', 'if-none-match'] : []),
    ]);
    headers.host = base.host;
    const requestOptions: https.RequestOptions = {
      protocol: base.protocol,
      hostname: base.hostname,
      port: base.port || (isHttps ? 443 : 80),
      method: req.method,
      path: req.url,
      headers,
      agent: false,
    };
    if (isHttps && opts.ca) requestOptions.ca = opts.ca;
    const upstream = (isHttps ? https : http).request(requestOptions, (up) => {
      const status = up.statusCode ?? 502;
      res.on('close', () => up.destroy());
      if (fault?.kind === 'reset-mid-body') {
        res.writeHead(status, up.statusMessage, copyHeaders(up.headers));
        let sent = 0;
        let done = false;
        const finish = (part?: Buffer): void => {
          done = true;
          up.destroy();
          if (part && part.length > 0) res.write(part);
          else res.flushHeaders();
          cut(res);
        };
        if (fault.afterBytes <= 0) {
          finish();
          return;
        }
        up.on('data', (chunk: Buffer) => {
          if (done) return;
          const room = fault.afterBytes - sent;
          if (chunk.length < room) {
            res.write(chunk);
            sent += chunk.length;
          } else {
            finish(chunk.subarray(0, room));
          }
        });
        up.on('end', () => {
          if (!done) finish();
        });
        return;
      }
      if (fault?.kind === 'extra-body') {
        res.writeHead(status, up.statusMessage, copyHeaders(up.headers, ['content-length']));
        up.pipe(res, { end: false });
        up.on('end', () => res.end(Buffer.alloc(fault.bytes, 'X')));
        return;
      }
      if (fault?.kind === 'drip') {
        res.writeHead(status, up.statusMessage, copyHeaders(up.headers));
        const queue: Buffer[] = [];
        let ended = false;
        up.on('data', (chunk: Buffer) => queue.push(chunk));
        up.on('end', () => {
          ended = true;
        });
        const step = Math.max(1, fault.bytesPerChunk);
        const timer = setInterval(
          () => {
            let budget = step;
            const parts: Buffer[] = [];
            while (budget > 0 && queue.length > 0) {
              const head = queue[0] as Buffer;
              if (head.length <= budget) {
                parts.push(head);
                queue.shift();
                budget -= head.length;
              } else {
                parts.push(head.subarray(0, budget));
                queue[0] = head.subarray(budget);
                budget = 0;
              }
            }
            if (parts.length > 0) res.write(Buffer.concat(parts));
            if (ended && queue.length === 0) {
              clearInterval(timer);
              timers.delete(timer);
              res.end();
            }
          },
          Math.max(1, fault.intervalMs),
        );
        timers.add(timer);
        res.on('close', () => {
          clearInterval(timer);
          timers.delete(timer);
        });
        return;
      }
      const answer = copyHeaders(up.headers);
      if (opts.plainDav && typeof answer.dav === 'string') {
        answer.dav = answer.dav
          .split(',')
          .filter((c) => c.trim() !== '2')
          .join(',');
      }
      res.writeHead(status, up.statusMessage, answer);
      up.pipe(res);
    });
    upstreams.add(upstream);
    upstream.on('close', () => upstreams.delete(upstream));
    upstream.on('error', (error) => {
      if (res.headersSent) {
        res.destroy();
      } else {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`fault-proxy: upstream error: ${error.message}\n`);
      }
    });
    req.on('aborted', () => upstream.destroy());
    req.pipe(upstream);
  };

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const rawPath = req.url ?? '/';
    const fault = closed ? undefined : takeFault(method, rawPath);
    proxy.requests.push(fault ? { method, path: rawPath, fault: fault.kind } : { method, path: rawPath });
    if (fault?.kind === 'stall') {
      req.resume();
      return;
    }
    if (opts.plainDav && (method === 'LOCK' || method === 'UNLOCK')) {
      req.resume();
      res.writeHead(405, { 'content-type': 'text/plain' });
      res.end('fault-proxy: no locks\n');
      return;
    }
    if (fault?.kind === 'status') {
      req.resume();
      const answer = (): void => {
        const headers: http.OutgoingHttpHeaders = { 'content-type': 'text/plain' };
        if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
        res.writeHead(fault.status, headers);
        res.end(`fault-proxy: injected status ${fault.status}\n`);
      };
      if (req.complete) answer();
      else req.once('end', answer);
      return;
    }
    forward(req, res, fault);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  proxy.close = async () => {
    if (closed && !server.listening) return;
    closed = true;
    for (const timer of timers) clearInterval(timer);
    timers.clear();
    for (const upstream of upstreams) upstream.destroy();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      proxy.url = `http://127.0.0.1:${port}${base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`}`;
      resolve(proxy);
    });
  });
}
