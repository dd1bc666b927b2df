/** `npm run package` and the host's plugins.json: install an artifact, list, disable, enable; unsafe artifacts. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArtifact } from '../../host/plugins.js';
import { PLUGIN_ID, REPO_ROOT, runCli } from '../support/host-harness.js';
import { cleanupTempDirs, makeTempDir } from '../support/servers.js';

let artifact: string;

/** A minimal ustar archive; `type` '0' file, '2' symlink (to `link`). */
function tgz(entries: Array<{ name: string; data?: string; type?: string; link?: string }>): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '');
    const header = Buffer.alloc(512);
    header.write(entry.name, 0, 100);
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148);
    header.write(entry.type ?? '0', 156);
    if (entry.link) header.write(entry.link, 157, 100);
    header.write('ustar\0', 257);
    header.write('00', 263);
    const sum = header.reduce((a, b) => a + b, 0);
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

const goodManifest = (id = 'tiny') =>
  JSON.stringify({
    id,
    name: 'Tiny',
    version: '0.1.0',
    publisher: 'tests',
    main: 'plugin.cjs',
    engines: { presenter: '^1.0.0' },
    contributes: { commands: [{ command: `${id}.hello`, title: 'Hello' }] },
  });

beforeAll(async () => {
  const out = await makeTempDir('cs-package-out');
  const { stdout } = await promisify(execFile)(process.execPath, ['scripts/package.mjs', '--out', out], {
    cwd: REPO_ROOT,
  });
  artifact = stdout.trim();
});

afterAll(async () => {
  await cleanupTempDirs();
});

describe('npm run package', () => {
  it('makes a .tgz with exactly the manifest, its localisations and the production bundle', async () => {
    expect(path.basename(artifact)).toMatch(/^congregation-sync-\d+\.\d+\.\d+\.tgz$/);
    const entries = readArtifact(artifact);
    expect(entries.map((e) => e.name).sort()).toEqual([
      'dist/package.json',
      'dist/plugin.js',
      'manifest.json',
      'manifest.nls.de.json',
      'manifest.nls.json',
    ]);
    const bundle = entries.find((e) => e.name === 'dist/plugin.js')?.data.toString('utf8') ?? '';
    expect(bundle).not.toContain('sourceMappingURL');
    // minified: well below the development bundle that the tests' global setup builds (not minified, mapped)
    const development = await fsp.readFile(path.join(REPO_ROOT, 'dist', 'plugin.js'), 'utf8');
    expect(development).toContain('sourceMappingURL');
    expect(bundle.length).toBeLessThan(development.length * 0.7);
    expect(entries.find((e) => e.name === 'manifest.json')?.data.toString()).toBe(
      await fsp.readFile(path.join(REPO_ROOT, 'manifest.json'), 'utf8'),
    );
  });
});

describe('host plugins', () => {
  it('installs the artifact into the profile, loads it from there, disables and enables it', async () => {
    const profile = await makeTempDir('cs-plugins-profile');
    const before = await runCli(['plugins', 'list', '--json', '--profile', profile]);
    expect(JSON.parse(before.stdout)).toEqual([
      expect.objectContaining({ id: PLUGIN_ID, enabled: true, folder: REPO_ROOT }),
    ]);

    const installed = await runCli(['plugins', 'install', artifact, '--profile', profile]);
    expect(installed.code, installed.stderr).toBe(0);
    const folder = path.join(profile, 'plugins', PLUGIN_ID);
    expect(installed.stderr).toContain(`Installed ${PLUGIN_ID} `);
    const list = JSON.parse((await runCli(['plugins', 'list', '--json', '--profile', profile])).stdout);
    expect(list).toEqual([
      expect.objectContaining({ id: PLUGIN_ID, enabled: true, folder, version: '1.0.0' }),
    ]);
    expect(existsSync(path.join(folder, 'dist', 'plugin.js'))).toBe(true);

    const commands = await runCli(['commands', '--profile', profile]);
    expect(commands.stdout).toContain('congregation-sync.sync\tSync congregation');

    expect((await runCli(['plugins', 'disable', PLUGIN_ID, '--profile', profile])).code).toBe(0);
    const listed = await runCli(['plugins', 'list', '--profile', profile]);
    expect(listed.stdout).toMatch(new RegExp(`^${PLUGIN_ID}\\t1\\.0\\.0\\tdisabled\\t`, 'm'));
    expect((await runCli(['commands', '--profile', profile])).stdout).toBe('');
    const run = await runCli(['run', 'congregation-sync.sync', '--profile', profile]);
    expect(run.code).toBe(2);

    expect((await runCli(['plugins', 'enable', PLUGIN_ID, '--profile', profile])).code).toBe(0);
    expect((await runCli(['commands', '--profile', profile])).stdout).toContain('congregation-sync.sync');
    const german = await runCli(['plugins', 'list', '--profile', profile, '--lang', 'de']);
    expect(german.stdout).toMatch(/\taktiviert\tVersammlungs-Synchronisation\t/);

    const unknown = await runCli(['plugins', 'disable', 'nobody', '--profile', profile]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no plugin "nobody" is installed');
  });

  const refused: Array<{ name: string; entries: Parameters<typeof tgz>[0]; error: RegExp }> = [
    {
      name: 'a path with ..',
      entries: [
        { name: 'manifest.json', data: goodManifest() },
        { name: 'plugin.cjs', data: '' },
        { name: '../escaped.txt', data: 'x' },
      ],
      error: /"\.\." is not allowed/,
    },
    {
      name: 'an absolute path',
      entries: [{ name: '/tmp/absolute.txt', data: 'x' }],
      error: /an absolute path is not allowed/,
    },
    {
      name: 'a symbolic link',
      entries: [{ name: 'link', type: '2', link: '/etc/passwd' }],
      error: /only files and folders are allowed/,
    },
    {
      name: 'an invalid manifest',
      entries: [
        { name: 'manifest.json', data: JSON.stringify({ id: 'Bad Id', name: 'x' }) },
        { name: 'plugin.cjs', data: '' },
      ],
      error: /is not a valid plugin/,
    },
    {
      name: 'a missing bundle',
      entries: [{ name: 'manifest.json', data: goodManifest() }],
      error: /lacks its bundle plugin\.cjs/,
    },
  ];

  for (const { name, entries, error } of refused) {
    it(`refuses an artifact with ${name} and writes nothing`, async () => {
      const profile = await makeTempDir('cs-plugins-evil');
      const file = path.join(profile, 'evil.tgz');
      await fsp.writeFile(file, tgz(entries));
      const result = await runCli(['plugins', 'install', file, '--profile', profile]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(error);
      expect(existsSync(path.join(profile, 'escaped.txt'))).toBe(false);
      expect(existsSync(path.join(profile, 'plugins.json'))).toBe(false);
      const left = existsSync(path.join(profile, 'plugins'))
        ? await fsp.readdir(path.join(profile, 'plugins'))
        : [];
      expect(left).toEqual([]);
    });
  }

  it('installs a valid small plugin next to the default one', async () => {
    const profile = await makeTempDir('cs-plugins-tiny');
    const file = path.join(profile, 'tiny.tgz');
    const bundle =
      "exports.activate = (ctx) => { ctx.subscriptions.push(ctx.commands.registerCommand('tiny.hello', () => 'hi')); };";
    await fsp.writeFile(
      file,
      tgz([
        { name: 'manifest.json', data: goodManifest() },
        { name: 'plugin.cjs', data: bundle },
      ]),
    );
    expect((await runCli(['plugins', 'install', file, '--profile', profile])).code).toBe(0);
    const ids = JSON.parse((await runCli(['plugins', 'list', '--json', '--profile', profile])).stdout).map(
      (p: { id: string }) => p.id,
    );
    expect(ids).toEqual([PLUGIN_ID, 'tiny']);
    const commands = (await runCli(['commands', '--profile', profile])).stdout;
    expect(commands).toContain('tiny.hello');
  });
});
