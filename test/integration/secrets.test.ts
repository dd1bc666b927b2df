/** The password lives in secrets.json (0600) only: never in other profile files, logs or any CLI output. */
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands.js';
import {
  type CliResult,
  disposeHosts,
  listFilesRecursive,
  openHost,
  PLUGIN_ID,
  runCli,
} from '../support/host-harness.js';
import {
  cleanupTempDirs,
  makeTempDir,
  startWebdavServer,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';

const USERNAME = 'vo';
/** Has characters that URL- and base64-encode differently, so each redacted form is exercised. */
const PASSWORD = `Pw ${crypto.randomBytes(8).toString('hex')}+/&ä`;
/** The forms in which the password could leak. */
const LEAK_FORMS = [
  PASSWORD,
  encodeURIComponent(PASSWORD),
  Buffer.from(PASSWORD).toString('base64'),
  Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64'),
];

let profileDir: string;
let good: TestServer;
let other: TestServer;
const outputs: Array<{ args: string[]; result: CliResult }> = [];

async function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const result = await runCli([...args, '--profile', profileDir], env);
  outputs.push({ args, result });
  return result;
}

function leaksIn(text: string): string[] {
  return LEAK_FORMS.filter((form) => text.includes(form));
}

/** Files of the profile (all but secrets.json) that hold the password in any form. */
async function leakingProfileFiles(): Promise<string[]> {
  const files = await listFilesRecursive(profileDir);
  const leaking: string[] = [];
  for (const file of files) {
    if (path.basename(file) === 'secrets.json' && path.dirname(file) === profileDir) continue;
    const text = (await fsp.readFile(file)).toString('utf8');
    if (leaksIn(text).length > 0) leaking.push(path.relative(profileDir, file));
  }
  return leaking;
}

beforeAll(async () => {
  profileDir = await makeTempDir('cs-secrets-profile');
  const goodRoot = await makeTempDir('cs-secrets-good');
  const otherRoot = await makeTempDir('cs-secrets-other');
  await fsp.mkdir(path.join(goodRoot, 'Congregation'));
  await fsp.mkdir(path.join(otherRoot, 'Congregation'));
  good = await startWebdavServer({ root: goodRoot, username: USERNAME, password: PASSWORD });
  other = await startWebdavServer({ root: otherRoot, username: USERNAME }); // another (random) password
  expect(other.password).not.toBe(PASSWORD);
});

afterAll(async () => {
  await disposeHosts();
  await stopAllServers();
  await cleanupTempDirs();
});

describe('secrets through the CLI', () => {
  it('stores the password from an environment variable into secrets.json with mode 0600', async () => {
    for (const [key, value] of [
      ['serverUrl', other.url],
      ['username', USERNAME],
      ['folder', '/Congregation'],
    ] as const) {
      const set = await cli(['config', 'set', key, value]);
      expect(set, set.stderr).toMatchObject({ code: 0 });
    }
    const stored = await cli(['secret', 'set', 'password', '--from-env', 'MYPW'], { MYPW: PASSWORD });
    expect(stored, stored.stderr).toMatchObject({ code: 0, stdout: '' });
    expect(stored.stderr).toBe('Secret "password" stored.\n');

    const file = path.join(profileDir, 'secrets.json');
    const stat = await fsp.stat(file);
    expect((stat.mode & 0o777).toString(8)).toBe('600');
    expect(JSON.parse(await fsp.readFile(file, 'utf8'))).toEqual({ [`${PLUGIN_ID}/password`]: PASSWORD });

    const list = await cli(['secret', 'list']);
    expect(list).toMatchObject({ code: 0, stdout: `${PLUGIN_ID}/password\n` });
  });

  it('refuses an empty or unset environment variable', async () => {
    const unset = await cli(['secret', 'set', 'password', '--from-env', 'CS_TEST_NOT_SET']);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('the environment variable CS_TEST_NOT_SET is empty or not set');
  });

  it('refuses the value as a command line argument (usage), without echoing or storing it', async () => {
    const attempt = `argv-${crypto.randomBytes(6).toString('hex')}`;
    const result = await cli(['secret', 'set', 'password', attempt]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('never put a secret on the command line');
    expect(result.stderr).toContain('Usage:');
    expect(`${result.stdout}${result.stderr}`).not.toContain(attempt);
    const secrets = JSON.parse(await fsp.readFile(path.join(profileDir, 'secrets.json'), 'utf8'));
    expect(secrets).toEqual({ [`${PLUGIN_ID}/password`]: PASSWORD });
  });

  it('run testConnection fails with 401 against a server with another password (exit 2)', async () => {
    const result = await cli(['run', COMMANDS.testConnection, '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, kind: 'auth' });
    expect(result.stderr).toContain('HTTP 401');
  });

  it('run testConnection succeeds against the server with this password (exit 0)', async () => {
    const set = await cli(['config', 'set', 'serverUrl', good.url]);
    expect(set.code).toBe(0);
    const result = await cli(['run', COMMANDS.testConnection, '--json']);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true });
    expect(result.stderr).toContain('Connection OK');
    const plain = await cli(['run', COMMANDS.testConnection]);
    expect(plain.code).toBe(0);
  });

  it('the password is in no other file of the profile', async () => {
    const files = (await listFilesRecursive(profileDir)).map((f) => path.relative(profileDir, f)).sort();
    // The profile was really used: config, log and secrets are there.
    expect(files).toEqual(
      expect.arrayContaining([`config/${PLUGIN_ID}.json`, 'logs/host.log', 'secrets.json']),
    );
    const log = await fsp.readFile(path.join(profileDir, 'logs', 'host.log'), 'utf8');
    expect(log).toContain('test connection failed: auth');
    expect(await leakingProfileFiles()).toEqual([]);
  });

  it('the password is in none of the CLI outputs', () => {
    expect(outputs.length).toBeGreaterThanOrEqual(9);
    const leaking = outputs
      .filter(({ result }) => leaksIn(`${result.stdout}\n${result.stderr}`).length > 0)
      .map(({ args }) => args.join(' '));
    expect(leaking).toEqual([]);
  });

  it('a password given for one run in CONGSYNC_PASSWORD is used but never written', async () => {
    const transientProfile = await makeTempDir('cs-secrets-transient');
    const args = (extra: string[]) => [...extra, '--profile', transientProfile];
    for (const [key, value] of [
      ['serverUrl', good.url],
      ['username', USERNAME],
      ['folder', '/Congregation'],
    ] as const)
      expect((await runCli(args(['config', 'set', key, value]))).code).toBe(0);
    const result = await runCli(args(['run', COMMANDS.testConnection]), { CONGSYNC_PASSWORD: PASSWORD });
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(leaksIn(`${result.stdout}${result.stderr}`)).toEqual([]);
    const files = await listFilesRecursive(transientProfile);
    expect(files.map((f) => path.basename(f))).not.toContain('secrets.json');
    for (const file of files) expect(leaksIn(await fsp.readFile(file, 'utf8')), file).toEqual([]);
  });
});

describe('redaction', () => {
  it('host.log.write redacts the stored password (plain, URL-encoded and base64) as ***', async () => {
    const { host } = await openHost({ profileDir });
    host.log.write('info', 'x', `the password is ${PASSWORD}`);
    host.log.write(
      'info',
      'x',
      `encoded ${encodeURIComponent(PASSWORD)} and ${Buffer.from(PASSWORD).toString('base64')}`,
    );
    const lines = (await fsp.readFile(host.log.file, 'utf8')).trimEnd().split('\n');
    expect(lines.at(-2)).toMatch(/ INFO \[x\] the password is \*\*\*$/);
    expect(lines.at(-1)).toMatch(/ INFO \[x\] encoded \*\*\* and \*\*\*$/);
  });

  it('the plugin’s log channel and messages are redacted too', async () => {
    const { host, plugin } = await openHost({ profileDir });
    plugin.context.window.log.error(`oops ${PASSWORD}`);
    await plugin.context.window.showErrorMessage(`bad ${PASSWORD}`);
    const lines = (await fsp.readFile(host.log.file, 'utf8')).trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(new RegExp(` ERROR \\[${PLUGIN_ID}\\] oops \\*\\*\\*$`));
    expect(host.window.messages.at(-1)).toEqual({ level: 'error', message: 'bad ***' });
    expect(await leakingProfileFiles()).toEqual([]);
  });
});
