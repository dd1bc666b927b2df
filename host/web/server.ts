/**
 * The host's web page on loopback: one page (settings, command palette, media list, plugins), a small JSON API and
 * server-sent events. Every request needs the session token; the Host header must name this server; non-GET
 * requests must come from the page's own origin. See protocol.ts for the API.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
} from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Disposable, Json, MediaItem, PanelField } from '../../contract/api.js';
import { parseCliValue } from '../configuration.js';
import { languageOf, text } from '../i18n.js';
import { repositoryRoot } from '../paths.js';
import type { PluginRegistry } from '../plugins.js';
import { HOST_VERSION, type Host } from '../runtime.js';
import { localisedSchema } from '../setting-labels.js';
import { valueProblem } from '../value-problem.js';
import type { FieldView, MenuView, PanelView, PluginView, RunResult, State } from './protocol.js';
import { WebWindow } from './web-window.js';

export interface WebServerOptions {
  host: Host;
  registry: PluginRegistry;
  /** 0 (default): a free port. */
  port?: number;
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
  /** The page's address with its token: what to open. */
  url: string;
  window: WebWindow;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const SECURITY_HEADERS: http.OutgoingHttpHeaders = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.avif': 'image/avif',
};

const MAX_JSON_BYTES = 1024 * 1024;

function defaultAssetsDir(): string {
  return path.join(repositoryRoot(), 'dist', 'web');
}

/** Starts the page's server on 127.0.0.1 and shows plugins' windows in it while a page is connected. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { host, registry } = options;
  const token = randomBytes(32).toString('base64url');
  const expected = Buffer.from(token);
  const assetsDir = options.assetsDir ?? defaultAssetsDir();
  const maxUpload = options.maxUploadBytes ?? 4 * 1024 ** 3;
  const uploadRoot = mkdtempSync(path.join(os.tmpdir(), 'presenter-uploads-'));
  const window = new WebWindow(host.window, host.redactor);
  const clients = new Set<http.ServerResponse>();
  const language = () => languageOf(host.language);
  let allowedHosts = new Set<string>();

  // ---- events to the pages

  const send = (res: http.ServerResponse, event: string, data: unknown) =>
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const broadcast = (event: string, data: unknown) => {
    for (const res of clients) send(res, event, data);
  };
  let changedTimer: NodeJS.Timeout | undefined;
  const changed = () => {
    changedTimer ??= setTimeout(() => {
      changedTimer = undefined;
      broadcast('changed', {});
    }, 20);
  };
  const subscriptions: Disposable[] = [
    window.onEvent(({ event, data }) => broadcast(event, data)),
    host.settings.onDidChange(changed),
    host.media.onDidChange(changed),
  ];
  let configSubscriptions: Disposable[] = [];
  const watchConfigurations = () => {
    for (const s of configSubscriptions) s.dispose();
    configSubscriptions = [...host.plugins.values()].map((p) => p.configuration.onDidChange(changed));
  };
  watchConfigurations();
  subscriptions.push(
    host.onDidChangePlugins(() => {
      watchConfigurations();
      changed();
    }),
  );
  host.useWindow(window);

  // ---- state

  const fieldView = (pluginId: string, field: PanelField, index: number): FieldView => {
    const plugin = host.plugins.get(pluginId);
    const base = {
      index,
      label: field.label,
      ...('description' in field && field.description ? { description: field.description } : {}),
    };
    switch (field.kind) {
      case 'button':
        return { ...base, kind: 'button', command: field.command, primary: field.primary === true };
      case 'secret':
        return {
          ...base,
          kind: 'secret',
          secretKey: field.secretKey,
          stored: host.secrets.keys().includes(`${pluginId}/${field.secretKey}`),
        };
      case 'remote-folder':
        return {
          ...base,
          kind: 'remote-folder',
          key: field.key,
          value: plugin?.configuration.get(field.key) ?? '',
        };
      default:
        return {
          ...base,
          kind: field.kind,
          key: field.key,
          value: plugin?.configuration.get(field.key) ?? '',
          ...(field.labelCommand ? { labelCommand: field.labelCommand } : {}),
        };
    }
  };

  const thumbOf = (item: MediaItem): string | undefined => {
    if (!item.file || !IMAGE_TYPES[path.extname(item.file).toLowerCase()]) return undefined;
    const root = path.resolve(host.media.mediaFolder);
    const file = path.resolve(item.file);
    return file.startsWith(root + path.sep) ? file : undefined;
  };

  /** The menu entries of registered commands, by place. */
  const menus = (): Record<string, MenuView[]> => {
    const registered = new Set(host.commandIds());
    const byPlace: Record<string, MenuView[]> = {};
    for (const plugin of host.plugins.values()) {
      const { commands, menus: places } = plugin.manifest.contributes;
      for (const [place, entries] of Object.entries(places)) {
        for (const entry of entries ?? []) {
          const command = commands.find((c) => c.command === entry.command);
          if (!command || !registered.has(entry.command)) continue;
          const list = byPlace[place] ?? [];
          list.push({ ...entry, title: command.shortTitle ?? command.title });
          byPlace[place] = list;
        }
      }
    }
    return byPlace;
  };

  const state = async (): Promise<State> => {
    const installed = await registry.list(host.language);
    const plugins: PluginView[] = installed.map((p) => ({
      ...(p.id ? { id: p.id } : {}),
      name: p.manifest?.name ?? path.basename(p.folder),
      version: p.manifest?.version ?? '',
      publisher: p.manifest?.publisher ?? '',
      description: p.manifest?.description ?? '',
      enabled: p.id !== undefined && host.plugins.has(p.id),
      ...(p.error ? { error: host.redactor.redact(p.error) } : {}),
    }));
    for (const loaded of host.plugins.values()) {
      if (plugins.some((p) => p.id === loaded.manifest.id)) continue;
      const m = loaded.manifest;
      plugins.push({
        id: m.id,
        name: m.name,
        version: m.version,
        publisher: m.publisher,
        description: m.description,
        enabled: true,
      });
    }
    const registered = new Set(host.commandIds());
    const panels: PanelView[] = [];
    for (const [pluginId, list] of host.panels) {
      for (const panel of list)
        panels.push({
          pluginId,
          id: panel.id,
          title: panel.title,
          fields: panel.fields.map((field, index) => fieldView(pluginId, field, index)),
        });
    }
    return {
      language: language(),
      theme: String(host.settings.get('app.theme') ?? 'system'),
      hostVersion: HOST_VERSION,
      mediaFolder: host.media.mediaFolder,
      settings: localisedSchema(host.settings.schema(), language()).map((s) => ({
        key: s.key,
        description: s.description,
        valueLabels: s.valueLabels,
        format: s.format,
        type: s.type,
        ...('enum' in s && s.enum ? { enum: s.enum } : {}),
        ...('minimum' in s && s.minimum !== undefined ? { minimum: s.minimum } : {}),
        ...('maximum' in s && s.maximum !== undefined ? { maximum: s.maximum } : {}),
        value: host.settings.get(s.key) ?? null,
        locked: host.settings.lockedBy(s.key) !== undefined,
      })),
      plugins,
      commands: [...host.plugins.values()].flatMap((p) =>
        p.manifest.contributes.commands
          .filter((c) => registered.has(c.command))
          .map((c) => ({
            id: c.command,
            title: c.title,
            ...(c.category ? { category: c.category } : {}),
            pluginId: p.manifest.id,
          })),
      ),
      panels,
      menus: menus(),
      media: host.media.items().map((item) => ({
        date: item.date,
        name: item.name,
        source: item.source,
        hidden: item.hidden,
        recurring: item.recurring,
        thumb: thumbOf(item) !== undefined,
      })),
      tasks: window.taskViews(),
      prompts: window.promptViews(),
    };
  };

  // ---- actions

  const pluginOf = (id: unknown) => {
    const plugin = typeof id === 'string' ? host.plugins.get(id) : undefined;
    if (!plugin) throw new HttpError(400, `the plugin "${String(id)}" is not enabled`);
    return plugin;
  };

  const panelField = (pluginId: string, panelId: unknown, index: unknown): PanelField | undefined =>
    host.panels.get(pluginId)?.find((p) => p.id === panelId)?.fields[Number(index)];

  /** The host's own plugins, reloaded so that they take the host's new language. */
  const reloadPlugins = async () => {
    const folders = [...host.plugins.values()].map((p) => ({ id: p.manifest.id, folder: p.folder }));
    for (const { id } of [...folders].reverse()) await host.deactivate(id, false);
    for (const { folder } of folders) {
      const result = await host.load(folder);
      if (!result.ok) throw new HttpError(500, result.error);
    }
  };

  const uploadedFiles = (args: unknown[]): string[] => {
    const files = (args[0] as { files?: unknown } | undefined)?.files;
    if (!Array.isArray(files)) return [];
    return files.map((f) => {
      const file = typeof f === 'string' ? path.resolve(f) : '';
      if (!file.startsWith(uploadRoot + path.sep))
        throw new HttpError(400, 'only uploaded files can be handed over');
      return file;
    });
  };

  const run = async (command: unknown, args: unknown): Promise<RunResult> => {
    if (typeof command !== 'string' || !host.commandIds().includes(command))
      throw new HttpError(400, `unknown command "${String(command)}"`);
    const list = Array.isArray(args) ? args : [];
    const isUpload = Object.values(menus())
      .flat()
      .some((entry) => entry.command === command && entry.input === 'files');
    const uploads = isUpload ? uploadedFiles(list) : [];
    try {
      const result = await host.executeCommand(command, ...list);
      let json: Json = null;
      try {
        json = JSON.parse(host.redactor.redact(JSON.stringify(result ?? null))) as Json;
      } catch {
        json = null;
      }
      return { ok: true, result: json };
    } catch (error) {
      return {
        ok: false,
        error: host.redactor.redact(error instanceof Error ? error.message : String(error)),
      };
    } finally {
      for (const file of uploads) rmSync(path.dirname(file), { recursive: true, force: true });
    }
  };

  const post = async (route: string, body: Record<string, unknown>): Promise<unknown> => {
    switch (route) {
      case '/api/settings': {
        const key = String(body.key);
        const schema = host.settings.schema().find((s) => s.key === key);
        if (!schema) throw new HttpError(400, `unknown setting "${key}"`);
        const value =
          typeof body.value === 'string' ? parseCliValue(schema, body.value) : (body.value as Json);
        const before = host.language;
        if (host.settings.lockedBy(key)) throw new HttpError(400, text(language(), 'server.locked'));
        try {
          host.settings.set(key, value);
        } catch {
          throw new HttpError(400, valueProblem(schema, value, language()));
        }
        if (key === 'app.localAppLang') {
          delete host.options.language; // the setting now decides, also over --lang
          if (host.language !== before) await reloadPlugins();
        }
        return {};
      }
      case '/api/config': {
        const plugin = pluginOf(body.plugin);
        const key = String(body.key);
        const schema = plugin.manifest.contributes.configuration?.properties[key];
        if (!schema) throw new HttpError(400, `unknown setting "${key}"`);
        const raw = body.value;
        const numeric = schema.type === 'integer' || schema.type === 'number';
        const value =
          raw === null || (numeric && raw === '')
            ? undefined
            : typeof raw === 'string'
              ? parseCliValue(schema, raw)
              : (raw as Json);
        try {
          await plugin.configuration.update(key, value);
        } catch (error) {
          throw new HttpError(400, stripKey(key, (error as Error).message));
        }
        return {};
      }
      case '/api/secret': {
        const plugin = pluginOf(body.plugin);
        const key = String(body.key);
        const declared = (host.panels.get(plugin.manifest.id) ?? []).some((p) =>
          p.fields.some((f) => f.kind === 'secret' && f.secretKey === key),
        );
        if (!declared) throw new HttpError(400, `"${key}" is not a secret of a settings panel`);
        if (typeof body.value !== 'string') throw new HttpError(400, 'a secret is text');
        if (body.value === '') await plugin.context.secrets.delete(key);
        else await plugin.context.secrets.store(key, body.value);
        changed();
        return { stored: body.value !== '' };
      }
      case '/api/browse': {
        const plugin = pluginOf(body.plugin);
        const field = panelField(plugin.manifest.id, body.panel, body.field);
        if (field?.kind !== 'remote-folder') throw new HttpError(400, 'not a folder field');
        try {
          return { folders: await field.browse(typeof body.path === 'string' ? body.path : '/') };
        } catch (error) {
          throw new HttpError(400, host.redactor.redact((error as Error).message));
        }
      }
      case '/api/run':
        return run(body.command, body.args);
      case '/api/cancel':
        if (!window.cancel(String(body.task))) throw new HttpError(400, 'no such task');
        return {};
      case '/api/answer':
        if (!window.answer(String(body.prompt), body.answer)) throw new HttpError(400, 'no such question');
        return {};
      case '/api/plugins': {
        const id = String(body.id);
        try {
          if (body.enabled === true) {
            await registry.setEnabled(id, true);
            if (!host.plugins.has(id)) {
              const result = await host.load(await registry.folderOf(id));
              if (!result.ok) throw new Error(result.error);
            }
          } else {
            await registry.setEnabled(id, false);
            await host.deactivate(id);
          }
        } catch (error) {
          throw new HttpError(400, host.redactor.redact((error as Error).message));
        }
        changed();
        return {};
      }
      default:
        throw new HttpError(404, text(language(), 'server.notFound'));
    }
  };

  // ---- files

  const sendThumb = (url: URL, res: http.ServerResponse) => {
    const date = url.searchParams.get('date') ?? '';
    const name = url.searchParams.get('name') ?? '';
    const item = host.media.items(date).find((i) => i.name === name);
    const file = item ? thumbOf(item) : undefined;
    if (!file) throw new HttpError(404, text(language(), 'server.notFound'));
    let real: string;
    try {
      real = realpathSync(file);
      const root = realpathSync(host.media.mediaFolder);
      if (!real.startsWith(root + path.sep) || !statSync(real).isFile()) throw new Error('outside');
    } catch {
      throw new HttpError(404, text(language(), 'server.notFound'));
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': IMAGE_TYPES[path.extname(file).toLowerCase()],
      'content-length': statSync(real).size,
    });
    createReadStream(real).pipe(res);
  };

  const receiveUpload = async (url: URL, req: http.IncomingMessage) => {
    const name = url.searchParams.get('name') ?? '';
    if (!safeFileName(name)) throw new HttpError(400, `"${name}" is not a valid file name`);
    const dir = path.join(uploadRoot, randomUUID());
    mkdirSync(dir, { mode: 0o700 });
    const file = path.join(dir, name);
    let bytes = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(bytes > maxUpload ? new HttpError(413, 'the file is too large') : null, chunk);
      },
    });
    try {
      await pipeline(req, limit, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error instanceof HttpError
        ? error
        : new HttpError(400, `upload failed: ${(error as Error).message}`);
    }
    return { file };
  };

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

  const openEvents = (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    clients.add(res);
    window.pageConnected(1);
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(ping);
      if (clients.delete(res)) window.pageConnected(-1);
    });
  };

  // ---- the server

  const json = (res: http.ServerResponse, status: number, value: unknown) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(value));
  };

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
        res.end(pageHtml(language(), token));
      } else if (route === '/app.js') sendAsset(res, 'app.js', 'text/javascript; charset=utf-8');
      else if (route === '/app.css') sendAsset(res, 'app.css', 'text/css; charset=utf-8');
      else if (route === '/api/state') json(res, 200, await state());
      else if (route === '/api/events') openEvents(req, res);
      else if (route === '/api/thumb') sendThumb(url, res);
      else throw new HttpError(404, text(language(), 'server.notFound'));
      return;
    }
    if (method === 'PUT' && route === '/api/upload') {
      json(res, 200, await receiveUpload(url, req));
      return;
    }
    if (method !== 'POST') throw new HttpError(405, `${method} is not allowed`);
    json(res, 200, await post(route, await readJson(req)));
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
    url: `${origin}/?token=${token}`,
    window,
    close: () => {
      closed ??= (async () => {
        host.useWindow(undefined);
        window.dismissAll();
        clearTimeout(changedTimer);
        for (const s of [...subscriptions, ...configSubscriptions]) s.dispose();
        for (const res of clients) res.end();
        clients.clear();
        const done = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await done;
        rmSync(uploadRoot, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}

function stripKey(key: string, message: string): string {
  return message.startsWith(`${key}: `) ? message.slice(key.length + 2) : message;
}

/** A plain file name: no folders, no control characters, not `.`/`..`, at most 255 bytes. */
function safeFileName(name: string): boolean {
  return (
    name.length > 0 &&
    Buffer.byteLength(name) <= 255 &&
    name !== '.' &&
    name !== '..' &&
    !/[/\\]/.test(name) &&
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    !/[\u0000-\u001f\u007f]/.test(name)
  );
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

function pageHtml(language: 'en' | 'de', token: string): string {
  const title = text(language, 'app.title').replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="session-token" content="${token}">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/app.css?token=${token}">
<script type="module" src="/app.js?token=${token}"></script>
</head>
<body>
<div id="app"></div>
</body>
</html>
`;
}
