/**
 * `service install | uninstall | status [--print]` in a temporary home, for Linux, macOS and Windows (the platform
 * forced through CONGSYNC_SERVICE_PLATFORM, so only files are written and no service manager is called): the unit,
 * the LaunchAgent and the Startup-folder script written with this installation's command and removed exactly, the
 * folders install created with them; the unit checked by systemd-analyze where it exists.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/host-harness.js';
import { cleanupTempDirs, makeTempDir } from '../support/servers.js';
import { allPaths } from '../support/sync-harness.js';

afterAll(cleanupTempDirs);

const SCRIPT = path.join(REPO_ROOT, 'bin', 'host.cjs');

const PLATFORMS = [
  {
    platform: 'linux',
    file: (mark: string) => `config/systemd/user/congregation-sync-watch${mark}.service`,
    command: (profile: string, media: string) =>
      `ExecStart=${process.execPath} ${SCRIPT} watch --profile ${profile} --media-dir "${media}" --interval 300\n`,
    toEnable: (mark: string) =>
      `systemctl --user daemon-reload && systemctl --user enable --now congregation-sync-watch${mark}.service`,
  },
  {
    platform: 'darwin',
    file: (mark: string) =>
      `home/Library/LaunchAgents/org.congregation-sync.watch${mark && `.${mark.slice(1)}`}.plist`,
    command: (profile: string, media: string) =>
      `<string>${SCRIPT}</string>\n    <string>watch</string>\n    <string>--profile</string>\n    <string>${profile}</string>\n    <string>--media-dir</string>\n    <string>${media}</string>`,
    toEnable: () => 'launchctl load -w',
  },
  {
    platform: 'win32',
    file: (mark: string) =>
      `home/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/congregation-sync-watch${mark}.cmd`,
    command: (profile: string, media: string) =>
      `/min ${process.execPath} ${SCRIPT} watch --profile ${profile} --media-dir "${media}" --interval 300\r\n`,
    toEnable: null,
  },
] as const;

/** The mark of a profile's entry names: `-` and a digest of its path (none for the standard profile). */
const markOf = (profile: string) => `-${createHash('sha256').update(profile).digest('hex').slice(0, 8)}`;

/**
 * A temporary home (and XDG_CONFIG_HOME), a profile, a media folder with a space in its name. `standard`: the
 * profile is the platform's standard one of that home (Linux's `XDG_CONFIG_HOME/congregation-sync-host`).
 */
async function setUp(platform: string, standard = false) {
  const root = await makeTempDir(`cs-service-${platform}`);
  const profile = standard ? path.join(root, 'config', 'congregation-sync-host') : path.join(root, 'profile');
  const media = path.join(root, 'media folder');
  const env = {
    HOME: path.join(root, 'home'),
    USERPROFILE: path.join(root, 'home'),
    XDG_CONFIG_HOME: path.join(root, 'config'),
    APPDATA: '',
    CONGSYNC_SERVICE_PLATFORM: platform,
  };
  const cli = (...args: string[]) => runCli(['service', ...args, '--profile', profile, '--lang', 'en'], env);
  return { root, profile, media, cli };
}

/** Everything under the temporary root but the profile (what install wrote into the home). */
const written = async (root: string) =>
  (await allPaths(root)).filter(
    (p) => !p.startsWith('profile') && !p.startsWith('config/congregation-sync-host'),
  );

describe.each(PLATFORMS)('service on $platform', ({ platform, file: fileOf, command, toEnable }) => {
  it('install writes exactly the entry, status finds it, uninstall removes exactly what install wrote', async () => {
    const { root, profile, media, cli } = await setUp(platform);
    const file = fileOf(markOf(profile));
    const installed = await cli('install', '--media-dir', media, '--interval', '300');
    expect(installed.code, installed.stderr).toBe(0);
    const full = path.join(root, ...file.split('/'));
    expect(installed.stdout).toContain(`Wrote ${full}`);
    if (toEnable) expect(installed.stdout).toContain(toEnable(markOf(profile)));
    else expect(installed.stdout).toContain('It starts at your next login.');
    const parts = file.split('/');
    expect(await written(root)).toEqual(parts.map((_, i) => parts.slice(0, i + 1).join('/')).sort());
    expect(await fsp.readFile(full, 'utf8')).toContain(command(profile, media));

    const state = await cli('status', '--json');
    expect(JSON.parse(state.stdout)).toMatchObject({ installed: true, files: [full], running: null });
    const status = await runCli(['status', '--json', '--profile', profile]);
    expect(JSON.parse(status.stdout).service).toMatchObject({ installed: true, files: [full] });

    // installed again: the same file, nothing more
    expect((await cli('install', '--media-dir', media, '--interval', '300')).code).toBe(0);
    expect(await written(root)).toHaveLength(parts.length);

    const removed = await cli('uninstall');
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain(`Removed ${full}`);
    expect(await written(root)).toEqual([]);
    expect(await allPaths(profile)).not.toContain('service.json');
    expect(JSON.parse((await cli('status', '--json')).stdout)).toMatchObject({ installed: false, files: [] });
    expect((await cli('uninstall')).stdout).toContain('Not installed for this profile');
  });

  it('--print shows what would be written and writes nothing', async () => {
    const { root, profile, media, cli } = await setUp(platform);
    const file = fileOf(markOf(profile));
    const printed = await cli('install', '--print', '--media-dir', media, '--interval', '300');
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toContain(`Would write ${path.join(root, ...file.split('/'))}:`);
    expect(printed.stdout).toContain(command(profile, media));
    expect(await allPaths(root)).toEqual([]);
  });
});

describe('service', () => {
  it('gives each profile an entry of its own: the standard profile the plain names, another its marked ones', async () => {
    const standard = await setUp('linux', true);
    expect((await standard.cli('install')).code).toBe(0);
    const plain = path.join(standard.root, ...PLATFORMS[0].file('').split('/'));
    const other = path.join(standard.root, 'profile');
    const otherCli = (...args: string[]) =>
      runCli(['service', ...args, '--profile', other, '--lang', 'en'], {
        HOME: path.join(standard.root, 'home'),
        XDG_CONFIG_HOME: path.join(standard.root, 'config'),
        CONGSYNC_SERVICE_PLATFORM: 'linux',
      });
    expect((await otherCli('install')).code).toBe(0);
    const marked = path.join(standard.root, ...PLATFORMS[0].file(markOf(other)).split('/'));
    expect(await fsp.readFile(plain, 'utf8')).toContain(`--profile ${standard.profile}`);
    expect(await fsp.readFile(marked, 'utf8')).toContain(`--profile ${other}`);
    // removing one leaves the other as it was
    expect((await otherCli('uninstall')).stdout).toContain(`Removed ${marked}`);
    expect(JSON.parse((await standard.cli('status', '--json')).stdout)).toMatchObject({
      installed: true,
      files: [plain],
    });
    expect((await standard.cli('uninstall')).code).toBe(0);
    // what is left is the standard profile's own folder
    expect(await written(standard.root)).toEqual(['config']);
  });

  it('writes a unit systemd-analyze verifies', async (context) => {
    const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    if (analyze.error) context.skip('systemd-analyze is not installed here: the unit is not verified');
    const { root, profile, media, cli } = await setUp('linux');
    await fsp.mkdir(media);
    expect((await cli('install', '--media-dir', media)).code).toBe(0);
    const unit = path.join(root, ...PLATFORMS[0].file(markOf(profile)).split('/'));
    const verified = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stderr).not.toMatch(/congregation-sync-watch/);
  });

  it('refuses an unknown action and a bad interval, naming the actions', async () => {
    const { cli } = await setUp('linux');
    const unknown = await cli('start');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('install, uninstall or status');
    expect((await cli('install', '--interval', '0')).code).toBe(2);
  });
});
