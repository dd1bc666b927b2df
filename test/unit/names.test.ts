import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkName, type NameProblem } from '../../src/core/names.js';
import { t } from '../../src/i18n.js';
import { resolveInside } from '../../src/local/paths.js';

const PROBLEMS: NameProblem[] = [
  'empty',
  'dot-segment',
  'separator',
  'control-character',
  'reserved-name',
  'trailing-dot-or-space',
  'too-long',
];
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });
const anyText = fc.oneof(fc.string({ unit: 'binary' }), anyUnits, fc.string());
const CONTROL_CODES = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
];

describe('checkName accepts', () => {
  it.each([
    ['talk.jpg', 'talk.jpg'],
    ['01 - Song.mp4', '01 - Song.mp4'],
    ['12-34 - Talk (final).JPG', '12-34 - Talk (final).JPG'],
    ['Cafe\u0301.jpg', 'Caf\u00e9.jpg'],
    ['Caf\u00e9.jpg', 'Caf\u00e9.jpg'],
    [' leading space.jpg', ' leading space.jpg'],
    ['.hidden', '.hidden'],
    ['...x', '...x'],
    ['a..b', 'a..b'],
    ['%2F.jpg', '%2F.jpg'],
    ['CONSOLE.jpg', 'CONSOLE.jpg'],
    ['CON_1.jpg', 'CON_1.jpg'],
    ['xCON.jpg', 'xCON.jpg'],
    ['COM10.txt', 'COM10.txt'],
    ['COM0.txt', 'COM0.txt'],
    ['LPT.txt', 'LPT.txt'],
    ['火曜日の話.mp4', '火曜日の話.mp4'],
    ['вторник.jpg', 'вторник.jpg'],
    ['emoji 😀.png', 'emoji 😀.png'],
    ['nbsp\u00a0', 'nbsp\u00a0'],
    ['a'.repeat(255), 'a'.repeat(255)],
    ['é'.repeat(127), 'é'.repeat(127)],
    [`${'😀'.repeat(63)}abc`, `${'😀'.repeat(63)}abc`],
    // 300 bytes as NFD but 200 as NFC: the length is measured after normalising
    ['e\u0301'.repeat(100), '\u00e9'.repeat(100)],
  ])('%j as %j', (raw, expected) => {
    expect(checkName(raw)).toEqual({ ok: true, name: expected });
  });
});

describe('checkName rejects', () => {
  it.each<[string, NameProblem]>([
    ['', 'empty'],
    ['.', 'dot-segment'],
    ['..', 'dot-segment'],
    ['...', 'trailing-dot-or-space'],
    ['a/b', 'separator'],
    ['/', 'separator'],
    ['x/y.jpg', 'separator'],
    ['../x', 'separator'],
    ['a\\b', 'separator'],
    ['..\\x', 'separator'],
    ['a/b\u0000', 'separator'],
    ['\u0000', 'control-character'],
    ['a\u0000.jpg', 'control-character'],
    ['a\nb', 'control-character'],
    ['a\tb', 'control-character'],
    ['a\rb', 'control-character'],
    ['\u001f', 'control-character'],
    ['\u007f', 'control-character'],
    ['a\u0085b', 'control-character'],
    ['\u009f', 'control-character'],
    ['a<b', 'control-character'],
    ['a>b', 'control-character'],
    ['C:x', 'control-character'],
    ['a"b', 'control-character'],
    ['a|b', 'control-character'],
    ['a?b', 'control-character'],
    ['a*b', 'control-character'],
    ['\uD800x', 'control-character'],
    ['x\uDC00', 'control-character'],
    ['CON', 'reserved-name'],
    ['con', 'reserved-name'],
    ['CON.jpg', 'reserved-name'],
    ['nul.txt', 'reserved-name'],
    ['Com1.tar.gz', 'reserved-name'],
    ['PRN', 'reserved-name'],
    ['aux.mp4', 'reserved-name'],
    ['COM9', 'reserved-name'],
    ['LPT1', 'reserved-name'],
    ['lpt9.png', 'reserved-name'],
    ['COM¹', 'reserved-name'],
    ['com².jpg', 'reserved-name'],
    ['LPT³.txt', 'reserved-name'],
    ['AUX.', 'reserved-name'],
    ['NUL .txt', 'reserved-name'],
    ['x.', 'trailing-dot-or-space'],
    ['x ', 'trailing-dot-or-space'],
    ['talk.jpg.', 'trailing-dot-or-space'],
    ['x. ', 'trailing-dot-or-space'],
    [' ', 'trailing-dot-or-space'],
    ['a'.repeat(256), 'too-long'],
    ['é'.repeat(128), 'too-long'],
    [`${'😀'.repeat(63)}abcd`, 'too-long'],
  ])('%j: %s', (raw, reason) => {
    expect(checkName(raw)).toEqual({ ok: false, reason });
  });

  it.each(CONTROL_CODES)('control code U+%s', (code) => {
    expect(checkName(`a${String.fromCharCode(code)}b.jpg`)).toEqual({
      ok: false,
      reason: 'control-character',
    });
  });
});

describe('checkName properties', () => {
  const poison = fc.oneof(
    fc.constantFrom('/', '\\'),
    fc.constantFrom(...CONTROL_CODES).map((c) => String.fromCharCode(c)),
  );

  it('never accepts a separator or control character', () => {
    fc.assert(
      fc.property(anyText, poison, anyText, (before, bad, after) => {
        expect(checkName(before + bad + after).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('never accepts dot segments', () => {
    expect(checkName('.').ok).toBe(false);
    expect(checkName('..').ok).toBe(false);
  });

  it('accepts only NFC names that pass every rule, and never throws', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const result = checkName(raw);
        if (!result.ok) {
          expect(PROBLEMS).toContain(result.reason);
          return;
        }
        const { name } = result;
        expect(name).toBe(raw.normalize('NFC'));
        const forbidden = [...name].filter(
          (ch) => '/\\<>:"|?*'.includes(ch) || CONTROL_CODES.includes(ch.charCodeAt(0)),
        );
        expect(forbidden).toEqual([]);
        expect(['', '.', '..']).not.toContain(name);
        expect(name).not.toMatch(/[. ]$/);
        expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(255);
        expect(checkName(name)).toEqual(result);
      }),
      { numRuns: 5000 },
    );
  });

  it('keeps every accepted name inside the folder it is joined to', () => {
    const dir = '/tmp/media/2024-01-01';
    fc.assert(
      fc.property(anyText, (raw) => {
        const result = checkName(raw);
        if (!result.ok) return;
        const joined = resolveInside('/tmp/media', '2024-01-01', result.name);
        expect(joined.startsWith(`${dir}/`)).toBe(true);
        expect(path.dirname(joined)).toBe(dir);
        expect(path.basename(joined)).toBe(result.name);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('the texts of name problems (src/i18n.ts)', () => {
  const text = (language: string, problem: NameProblem) => t(language, `name.${problem}`);

  it('explains every problem in English and German', () => {
    for (const problem of PROBLEMS) {
      expect(text('en', problem).length).toBeGreaterThan(5);
      expect(text('de', problem).length).toBeGreaterThan(5);
      expect(text('de', problem)).not.toBe(text('en', problem));
    }
    expect(new Set(PROBLEMS.map((p) => text('en', p))).size).toBe(PROBLEMS.length);
    expect(new Set(PROBLEMS.map((p) => text('de', p))).size).toBe(PROBLEMS.length);
  });

  it('uses the agreed wording for separators', () => {
    expect(text('en', 'separator')).toBe('the name contains a path separator');
    expect(text('de', 'separator')).toBe('der Name enthält ein Pfadtrennzeichen');
  });
});

describe('resolveInside', () => {
  it.each<[string, string[], string]>([
    ['/tmp/media', ['2024-01-01', 'a.jpg'], '/tmp/media/2024-01-01/a.jpg'],
    ['/tmp/media/', ['x'], '/tmp/media/x'],
    ['/tmp/media', ['a/../b'], '/tmp/media/b'],
    ['/tmp/media', ['Recurring', '..x'], '/tmp/media/Recurring/..x'],
    ['/tmp//media/.', ['x'], '/tmp/media/x'],
    ['/', ['x'], '/x'],
  ])('%s + %j = %s', (root, segments, expected) => {
    expect(resolveInside(root, ...segments)).toBe(expected);
  });

  it.each<[string[]]>([
    [['..']],
    [['../x']],
    [['a', '..', '..', 'x']],
    [['a/../../x']],
    [['/etc/passwd']],
    [['2024-01-01', '/etc/passwd']],
    [['../media-evil/x']],
    [['']],
    [['.']],
    [['x', '..']],
    [[]],
  ])('throws for %j, naming the path', (segments) => {
    expect(() => resolveInside('/tmp/media', ...segments)).toThrow(/\/tmp\/media/);
  });

  it('names the offending segments in the error', () => {
    expect(() => resolveInside('/tmp/media', '2024-01-01', '../../etc')).toThrow(
      'path escapes /tmp/media: "2024-01-01/../../etc" resolves to /tmp/etc',
    );
  });

  it('refuses a relative root (it would depend on the working directory)', () => {
    expect(() => resolveInside('media', 'x')).toThrow(/absolute.*media/);
  });
});
