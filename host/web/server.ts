/**
 * The host's web page on loopback: one page (settings, command palette, media list, plugins) and its media window,
 * a small JSON API and server-sent events (routes/). Every request needs the session token; the Host header must
 * name this server; non-GET requests must come from the page's own origin. See protocol.ts for the API.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { languageOf, text } from '../i18n.js';
import { repositoryRoot } from '../paths.js';
import type { PluginRegistry } from '../plugins.js';
import type { Host } from '../runtime.js';
import { HttpError } from './http-error.js';
import { pageShell } from './page-shell.js';
import { actionRoutes } from './routes/actions.js';
import { PageEvents } from './routes/events.js';
import { sendThumb } from './routes/media-files.js';
import { presentRoutes } from './routes/present.js';
import { pageState } from './routes/state.js';
import { Uploads } from './routes/uploads.js';
import { WebWindow } from './web-window.js';

export interface WebServerOptions {
  host: Host;
  registry: PluginRegistry;
  /** 0 (default): a free port. */
  port?: number;
  /** The session token (default: 32 new random bytes); `serve` passes the profile's kept one (page-address.ts). */
  token?: string;
  /** The folder with app.js and app.css (default: dist/web of this repository). */
  assetsDir?: string;
  /** The largest upload accepted (default 4 GiB). */
  maxUploadBytes?: number;
}

export interface WebServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** 32 random bytes, base64url. */
  token: string;
  port: number;
  /** The page's address with its token: what to open. */
  url: string;
  window: WebWindow;
  close(): Promise<void>;
}

const SECURITY_HEADERS: http.OutgoingHttpHeaders = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; " +
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

const MAX_JSON_BYTES = 1024 * 1024;

function defaultAssetsDir(): string {
  return path.join(repositoryRoot(), 'dist', 'web');
}

/** Starts the page's server on 127.0.0.1 and shows plugins' windows in it while a page is connected. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { host, registry } = options;
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(token);
  const assetsDir = options.assetsDir ?? defaultAssetsDir();
  const window = new WebWindow(host.window, host.redactor);
  const language = () => languageOf(host.language);
  const events = new PageEvents(host, window, SECURITY_HEADERS);
  const uploads = new Uploads(options.maxUploadBytes ?? 4 * 1024 ** 3);
  let allowedHosts = new Set<string>();
  host.useWindow(window);

  const sendAsset = (res: http.ServerResponse, name: string, type: string) => {
    let body: Buffer;
    try {
      body = readFileSync(path.join(assetsDir, name));
    } catch {
      throw new HttpError(404, `${name} is missing: build it first (npm run build)`);
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': type });
    res.end(body);
  };
  const broadcast = (event: string, data: unknown) => events.broadcast(event, data);
  const present = presentRoutes({ host, headers: SECURITY_HEADERS, language, broadcast, sendAsset, token });
  const sources = { host, registry, window, present, language };
  const actions = actionRoutes({ ...sources, uploads, changed: () => events.changed() });

  /** The router, after the checks every request passes: its Host, its token, and for changes its Origin. */
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const hostHeader = req.headers.host ?? '';
    if (!allowedHosts.has(hostHeader)) throw new HttpError(403, text(language(), 'server.forbidden'));
    const url = new URL(req.url ?? '/', `http://${hostHeader}`);
    const given = req.headers['x-session-token'] ?? url.searchParams.get('token');
    const givenBytes = Buffer.from(typeof given === 'string' ? given : '');
    if (givenBytes.length !== expected.length || !timingSafeEqual(givenBytes, expected))
      throw new HttpError(403, text(language(), 'server.forbidden'));
    const method = req.method ?? 'GET';
    if (method !== 'GET' && req.headers.origin !== `http://${hostHeader}`)
      throw new HttpError(403, text(language(), 'server.forbidden'));
    const route = url.pathname;
    if (method === 'GET') {
      if (route === '/') {
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' });
        res.end(
          pageShell({
            language: language(),
            token,
            title: text(language(), 'app.title'),
            entry: 'app',
            body: '<body>\n<div id="app"></div>\n</body>',
          }),
        );
      } else if (route === '/app.js') sendAsset(res, 'app.js', 'text/javascript; charset=utf-8');
      else if (route === '/app.css') sendAsset(res, 'app.css', 'text/css; charset=utf-8');
      else if (route === '/api/state') json(res, 200, await pageState(sources));
      else if (route === '/api/events') events.open(req, res);
      else if (route === '/api/thumb')
        sendThumb({ host, headers: SECURITY_HEADERS, language: language() }, url, req, res);
      else if (!present.get(route, url, req, res))
        throw new HttpError(404, text(language(), 'server.notFound'));
      return;
    }
    if (method === 'PUT' && route === '/api/upload') {
      json(res, 200, await uploads.receive(url, req));
      return;
    }
    if (method !== 'POST') throw new HttpError(405, `${method} is not allowed`);
    json(res, 200, await actions.post(route, await readJson(req)));
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = host.redactor.redact(error instanceof Error ? error.message : String(error));
      if (status === 500) host.log.write('error', 'web', message);
      if (res.headersSent) res.destroy();
      else json(res, status, { error: message });
      req.resume();
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;
  host.log.write('info', 'web', `serving the page on ${origin}`);

  let closed: Promise<void> | undefined;
  return {
    origin,
    token,
    port,
    url: `${origin}/?token=${token}`,
    window,
    close: () => {
      closed ??= (async () => {
        host.useWindow(undefined);
        window.dismissAll();
        present.dispose();
        events.dispose();
        const done = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await done;
        uploads.dispose();
      })();
      return closed;
    },
  };
}

function json(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}

function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_JSON_BYTES) {
        reject(new HttpError(413, 'the request is too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      try {
        const value = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown;
        if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
        resolve(value as Record<string, unknown>);
      } catch {
        reject(new HttpError(400, 'the request is not a JSON object'));
      }
    });
  });
}
