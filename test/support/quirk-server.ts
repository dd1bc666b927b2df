/**
 * A small WebDAV server of our own for the tests of odd but real server behaviour: node:http on 127.0.0.1, basic
 * auth, an in-memory folder tree below a base path (such as Nextcloud's `/remote.php/dav/files/user@example.com/`),
 * and switchable quirks that real servers show: Depth: infinity answered one level deep, HTML pages with 200 for
 * missing paths, unquoted, weak or no ETags, a 404 propstat before the 200 one, absolute-URL hrefs, unencoded
 * hrefs, files that are listed but cannot be fetched, and hooks for hand-made (hostile) answers.
 *
 * It speaks only what the plugin's sync needs: PROPFIND (Depth 0, 1, infinity) and GET/HEAD. Every request is
 * logged (method, raw path, Depth, whether an Authorization header came and whether it was right).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface QuirkFile {
  content: Buffer;
  /** The ETag's opaque part (digits); shaped per `quirks.etags` when listed. */
  etag: string;
  lastModified: Date;
}

export interface Quirks {
  /** Depth: infinity is answered as if it were Depth: 1, without saying so (some NAS and cloud servers). */
  shallowInfinity: boolean;
  /** A path that does not exist is answered 200 with an HTML page (GET and PROPFIND), as a web portal does. */
  soft404: boolean;
  /** How ETags are listed: `"123"`, `123`, `W/"123"`, or not at all. */
  etags: 'strong' | 'unquoted' | 'weak' | 'none';
  /** The unknown props come first in a 404 propstat, before the 200 one (Nextcloud, SabreDAV). */
  propstat404First: boolean;
  /** `http://127.0.0.1:PORT/...` instead of `/...`. */
  absoluteHrefs: boolean;
  /** Segments percent-encoded, raw (XML-escaped only), or alternating per response. */
  encoding: 'encoded' | 'raw' | 'mixed';
  /** Whether an '@' of the base path is listed as %40. */
  encodeAt: boolean;
  /** No getlastmodified in listings. */
  noLastModified: boolean;
  /** Paths (relative to the base, '/'-joined) that are listed but whose GET answers 404. */
  ghosts: Set<string>;
  /** Extra bytes appended to the GET body of these paths (the listing keeps the real size). */
  extraBody: Map<string, number>;
  /** Raw `<d:response>` elements appended to every multistatus answer. */
  extraResponses: string[];
}

export interface QuirkRequest {
  method: string;
  /** The raw request target. */
  path: string;
  depth?: string;
  /** An Authorization header came with the request. */
  authorization: boolean;
}

/** Answers a request itself (return true) before the server looks at it; `rel` is null outside the base. */
export type QuirkHook = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  info: { rel: string[] | null; depth: string | undefined },
) => boolean;

export interface QuirkServer {
  /** `http://127.0.0.1:PORT` + the base path (as given, ends with '/'). */
  url: string;
  origin: string;
  port: number;
  username: string;
  password: string;
  quirks: Quirks;
  /** Hooks tried in order before the normal handling. */
  hooks: QuirkHook[];
  requests: QuirkRequest[];
  /** Adds or replaces a file (path relative to the base; segments as given, not normalised). */
  put(rel: string, content: Buffer | string, options?: { etag?: string; lastModified?: Date }): QuirkFile;
  /** The file at `rel`, to change in place (content, etag, lastModified) as a server without new ETags would. */
  file(rel: string): QuirkFile | undefined;
  remove(rel: string): void;
  mkdir(rel: string): void;
  close(): Promise<void>;
}

export interface QuirkServerOptions {
  /** The path the tree is served under, e.g. `/remote.php/dav/files/user@example.com/`; default `/`. */
  basePath?: string;
  username?: string;
  password?: string;
  files?: Record<string, Buffer | string>;
  quirks?: Partial<Quirks>;
}

const open = new Set<QuirkServer>();

/** Closes every quirk server still open. */
export async function stopQuirkServers(): Promise<void> {
  await Promise.allSettled([...open].map((server) => server.close()));
}

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const splitRel = (rel: string) => rel.split('/').filter((s) => s.length > 0);

function decodePath(raw: string): string[] | null {
  const pathname = raw.split('?')[0] ?? '';
  const out: string[] = [];
  for (const segment of pathname.split('/')) {
    if (segment === '') continue;
    try {
      out.push(decodeURIComponent(segment));
    } catch {
      return null;
    }
  }
  return out;
}

let etagCounter = 100_000;
let clock = Date.UTC(2026, 10, 1, 8, 0, 0);

export async function startQuirkServer(options: QuirkServerOptions = {}): Promise<QuirkServer> {
  const basePath = options.basePath ?? '/';
  const baseSegments = decodePath(basePath) ?? [];
  const username = options.username ?? 'vo';
  const password = options.password ?? `pw-${crypto.randomBytes(8).toString('hex')}`;
  const expectedAuth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const files = new Map<string, QuirkFile>();
  const dirs = new Set<string>(['']);
  const sockets = new Set<Socket>();
  const quirks: Quirks = {
    shallowInfinity: false,
    soft404: false,
    etags: 'strong',
    propstat404First: false,
    absoluteHrefs: false,
    encoding: 'encoded',
    encodeAt: true,
    noLastModified: false,
    ghosts: new Set(),
    extraBody: new Map(),
    extraResponses: [],
    ...options.quirks,
  };

  const addDirs = (segments: string[]) => {
    for (let k = 0; k <= segments.length; k++) dirs.add(segments.slice(0, k).join('/'));
  };

  const server: QuirkServer = {
    url: '',
    origin: '',
    port: 0,
    username,
    password,
    quirks,
    hooks: [],
    requests: [],
    put(rel, content, put = {}) {
      const segments = splitRel(rel);
      addDirs(segments.slice(0, -1));
      clock += 60_000;
      const file: QuirkFile = {
        content: Buffer.from(content),
        etag: put.etag ?? String(++etagCounter),
        lastModified: put.lastModified ?? new Date(clock),
      };
      files.set(segments.join('/'), file);
      return file;
    },
    file: (rel) => files.get(splitRel(rel).join('/')),
    remove(rel) {
      const key = splitRel(rel).join('/');
      files.delete(key);
      dirs.delete(key);
      for (const k of [...files.keys()]) if (k.startsWith(`${key}/`)) files.delete(k);
      for (const k of [...dirs]) if (k.startsWith(`${key}/`)) dirs.delete(k);
    },
    mkdir(rel) {
      addDirs(splitRel(rel));
    },
    close: async () => {},
  };
  for (const [rel, content] of Object.entries(options.files ?? {})) server.put(rel, content);

  // --- listing ------------------------------------------------------------------------------------------

  const baseHref = () => {
    const encoded = baseSegments.map((s) =>
      encodeURIComponent(s).replace(/%40/g, quirks.encodeAt ? '%40' : '@'),
    );
    return `/${encoded.join('/')}${encoded.length > 0 ? '/' : ''}`;
  };

  let responseCount = 0;
  const hrefOf = (key: string, isDir: boolean) => {
    const raw = quirks.encoding === 'raw' || (quirks.encoding === 'mixed' && responseCount++ % 2 === 1);
    const segments = key === '' ? [] : key.split('/');
    const tail = segments.map((s) => (raw ? s : encodeURIComponent(s))).join('/');
    const path = `${baseHref()}${tail}${isDir && tail ? '/' : ''}`;
    return xmlEscape(quirks.absoluteHrefs ? `${server.origin}${path}` : path);
  };

  const etagOf = (file: QuirkFile): string | null => {
    switch (quirks.etags) {
      case 'strong':
        return `"${file.etag}"`;
      case 'unquoted':
        return file.etag;
      case 'weak':
        return `W/"${file.etag}"`;
      default:
        return null;
    }
  };

  const responseXml = (key: string): string => {
    const file = files.get(key);
    const props: string[] = [];
    const missing: string[] = [];
    if (file) {
      props.push('<d:resourcetype/>', `<d:getcontentlength>${file.content.length}</d:getcontentlength>`);
      const etag = etagOf(file);
      if (etag === null) missing.push('<d:getetag/>');
      else props.push(`<d:getetag>${xmlEscape(etag)}</d:getetag>`);
      if (quirks.noLastModified) missing.push('<d:getlastmodified/>');
      else props.push(`<d:getlastmodified>${file.lastModified.toUTCString()}</d:getlastmodified>`);
      props.push('<d:getcontenttype>application/octet-stream</d:getcontenttype>');
    } else {
      props.push('<d:resourcetype><d:collection/></d:resourcetype>');
      missing.push('<d:getcontentlength/>', '<d:getetag/>', '<d:getcontenttype/>');
      props.push(`<d:getlastmodified>${new Date(clock).toUTCString()}</d:getlastmodified>`);
    }
    const ok = `<d:propstat><d:prop>${props.join('')}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>`;
    // Nextcloud lists the props it does not know in a 404 propstat; in front, it trips parsers that read one.
    if (quirks.propstat404First) missing.push('<d:quota-available-bytes/>');
    const notFound =
      missing.length > 0
        ? `<d:propstat><d:prop>${missing.join('')}</d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>`
        : '';
    const propstats = quirks.propstat404First ? `${notFound}${ok}` : `${ok}${notFound}`;
    return `<d:response><d:href>${hrefOf(key, !file)}</d:href>${propstats}</d:response>`;
  };

  const below = (key: string, depth: number): string[] => {
    const prefix = key === '' ? '' : `${key}/`;
    const level = (k: string) => (k === '' ? 0 : k.split('/').length);
    const start = level(key);
    const inside = (k: string) => k !== key && k.startsWith(prefix) && level(k) - start <= depth;
    return [...[...dirs].filter(inside), ...[...files.keys()].filter(inside)].sort();
  };

  const multistatus = (keys: string[]) => {
    responseCount = 0;
    return `<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus xmlns:d="DAV:">${keys
      .map(responseXml)
      .join('')}${quirks.extraResponses.join('')}</d:multistatus>\n`;
  };

  // --- requests -----------------------------------------------------------------------------------------

  const html = (res: http.ServerResponse) => {
    const body =
      '<!DOCTYPE html>\n<html><head><title>Welcome</title></head><body><h1>Our portal</h1></body></html>\n';
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  };

  const notFound = (res: http.ServerResponse) => {
    if (quirks.soft404) return html(res);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  };

  const relOf = (raw: string): string[] | null => {
    const segments = decodePath(raw);
    if (!segments || segments.length < baseSegments.length) return null;
    for (let k = 0; k < baseSegments.length; k++) if (segments[k] !== baseSegments[k]) return null;
    return segments.slice(baseSegments.length);
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const method = req.method ?? 'GET';
    const raw = req.url ?? '/';
    const depthHeader = req.headers.depth;
    const depth = Array.isArray(depthHeader) ? depthHeader[0] : depthHeader;
    const authorization = req.headers.authorization;
    server.requests.push({
      method,
      path: raw,
      ...(depth !== undefined ? { depth } : {}),
      authorization: authorization !== undefined,
    });
    const rel = relOf(raw);
    for (const hook of server.hooks) if (hook(req, res, { rel, depth })) return;
    if (authorization !== expectedAuth) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="quirks"', 'content-type': 'text/plain' });
      res.end('unauthorised\n');
      return;
    }
    if (!rel) return notFound(res);
    const key = rel.join('/');
    if (method === 'PROPFIND') {
      if (!files.has(key) && !dirs.has(key)) return notFound(res);
      let keys = [key];
      if (!files.has(key) && depth !== '0') {
        const levels = depth === '1' || quirks.shallowInfinity ? 1 : Number.POSITIVE_INFINITY;
        keys = [key, ...below(key, levels)];
      }
      const body = multistatus(keys);
      res.writeHead(207, {
        'content-type': 'application/xml; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
      return;
    }
    if (method === 'GET' || method === 'HEAD') {
      const file = files.get(key);
      if (!file || quirks.ghosts.has(key)) {
        if (file) {
          // a listed file the server cannot deliver: a plain 404, even with soft404
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('gone\n');
          return;
        }
        return notFound(res);
      }
      const extra = quirks.extraBody.get(key) ?? 0;
      const body = extra > 0 ? Buffer.concat([file.content, Buffer.alloc(extra, 0x58)]) : file.content;
      const headers: http.OutgoingHttpHeaders = {
        'content-type': 'application/octet-stream',
        'content-length': body.length,
        'last-modified': file.lastModified.toUTCString(),
      };
      const etag = etagOf(file);
      if (etag) headers.etag = etag;
      res.writeHead(200, headers);
      res.end(method === 'HEAD' ? undefined : body);
      return;
    }
    if (method === 'OPTIONS') {
      res.writeHead(200, { dav: '1', allow: 'OPTIONS, GET, HEAD, PROPFIND' });
      res.end();
      return;
    }
    res.writeHead(405, { allow: 'OPTIONS, GET, HEAD, PROPFIND' });
    res.end();
  };

  const httpServer = http.createServer((req, res) => {
    // Bodies (the PROPFIND request) are read and ignored before answering.
    req.resume();
    req.once('end', () => {
      try {
        handle(req, res);
      } catch (error) {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      }
    });
  });
  httpServer.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', () => resolve());
  });
  server.port = (httpServer.address() as AddressInfo).port;
  server.origin = `http://127.0.0.1:${server.port}`;
  server.url = `${server.origin}${basePath.endsWith('/') ? basePath : `${basePath}/`}`;
  server.close = async () => {
    open.delete(server);
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  };
  open.add(server);
  return server;
}
