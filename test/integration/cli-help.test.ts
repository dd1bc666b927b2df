/**
 * Every help text of the command line in the language asked for (`node bin/host.cjs …` as a child process): the
 * host's own commands (`help config|secret|media`) and the tooling's (`help sync|watch|vo`, `sync|vo|watch --help`),
 * German with --lang de down to the placeholders (SCHLÜSSEL, not KEY), English with --lang en.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/host-harness.js';
import { makeTempDir } from '../support/servers.js';

let profile: string;
/** As `npm run --silent host -- …` runs it (npm names the script it runs); `installed`: as the installed program. */
const cli = (args: string[], installed = false) =>
  runCli(
    [...args, '--profile', profile],
    { CONGSYNC_PASSWORD: '', npm_lifecycle_event: installed ? '' : 'host' },
    60_000,
  );

beforeAll(async () => {
  profile = await makeTempDir('cs-cli-help');
});

/** Each help command line, a German and an English text it shows, and a placeholder of each language in it. */
const HELPS: Array<[string[], { de: string[]; en: string[] }]> = [
  [['help', 'sync'], { de: ['Aufruf:', 'ORDNER', 'SEKUNDEN'], en: ['Usage:', 'DIR', 'SECONDS'] }],
  [['help', 'watch'], { de: ['Synchronisiert beim Start', 'SEKUNDEN'], en: ['Syncs at start', 'SECONDS'] }],
  [
    ['help', 'vo'],
    { de: ['Aktionen:', 'JJJJ-MM-TT', 'SCHLÜSSEL...'], en: ['Actions:', 'YYYY-MM-DD', 'KEY...'] },
  ],
  [['help', 'config'], { de: ['get SCHLÜSSEL | set SCHLÜSSEL WERT'], en: ['get KEY | set KEY VALUE'] }],
  [
    ['help', 'secret'],
    { de: ['secret set SCHLÜSSEL [--from-env VARIABLE]'], en: ['secret set KEY [--from-env VAR]'] },
  ],
  [
    ['help', 'media'],
    { de: ['--date JJJJ-MM-TT', '--section PROGRAMMTEIL'], en: ['--date YYYY-MM-DD', '--section SECTION'] },
  ],
  [['sync', '--help'], { de: ['Aufruf:', 'PFAD', 'DATEI'], en: ['Usage:', 'PATH', 'FILE'] }],
  [
    ['vo', '--help'],
    { de: ['Aktionen:', 'ALT NEU', 'PROGRAMMTEIL'], en: ['Actions:', 'OLD NEW', 'SECTION'] },
  ],
  [['watch', '--help'], { de: ['Aufruf:', '--interval SEKUNDEN'], en: ['Usage:', '--interval SECONDS'] }],
];

/** Placeholders of the English help, as whole words. */
const ENGLISH_PLACEHOLDERS = /\b(SECONDS|KEY|VALUE|DIR|FILE|PATH|SECTION|OLD|NEW|COMMAND|YYYY-MM-DD)\b/;
/** Placeholders of the German help. */
const GERMAN_PLACEHOLDERS =
  /(SEKUNDEN|SCHLÜSSEL|WERT|ORDNER|DATEI|PFAD|PROGRAMMTEIL|JJJJ-MM-TT|\bALT\b|\bNEU\b)/;

describe('help in German (--lang de)', () => {
  it.each(HELPS)('%j speaks German, placeholders too', async (args, expected) => {
    const help = await cli([...args, '--lang', 'de']);
    expect(help.code).toBe(0);
    for (const text of expected.de) expect(help.stdout).toContain(text);
    expect(help.stdout).not.toMatch(ENGLISH_PLACEHOLDERS);
    expect(help.stdout).not.toMatch(/Usage:|Actions:|Options not given|Exit codes/);
  });

  it('`help` names each command with German placeholders', async () => {
    const help = await cli(['help', '--lang', 'de']);
    expect(help.stdout).toContain('npm run --silent host -- <Befehl> [Optionen]');
    expect(help.stdout).toContain('watch [--interval SEKUNDEN]');
    expect(help.stdout).toContain('help [BEFEHL]');
    expect(help.stdout).not.toMatch(ENGLISH_PLACEHOLDERS);
  });

  it('a usage error shows the German usage', async () => {
    const refused = await cli(['config', 'set', 'serverUrl', '--lang', 'de']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('✖ config list | get SCHLÜSSEL | set SCHLÜSSEL WERT | unset SCHLÜSSEL');
  });

  it.each([
    [['vo', 'frobnicate'], '✖ unbekannte Aktion „frobnicate“'],
    [['vo', 'rename', '--date', '2026-12-02', 'a.jpg'], '✖ rename erwartet --date JJJJ-MM-TT ALT NEU'],
    [['vo', 'upload', 'a.jpg'], '✖ upload erwartet entweder --date JJJJ-MM-TT oder --recurring'],
    [['sync', 'extra'], '✖ unerwartetes Argument „extra“'],
    [['watch', '--interval', '0'], '✖ --interval muss eine ganze Zahl von Sekunden'],
  ])('%j: the usage error in German, before anything connects', async (args, message) => {
    const refused = await cli([...args, '--lang', 'de']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(message);
  });
});

describe('help in English (--lang en)', () => {
  it.each(HELPS)('%j speaks English, placeholders too', async (args, expected) => {
    const help = await cli([...args, '--lang', 'en']);
    expect(help.code).toBe(0);
    for (const text of expected.en) expect(help.stdout).toContain(text);
    expect(help.stdout).not.toMatch(GERMAN_PLACEHOLDERS);
    expect(help.stdout).not.toMatch(/Aufruf:|Aktionen:|Rückgabewerte/);
  });

  it('`help` names each command with English placeholders', async () => {
    const help = await cli(['help', '--lang', 'en']);
    expect(help.stdout).toContain('npm run --silent host -- <command> [options]');
    // installed, the usage names the program as it is typed
    expect((await cli(['help', '--lang', 'en'], true)).stdout).toContain(
      'congregation-sync <command> [options]',
    );
    expect(help.stdout).toContain('watch [--interval SECONDS]');
    expect(help.stdout).toContain('help [COMMAND]');
    expect(help.stdout).not.toMatch(GERMAN_PLACEHOLDERS);
  });
});
