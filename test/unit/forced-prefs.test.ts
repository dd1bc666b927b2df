import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostSettingSchema } from '../../contract/api.js';
import { settingValidator } from '../../contract/host-settings.js';
import {
  ForcedPrefsError,
  LEGACY_KEYS,
  parseForcedPrefs,
  serializeForcedPrefs,
} from '../../src/core/forced-prefs.js';

const SCHEMA: HostSettingSchema[] = [
  { key: 'app.congregationName', type: 'string', description: 'Congregation name', enforceable: true },
  {
    key: 'app.outputFolderDateFormat',
    type: 'string',
    enum: ['YYYY-MM-DD', 'YYYY-MM-DD - dddd', 'DD-MM-YYYY', 'DD-MM-YYYY - dddd'],
    description: 'Date format of output folders',
    enforceable: true,
  },
  { key: 'app.theme', type: 'string', enum: ['light', 'dark'], description: 'Theme', enforceable: false },
  {
    key: 'media.lang',
    type: 'string',
    pattern: '^[A-Z]{1,4}$',
    description: 'Media language',
    enforceable: true,
  },
  {
    key: 'media.maxRes',
    type: 'string',
    enum: ['240p', '360p', '480p', '720p'],
    description: 'Maximum resolution',
    enforceable: true,
  },
  { key: 'media.enableSubtitles', type: 'boolean', description: 'Subtitles', enforceable: true },
  {
    key: 'meeting.mwDay',
    type: 'integer',
    minimum: 0,
    maximum: 6,
    description: 'Midweek day',
    enforceable: true,
  },
  {
    key: 'meeting.weDay',
    type: 'integer',
    minimum: 0,
    maximum: 6,
    description: 'Weekend day',
    enforceable: true,
  },
  {
    key: 'meeting.mwStartTime',
    type: 'string',
    pattern: '^\\d{2}:\\d{2}$',
    description: 'Midweek start time',
    enforceable: true,
  },
  {
    key: 'meeting.musicVolume',
    type: 'integer',
    minimum: 1,
    maximum: 100,
    description: 'Music volume',
    enforceable: true,
  },
];

function parse(value: unknown) {
  return parseForcedPrefs(JSON.stringify(value), SCHEMA);
}

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ForcedPrefsError) return error.reason;
    throw error;
  }
  return 'no error';
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parseForcedPrefs: formats', () => {
  it('flattens the nested format to dotted keys', () => {
    const result = parse({
      app: { congregationName: 'Berlin-Mitte', outputFolderDateFormat: 'YYYY-MM-DD - dddd' },
      media: { lang: 'X', maxRes: '720p', enableSubtitles: true },
      meeting: { mwDay: 1, weDay: 6, mwStartTime: '19:00', musicVolume: 80 },
    });
    expect(result).toEqual({
      values: {
        'app.congregationName': 'Berlin-Mitte',
        'app.outputFolderDateFormat': 'YYYY-MM-DD - dddd',
        'media.lang': 'X',
        'media.maxRes': '720p',
        'media.enableSubtitles': true,
        'meeting.mwDay': 1,
        'meeting.weDay': 6,
        'meeting.mwStartTime': '19:00',
        'meeting.musicVolume': 80,
      },
      rejected: [],
    });
  });

  it('maps flat legacy keys and coerces their string numbers and booleans', () => {
    const result = parse({
      congName: 'Gemeinde Süd',
      lang: 'X',
      mwDay: '1',
      weDay: '6',
      enableSubtitles: 'true',
      musicVolume: '100',
      maxRes: '480p',
      localOutputFolderDateFormat: 'DD-MM-YYYY',
    });
    expect(result.rejected).toEqual([]);
    expect(result.values).toEqual({
      'app.congregationName': 'Gemeinde Süd',
      'media.lang': 'X',
      'meeting.mwDay': 1,
      'meeting.weDay': 6,
      'media.enableSubtitles': true,
      'meeting.musicVolume': 100,
      'media.maxRes': '480p',
      'app.outputFolderDateFormat': 'DD-MM-YYYY',
    });
  });

  it('coerces only exact literals', () => {
    const result = parse({ mwDay: ' 1', weDay: '6.0', enableSubtitles: 'True', musicVolume: '1e1' });
    expect(result.values).toEqual({});
    expect(result.rejected).toEqual([
      { key: 'mwDay', reason: 'expected an integer from 0 to 6, got " 1"' },
      { key: 'weDay', reason: 'expected an integer from 0 to 6, got "6.0"' },
      { key: 'enableSubtitles', reason: 'expected true or false, got "True"' },
      { key: 'musicVolume', reason: 'expected an integer from 1 to 100, got "1e1"' },
    ]);
  });

  it('accepts a mix of nested groups, literal dotted keys and legacy keys; the new format wins', () => {
    const result = parse({
      lang: 'E',
      media: { lang: 'X' },
      'meeting.mwDay': 2,
      weDay: '0',
      outputFolderDateFormat: 'YYYY-MM-DD',
      localOutputFolderDateFormat: 'DD-MM-YYYY',
    });
    expect(result.values).toEqual({
      'media.lang': 'X',
      'meeting.mwDay': 2,
      'meeting.weDay': 0,
      'app.outputFolderDateFormat': 'YYYY-MM-DD',
    });
    expect(result.rejected).toEqual([
      { key: 'lang', reason: 'media.lang is already set by another key' },
      {
        key: 'localOutputFolderDateFormat',
        reason: 'app.outputFolderDateFormat is already set by another key',
      },
    ]);
  });

  it('strips a UTF-8 byte order mark', () => {
    expect(parseForcedPrefs('\uFEFF{"media":{"lang":"X"}}', SCHEMA).values).toEqual({ 'media.lang': 'X' });
  });

  it('maps every legacy key into the media, meeting or app group', () => {
    expect(Object.keys(LEGACY_KEYS)).toHaveLength(25);
    expect(LEGACY_KEYS.mwDay).toBe('meeting.mwDay');
    expect(LEGACY_KEYS.congName).toBe('app.congregationName');
    for (const key of Object.values(LEGACY_KEYS)) expect(key).toMatch(/^(app|media|meeting)\.[a-zA-Z0-9]+$/);
  });
});

describe('parseForcedPrefs: rejected keys', () => {
  it('rejects keys that are not settings of this presenter, keeping the rest', () => {
    const result = parse({ media: { lang: 'X', foo: 1 }, autoRunAtBoot: 'true', 'meeting.bar': 2 });
    expect(result.values).toEqual({ 'media.lang': 'X' });
    expect(result.rejected).toEqual([
      { key: 'media.foo', reason: 'not a setting of this presenter' },
      { key: 'autoRunAtBoot', reason: 'not a setting of this presenter' },
      { key: 'meeting.bar', reason: 'not a setting of this presenter' },
    ]);
  });

  it('rejects settings that are not enforceable', () => {
    expect(parse({ app: { theme: 'dark', congregationName: 'A' } })).toEqual({
      values: { 'app.congregationName': 'A' },
      rejected: [{ key: 'app.theme', reason: 'not enforceable' }],
    });
  });

  it('rejects wrong types with a concrete reason', () => {
    const result = parse({
      app: { congregationName: 42 },
      media: { enableSubtitles: 1, lang: ['X'] },
      meeting: { mwDay: 'x', weDay: null, musicVolume: 50.5, mwStartTime: { h: 19 } },
    });
    expect(result.values).toEqual({});
    expect(result.rejected).toEqual([
      { key: 'app.congregationName', reason: 'expected a string, got 42' },
      { key: 'media.enableSubtitles', reason: 'expected true or false, got 1' },
      { key: 'media.lang', reason: 'expected a string matching ^[A-Z]{1,4}$, got an array' },
      { key: 'meeting.mwDay', reason: 'expected an integer from 0 to 6, got "x"' },
      { key: 'meeting.weDay', reason: 'expected an integer from 0 to 6, got null' },
      { key: 'meeting.musicVolume', reason: 'expected an integer from 1 to 100, got 50.5' },
      { key: 'meeting.mwStartTime', reason: 'expected a string matching ^\\d{2}:\\d{2}$, got an object' },
    ]);
  });

  it('rejects enum, range and pattern violations', () => {
    const result = parse({
      app: { outputFolderDateFormat: 'MM/DD/YYYY' },
      media: { maxRes: '1080p', lang: 'en' },
      meeting: { mwDay: 7, weDay: -1, musicVolume: 0, mwStartTime: '7:30' },
    });
    expect(result.values).toEqual({});
    expect(result.rejected).toEqual([
      {
        key: 'app.outputFolderDateFormat',
        reason:
          'expected one of "YYYY-MM-DD", "YYYY-MM-DD - dddd", "DD-MM-YYYY", "DD-MM-YYYY - dddd", got "MM/DD/YYYY"',
      },
      { key: 'media.maxRes', reason: 'expected one of "240p", "360p", "480p", "720p", got "1080p"' },
      { key: 'media.lang', reason: 'expected a string matching ^[A-Z]{1,4}$, got "en"' },
      { key: 'meeting.mwDay', reason: 'expected an integer from 0 to 6, got 7' },
      { key: 'meeting.weDay', reason: 'expected an integer from 0 to 6, got -1' },
      { key: 'meeting.musicVolume', reason: 'expected an integer from 1 to 100, got 0' },
      { key: 'meeting.mwStartTime', reason: 'expected a string matching ^\\d{2}:\\d{2}$, got "7:30"' },
    ]);
  });

  it('rejects prototype-pollution keys without polluting anything', () => {
    const text =
      '{"__proto__":{"polluted":true},"media":{"__proto__":"x","lang":"X"},"constructor":{"prototype":{"p":1}},"prototype":1}';
    const result = parseForcedPrefs(text, SCHEMA);
    expect(result.values).toEqual({ 'media.lang': 'X' });
    expect(result.rejected).toEqual([
      { key: '__proto__.polluted', reason: 'forbidden key name' },
      { key: 'media.__proto__', reason: 'forbidden key name' },
      { key: 'constructor.prototype', reason: 'forbidden key name' },
      { key: 'prototype', reason: 'forbidden key name' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(result.values)).toBe(Object.prototype);
  });

  it('does not take inherited names for legacy keys or settings', () => {
    expect(parse({ toString: 'x', hasOwnProperty: '1' }).rejected).toEqual([
      { key: 'toString', reason: 'not a setting of this presenter' },
      { key: 'hasOwnProperty', reason: 'not a setting of this presenter' },
    ]);
  });

  it('stops at nesting deeper than any setting key', () => {
    const levels = 150_000;
    const deep = `{"a":${'{"a":'.repeat(levels)}"X"${'}'.repeat(levels)}}`;
    const text = `{"media":{"lang":{"nested":"X"}},"deep":${deep}}`;
    expect(parseForcedPrefs(text, SCHEMA).rejected).toEqual([
      { key: 'media.lang', reason: 'expected a string matching ^[A-Z]{1,4}$, got an object' },
      { key: 'deep.a', reason: 'not a setting of this presenter' },
    ]);
  });
});

describe('parseForcedPrefs: unusable files', () => {
  it.each([
    ['', 'not-json'],
    ['{"media":{"lang":"X"}', 'not-json'],
    ["{'lang':'X'}", 'not-json'],
    ['[{"lang":"X"}]', 'not-object'],
    ['"lang"', 'not-object'],
    ['42', 'not-object'],
    ['null', 'not-object'],
  ])('refuses %j as %s', (text, reason) => {
    expect(reasonOf(() => parseForcedPrefs(text, SCHEMA))).toBe(reason);
  });

  it('refuses a 20 MB file without parsing it', () => {
    const text = `{"congName":"${'x'.repeat(20 * 1024 * 1024)}"}`;
    const jsonParse = vi.spyOn(JSON, 'parse');
    expect(reasonOf(() => parseForcedPrefs(text, SCHEMA))).toBe('too-large');
    expect(jsonParse).not.toHaveBeenCalled();
  });

  it('refuses text values longer than 200 characters', () => {
    const result = parseForcedPrefs(JSON.stringify({ congName: 'x'.repeat(201) }), SCHEMA);
    expect(result.values).toEqual({});
    expect(result.rejected.map((r) => r.key)).toEqual(['congName']);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const text = JSON.stringify({ congName: 'ü'.repeat(150) }); // 165 characters, 315 bytes
    expect(parseForcedPrefs(text, SCHEMA, 400).values['app.congregationName']).toHaveLength(150);
    expect(reasonOf(() => parseForcedPrefs(text, SCHEMA, 200))).toBe('too-large');
  });
});

describe('serializeForcedPrefs', () => {
  it('writes the nested format with sorted keys, 2-space indent and a trailing newline', () => {
    const text = serializeForcedPrefs({
      'meeting.weDay': 6,
      'media.lang': 'X',
      'meeting.mwDay': 1,
      'app.x-y': true,
    });
    expect(text).toBe(
      '{\n  "app": {\n    "x-y": true\n  },\n  "media": {\n    "lang": "X"\n  },\n  "meeting": {\n    "mwDay": 1,\n    "weDay": 6\n  }\n}\n',
    );
  });

  it('round-trips through parseForcedPrefs', () => {
    const values = {
      'app.congregationName': 'Gemeinde "Nord" & Süd',
      'app.outputFolderDateFormat': 'DD-MM-YYYY - dddd',
      'media.enableSubtitles': false,
      'media.lang': 'ASL',
      'meeting.mwDay': 0,
      'meeting.musicVolume': 100,
      'meeting.mwStartTime': '18:45',
    };
    expect(parseForcedPrefs(serializeForcedPrefs(values), SCHEMA)).toEqual({ values, rejected: [] });
  });

  it('writes a key that collides with a group as a literal dotted key, which reads back', () => {
    const text = serializeForcedPrefs({ app: 1, 'app.congregationName': 'A' });
    expect(JSON.parse(text)).toEqual({ app: 1, 'app.congregationName': 'A' });
    expect(parseForcedPrefs(text, SCHEMA).values).toEqual({ 'app.congregationName': 'A' });
  });
});

describe('settingValidator', () => {
  it('checks type, range, enum and pattern', () => {
    const byKey = new Map(SCHEMA.map((setting) => [setting.key, settingValidator(setting)]));
    const ok = (key: string, value: unknown) => byKey.get(key)?.safeParse(value).success;
    expect([
      ok('meeting.mwDay', 0),
      ok('meeting.mwDay', 6),
      ok('meeting.mwDay', 6.5),
      ok('meeting.mwDay', '1'),
    ]).toEqual([true, true, false, false]);
    expect([ok('media.maxRes', '720p'), ok('media.maxRes', '1080p')]).toEqual([true, false]);
    expect([ok('media.lang', 'X'), ok('media.lang', 'XXXXX')]).toEqual([true, false]);
    expect([ok('media.enableSubtitles', false), ok('media.enableSubtitles', 'false')]).toEqual([true, false]);
  });

  it('checks number ranges and refuses everything for a broken pattern', () => {
    const volume = settingValidator({
      key: 'x',
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: '',
      enforceable: true,
    });
    expect([
      volume.safeParse(0.5).success,
      volume.safeParse(1.5).success,
      volume.safeParse(Number.NaN).success,
    ]).toEqual([true, false, false]);
    const broken = settingValidator({
      key: 'x',
      type: 'string',
      pattern: '[',
      description: '',
      enforceable: true,
    });
    expect(broken.safeParse('anything').success).toBe(false);
  });
});

describe('parseForcedPrefs: fuzzing', () => {
  const keys = fc.constantFrom(
    ...SCHEMA.map((setting) => setting.key),
    ...Object.keys(LEGACY_KEYS),
    'app',
    'media',
    'meeting',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
  );
  const validators = new Map(SCHEMA.map((setting) => [setting.key, settingValidator(setting)]));

  function check(text: string): void {
    let result: ReturnType<typeof parseForcedPrefs>;
    try {
      result = parseForcedPrefs(text, SCHEMA, 1 << 16);
    } catch (error) {
      expect(error).toBeInstanceOf(ForcedPrefsError);
      return;
    }
    for (const [key, value] of Object.entries(result.values)) {
      expect(validators.get(key)?.safeParse(value).success).toBe(true);
    }
  }

  it('throws only ForcedPrefsError on random JSON and strings, and keeps only valid values', () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom('1', '6', '7', 'true', 'false', 'X', '720p', '19:00', '-0', '1e400'),
    );
    const shaped = fc.dictionary(keys, fc.oneof(value, fc.dictionary(fc.oneof(keys, fc.string()), value)));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          shaped.map((object) => JSON.stringify(object)),
          fc.string(),
        ),
        check,
      ),
      { numRuns: 1000 },
    );
  });
});
