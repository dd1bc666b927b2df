/**
 * A secrets audit after a whole working session against rclone over HTTPS with a random password: syncs and the
 * organiser's actions (upload, hide, push-settings, an action that fails), first with the password given for
 * each run in CONGSYNC_PASSWORD, then stored once with `secret set password --from-env`. Every file of the
 * profile (logs included), the media folder, the server's folder and every captured stdout and stderr is
 * searched for the password: plain, URL-encoded, base64, and base64 of `user:password` (the Authorization
 * header). While it is only given per run it is nowhere; once stored it is in the profile's secrets.json only.
 */
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../support/files.js';
import { type CliRun, hostCli, TODAY } from '../support/headless-cli.js';
import { listFilesRecursive, PLUGIN_ID } from '../support/host-harness.js';
import {
  cleanupTempDirs,
  makeTempDir,
  serverAvailable,
  startRclone,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';

const USER = 'vo';
/** Random, with characters that URL-encode and base64 differently from the plain text. */
const PASSWORD = `Pw ${crypto.randomBytes(12).toString('hex')}+/&ä=`;
const FORMS: Record<string, string> = {
  plain: PASSWORD,
  'URL-encoded': encodeURIComponent(PASSWORD),
  'URL-encoded (form)': encodeURIComponent(PASSWORD).replace(/%20/g, '+'),
  base64: Buffer.from(PASSWORD).toString('base64'),
  'base64 of user:password': Buffer.from(`${USER}:${PASSWORD}`).toString('base64'),
  'JSON with \\u escapes': PASSWORD.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  ),
};

const available = process.env.CI ? { ok: true } : serverAvailable('rclone');

describe.skipIf(!available.ok)('secrets audit: rclone over HTTPS, a whole session', () => {
  let server: TestServer;
  let profile: string;
  let mediaDir: string;
  let uploads: string;
  const outputs: Array<{ args: string[]; run: CliRun }> = [];

  /** Runs the host CLI on the session's profile and keeps its output for the audit. */
  async function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
    const run = await hostCli([...args, '--profile', profile], env);
    outputs.push({ args, run });
    return run;
  }

  const connection = () => [
    '--url',
    server.url,
    '--user',
    USER,
    '--folder',
    '/Congregation',
    '--media-dir',
    mediaDir,
    '--ca',
    server.caFile as string,
    '--today',
    TODAY,
    '--json',
  ];

  /** Which forms of the password a buffer holds. */
  const leaks = (data: Buffer | string) =>
    Object.entries(FORMS)
      .filter(([, form]) => Buffer.from(data).includes(Buffer.from(form)))
      .map(([name]) => name);

  /** Files below `dir` that hold the password in any form, with the forms found. */
  async function leakingFiles(dir: string): Promise<Record<string, string[]>> {
    const found: Record<string, string[]> = {};
    for (const file of await listFilesRecursive(dir)) {
      const forms = leaks(await fsp.readFile(file));
      if (forms.length > 0) found[path.relative(dir, file)] = forms;
    }
    return found;
  }

  const leakingOutputs = () =>
    outputs
      .map(({ args, run }) => ({ args: args.join(' '), forms: leaks(`${run.stdout}\n${run.stderr}`) }))
      .filter((o) => o.forms.length > 0);

  beforeAll(async () => {
    const root = await makeTempDir('cs-audit-server');
    await writeFiles(root, {
      'Congregation/Media/2026-12-02/01 - Welcome.jpg': crypto.randomBytes(5_000),
      'Congregation/Media/Recurring/Year text.png': crypto.randomBytes(2_000),
    });
    server = await startRclone({ root, https: true, username: USER, password: PASSWORD });
    profile = await makeTempDir('cs-audit-profile');
    mediaDir = await makeTempDir('cs-audit-media');
    uploads = await makeTempDir('cs-audit-uploads');
    await writeFiles(uploads, { '02 - Talk.mp4': crypto.randomBytes(20_000) });
  });

  afterAll(async () => {
    await stopAllServers();
    await cleanupTempDirs();
  });

  it('with the password given per run (CONGSYNC_PASSWORD), it is written nowhere', async () => {
    const env = { CONGSYNC_PASSWORD: PASSWORD };
    const steps: Array<{ args: string[]; code: number; env?: Record<string, string> }> = [
      { args: ['sync', ...connection()], code: 0 },
      {
        args: ['vo', 'upload', '--date', '2026-12-02', path.join(uploads, '02 - Talk.mp4'), ...connection()],
        code: 0,
      },
      { args: ['vo', 'hide', '--date', '2026-12-02', '01 - Welcome.jpg', ...connection()], code: 0 },
      { args: ['settings', 'set', 'media.maxRes', '480p'], code: 0, env: {} },
      { args: ['vo', 'push-settings', 'media.maxRes', ...connection()], code: 0 },
      // an action that fails: the name is taken
      {
        args: ['vo', 'upload', '--date', '2026-12-02', path.join(uploads, '02 - Talk.mp4'), ...connection()],
        code: 1,
      },
      { args: ['sync', ...connection()], code: 0 },
      // a wrong user: refused by the server (401), the message names it, the password is not in it
      { args: ['sync', ...connection().map((a) => (a === USER ? 'nobody' : a))], code: 2 },
    ];
    for (const step of steps) {
      const run = await cli(step.args, step.env ?? env);
      expect(run.code, `${step.args.join(' ')}\n${run.stdout}\n${run.stderr}`).toBe(step.code);
    }
    // the session really happened: uploaded, hidden, pushed, logged
    const media = JSON.parse(outputs[6]?.run.stdout ?? '{}') as {
      media: Array<{ name: string; hidden: boolean; source: string }>;
      settings: { enforced: Record<string, unknown> };
    };
    expect(media.media.find((m) => m.name === '01 - Welcome.jpg')).toMatchObject({ hidden: true });
    expect(media.media.map((m) => m.name)).toContain('02 - Talk.mp4');
    expect(media.settings.enforced).toEqual({ 'media.maxRes': '480p' });
    expect(JSON.parse(outputs[7]?.run.stdout ?? '{}').errors[0].message).toMatch(/HTTP 401/);
    expect(
      await fsp.readFile(path.join(server.root as string, 'Congregation', 'forcedPrefs.json'), 'utf8'),
    ).toContain('480p');
    const profileFiles = (await listFilesRecursive(profile)).map((f) => path.relative(profile, f));
    expect(profileFiles).toContain(path.join('logs', 'host.log'));
    expect(profileFiles).not.toContain('secrets.json');

    expect(await leakingFiles(profile)).toEqual({});
    expect(await leakingFiles(mediaDir)).toEqual({});
    expect(await leakingFiles(server.root as string)).toEqual({});
    expect(leakingOutputs()).toEqual([]);
  });

  it('stored once with `secret set password --from-env`, it is in secrets.json only', async () => {
    const stored = await cli(['secret', 'set', 'password', '--from-env', 'CS_AUDIT_PW'], {
      CS_AUDIT_PW: PASSWORD,
    });
    expect(stored.code, stored.stderr).toBe(0);
    // the stored secret is used from now on: no password in the environment
    const noEnv = { CONGSYNC_PASSWORD: '' };
    const sync = await cli(['sync', ...connection()], noEnv);
    expect(sync.code, sync.stderr).toBe(0);
    const unhide = await cli(
      ['vo', 'unhide', '--date', '2026-12-02', '01 - Welcome.jpg', ...connection()],
      noEnv,
    );
    expect(unhide.code, unhide.stderr).toBe(0);
    for (const [key, value] of [
      ['serverUrl', server.url],
      ['username', USER],
      ['folder', '/Congregation'],
      ['caFile', server.caFile as string],
    ] as const) {
      expect((await cli(['config', 'set', key, value], noEnv)).code).toBe(0);
    }
    const test = await cli(['run', 'congregation-sync.testConnection', '--json'], noEnv);
    expect(test.code, test.stderr).toBe(0);
    const list = await cli(['secret', 'list'], noEnv);
    expect(list.stdout).toBe(`${PLUGIN_ID}/password\n`);

    const secrets = path.join(profile, 'secrets.json');
    expect(JSON.parse(await fsp.readFile(secrets, 'utf8'))).toEqual({ [`${PLUGIN_ID}/password`]: PASSWORD });
    expect(((await fsp.stat(secrets)).mode & 0o777).toString(8)).toBe('600');
    expect(await leakingFiles(profile)).toEqual({ 'secrets.json': expect.arrayContaining(['plain']) });
    expect(await leakingFiles(mediaDir)).toEqual({});
    expect(await leakingFiles(server.root as string)).toEqual({});
    expect(leakingOutputs()).toEqual([]);
    expect(outputs.length).toBeGreaterThanOrEqual(15);
  });
});
