/** The host's stores as a plugin sees them: configuration, host settings (with enforcement), the media list. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { MediaItem } from '../../contract/api.js';
import { ConfigurationError } from '../../host/configuration.js';
import { SettingsError } from '../../host/host-settings.js';
import { disposeHosts, newHost, openHost, PLUGIN_ID, REPO_ROOT, runCli } from '../support/host-harness.js';
import { cleanupTempDirs, makeTempDir } from '../support/servers.js';

const HTTPS_RULE_EN =
  'Use https://server/path/, without a user name or password in it (they go in their own fields). Plain http:// is accepted only for this computer (localhost, 127.0.0.1, ::1).';
const HTTPS_RULE_DE =
  'Bitte https://server/pfad/ verwenden, ohne Benutzername oder Passwort darin (dafür gibt es eigene Felder). http:// ist nur für diesen Computer erlaubt (localhost, 127.0.0.1, ::1).';

afterEach(async () => {
  await disposeHosts();
});

afterAll(async () => {
  await disposeHosts();
  await cleanupTempDirs();
});

const profile = () => makeTempDir('cs-host-config-profile');

describe('plugin configuration', () => {
  it('refuses a value of the wrong type, naming the key and the value', async () => {
    const { plugin } = await openHost({ profileDir: await profile() });
    const config = plugin.context.configuration;
    await expect(config.update('syncWindowWeeks', 'four')).rejects.toThrow(ConfigurationError);
    await expect(config.update('syncWindowWeeks', 'four')).rejects.toThrow(
      /^syncWindowWeeks: Enter a whole number from 1 to 26\. \(got "four"\)$/,
    );
    await expect(config.update('syncWindowWeeks', 2.5)).rejects.toThrow(/^syncWindowWeeks: .*\(got 2\.5\)$/);
    await expect(config.update('username', 42)).rejects.toThrow(/^username: Enter text\. \(got 42\)$/);
    expect(config.get('syncWindowWeeks')).toBe(4);
    expect(config.get('username')).toBe('');
  });

  it.each([
    [0, /^syncWindowWeeks: Enter a whole number from 1 to 26\. \(got 0\)$/],
    [99, /^syncWindowWeeks: Enter a whole number from 1 to 26\. \(got 99\)$/],
  ])('refuses syncWindowWeeks %s (out of 1..26)', async (value, message) => {
    const { plugin } = await openHost({ profileDir: await profile() });
    await expect(plugin.context.configuration.update('syncWindowWeeks', value)).rejects.toThrow(message);
    expect(plugin.context.configuration.get('syncWindowWeeks')).toBe(4);
  });

  it('accepts the range ends 1 and 26', async () => {
    const { plugin } = await openHost({ profileDir: await profile() });
    await plugin.context.configuration.update('syncWindowWeeks', 1);
    expect(plugin.context.configuration.get('syncWindowWeeks')).toBe(1);
    await plugin.context.configuration.update('syncWindowWeeks', 26);
    expect(plugin.context.configuration.get('syncWindowWeeks')).toBe(26);
  });

  it('refuses an unknown key and lists the known ones', async () => {
    const { plugin } = await openHost({ profileDir: await profile() });
    await expect(plugin.context.configuration.update('password', 'x')).rejects.toThrow(
      'unknown setting "password"; known: serverUrl, username, folder, syncWindowWeeks, concurrency, bwlimit, caFile, requestTimeoutSeconds',
    );
  });

  it('refuses http:// to another computer with the patternErrorMessage (HTTPS rule)', async () => {
    const { plugin } = await openHost({ profileDir: await profile() });
    const config = plugin.context.configuration;
    await expect(config.update('serverUrl', 'http://example.org/')).rejects.toThrow(
      `serverUrl: ${HTTPS_RULE_EN} (got "http://example.org/")`,
    );
    await expect(config.update('serverUrl', 'ftp://example.org/')).rejects.toThrow(HTTPS_RULE_EN);
    expect(config.get('serverUrl')).toBe('');
  });

  it('gives the German patternErrorMessage when the host speaks German', async () => {
    const { plugin } = await openHost({ profileDir: await profile(), language: 'de' });
    await expect(plugin.context.configuration.update('serverUrl', 'http://example.org/')).rejects.toThrow(
      HTTPS_RULE_DE,
    );
  });

  it('accepts loopback http:// and https://, fires onDidChange, and resets with undefined', async () => {
    const { plugin } = await openHost({ profileDir: await profile() });
    const config = plugin.context.configuration;
    const changed: boolean[] = [];
    const subscription = config.onDidChange((e) => changed.push(e.affects('serverUrl')));
    await config.update('serverUrl', 'http://127.0.0.1:8080/dav/');
    expect(config.get('serverUrl')).toBe('http://127.0.0.1:8080/dav/');
    await config.update('serverUrl', 'https://example.org/');
    expect(config.get('serverUrl')).toBe('https://example.org/');
    await config.update('username', 'anna');
    expect(changed).toEqual([true, true, false]);
    subscription.dispose();
    await config.update('serverUrl', undefined);
    expect(config.get('serverUrl')).toBe('');
    expect(changed).toHaveLength(3);
  });

  it('persists across a new host on the same profile (a refused value changes nothing)', async () => {
    const profileDir = await profile();
    const first = await openHost({ profileDir });
    await first.plugin.context.configuration.update('serverUrl', 'https://example.org/dav/');
    await first.plugin.context.configuration.update('syncWindowWeeks', 8);
    await expect(first.plugin.context.configuration.update('syncWindowWeeks', 99)).rejects.toThrow();
    await first.host.dispose();

    const stored = JSON.parse(
      await fsp.readFile(path.join(profileDir, 'config', `${PLUGIN_ID}.json`), 'utf8'),
    );
    expect(stored).toEqual({ serverUrl: 'https://example.org/dav/', syncWindowWeeks: 8 });

    const second = await openHost({ profileDir });
    expect(second.plugin.context.configuration.get('serverUrl')).toBe('https://example.org/dav/');
    expect(second.plugin.context.configuration.get('syncWindowWeeks')).toBe(8);
    expect(second.plugin.context.configuration.get('folder')).toBe('/');
  });
});

describe('configuration through the CLI', () => {
  it.each([['sync'], ['vo']])('%s --help prints the usage and exits 0', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`npm run --silent ${command} --`);
    expect(result.stdout).toContain('Exit codes: 0 done, 1 some items failed, 2 usage');
  });

  it('config set syncWindowWeeks abc exits 2 with the reason on stderr', async () => {
    const profileDir = await profile();
    const result = await runCli(['config', 'set', 'syncWindowWeeks', 'abc', '--profile', profileDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/✖ syncWindowWeeks: Enter a whole number from 1 to 26\. \(got "abc"\)/);
    expect(result.stdout).toBe('');
  });

  it('config set serverUrl http://example.org/ exits 2 with the HTTPS rule', async () => {
    const profileDir = await profile();
    const result = await runCli([
      'config',
      'set',
      'serverUrl',
      'http://example.org/',
      '--profile',
      profileDir,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(HTTPS_RULE_EN);
  });

  it('config set / get round trip, seen by an in-process host on the same profile', async () => {
    const profileDir = await profile();
    const set = async (key: string, value: string) => {
      const result = await runCli(['config', 'set', key, value, '--profile', profileDir]);
      expect(result, result.stderr).toMatchObject({ code: 0 });
    };
    await set('syncWindowWeeks', '8');
    await set('serverUrl', 'http://127.0.0.1:8080/dav/');
    await set('username', 'anna');

    const weeks = await runCli(['config', 'get', 'syncWindowWeeks', '--profile', profileDir]);
    expect(weeks).toMatchObject({ code: 0, stdout: '8\n' });
    const url = await runCli(['config', 'get', 'serverUrl', '--profile', profileDir]);
    expect(url).toMatchObject({ code: 0, stdout: '"http://127.0.0.1:8080/dav/"\n' });
    const unknown = await runCli(['config', 'get', 'password', '--profile', profileDir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown setting "password"');

    const list = await runCli(['config', 'list', '--json', '--profile', profileDir]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual({
      serverUrl: 'http://127.0.0.1:8080/dav/',
      username: 'anna',
      folder: '/',
      syncWindowWeeks: 8,
      concurrency: 6,
      bwlimit: '',
      caFile: '',
      requestTimeoutSeconds: 30,
      presenterFolder: '',
      autoSync: false,
      autoSyncIntervalSeconds: 600,
    });

    const { plugin } = await openHost({ profileDir });
    expect(plugin.context.configuration.get('syncWindowWeeks')).toBe(8);
    expect(plugin.context.configuration.get('username')).toBe('anna');

    const unset = await runCli(['config', 'unset', 'syncWindowWeeks', '--profile', profileDir]);
    expect(unset.code).toBe(0);
    const after = await runCli(['config', 'get', 'syncWindowWeeks', '--profile', profileDir]);
    expect(after.stdout).toBe('4\n');
  });

  it('a missing plugin bundle folder is an error, not a crash', async () => {
    const profileDir = await profile();
    const empty = await makeTempDir('cs-host-config-noplugin');
    const result = await runCli(['config', 'get', 'serverUrl', '--profile', profileDir, '--plugin', empty]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('manifest.json');
    expect(result.stderr).toContain('the plugin is not enabled');
  });
});

describe('host settings and enforcement', () => {
  it('enforce locks a key; set of it throws "enforced"; lockedBy names the plugin; enforcing {} lifts it', async () => {
    const { host, plugin } = await openHost({ profileDir: await profile() });
    const settings = host.settings;
    const hostSettings = plugin.context.hostSettings;
    settings.set('media.lang', 'S');
    expect(hostSettings.get('media.lang')).toBe('S');

    let changes = 0;
    const subscription = hostSettings.onDidChange(() => changes++);
    await hostSettings.enforce({ 'media.lang': 'X', 'meeting.mwDay': 3 });
    expect(changes).toBe(1);
    // The same set again (as every sync enforces it) is no change: no event, the file not written.
    const file = path.join(host.options.profileDir, 'settings.json');
    const written = await fsp.stat(file);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await hostSettings.enforce({ 'media.lang': 'X', 'meeting.mwDay': 3 });
    expect(changes).toBe(1);
    expect((await fsp.stat(file)).mtimeMs).toBe(written.mtimeMs);
    expect(hostSettings.get('media.lang')).toBe('X');
    expect(settings.get('meeting.mwDay')).toBe(3);
    expect(hostSettings.enforced()).toEqual({ 'media.lang': 'X', 'meeting.mwDay': 3 });
    expect(settings.lockedBy('media.lang')).toBe(PLUGIN_ID);
    expect(settings.lockedBy('media.maxRes')).toBeUndefined();
    expect(() => settings.set('media.lang', 'E')).toThrow(SettingsError);
    expect(() => settings.set('media.lang', 'E')).toThrow(
      `media.lang is enforced by your congregation (${PLUGIN_ID}) and cannot be changed here`,
    );
    // Other keys stay the user's.
    settings.set('media.maxRes', '480p');
    expect(settings.get('media.maxRes')).toBe('480p');

    // Replacing the set unlocks what is no longer named.
    await hostSettings.enforce({ 'meeting.mwDay': 4 });
    expect(settings.lockedBy('media.lang')).toBeUndefined();
    expect(settings.get('media.lang')).toBe('S');
    expect(settings.get('meeting.mwDay')).toBe(4);

    await hostSettings.enforce({});
    expect(hostSettings.enforced()).toEqual({});
    expect(settings.lockedBy('meeting.mwDay')).toBeUndefined();
    expect(settings.get('meeting.mwDay')).toBe(2);
    settings.set('media.lang', 'E');
    expect(settings.get('media.lang')).toBe('E');
    subscription.dispose();
  });

  it('refuses to enforce a non-enforceable, unknown or invalid key and changes nothing', async () => {
    const { host, plugin } = await openHost({ profileDir: await profile() });
    const hostSettings = plugin.context.hostSettings;
    await hostSettings.enforce({ 'media.lang': 'X' });
    await expect(hostSettings.enforce({ 'media.lang': 'S', 'app.theme': 'dark' })).rejects.toThrow(
      'app.theme cannot be enforced',
    );
    await expect(hostSettings.enforce({ 'no.such.key': 1 })).rejects.toThrow('unknown setting "no.such.key"');
    await expect(hostSettings.enforce({ 'meeting.mwDay': 9 })).rejects.toThrow(/^meeting\.mwDay: /);
    await expect(hostSettings.enforce({ 'media.lang': 'lower' })).rejects.toThrow(/^media\.lang: /);
    expect(hostSettings.enforced()).toEqual({ 'media.lang': 'X' });
    expect(host.settings.get('app.theme')).toBe('system');
    // The user may still set a non-enforceable key.
    host.settings.set('app.theme', 'dark');
    expect(host.settings.get('app.theme')).toBe('dark');
  });

  it('keeps enforcement over a restart, and lifts it when the plugin is disabled', async () => {
    const profileDir = await profile();
    const first = await openHost({ profileDir });
    await first.plugin.context.hostSettings.enforce({ 'media.maxRes': '360p' });
    await first.host.dispose(); // a shutdown keeps what was enforced

    const second = await openHost({ profileDir });
    expect(second.host.settings.lockedBy('media.maxRes')).toBe(PLUGIN_ID);
    expect(second.host.settings.get('media.maxRes')).toBe('360p');
    await second.host.deactivate(PLUGIN_ID); // disabling lifts it
    expect(second.host.settings.lockedBy('media.maxRes')).toBeUndefined();
    expect(second.host.settings.get('media.maxRes')).toBe('720p');
  });

  it('the CLI shows the lock and refuses settings set of a locked key', async () => {
    const profileDir = await profile();
    const { host, plugin } = await openHost({ profileDir });
    await plugin.context.hostSettings.enforce({ 'meeting.musicVolume': 40 });
    await host.dispose();
    const list = await runCli(['settings', 'list', '--profile', profileDir]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('meeting.musicVolume = 40  (enforced by your congregation)');
    expect(list.stdout).toContain('meeting.weDay = 6\n');
    const set = await runCli(['settings', 'set', 'meeting.musicVolume', '90', '--profile', profileDir]);
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('meeting.musicVolume is enforced by your congregation');
    const ok = await runCli(['settings', 'set', 'meeting.weDay', '5', '--profile', profileDir]);
    expect(ok, ok.stderr).toMatchObject({ code: 0 });
    const json = await runCli(['settings', 'list', '--json', '--profile', profileDir]);
    const rows = JSON.parse(json.stdout) as Array<{ key: string; value: unknown; locked: boolean }>;
    expect(rows.find((r) => r.key === 'meeting.weDay')).toEqual({
      key: 'meeting.weDay',
      value: 5,
      locked: false,
    });
    expect(rows.find((r) => r.key === 'meeting.musicVolume')).toEqual({
      key: 'meeting.musicVolume',
      value: 40,
      locked: true,
    });
  });
});

describe('the CLI and a reader that stops early', () => {
  it('ends quietly when stdout is closed: no stack trace, exit 0', async () => {
    const profileDir = await profile();
    const mediaFolder = await makeTempDir('cs-host-config-media');
    // Enough local items that the JSON list is larger than a pipe holds.
    await fsp.mkdir(path.join(mediaFolder, '2026-12-02'));
    for (let i = 0; i < 2000; i++)
      await fsp.writeFile(path.join(mediaFolder, '2026-12-02', `${i} - a long name.jpg`), '');
    const child = spawn(
      process.execPath,
      ['bin/host.cjs', 'media', 'list', '--json', '--profile', profileDir, '--media-dir', mediaFolder],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const [code] = await once(child, 'exit');
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  });
});

describe('media list', () => {
  const item = (date: string, name: string, extra: Partial<MediaItem> = {}): Omit<MediaItem, 'owner'> => ({
    date,
    name,
    source: 'congregation',
    hidden: false,
    recurring: false,
    file: null,
    ...extra,
  });

  it('upsert, setHidden and remove are applied, persisted and announced', async () => {
    const profileDir = await profile();
    const mediaFolder = await makeTempDir('cs-host-config-media');
    const { plugin } = await openHost({ profileDir, mediaFolder });
    const media = plugin.context.media;
    expect(media.mediaFolder).toBe(mediaFolder);
    let changes = 0;
    media.onDidChange(() => changes++);

    await media.apply([
      { op: 'upsert', item: item('2026-12-03', '10 Song.mp4') },
      { op: 'upsert', item: item('2026-12-03', '2 Map.jpg', { recurring: true }) },
      { op: 'upsert', item: item('2026-12-01', 'Intro.jpg') },
    ]);
    expect(changes).toBe(1);
    // Ordered by date, then name with numbers compared as numbers.
    expect(media.items().map((i) => `${i.date}/${i.name}`)).toEqual([
      '2026-12-01/Intro.jpg',
      '2026-12-03/2 Map.jpg',
      '2026-12-03/10 Song.mp4',
    ]);
    expect(media.items('2026-12-03').map((i) => i.owner)).toEqual([PLUGIN_ID, PLUGIN_ID]);

    await media.apply([{ op: 'setHidden', date: '2026-12-03', name: '2 Map.jpg', hidden: true }]);
    await media.apply([{ op: 'remove', date: '2026-12-01', name: 'Intro.jpg' }]);
    expect(changes).toBe(3);

    const expected = [
      { ...item('2026-12-03', '2 Map.jpg', { recurring: true, hidden: true }), owner: PLUGIN_ID },
      { ...item('2026-12-03', '10 Song.mp4'), owner: PLUGIN_ID },
    ];
    expect(media.items()).toEqual(expected);

    const again = newHost({ profileDir, mediaFolder });
    expect(again.media.items()).toEqual(expected);
  });

  it('a file dropped into <mediaFolder>/2026-12-02/ appears as a local item', async () => {
    const profileDir = await profile();
    const mediaFolder = await makeTempDir('cs-host-config-media');
    const { host, plugin } = await openHost({ profileDir, mediaFolder });
    await fsp.mkdir(path.join(mediaFolder, '2026-12-02'));
    await fsp.writeFile(path.join(mediaFolder, '2026-12-02', 'x.jpg'), 'jpeg');
    await fsp.writeFile(path.join(mediaFolder, '2026-12-02', '.hidden-file'), 'dot files are not media');
    await fsp.mkdir(path.join(mediaFolder, 'not a date'));
    await fsp.writeFile(path.join(mediaFolder, 'not a date', 'y.jpg'), 'ignored');
    const local = {
      date: '2026-12-02',
      name: 'x.jpg',
      source: 'local',
      hidden: false,
      recurring: false,
      file: path.join(mediaFolder, '2026-12-02', 'x.jpg'),
    };
    expect(plugin.context.media.items()).toEqual([local]);
    expect(host.media.items('2026-12-02')).toEqual([local]);
    expect(host.media.items('2026-12-03')).toEqual([]);

    // Hiding a local item keeps it hidden (it is persisted now).
    await plugin.context.media.apply([{ op: 'setHidden', date: '2026-12-02', name: 'x.jpg', hidden: true }]);
    expect(newHost({ profileDir, mediaFolder }).media.items()).toEqual([{ ...local, hidden: true }]);

    // The CLI lists it too.
    const cli = await runCli([
      'media',
      'list',
      '--json',
      '--profile',
      profileDir,
      '--media-dir',
      mediaFolder,
    ]);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual([{ ...local, hidden: true }]);
  });

  it('a plugin cannot remove or overwrite a jw item (nor another plugin’s), but the host can', async () => {
    const profileDir = await profile();
    const mediaFolder = await makeTempDir('cs-host-config-media');
    const { host, plugin } = await openHost({ profileDir, mediaFolder });
    await host.media.apply([{ op: 'upsert', item: item('2026-12-03', 'jw.mp4', { source: 'jw' }) }]);
    await host.media.apply([{ op: 'upsert', item: item('2026-12-03', 'theirs.jpg') }], 'another-plugin');
    const before = host.media.items();
    const media = plugin.context.media;

    await expect(media.apply([{ op: 'remove', date: '2026-12-03', name: 'jw.mp4' }])).rejects.toThrow(
      `2026-12-03/jw.mp4 belongs to jw, not ${PLUGIN_ID}`,
    );
    await expect(media.apply([{ op: 'upsert', item: item('2026-12-03', 'jw.mp4') }])).rejects.toThrow(
      /belongs to jw/,
    );
    await expect(
      media.apply([{ op: 'upsert', item: item('2026-12-04', 'fake.mp4', { source: 'jw' }) }]),
    ).rejects.toThrow(`${PLUGIN_ID} may add only congregation items, not jw`);
    await expect(media.apply([{ op: 'remove', date: '2026-12-03', name: 'theirs.jpg' }])).rejects.toThrow(
      `2026-12-03/theirs.jpg belongs to another-plugin, not ${PLUGIN_ID}`,
    );
    // A batch with one refused edit changes nothing at all.
    await expect(
      media.apply([
        { op: 'upsert', item: item('2026-12-03', 'mine.jpg') },
        { op: 'remove', date: '2026-12-03', name: 'jw.mp4' },
      ]),
    ).rejects.toThrow(/belongs to jw/);
    expect(host.media.items()).toEqual(before);

    await host.media.apply([{ op: 'remove', date: '2026-12-03', name: 'jw.mp4' }]);
    expect(host.media.items().map((i) => i.name)).toEqual(['theirs.jpg']);
  });

  it('media add through the CLI adds a jw item the plugin then cannot remove', async () => {
    const profileDir = await profile();
    const mediaFolder = await makeTempDir('cs-host-config-media');
    const add = await runCli([
      'media',
      'add',
      '--date',
      '2026-12-05',
      '--name',
      'talk.mp4',
      '--profile',
      profileDir,
      '--media-dir',
      mediaFolder,
    ]);
    expect(add, add.stderr).toMatchObject({ code: 0 });
    const list = await runCli(['media', 'list', '--profile', profileDir, '--media-dir', mediaFolder]);
    expect(list.stdout).toBe('2026-12-05  talk.mp4  [jw]\n');
    const { plugin } = await openHost({ profileDir, mediaFolder });
    await expect(
      plugin.context.media.apply([{ op: 'remove', date: '2026-12-05', name: 'talk.mp4' }]),
    ).rejects.toThrow('belongs to jw');
  });
});
