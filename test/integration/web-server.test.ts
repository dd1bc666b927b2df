/** The host's web server without a browser: its protection (token, Host, Origin), its API and its window. */
import fsp from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluginRegistry } from '../../host/plugins.js';
import type { Host } from '../../host/runtime.js';
import type { State } from '../../host/web/protocol.js';
import { startWebServer, type WebServer } from '../../host/web/server.js';
import { png } from '../../tools/demo-content.js';
import { disposeHosts, newHost, PLUGIN_ID, REPO_ROOT } from '../support/host-harness.js';
import { rawRequest } from '../support/http.js';
import { cleanupTempDirs, makeTempDir } from '../support/servers.js';

let host: Host;
let server: WebServer;
let profileDir: string;
let mediaFolder: string;

async function api(
  route: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string>; token?: string | null } = {},
) {
  const headers: Record<string, string> = {
    origin: server.origin,
    ...(options.token === null ? {} : { 'x-session-token': options.token ?? server.token }),
    ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...options.headers,
  };
  const response = await rawRequest(`${server.origin}${route}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const text = response.body.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { ...response, text, json: json as Record<string, unknown> };
}

const state = async () => (await api('/api/state')).json as unknown as State;

beforeAll(async () => {
  profileDir = await makeTempDir('cs-web-profile');
  mediaFolder = path.join(profileDir, 'media');
  host = newHost({ profileDir, mediaFolder });
  const loaded = await host.load(REPO_ROOT);
  if (!loaded.ok) throw new Error(loaded.error);
  server = await startWebServer({ host, registry: new PluginRegistry(profileDir, [REPO_ROOT]) });
});

afterAll(async () => {
  await server?.close();
  await disposeHosts();
  await cleanupTempDirs();
});

describe('protection', () => {
  it('binds 127.0.0.1 and prints an address with a 32-byte base64url token', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(server.url).toBe(`${server.origin}/?token=${server.token}`);
  });

  it('refuses a request without the token, or with a wrong one', async () => {
    expect((await rawRequest(`${server.origin}/`)).status).toBe(403);
    expect((await rawRequest(`${server.origin}/api/state`)).status).toBe(403);
    expect((await rawRequest(`${server.origin}/app.js`)).status).toBe(403);
    expect((await api('/api/state', { token: 'x'.repeat(43) })).status).toBe(403);
    expect((await api('/api/state', { token: null })).status).toBe(403);
    expect((await rawRequest(`${server.url}`)).status).toBe(200);
  });

  it('refuses a wrong Host header (DNS rebinding), accepts 127.0.0.1 and localhost', async () => {
    const port = new URL(server.origin).port;
    expect((await api('/api/state', { headers: { host: `evil.example:${port}` } })).status).toBe(403);
    expect((await api('/api/state', { headers: { host: '127.0.0.1' } })).status).toBe(403);
    expect((await api('/api/state', { headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  it('refuses a POST from another origin, or without an Origin', async () => {
    const body = { key: 'app.theme', value: 'dark' };
    const evil = await api('/api/settings', { body, headers: { origin: 'http://evil.example' } });
    expect(evil.status).toBe(403);
    const noOrigin = await rawRequest(`${server.origin}/api/settings`, {
      method: 'POST',
      headers: { 'x-session-token': server.token, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(noOrigin.status).toBe(403);
    expect(host.settings.get('app.theme')).toBe('system');
    expect((await api('/api/settings', { body })).status).toBe(200);
    expect(host.settings.get('app.theme')).toBe('dark');
  });

  it('sends a content security policy and no referrer', async () => {
    const page = await rawRequest(server.url);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body.toString()).toContain(`/app.js?token=${server.token}`);
  });
});

describe('the API', () => {
  it('describes settings, panels and commands; a stored secret is only "stored"', async () => {
    const plugin = host.plugins.get(PLUGIN_ID);
    await plugin?.context.secrets.store('password', 'very-secret-pw');
    const response = await api('/api/state');
    expect(response.text).not.toContain('very-secret-pw');
    const s = response.json as unknown as State;
    const panel = s.panels.find((p) => p.pluginId === PLUGIN_ID);
    expect(panel?.fields.find((f) => f.kind === 'secret')).toMatchObject({ stored: true });
    expect(s.commands.map((c) => c.id)).toContain('congregation-sync.sync');
    expect(s.settings.find((x) => x.key === 'app.localAppLang')).toMatchObject({ enum: ['en', 'de'] });
  });

  it('a toggle field shows a boolean setting and sets it from a checkbox', async () => {
    const fieldOf = async () =>
      (await state()).panels.find((p) => p.pluginId === PLUGIN_ID)?.fields.find((f) => f.kind === 'toggle');
    expect(await fieldOf()).toMatchObject({
      kind: 'toggle',
      key: 'autoSync',
      value: false,
      label: 'Sync automatically',
    });
    const plugin = host.plugins.get(PLUGIN_ID);
    expect(
      (await api('/api/config', { body: { plugin: PLUGIN_ID, key: 'autoSync', value: true } })).status,
    ).toBe(200);
    expect(plugin?.configuration.get('autoSync')).toBe(true);
    expect(await fieldOf()).toMatchObject({ value: true });
    await api('/api/config', { body: { plugin: PLUGIN_ID, key: 'autoSync', value: false } });
    expect(await fieldOf()).toMatchObject({ value: false });
  });

  it('validates configuration and host settings and says why', async () => {
    const bad = await api('/api/config', {
      body: { plugin: PLUGIN_ID, key: 'serverUrl', value: 'http://x.org/' },
    });
    expect(bad.status).toBe(400);
    expect(String(bad.json.error)).toMatch(/^Use https:\/\//);
    const ok = await api('/api/config', { body: { plugin: PLUGIN_ID, key: 'concurrency', value: '3' } });
    expect(ok.status).toBe(200);
    expect(host.plugins.get(PLUGIN_ID)?.configuration.get('concurrency')).toBe(3);
    const badSetting = await api('/api/settings', { body: { key: 'meeting.musicVolume', value: '500' } });
    expect(badSetting.status).toBe(400);
    expect(badSetting.json.error).toBe('Enter a whole number from 1 to 100.');
    await host.settings.forPlugin(PLUGIN_ID).enforce({ 'media.maxRes': '480p' });
    const locked = await api('/api/settings', { body: { key: 'media.maxRes', value: '720p' } });
    expect(locked.status).toBe(400);
    expect(String(locked.json.error)).toBe('It is enforced by your congregation and cannot be changed here.');
    expect((await state()).settings.find((x) => x.key === 'media.maxRes')).toMatchObject({ locked: true });
    await host.settings.forPlugin(PLUGIN_ID).enforce({});
  });

  it('stores and deletes a secret only for a panel secret field', async () => {
    expect((await api('/api/secret', { body: { plugin: PLUGIN_ID, key: 'other', value: 'x' } })).status).toBe(
      400,
    );
    await api('/api/secret', { body: { plugin: PLUGIN_ID, key: 'password', value: '' } });
    expect(host.secrets.keys()).not.toContain(`${PLUGIN_ID}/password`);
  });

  it('serves a thumbnail only for an image inside the media folder', async () => {
    const inside = path.join(mediaFolder, '2030-01-02', 'Inside.png');
    await fsp.mkdir(path.dirname(inside), { recursive: true });
    await fsp.writeFile(inside, png(4, 4, [1, 2, 3]));
    const outsideDir = await makeTempDir('cs-web-outside');
    const outside = path.join(outsideDir, 'Outside.png');
    await fsp.writeFile(outside, png(4, 4, [9, 9, 9]));
    await fsp.symlink(outside, path.join(mediaFolder, '2030-01-02', 'Link.png'));
    await host.media.apply([
      {
        op: 'upsert',
        item: {
          date: '2030-01-02',
          name: 'Outside.png',
          source: 'jw',
          hidden: false,
          recurring: false,
          file: outside,
        },
      },
    ]);
    const media = (await state()).media.filter((m) => m.date === '2030-01-02');
    expect(media.find((m) => m.name === 'Inside.png')?.thumb).toBe(true);
    expect(media.find((m) => m.name === 'Outside.png')?.thumb).toBe(false);
    const thumb = (name: string, withToken = true) =>
      api(`/api/thumb?date=2030-01-02&name=${encodeURIComponent(name)}`, withToken ? {} : { token: null });
    const ok = await thumb('Inside.png');
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('image/png');
    expect((await thumb('Inside.png', false)).status).toBe(403);
    expect((await thumb('Outside.png')).status).toBe(404);
    expect((await thumb('Link.png')).status).toBe(404);
  });

  it('streams an upload to a temporary folder and refuses unsafe names', async () => {
    const body = Buffer.alloc(300_000, 7);
    const response = await api('/api/upload?name=Clip%201.mp4', {
      method: 'PUT',
      body: body.toString('latin1'),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(response.status).toBe(200);
    const file = String(response.json.file);
    expect(path.basename(file)).toBe('Clip 1.mp4');
    expect((await fsp.stat(file)).size).toBe(body.length);
    for (const name of ['..', '../x.png', 'a/b.png', '']) {
      const refused = await api(`/api/upload?name=${encodeURIComponent(name)}`, { method: 'PUT', body: 'x' });
      expect(refused.status, name).toBe(400);
    }
    // an upload command takes only files that came through the upload
    const elsewhere = await api('/api/run', {
      body: { command: 'congregation-sync.upload', args: [{ date: '2030-01-02', files: ['/etc/hostname'] }] },
    });
    expect(elsewhere.status).toBe(400);
  });

  it('refuses unknown commands; runs known ones and returns their result', async () => {
    expect((await api('/api/run', { body: { command: 'nope.nothing' } })).status).toBe(400);
    const result = await api('/api/run', { body: { command: 'congregation-sync.testConnection' } });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ ok: true, result: { ok: false } });
  });

  it('disables and enables a plugin at once, and remembers it in plugins.json', async () => {
    await api('/api/plugins', { body: { id: PLUGIN_ID, enabled: false } });
    let s = await state();
    expect(s.commands).toEqual([]);
    expect(s.panels).toEqual([]);
    expect(s.plugins.find((p) => p.id === PLUGIN_ID)).toMatchObject({
      enabled: false,
      name: 'Congregation Sync',
    });
    const saved = JSON.parse(await fsp.readFile(path.join(profileDir, 'plugins.json'), 'utf8'));
    expect(saved).toEqual({ folders: [REPO_ROOT], disabled: [PLUGIN_ID] });
    await api('/api/plugins', { body: { id: PLUGIN_ID, enabled: true } });
    s = await state();
    expect(s.commands.map((c) => c.id)).toContain('congregation-sync.sync');
    expect(s.plugins.find((p) => p.id === PLUGIN_ID)?.enabled).toBe(true);
    expect((await api('/api/plugins', { body: { id: 'not-there', enabled: true } })).status).toBe(400);
  });

  it('switches the language: the plugin is activated again with German labels', async () => {
    await api('/api/settings', { body: { key: 'app.localAppLang', value: 'de' } });
    const s = await state();
    expect(s.language).toBe('de');
    const labels = s.panels.flatMap((p) => p.fields.map((f) => f.label));
    expect(labels).toEqual(expect.arrayContaining(['Web-Adresse', 'Benutzername', 'Passwort']));
    expect(s.commands.find((c) => c.id === 'congregation-sync.sync')?.title).toBe(
      'Medienordner aktualisieren',
    );
    await api('/api/settings', { body: { key: 'app.localAppLang', value: 'en' } });
    expect((await state()).commands.find((c) => c.id === 'congregation-sync.sync')?.title).toBe(
      'Sync congregation',
    );
  });
});

describe('the window', () => {
  it('uses the terminal while no page is connected, the page while one is', async () => {
    const plugin = host.plugins.get(PLUGIN_ID);
    const window = plugin?.context.window;
    await window?.showInformationMessage('to the terminal');
    expect(host.window.messages.at(-1)?.message).toBe('to the terminal');
    const events: Array<{ event: string; data: unknown }> = [];
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${server.origin}/api/events?token=${server.token}`, resolve).on('error', reject);
    });
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    });
    try {
      await window?.showInformationMessage('to the page');
      expect(host.window.messages.at(-1)?.message).toBe('to the terminal');
      const picked = window?.showQuickPick([{ label: 'a' }, { label: 'b' }, { label: 'c' }], {
        canPickMany: true,
      });
      await expect.poll(() => events.find((e) => e.event === 'prompt')).toBeTruthy();
      const prompt = events.find((e) => e.event === 'prompt')?.data as { id: string; kind: string };
      expect(prompt.kind).toBe('quickPick');
      expect((await api('/api/answer', { body: { prompt: prompt.id, answer: [5] } })).status).toBe(400);
      expect((await api('/api/answer', { body: { prompt: prompt.id, answer: [2, 0] } })).status).toBe(200);
      expect(await picked).toEqual([{ label: 'a' }, { label: 'c' }]);
      expect(events.find((e) => e.event === 'message')?.data).toMatchObject({ message: 'to the page' });
    } finally {
      stream.destroy();
    }
  });
});
