/**
 * The CLI's own messages as a volunteer meets them (`node bin/host.cjs …` as a child process): help and
 * help COMMAND, the password rule for --password/-p on every command line, what "not set up yet" tells to type, and
 * an unsupported --lang naming the languages there are.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands.js';
import { runCli } from '../support/host-harness.js';
import { makeTempDir } from '../support/servers.js';

let profile: string;
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli([...args, '--profile', profile], { CONGSYNC_PASSWORD: '', ...env }, 60_000);

beforeAll(async () => {
  profile = await makeTempDir('cs-cli-messages');
});

describe('help', () => {
  it('`help` lists every command, the tooling ones too', async () => {
    const help = await cli(['help']);
    expect(help.code).toBe(0);
    for (const command of ['start', 'sync', 'vo', 'serve', 'run', 'config', 'secret', 'plugins', 'help'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it('`help COMMAND` shows that command, in German with --lang de', async () => {
    const config = await cli(['help', 'config', '--lang', 'de']);
    expect(config.code).toBe(0);
    expect(config.stdout).toContain('config list | get SCHLÜSSEL | set SCHLÜSSEL WERT | unset SCHLÜSSEL');
    expect(config.stdout).toContain('die Einstellungen der Erweiterung');
    expect(config.stdout).not.toContain('secret set');
  });

  it('`help sync`, `help vo` and `help start` show the tooling commands’ own usage', async () => {
    expect((await cli(['help', 'sync'])).stdout).toContain('--dry-run');
    expect((await cli(['help', 'vo'])).stdout).toContain('push-settings');
    const start = await cli(['help', 'start']);
    expect(start.code).toBe(0);
    expect(start.stdout).toContain('--reset');
  });

  it('`help nothing` names the unknown command', async () => {
    const unknown = await cli(['help', 'nothing']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no command "nothing"; "help" lists the commands.');
  });
});

describe('the password is never taken on the command line', () => {
  const rule =
    'The password is never taken on the command line: use CONGSYNC_PASSWORD or `secret set password`.';
  it.each([
    ['sync', ['sync', '--password', 'x']],
    ['sync -p', ['sync', '-p', 'x']],
    ['vo', ['vo', 'upload', '--date', '2026-01-01', 'a.mp4', '--password=x']],
    ['start', ['start', '--once', '-p', 'x']],
    ['run', ['run', COMMANDS.sync, '--password', 'x']],
    ['config', ['config', 'list', '--password', 'x']],
  ])('%s', async (_, args) => {
    const refused = await cli(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(rule);
    expect(refused.stderr).not.toMatch(/positional/i);
  });

  it('in German as well', async () => {
    const refused = await cli(['sync', '--password', 'x', '--lang', 'de']);
    expect(refused.stderr).toContain('Das Passwort wird nie auf der Befehlszeile angenommen');
  });
});

describe('not set up yet', () => {
  const missing = [
    'npm run --silent host -- config set serverUrl https://',
    'npm run --silent host -- config set username USER',
    'npm run --silent host -- secret set password',
  ];

  it('`run` of the sync lists the exact commands that are missing', async () => {
    const run = await cli(['run', COMMANDS.sync]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Congregation Sync is not set up yet.');
    for (const line of missing) expect(run.stderr).toContain(line);
  });

  it('the sync CLI lists only what is still missing', async () => {
    const sync = await cli(['sync', '--url', 'https://cloud.example.org/dav/', '--lang', 'de'], {
      CONGSYNC_PASSWORD: 'for-this-run',
    });
    expect(sync.code).toBe(2);
    expect(sync.stderr).toContain('Die Versammlungs-Synchronisation ist noch nicht eingerichtet.');
    expect(sync.stderr).toContain(missing[1]);
    expect(sync.stderr).not.toContain('config set serverUrl');
    expect(sync.stderr).not.toContain('secret set password');
  });
});

describe('--lang', () => {
  it.each([
    ['the host', ['config', 'list', '--lang', 'fr']],
    ['the sync', ['sync', '--lang', 'fr']],
    ['the demo', ['start', '--once', '--lang', 'fr']],
  ])('an unsupported one in %s names the languages there are', async (_, args) => {
    const refused = await cli(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      '--lang fr is not available; the languages are: en (English), de (Deutsch).',
    );
  });
});

describe('a refused value', () => {
  it('says what to enter, in German without an English word', async () => {
    const refused = await cli(['config', 'set', 'syncWindowWeeks', 'abc', '--lang', 'de']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      '✖ syncWindowWeeks: Bitte eine ganze Zahl von 1 bis 26 eingeben. (eingegeben: "abc")',
    );
    expect(refused.stderr).not.toContain('(got');
    const setting = await cli(['settings', 'set', 'meeting.mwDay', '9', '--lang', 'de']);
    expect(setting.stderr).toContain(
      '✖ meeting.mwDay: Bitte eine ganze Zahl von 0 bis 6 eingeben. (eingegeben: 9)',
    );
  });
});

describe('a mistyped option', () => {
  it.each([
    [['sync', '--foo'], 'there is no option --foo ("help" lists the options)'],
    [['config', 'list', '--bar'], 'there is no option --bar ("help" lists the options)'],
    [['start', '--once=1'], '--once takes no value'],
    [['sync', '--lang'], '--lang needs a value'],
  ])('%j is named, without a parser’s advice', async (args, message) => {
    const refused = await cli(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`✖ ${message}`);
    expect(refused.stderr).not.toMatch(/positional/i);
  });
});
