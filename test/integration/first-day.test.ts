/**
 * An organiser's first day against servers of other implementations (lighttpd's mod_webdav, Apache with Digest
 * only): the congregation folder and its parent do not exist yet, several files with one refused, recurring media,
 * rename, hide, push-settings; his own media folder needs no download after any of it (the server's access log
 * shows no GET of media), and a second computer gets the same bytes. A server that stores names differently (our
 * own, cutting names at '#') is caught by the check after each write. Every run uses --today 2026-12-01.
 */
import fsp from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands.js';
import { MESSAGES } from '../../src/i18n.js';
import { CongregationFolder } from '../../src/organiser/congregation-folder.js';
import { Connection } from '../../src/remote/http.js';
import { withRetries } from '../../src/remote/retry.js';
import { readTree, sha256 } from '../support/files.js';
import { type CliResult, disposeHosts, openHost, runCli } from '../support/host-harness.js';
import { type QuirkServer, startQuirkServer, stopQuirkServers } from '../support/quirk-server.js';
import {
  answeredWith,
  cleanupTempDirs,
  lighttpdAvailable,
  makeTempDir,
  serverAvailable,
  startApache,
  startLighttpd,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';
import {
  bytes,
  MEETING_DATES,
  type Profile,
  type SyncJson,
  TODAY,
  type VoJson,
} from '../support/sync-harness.js';

const DATE = '2026-12-02';
/** Neither folder exists on the server at the start: both are created. */
const FOLDER = '/Halle Süd/Versammlung';

afterAll(async () => {
  await stopAllServers();
  await stopQuirkServers();
  await cleanupTempDirs();
});

async function newProfile(label: string): Promise<Profile> {
  return {
    profile: await makeTempDir(`cs-first-${label}-profile`),
    media: await makeTempDir(`cs-first-${label}-media`),
  };
}

async function localFiles(files: Record<string, Buffer>): Promise<Record<string, string>> {
  const dir = await makeTempDir('cs-first-upload');
  for (const [name, content] of Object.entries(files)) await fsp.writeFile(path.join(dir, name), content);
  return Object.fromEntries(Object.keys(files).map((name) => [name, path.join(dir, name)]));
}

type Target = Pick<TestServer, 'url' | 'username' | 'password'>;

function options(server: Target, p: Profile) {
  return [
    '--url',
    server.url,
    '--user',
    server.username,
    '--folder',
    FOLDER,
    '--media-dir',
    p.media,
    '--profile',
    p.profile,
    '--today',
    TODAY,
    '--json',
  ];
}

function parsed<T>(result: CliResult, what: string): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`${what} (exit ${result.code}) printed no JSON:\n${result.stdout}\n${result.stderr}`);
  }
}

async function vo(server: Target, p: Profile, args: string[], password = server.password) {
  const result = await runCli(['vo', ...args, ...options(server, p)], { CONGSYNC_PASSWORD: password });
  const json = parsed<VoJson>(result, `vo ${args.join(' ')}`);
  expect(json.exitCode, JSON.stringify(json)).toBe(result.code);
  return json;
}

async function sync(server: Target, p: Profile) {
  const result = await runCli(['sync', ...options(server, p)], { CONGSYNC_PASSWORD: server.password });
  const json = parsed<SyncJson>(result, 'sync');
  expect(json.errors).toEqual([]);
  expect(result.code).toBe(0);
  return json;
}

/** The GET requests of media files the server answered so far. */
async function mediaGets(server: TestServer): Promise<string[]> {
  const text = await fsp.readFile(server.accessLog as string, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => /^GET .*\/(Media|Hidden)\//.test(line));
}

const servers = [
  {
    name: 'lighttpd',
    start: (root: string) => startLighttpd({ root }),
    skip: process.env.CI ? null : lighttpdAvailable().ok ? null : 'lighttpd not installed',
  },
  {
    name: 'apache-digest',
    start: (root: string) => startApache({ root, digest: true }),
    skip: process.env.CI ? null : serverAvailable('apache').ok ? null : 'apache not installed',
  },
];

describe.each(servers)('first day of an organiser on $name', ({ name, start, skip }) => {
  let server: TestServer;
  const test = it.skipIf(skip !== null);
  const onServer = (rel: string) =>
    path.join(server.root as string, ...FOLDER.split('/').filter(Boolean), ...rel.split('/'));

  beforeAll(async () => {
    if (skip) return;
    server = await start(await makeTempDir(`cs-first-${name}-root`));
  });

  /** An action whose own sync downloads nothing: no GET of media reaches the server, and a sync after it neither. */
  async function withoutDownloads<T>(voP: Profile, action: () => Promise<T>): Promise<T> {
    const before = (await mediaGets(server)).length;
    const result = await action();
    const after = await sync(server, voP);
    expect(after.stats.requests.GET ?? 0).toBe(0);
    expect(after.stats.downloaded).toBe(0);
    // the sync the action ran itself, and the one after it
    expect((await mediaGets(server)).slice(before)).toEqual([]);
    return result;
  }

  test('sets up the congregation folder in one go; his own sync downloads nothing; a second computer gets the same bytes', {
    timeout: 180_000,
  }, async () => {
    const voP = await newProfile('vo');
    const content = {
      'Welcome.png': bytes(3_000, 'welcome'),
      'Talk #2.mp4': bytes(40_000, 'talk'),
      'notes.txt': Buffer.from('not media'),
      'Year text.jpg': bytes(2_000, 'year'),
    };
    const files = await localFiles(content);

    // upload into a folder that does not exist (nor its parent); one file of the three is refused for its type
    const first = await withoutDownloads(voP, () =>
      vo(server, voP, [
        'upload',
        '--date',
        DATE,
        files['Welcome.png'],
        files['notes.txt'],
        files['Talk #2.mp4'],
      ] as string[]),
    );
    expect(first.exitCode).toBe(1);
    expect([...first.changed].sort()).toEqual([`Media/${DATE}/Talk #2.mp4`, `Media/${DATE}/Welcome.png`]);
    expect(first.errors).toHaveLength(1);
    expect(first.errors[0]?.path).toBe('notes.txt');
    expect(first.errors[0]?.message).toContain('"notes.txt" is not a file a presenter shows');
    expect(first.errors[0]?.message).toContain('--any-type');
    expect(first.sync).toEqual({ exitCode: 0 });
    expect(await fsp.readFile(onServer(`Media/${DATE}/Talk #2.mp4`))).toEqual(content['Talk #2.mp4']);
    expect(await fsp.readFile(path.join(voP.media, DATE, 'Welcome.png'))).toEqual(content['Welcome.png']);

    // recurring: on every meeting date of the window, locally too
    const recurring = await withoutDownloads(voP, () =>
      vo(server, voP, ['upload', '--recurring', files['Year text.jpg'] as string]),
    );
    expect(recurring).toMatchObject({ exitCode: 0, changed: ['Media/Recurring/Year text.jpg'], errors: [] });
    for (const date of MEETING_DATES) {
      expect(await fsp.readFile(path.join(voP.media, date, 'Year text.jpg'))).toEqual(
        content['Year text.jpg'],
      );
    }

    // rename: the local file is renamed, not fetched again
    const renamed = await withoutDownloads(voP, () =>
      vo(server, voP, ['rename', '--date', DATE, 'Welcome.png', '01 Welcome.png']),
    );
    expect(renamed).toMatchObject({ exitCode: 0, changed: [`Media/${DATE}/01 Welcome.png`] });
    expect(await fsp.readFile(path.join(voP.media, DATE, '01 Welcome.png'))).toEqual(content['Welcome.png']);
    await expect(fsp.stat(path.join(voP.media, DATE, 'Welcome.png'))).rejects.toThrow();

    const hidden = await withoutDownloads(voP, () =>
      vo(server, voP, ['hide', '--date', DATE, 'Talk #2.mp4']),
    );
    expect(hidden).toMatchObject({ exitCode: 0, changed: [`Hidden/${DATE}/Talk #2.mp4`] });
    expect((await fsp.stat(onServer(`Hidden/${DATE}/Talk #2.mp4`))).size).toBe(0);

    const pushed = await withoutDownloads(voP, () => vo(server, voP, ['push-settings', 'media.maxRes']));
    expect(pushed).toMatchObject({ exitCode: 0, changed: ['forcedPrefs.json'] });

    // a second computer: the same files, byte for byte, as the organiser's own media folder
    const p2 = await newProfile('p2');
    await sync(server, p2);
    const expected = {
      [`${DATE}/01 Welcome.png`]: sha256(content['Welcome.png']),
      [`${DATE}/Talk #2.mp4`]: sha256(content['Talk #2.mp4']),
      ...Object.fromEntries(
        MEETING_DATES.map((d) => [`${d}/Year text.jpg`, sha256(content['Year text.jpg'])]),
      ),
    };
    expect(await readTree(p2.media)).toEqual(expected);
    expect(await readTree(voP.media)).toEqual(expected);
  });

  test('test connection on a missing folder says so and creates it (and its parent) when asked', async () => {
    const p = await newProfile('test-connection');
    const folder = `/Neu ${name}/Versammlung`;
    const onDisk = path.join(server.root as string, `Neu ${name}`, 'Versammlung');
    const args = (extra: string[]) => [
      'vo',
      'test-connection',
      ...options(server, p).map((a) => (a === FOLDER ? folder : a)),
      ...extra,
    ];
    const env = { CONGSYNC_PASSWORD: server.password };
    const missing = await runCli(args([]), env);
    expect(missing.code).toBe(2);
    expect(parsed<{ ok: boolean; message: string }>(missing, 'test-connection').message).toBe(
      `The folder "${folder}" was not found on the server (HTTP 404). To create it (and any missing folders above it): npm run --silent vo -- test-connection --create-folder`,
    );
    await expect(fsp.stat(onDisk)).rejects.toThrow();
    const created = await runCli(args(['--create-folder']), env);
    expect(created.code, created.stderr).toBe(0);
    expect((await fsp.stat(onDisk)).isDirectory()).toBe(true);

    // a person (the page) is offered a button; choosing it creates the folder
    const { host, plugin } = await openHost({
      profileDir: await makeTempDir('cs-first-page-profile'),
      headless: false,
      assumeYes: true,
    });
    await plugin.context.configuration.update('serverUrl', server.url);
    await plugin.context.configuration.update('username', server.username);
    await plugin.context.configuration.update('folder', `${folder} 2`);
    await plugin.context.secrets.store('password', server.password);
    const result = await host.executeCommand<{ ok: boolean }>(COMMANDS.testConnection);
    expect(result.ok).toBe(true);
    // a question, not an error: the first day expects a missing folder
    expect(host.window.messages[0]).toEqual({
      level: 'warning',
      message: MESSAGES.en['connection.missingFolder'].replace('{folder}', `${folder} 2`),
    });
    expect((await fsp.stat(`${onDisk} 2`)).isDirectory()).toBe(true);
    await disposeHosts();
  });

  test('with no terminal and no --json, the questions become the flags to use, in English and German', async () => {
    const p = await newProfile('no-terminal');
    // stdin is a pipe (no TTY), the output is text: no one to ask, so the messages name the command line's flags
    const plain = (folder = FOLDER) =>
      options(server, p)
        .filter((a) => a !== '--json')
        .map((a) => (a === FOLDER ? folder : a));
    const env = { CONGSYNC_PASSWORD: server.password };
    const file = await localFiles({ 'Hymn.mp3': bytes(900, 'hymn') });
    const upload = ['vo', 'upload', '--date', '2026-12-06', file['Hymn.mp3'] as string];
    expect((await runCli([...upload, ...plain()], env)).code).toBe(0);
    for (const lang of ['en', 'de'] as const) {
      const again = await runCli([...upload, ...plain(), '--lang', lang], env);
      expect(again.code, again.stderr).toBe(1);
      expect(again.stderr).toContain(
        MESSAGES[lang]['organiser.exists.headless']
          .replace('{name}', 'Hymn.mp3')
          .replace('{free}', 'Hymn (2).mp3'),
      );
      expect(again.stderr).not.toContain(MESSAGES[lang]['organiser.exists.replace']);
      const folder = `/Ohne Terminal ${name}`;
      const missing = await runCli(['vo', 'test-connection', ...plain(folder), '--lang', lang], env);
      expect(missing.code, missing.stderr).toBe(2);
      expect(missing.stderr).toContain(
        MESSAGES[lang]['connection.missingFolder.cli'].replace('{folder}', folder),
      );
      expect(missing.stderr).not.toContain(MESSAGES[lang]['connection.createFolder']);
    }
  });

  test('an existing name: refused headless naming both flags, --rename-existing keeps both, --overwrite replaces, a person is asked', async () => {
    const voP = await newProfile('names');
    const one = await localFiles({ 'Song.mp3': bytes(1_000, 'one') });
    await vo(server, voP, ['upload', '--date', '2026-12-06', one['Song.mp3'] as string]);
    const two = await localFiles({ 'Song.mp3': bytes(1_200, 'two') });
    const refused = await vo(server, voP, ['upload', '--date', '2026-12-06', two['Song.mp3'] as string]);
    expect(refused.exitCode).toBe(1);
    expect(refused.errors[0]?.message).toMatch(/--overwrite.*--rename-existing/);
    const kept = await vo(server, voP, [
      'upload',
      '--date',
      '2026-12-06',
      '--rename-existing',
      two['Song.mp3'] as string,
    ]);
    expect(kept).toMatchObject({ exitCode: 0, changed: ['Media/2026-12-06/Song (2).mp3'] });
    expect(await fsp.readFile(onServer('Media/2026-12-06/Song.mp3'))).toEqual(bytes(1_000, 'one'));
    expect(await fsp.readFile(onServer('Media/2026-12-06/Song (2).mp3'))).toEqual(bytes(1_200, 'two'));
    const replaced = await vo(server, voP, [
      'upload',
      '--date',
      '2026-12-06',
      '--overwrite',
      two['Song.mp3'] as string,
    ]);
    expect(replaced).toMatchObject({ exitCode: 0, changed: ['Media/2026-12-06/Song.mp3'] });
    expect(await fsp.readFile(onServer('Media/2026-12-06/Song.mp3'))).toEqual(bytes(1_200, 'two'));

    // a person (the page) is asked per file, with no command-line flag in sight; the first choice replaces
    const { host, plugin } = await openHost({
      profileDir: await makeTempDir('cs-first-ask-profile'),
      headless: false,
      assumeYes: true,
    });
    await plugin.context.configuration.update('serverUrl', server.url);
    await plugin.context.configuration.update('username', server.username);
    await plugin.context.configuration.update('folder', FOLDER);
    await plugin.context.secrets.store('password', server.password);
    const three = await localFiles({ 'Song.mp3': bytes(1_400, 'three'), 'notes.txt': Buffer.from('x') });
    const asked = await host.executeCommand<VoJson>(COMMANDS.upload, {
      date: '2026-12-06',
      files: [three['Song.mp3'], three['notes.txt']],
      today: TODAY,
    });
    expect(asked).toMatchObject({ exitCode: 1, changed: ['Media/2026-12-06/Song.mp3'] });
    expect(asked.errors.map((e) => e.path)).toEqual(['notes.txt']);
    expect(host.window.messages).toContainEqual({
      level: 'warning',
      message: MESSAGES.en['organiser.exists.ask'].replace('{name}', 'Song.mp3'),
    });
    for (const m of [...host.window.messages.map((r) => r.message), ...asked.errors.map((e) => e.message)]) {
      expect(m).not.toMatch(/--[a-z]/);
    }
    expect(await fsp.readFile(onServer('Media/2026-12-06/Song.mp3'))).toEqual(bytes(1_400, 'three'));
    await disposeHosts();
  });
});

describe.skipIf(!process.env.CI && !serverAvailable('apache').ok)(
  'Digest only (Apache mod_auth_digest)',
  () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startApache({ root: await makeTempDir('cs-digest-root'), digest: true });
    });

    it('a wrong password is the 401 message; the right one works with one challenge per connection', async () => {
      const p = await newProfile('digest');
      const files = await localFiles({
        'a.png': bytes(500, 'a'),
        'b.png': bytes(600, 'b'),
        'c.png': bytes(700, 'c'),
      });
      const wrong = await vo(
        server,
        p,
        ['upload', '--date', DATE, files['a.png'] as string],
        'not-the-password',
      );
      expect(wrong.exitCode).toBe(2);
      expect(wrong.errors.map((e) => e.message)).toEqual([MESSAGES.en['error.auth']]);

      let challenges = await answeredWith(server, 401);
      const upload = await vo(server, p, ['upload', '--date', DATE, ...(Object.values(files) as string[])]);
      expect(upload).toMatchObject({ exitCode: 0, errors: [], sync: { exitCode: 0 } });
      // one for the organiser's connection and one for the sync's, however many requests each sent
      expect((await answeredWith(server, 401)) - challenges).toBe(2);

      challenges = await answeredWith(server, 401);
      const other = await newProfile('digest-2');
      const synced = await sync(server, other);
      expect(synced.stats.downloaded).toBe(3);
      expect(synced.stats.requests.GET).toBeGreaterThanOrEqual(3);
      expect((await answeredWith(server, 401)) - challenges).toBe(1);
    });
  },
);

describe.skipIf(!process.env.CI && !serverAvailable('apache').ok)('a Digest nonce that went stale', () => {
  it('is answered again, for a listing and for a streamed upload (retried once, sent whole)', async () => {
    const root = await makeTempDir('cs-stale-root');
    await fsp.mkdir(path.join(root, 'Congregation'));
    const server = await startApache({
      root,
      digest: true,
      nonceLifetime: 3,
    });
    const connection = new Connection({
      base: new URL(`${server.url}Congregation/`),
      username: server.username,
      password: server.password,
      timeoutMs: 10_000,
    });
    const folder = await CongregationFolder.open(connection, 'YYYY-MM-DD', 'en');
    // the start-up check's 401 is the server's, not ours
    const challenges = async () => (await answeredWith(server, 401)) - 1;
    try {
      expect(await folder.namesIn([])).toEqual([]);
      expect(await challenges()).toBe(1);
      // older than the nonce's lifetime: Apache answers stale=true, the Connection answers the new nonce
      await setTimeout(4_100);
      expect(await folder.exists(['Media'])).toBe(false);
      expect(await challenges()).toBe(2);

      const content = bytes(200_000, 'stale upload');
      const file = path.join(await makeTempDir('cs-stale-file'), 'Talk.mp4');
      await fsp.writeFile(file, content);
      await setTimeout(4_100);
      const entry = await withRetries(() =>
        folder.upload([], 'Talk.mp4', file, content.length, { overwrite: false }),
      );
      expect(entry.size).toBe(content.length);
      expect(await fsp.readFile(path.join(server.root as string, 'Congregation', 'Talk.mp4'))).toEqual(
        content,
      );
      expect(await challenges()).toBe(3);
    } finally {
      connection.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// A server that stores names differently: our own, which cuts names at '#' on PUT and MOVE.

function cutAtHash(rel: string[]): string {
  return rel.map((s) => s.split('#')[0]).join('/');
}

/** Writes for the quirk server (it speaks only PROPFIND and GET), storing every name cut at '#'. */
function cuttingWrites(dav: QuirkServer) {
  const relOf = (url: string) =>
    new URL(url, dav.origin).pathname
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
  return (req: http.IncomingMessage, res: http.ServerResponse, info: { rel: string[] | null }) => {
    const rel = info.rel;
    if (!rel) return false;
    const answer = (status: number) => {
      res.writeHead(status);
      res.end();
      return true;
    };
    switch (req.method) {
      case 'MKCOL':
        dav.mkdir(rel.join('/'));
        return answer(201);
      case 'PUT':
        dav.put(cutAtHash(rel), Buffer.alloc(Number(req.headers['content-length'] ?? 0)));
        return answer(201);
      case 'MOVE': {
        const from = dav.file(rel.join('/'));
        if (!from) return answer(404);
        dav.put(cutAtHash(relOf(String(req.headers.destination))), from.content);
        dav.remove(rel.join('/'));
        return answer(201);
      }
      case 'DELETE':
        dav.remove(rel.join('/'));
        return answer(204);
      default:
        return false;
    }
  };
}

describe('a server that stores names differently', () => {
  it('upload and hide report "stored it differently" with what the server listed; the rest is kept', async () => {
    const dav = await startQuirkServer();
    dav.mkdir('Halle Süd/Versammlung');
    dav.hooks.push(cuttingWrites(dav));
    const p = await newProfile('quirk');
    const files = await localFiles({ 'Lied #12.mp4': bytes(900, 'lied'), 'Plain.png': bytes(800, 'plain') });
    const result = await vo(dav, p, [
      'upload',
      '--date',
      DATE,
      files['Lied #12.mp4'],
      files['Plain.png'],
    ] as string[]);
    expect(result.exitCode).toBe(1);
    expect(result.changed).toEqual([`Media/${DATE}/Plain.png`]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.path).toBe(`Media/${DATE}/Lied #12.mp4`);
    expect(result.errors[0]?.message).toContain('Lied #12.mp4: The server stored it differently');
    expect(result.errors[0]?.message).toContain('"Lied "');
    // the quirk server keeps sizes, not contents
    expect(dav.file(`Halle Süd/Versammlung/Media/${DATE}/Plain.png`)?.content.length).toBe(800);
    expect(dav.file(`Halle Süd/Versammlung/Media/${DATE}/Lied `)).toBeDefined();

    const hide = await vo(dav, p, ['hide', '--date', DATE, 'A#1.png']);
    expect(hide.exitCode).toBe(1);
    expect(hide.errors[0]?.message).toContain('The server stored it differently (A#1.png is not listed');
  });
});
