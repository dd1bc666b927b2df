/** The settings panel's connection commands against real servers on loopback: test, presets, browse. */
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PanelField } from '../../contract/api.js';
import type { Host, LoadedPlugin } from '../../host/runtime.js';
import { COMMANDS } from '../../src/commands.js';
import { MESSAGES } from '../../src/i18n.js';
import { connect, folderUrl } from '../../src/remote/connect.js';
import { RemoteError } from '../../src/remote/errors.js';
import { Connection } from '../../src/remote/http.js';
import { propfind } from '../../src/remote/propfind.js';
import { settingsSchema } from '../../src/settings.js';
import type { TestResult } from '../../src/setup/test-connection.js';
import { disposeHosts, openHost, PLUGIN_ID, runCli } from '../support/host-harness.js';
import {
  cleanupTempDirs,
  freePort,
  makeTempDir,
  startWebdavServer,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';

let dav: TestServer;
const closers: Array<() => Promise<void>> = [];

/** Listens on 127.0.0.1:0; the server is closed (its sockets destroyed) in afterAll. */
async function listen(server: net.Server, sockets = new Set<net.Socket>()): Promise<number> {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

interface Setup {
  serverUrl?: string;
  username?: string;
  password?: string;
  folder?: string;
  requestTimeoutSeconds?: number;
  language?: string;
}

/** A fresh profile with the plugin enabled and configured through its configuration and secret storage. */
async function configured(setup: Setup = {}): Promise<{ host: Host; plugin: LoadedPlugin }> {
  const opened = await openHost({
    profileDir: await makeTempDir('cs-test-connection-profile'),
    language: setup.language ?? 'en',
  });
  const { configuration, secrets } = opened.plugin.context;
  await configuration.update('serverUrl', setup.serverUrl ?? dav.url);
  await configuration.update('username', setup.username ?? dav.username);
  await configuration.update('folder', setup.folder ?? '/Congregation');
  if (setup.requestTimeoutSeconds !== undefined)
    await configuration.update('requestTimeoutSeconds', setup.requestTimeoutSeconds);
  await secrets.store('password', setup.password ?? dav.password);
  return opened;
}

const testConnection = (host: Host) => host.executeCommand<TestResult>(COMMANDS.testConnection);

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

beforeAll(async () => {
  const root = await makeTempDir('cs-test-connection-root');
  await fsp.mkdir(path.join(root, 'Congregation', 'Sub'), { recursive: true });
  await fsp.mkdir(path.join(root, 'Other'));
  await fsp.writeFile(path.join(root, 'not-a-folder.txt'), 'a file at the top');
  dav = await startWebdavServer({ root });
});

afterEach(async () => {
  await disposeHosts();
});

afterAll(async () => {
  await disposeHosts();
  await Promise.allSettled(closers.map((close) => close()));
  await stopAllServers();
  await cleanupTempDirs();
});

describe('test connection', () => {
  it('succeeds and names the folder', async () => {
    const { host } = await configured();
    const result = await testConnection(host);
    // the address once, not again as host:port
    const message = `Connection OK: the folder "/Congregation" at ${dav.url} is reachable.`;
    expect(result).toEqual({ ok: true, message });
    expect(host.window.messages.at(-1)).toEqual({ level: 'info', message });
  });

  it('a wrong password is kind auth and the message gives the app password hint', async () => {
    const { host } = await configured({ password: 'not-the-password' });
    const result = await testConnection(host);
    expect(result).toEqual({ ok: false, kind: 'auth', message: MESSAGES.en['error.auth'] });
    expect(result.message).toContain('HTTP 401');
    expect(result.message).toContain('need an app password instead of your normal one');
    expect(host.window.messages.at(-1)).toEqual({ level: 'error', message: MESSAGES.en['error.auth'] });
    const log = await fsp.readFile(host.log.file, 'utf8');
    expect(log).toMatch(
      new RegExp(`WARN \\[${PLUGIN_ID}\\] test connection failed: auth: PROPFIND /Congregation/: HTTP 401`),
    );
  });

  it('a missing folder is kind not-found', async () => {
    const { host } = await configured({ folder: '/Missing' });
    expect(await testConnection(host)).toEqual({
      ok: false,
      kind: 'not-found',
      message:
        'The folder "/Missing" was not found on the server (HTTP 404). To create it (and any missing folders above it): npm run --silent vo -- test-connection --create-folder',
    });
  });

  it('a file in place of the folder is kind not-found', async () => {
    const { host } = await configured({ folder: '/not-a-folder.txt' });
    const result = await testConnection(host);
    expect(result).toMatchObject({ ok: false, kind: 'not-found' });
  });

  it('not configured yet is kind not-configured, without a request', async () => {
    const { host } = await openHost({ profileDir: await makeTempDir('cs-test-connection-profile') });
    expect(await testConnection(host)).toEqual({
      ok: false,
      kind: 'not-configured',
      message: MESSAGES.en['error.not-configured'],
    });
  });

  it('http:// to another computer is refused as insecure, before any request, and cannot be saved', async () => {
    const defaults = settingsSchema.parse({});
    expect(() => folderUrl('http://example.org/', '/Congregation')).toThrow(RemoteError);
    try {
      folderUrl('http://example.org/', '/Congregation');
    } catch (error) {
      expect(error).toMatchObject({ kind: 'insecure', message: 'http://example.org/' });
    }
    await expect(
      connect({ ...defaults, serverUrl: 'http://example.org/', folder: '/Congregation' }, 'secret'),
    ).rejects.toMatchObject({ name: 'RemoteError', kind: 'insecure' });
    expect(
      () =>
        new Connection({
          base: new URL('http://example.org/'),
          username: 'u',
          password: 'p',
          timeoutMs: 1000,
        }),
    ).toThrow(expect.objectContaining({ kind: 'insecure' }));
    // The HTTPS rule is already the configuration's.
    const { plugin } = await configured();
    await expect(plugin.context.configuration.update('serverUrl', 'http://example.org/')).rejects.toThrow(
      /serverUrl: Use https:\/\//,
    );
    expect(plugin.context.configuration.get('serverUrl')).toBe(dav.url);
    // https:// and loopback http:// pass, with the folder appended and encoded.
    expect(folderUrl('https://example.org/dav', '/Congregation/Media sync/').href).toBe(
      'https://example.org/dav/Congregation/Media%20sync/',
    );
    expect(folderUrl(dav.url, '/').href).toBe(dav.url);
  });

  // 0.0.0.0 as a destination means this computer on Linux; elsewhere it may not connect at all.
  it.runIf(process.platform === 'linux')(
    'no request at all reaches a server behind a refused http:// address',
    async () => {
      // 0.0.0.0 reaches this computer's 127.0.0.1 listeners on Linux, but it is not a loopback name: insecure.
      let connections = 0;
      const counting = http.createServer((_req, res) => res.end());
      counting.on('connection', () => connections++);
      const port = await listen(counting);
      const defaults = settingsSchema.parse({});
      await expect(
        connect({ ...defaults, serverUrl: `http://0.0.0.0:${port}/` }, 'secret'),
      ).rejects.toMatchObject({
        kind: 'insecure',
      });
      expect(connections).toBe(0);
      // Control: the loopback address of the same server is contacted.
      const connection = await connect({ ...defaults, serverUrl: `http://127.0.0.1:${port}/` }, 'secret');
      try {
        await expect(propfind(connection, [], '0')).rejects.toMatchObject({ kind: 'not-webdav' });
      } finally {
        connection.close();
      }
      expect(connections).toBe(1);
    },
  );

  it('a closed port is kind refused', async () => {
    const port = await freePort();
    const serverUrl = `http://127.0.0.1:${port}/`;
    const { host } = await configured({ serverUrl });
    expect(await testConnection(host)).toEqual({
      ok: false,
      kind: 'refused',
      message: fill(MESSAGES.en['error.refused'], { url: serverUrl }),
    });
  });

  it('a server that answers with an HTML page is kind not-webdav', async () => {
    const seen: string[] = [];
    const html = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><body><h1>Welcome to our web site</h1></body></html>');
    });
    const port = await listen(html);
    const serverUrl = `http://127.0.0.1:${port}/`;
    const { host } = await configured({ serverUrl });
    const result = await testConnection(host);
    expect(result).toEqual({
      ok: false,
      kind: 'not-webdav',
      message: fill(MESSAGES.en['error.not-webdav'], {
        url: serverUrl,
        detail: 'PROPFIND /Congregation/: HTTP 200',
      }),
    });
    expect(seen).toEqual(['PROPFIND /Congregation/']);
  });

  it('a server that never answers is kind timeout, within a few seconds, named', async () => {
    const stalled = net.createServer(() => {
      // accept, read nothing, answer nothing
    });
    const port = await listen(stalled);
    const serverUrl = `http://127.0.0.1:${port}/`;
    const { host } = await configured({ serverUrl, requestTimeoutSeconds: 1 });
    const started = Date.now();
    const result = await testConnection(host);
    const elapsed = Date.now() - started;
    expect(result).toEqual({
      ok: false,
      kind: 'timeout',
      message: `The server at "${serverUrl}" did not answer within 1 second. Check that the server is running and the network connection, then try again; a slow server needs a longer request timeout.`,
    });
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('speaks German when the host language is de', async () => {
    const wrong = await configured({ password: 'not-the-password', language: 'de' });
    const auth = await testConnection(wrong.host);
    expect(auth).toMatchObject({ ok: false, kind: 'auth' });
    expect(auth.message).toContain('App-Passwort');
    expect(auth.message).toBe(MESSAGES.de['error.auth']);

    const missing = await configured({ folder: '/Fehlt', language: 'de' });
    expect((await testConnection(missing.host)).message).toBe(
      'Der Ordner „/Fehlt“ wurde auf dem Server nicht gefunden (HTTP 404). Zum Anlegen (mit allen fehlenden Ordnern darüber): npm run --silent vo -- test-connection --create-folder',
    );

    const fine = await configured({ language: 'de' });
    const ok = await testConnection(fine.host);
    expect(ok.ok).toBe(true);
    expect(ok.message).toMatch(/^Verbindung in Ordnung: der Ordner „\/Congregation“ unter .* ist erreichbar/);
  });
});

describe('test connection through the CLI', () => {
  it('run congregation-sync.testConnection exits 0 on success and 2 on failure', async () => {
    const profileDir = await makeTempDir('cs-test-connection-cli');
    const cli = (args: string[], env: Record<string, string> = {}) =>
      runCli([...args, '--profile', profileDir], env);
    for (const [key, value] of [
      ['serverUrl', dav.url],
      ['username', dav.username],
      ['folder', '/Congregation'],
    ] as const)
      expect((await cli(['config', 'set', key, value])).code).toBe(0);
    expect(
      (await cli(['secret', 'set', 'password', '--from-env', 'CS_PW'], { CS_PW: dav.password })).code,
    ).toBe(0);

    const ok = await cli(['run', COMMANDS.testConnection]);
    expect(ok, ok.stderr).toMatchObject({ code: 0 });
    expect(ok.stderr).toContain(`• Connection OK: the folder "/Congregation" at ${dav.url} is reachable.`);

    expect((await cli(['config', 'set', 'folder', '/Missing'])).code).toBe(0);
    const missing = await cli(['run', COMMANDS.testConnection, '--json']);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, kind: 'not-found' });
    expect(missing.stderr).toContain('✖ The folder "/Missing" was not found on the server (HTTP 404).');

    const german = await cli(['run', COMMANDS.testConnection, '--lang', 'de']);
    expect(german.code).toBe(2);
    expect(german.stderr).toContain('Der Ordner „/Missing“ wurde auf dem Server nicht gefunden');

    const unknown = await cli(['run', 'congregation-sync.nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "congregation-sync.nope"');
  });
});

describe('presets', () => {
  it('koofr sets its server URL', async () => {
    const { host, plugin } = await openHost({ profileDir: await makeTempDir('cs-presets') });
    const result = await host.executeCommand(COMMANDS.choosePreset, 'koofr');
    expect(result).toEqual({ id: 'koofr', serverUrl: 'https://app.koofr.net/dav/Koofr/' });
    expect(plugin.context.configuration.get('serverUrl')).toBe('https://app.koofr.net/dav/Koofr/');
    expect(host.window.messages.at(-1)).toEqual({
      level: 'info',
      message:
        'Koofr: Koofr needs an app password, not your normal password: Preferences → Password → App passwords.',
    });
  });

  it('nextcloud with a server and the configured user name anna', async () => {
    const { host, plugin } = await openHost({ profileDir: await makeTempDir('cs-presets') });
    await plugin.context.configuration.update('username', 'anna');
    const result = await host.executeCommand(COMMANDS.choosePreset, 'nextcloud', 'cloud.example.org');
    const url = 'https://cloud.example.org/remote.php/dav/files/anna/';
    expect(result).toEqual({ id: 'nextcloud', serverUrl: url });
    expect(plugin.context.configuration.get('serverUrl')).toBe(url);
    expect(plugin.context.configuration.get('username')).toBe('anna');
  });

  it('nextcloud without a user name changes nothing when nobody can be asked', async () => {
    const { host, plugin } = await openHost({ profileDir: await makeTempDir('cs-presets') });
    await expect(
      host.executeCommand(COMMANDS.choosePreset, 'nextcloud', 'cloud.example.org'),
    ).resolves.toBeUndefined();
    expect(plugin.context.configuration.get('serverUrl')).toBe('');
    // No preset id and no one to pick one: nothing happens either.
    await expect(host.executeCommand(COMMANDS.choosePreset)).resolves.toBeUndefined();
    expect(plugin.context.configuration.get('serverUrl')).toBe('');
  });

  it('in German the info message is German', async () => {
    const { host, plugin } = await openHost({ profileDir: await makeTempDir('cs-presets'), language: 'de' });
    await plugin.context.configuration.update('username', 'anna');
    await host.executeCommand(COMMANDS.choosePreset, 'nextcloud', 'https://cloud.example.org/');
    expect(plugin.context.configuration.get('serverUrl')).toBe(
      'https://cloud.example.org/remote.php/dav/files/anna/',
    );
    expect(host.window.messages.at(-1)).toEqual({
      level: 'info',
      message:
        'Nextcloud: Als Benutzername den Anmeldenamen verwenden. Mit Zwei-Faktor-Anmeldung unter Einstellungen → Sicherheit ein App-Passwort erstellen.',
    });
  });
});

describe('browse folder', () => {
  it('browseFolder with a path sets the folder (normalised)', async () => {
    const { host, plugin } = await configured({ folder: '/' });
    await expect(host.executeCommand(COMMANDS.browseFolder, '/Congregation')).resolves.toBe('/Congregation');
    expect(plugin.context.configuration.get('folder')).toBe('/Congregation');
    expect(host.window.messages.at(-1)).toEqual({
      level: 'info',
      message: 'Sync folder set to "/Congregation".',
    });
    await expect(host.executeCommand(COMMANDS.browseFolder, 'Congregation/Sub/')).resolves.toBe(
      '/Congregation/Sub',
    );
    expect(plugin.context.configuration.get('folder')).toBe('/Congregation/Sub');
  });

  it('the panel’s remote-folder field lists the sub-folders of a folder', async () => {
    const { host } = await configured({ folder: '/Other' });
    const field = host.panels
      .get(PLUGIN_ID)?.[0]
      ?.fields.find((f): f is Extract<PanelField, { kind: 'remote-folder' }> => f.kind === 'remote-folder');
    expect(field?.key).toBe('folder');
    if (!field) return;
    expect(await field.browse('/')).toEqual(['Congregation', 'Other']);
    expect(await field.browse('')).toEqual(['Congregation', 'Other']);
    expect(await field.browse('/Congregation')).toEqual(['Sub']);
    expect(await field.browse('/Other')).toEqual([]);
  });

  it('browsing with a wrong password rejects with kind auth', async () => {
    const { host } = await configured({ password: `wrong-${crypto.randomBytes(4).toString('hex')}` });
    const field = host.panels.get(PLUGIN_ID)?.[0]?.fields.find((f) => f.kind === 'remote-folder');
    if (field?.kind !== 'remote-folder') throw new Error('no remote-folder field');
    await expect(field.browse('/')).rejects.toMatchObject({ kind: 'auth' });
  });

  it('browseFolder without a path and nobody to pick returns undefined and keeps the folder', async () => {
    const { host, plugin } = await configured();
    await expect(host.executeCommand(COMMANDS.browseFolder)).resolves.toBeUndefined();
    expect(plugin.context.configuration.get('folder')).toBe('/Congregation');
  });
});
