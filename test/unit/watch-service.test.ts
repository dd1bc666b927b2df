import { describe, expect, it } from 'vitest';
import { SERVICE_NAMES, serviceFile, serviceNames } from '../../tools/watch-service.js';

/** A Windows installation under a user's name with a space and an umlaut, a profile with `%` and `&` in its name. */
const WINDOWS = {
  words: [
    'C:\\Users\\Jürgen Weiß\\AppData\\Local\\Programs\\congregation-sync.exe',
    'watch',
    '--profile',
    'C:\\Users\\Jürgen Weiß\\Sync 100% & more',
    '--interval',
    '600',
  ],
  profile: 'C:\\Users\\Jürgen Weiß\\Sync 100% & more',
  names: SERVICE_NAMES,
};

describe('the start-at-login files', () => {
  it('Windows: reads UTF-8, quotes what cmd would split or act on, and doubles %', () => {
    const lines = serviceFile('windows', WINDOWS).split('\r\n');
    expect(lines[0]).toBe('@echo off');
    expect(lines[1]).toBe('chcp 65001 >nul');
    expect(lines.at(-2)).toBe(
      'start "Congregation Sync" /min "C:\\Users\\Jürgen Weiß\\AppData\\Local\\Programs\\congregation-sync.exe" watch ' +
        '--profile "C:\\Users\\Jürgen Weiß\\Sync 100%% & more" --interval 600',
    );
    expect(lines.at(-1)).toBe('');
  });

  it('Linux: a word with a space or a quote is quoted for systemd, and % is its specifier sign', () => {
    const unit = serviceFile('linux', {
      words: ['/opt/node 20/bin/node', '/home/anna/a "b"/host.cjs', 'watch', '--profile', '/home/anna/100%'],
      profile: '/home/anna/100%',
      names: SERVICE_NAMES,
    });
    expect(unit).toContain(
      'ExecStart="/opt/node 20/bin/node" "/home/anna/a \\"b\\"/host.cjs" watch --profile /home/anna/100%%\n',
    );
  });

  it('macOS: every word is its own string, escaped for XML', () => {
    const plist = serviceFile('macos', {
      words: ['/Applications/Sync & Co/congregation-sync', 'watch', '--profile', '/Users/anna/<a>'],
      profile: '/Users/anna/<a>',
      names: SERVICE_NAMES,
    });
    expect(plist).toContain('<string>/Applications/Sync &amp; Co/congregation-sync</string>');
    expect(plist).toContain('<string>/Users/anna/&lt;a&gt;</string>');
    expect(plist).toContain('<string>/Users/anna/&lt;a&gt;/logs/watch.log</string>');
  });
});

describe("a profile's own names", () => {
  it('the standard profile has the plain names; any other has them marked, in every file that names itself', () => {
    expect(serviceNames('')).toEqual(SERVICE_NAMES);
    const names = serviceNames('0a1b2c3d');
    expect(new Set(Object.values(names)).size).toBe(4);
    for (const [key, value] of Object.entries(names))
      expect(value).not.toBe(SERVICE_NAMES[key as keyof typeof SERVICE_NAMES]);
    const command = { words: ['/usr/bin/congregation-sync', 'watch'], profile: '/srv/b', names };
    expect(serviceFile('linux', command)).toContain('enable --now congregation-sync-watch-0a1b2c3d.service');
    expect(serviceFile('macos', command)).toContain('<string>org.congregation-sync.watch.0a1b2c3d</string>');
    expect(serviceFile('windows', command)).toContain('\\congregation-sync-watch-0a1b2c3d.cmd');
  });
});
