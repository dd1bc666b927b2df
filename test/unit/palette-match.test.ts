/** The palette's ranking with the plugin's real command titles (manifest.nls.json, manifest.nls.de.json). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rankCommands, titleScore, usedCommand } from '../../host/web/page/palette-match.js';
import { REPO_ROOT } from '../support/host-harness.js';

function commandsOf(file: string) {
  const nls = JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as Record<string, string>;
  return Object.entries(nls)
    .filter(([key]) => /^command\.[A-Za-z]+$/.test(key))
    .map(([key, title]) => ({ id: `congregation-sync.${key.slice('command.'.length)}`, title }));
}

const en = commandsOf('manifest.nls.json');
const de = commandsOf('manifest.nls.de.json');
const titles = (query: string, recent: string[] = [], commands = en) =>
  rankCommands(commands, query, recent).map((c) => c.title);

describe('rankCommands', () => {
  it('searches the title, not the plugin name or the id', () => {
    // every id starts with congregation-sync. and every command's category is "Congregation Sync"
    expect(titles('sync')).toEqual(['Sync congregation', 'Preview sync (change nothing)']);
    expect(titles('congregation')[0]).toBe('Congregation-wide settings');
    expect(titles('congregation').length).toBeLessThan(en.length / 2);
  });

  it('puts the title that starts with the query first, then word prefixes, then anywhere', () => {
    // "Rename …" only fuzzily (r-e-n-a-m): after both "Remove …"
    expect(titles('rem')).toEqual([
      'Remove recurring media',
      'Remove past dates from the server',
      'Rename congregation media',
    ]);
    expect(titles('con')[0]).toBe('Congregation-wide settings');
    expect(titles('up med')).toEqual(['Upload media for a meeting date']);
    expect(titles('ion')).toContain('Sync congregation');
  });

  it('matches fuzzily, at a word start and with letters close together', () => {
    expect(titles('tstcon')).toEqual(['Test connection']);
    expect(titles('brwfld')).toEqual(['Browse folder']);
    expect(titles('zzz')).toEqual([]);
  });

  it('in German as well', () => {
    expect(titles('einst', [], de)).toEqual([
      'Einstellungen für die Versammlung vorgeben',
      'Versammlungsweite Einstellungen',
      'Versammlungsweite Einstellungen aufheben',
    ]);
    expect(titles('verb', [], de)).toEqual(['Verbindung testen']);
  });

  it('puts recently used commands first, most recent first', () => {
    const recent = usedCommand(
      usedCommand([], 'congregation-sync.cleanup'),
      'congregation-sync.testConnection',
    );
    expect(recent).toEqual(['congregation-sync.testConnection', 'congregation-sync.cleanup']);
    expect(titles('', recent).slice(0, 3)).toEqual([
      'Test connection',
      'Remove past dates from the server',
      'Sync congregation',
    ]);
    // among equally good matches only: a better match still wins
    expect(titles('rem', ['congregation-sync.cleanup', 'congregation-sync.rename'])).toEqual([
      'Remove past dates from the server',
      'Remove recurring media',
      'Rename congregation media',
    ]);
    expect(titles('sync', ['congregation-sync.preview'])[0]).toBe('Sync congregation');
  });

  it('remembers at most five, without repeats', () => {
    let recent: string[] = [];
    for (const id of ['a', 'b', 'c', 'a', 'd', 'e', 'f']) recent = usedCommand(recent, id);
    expect(recent).toEqual(['f', 'e', 'd', 'a', 'c']);
  });

  it('scores an exact title above a prefix above word prefixes', () => {
    const exact = titleScore('Test connection', 'test connection');
    const prefix = titleScore('Test connection', 'test con');
    const words = titleScore('Test connection', 'conn');
    expect(exact).toBeGreaterThan(prefix);
    expect(prefix).toBeGreaterThan(words);
    expect(titleScore('Test connection', 'nothing here')).toBe(0);
  });
});
