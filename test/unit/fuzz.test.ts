/**
 * Fuzzing of everything that reads server input, with many generated inputs. The unit test files already hold
 * the basic properties (classify/parseDateFolder never throw on any text, checkName's rules and resolveInside on
 * any text, parseForcedPrefs and parseMultistatus on random and mutated text, planSync on consistent worlds);
 * this file adds what they leave out:
 *
 * - classify on structured paths: the kind is one of the six, and what it says agrees with the path;
 * - parseDateFolder against an independent oracle on near-miss folder names;
 * - checkName on names built from hostile pieces: what it accepts stays inside its folder and round-trips
 *   through resolveInside and a real disk;
 * - parseForcedPrefs on mutated and deeply nested JSON: only ForcedPrefsError, only valid enforceable values, no
 *   prototype pollution;
 * - parseMultistatus against a model: generated listings (any names, encodings, href styles, prefixes, propstat
 *   orders, ETag styles) parse to exactly the model; mutations of them throw only MultistatusError;
 * - planSync on raw random listings, dates and window lengths: never throws, no target outside the window, every
 *   target a safe name in its date folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { IsoDate, MediaItem } from '../../contract/api.js';
import { settingValidator } from '../../contract/host-settings.js';
import {
  addDays,
  DATE_FORMATS,
  formatDateFolder,
  isIsoDate,
  parseDateFolder,
  weekday,
} from '../../contract/media-folders.js';
import { HOST_SETTINGS } from '../../host/host-settings.js';
import { ForcedPrefsError, parseForcedPrefs } from '../../src/core/forced-prefs.js';
import { BACKGROUND_EXTENSIONS, classify, inWindow } from '../../src/core/layout.js';
import { checkName } from '../../src/core/names.js';
import { type FileRecord, planSync, type Records } from '../../src/core/planner.js';
import type { RemoteEntry } from '../../src/core/remote-entry.js';
import { resolveInside } from '../../src/local/paths.js';
import { MultistatusError } from '../../src/remote/multistatus/scanner.js';
import { MultistatusParser, parseMultistatus } from '../../src/remote/multistatus.js';

const RUNS = 2000;

// ---- shared generators -----------------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;
const isoOfDay = (day: number) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const isoDates = fc
  .integer({ min: Date.UTC(1990, 0, 1) / MS_PER_DAY, max: Date.UTC(2100, 11, 31) / MS_PER_DAY })
  .map(isoOfDay);
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });

/** Pieces that make names hostile on some file system or to a naive path join. */
const NASTY = [
  '.',
  '..',
  '/',
  '\\',
  '%2F',
  '%2E',
  '%',
  ' ',
  '\t',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u0085',
  ':',
  '*',
  '?',
  '"',
  '<',
  '|',
  'CON',
  'nul',
  'COM1',
  'lpt¹',
  'aux',
  '.jpg',
  '.mp4',
  'ü',
  'u\u0308',
  'ß',
  'İ',
  'ﬃ',
  '\u2215', // division slash, looks like '/'
  '\uff0f', // fullwidth solidus
  '\u200b',
  '\u202e', // right-to-left override
  '\ud83d\ude00',
  '\ud800',
  '\udc00',
  'x'.repeat(60),
  'ü'.repeat(40),
  'a',
  'B',
  '1',
  '-',
  '_',
  '~',
  '&',
  '#',
  '[',
  ']',
  '@',
];
const nastyName = fc
  .array(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NASTY) }, { weight: 1, arbitrary: fc.string() }),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(''));

// ---- classify and parseDateFolder ------------------------------------------------------------------------

describe('classify on structured paths', () => {
  const KINDS = ['additional', 'recurring', 'hidden', 'forced-prefs', 'background', 'ignored'];
  const folder = fc.oneof(
    fc
      .tuple(isoDates, fc.constantFrom(...DATE_FORMATS), fc.constantFrom('en', 'de', 'fr', 'ja'))
      .map(([d, f, l]) => formatDateFolder(d, f, l)),
    fc.constantFrom('Recurring', 'recurring', 'Media', 'Hidden', '2026-02-30', '31-12-2026', '2026-12-01 - '),
    nastyName,
  );
  const segment = fc.oneof(
    fc.constantFrom('Media', 'Hidden', 'Recurring', 'forcedPrefs.json', 'custom-background-image-Nord.JPG'),
    folder,
    nastyName,
  );
  const segments = fc.oneof(
    fc.tuple(fc.constantFrom('Media', 'Hidden', 'media', 'Other'), folder, nastyName),
    fc.array(segment, { maxLength: 5 }),
  );

  it('gives one of the six kinds, and what it says agrees with the path', () => {
    fc.assert(
      fc.property(segments, fc.boolean(), (path, isDirectory) => {
        const c = classify(path, isDirectory);
        expect(KINDS).toContain(c.kind);
        if (isDirectory) expect(c.kind).toBe('ignored');
        switch (c.kind) {
          case 'additional':
          case 'hidden':
            expect(path).toHaveLength(3);
            expect(path[0]).toBe(c.kind === 'additional' ? 'Media' : 'Hidden');
            expect(parseDateFolder(path[1] as string)).toBe(c.date);
            expect(isIsoDate(c.date)).toBe(true);
            expect(c.name).toBe(path[2]);
            expect(c.name.startsWith('.congsync-')).toBe(false);
            break;
          case 'recurring':
            expect(path.slice(0, 2)).toEqual(['Media', 'Recurring']);
            expect(c.name).toBe(path[2]);
            break;
          case 'forced-prefs':
            expect(path).toEqual(['forcedPrefs.json']);
            break;
          case 'background':
            expect(path).toEqual([`custom-background-image-${c.congregation}.${c.ext}`]);
            expect(BACKGROUND_EXTENSIONS as readonly string[]).toContain(c.ext.toLowerCase());
            break;
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('parseDateFolder against an independent oracle', () => {
  /** YYYY-MM-DD or DD-MM-YYYY, optionally followed by " - anything without a slash"; a real calendar date. */
  function oracle(name: string): string | null {
    const m = /^(?:(\d{4})-(\d{2})-(\d{2})|(\d{2})-(\d{2})-(\d{4}))(?: - ([^/]+))?$/.exec(name);
    if (!m) return null;
    const [y, mo, d] = m[1] ? [m[1], m[2], m[3]] : [m[6], m[5], m[4]];
    const date = new Date(0);
    date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
    const iso = `${y}-${mo}-${d}`;
    return date.getUTCFullYear() === Number(y) &&
      date.getUTCMonth() === Number(mo) - 1 &&
      date.getUTCDate() === Number(d)
      ? iso
      : null;
  }
  const digits = (n: number) =>
    fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
  const nearMiss = fc.oneof(
    fc.tuple(digits(4), digits(2), digits(2)).map(([y, m, d]) => `${y}-${m}-${d}`),
    fc.tuple(digits(2), digits(2), digits(4)).map(([d, m, y]) => `${d}-${m}-${y}`),
    fc
      .tuple(
        fc.constantFrom('2024-02-29', '2023-02-29', '2100-02-29', '2000-02-29', '29-02-2024', '31-04-2026'),
        fc.constantFrom('', ' - Donnerstag', ' -', ' - ', ' - a/b', '-x', ' - Dienstag ', '\n', ' - \u0000'),
      )
      .map(([a, b]) => a + b),
    fc
      .tuple(isoDates, fc.constantFrom(...DATE_FORMATS), fc.constantFrom('en', 'de', 'ar', 'ja', 'th'))
      .map(([d, f, l]) => formatDateFolder(d, f, l)),
    fc
      .array(fc.constantFrom('2', '0', '1', '9', '-', ' ', '/', 'a'), { maxLength: 16 })
      .map((c) => c.join('')),
  );

  it('agrees with the oracle on near-miss names and never throws', () => {
    fc.assert(
      fc.property(nearMiss, (name) => {
        expect(parseDateFolder(name)).toBe(oracle(name));
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

// ---- checkName and resolveInside -------------------------------------------------------------------------

describe('checkName on hostile names', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an accepted name stays in its folder through resolveInside, whatever it is built from', () => {
    const root = path.join(os.tmpdir(), 'media');
    fc.assert(
      fc.property(isoDates, nastyName, (date, raw) => {
        const checked = checkName(raw);
        if (!checked.ok) return;
        const file = resolveInside(root, date, checked.name);
        expect(path.dirname(file)).toBe(path.join(root, date));
        expect(path.basename(file)).toBe(checked.name);
        expect(checked.name).toBe(checked.name.normalize('NFC'));
        expect(checkName(checked.name)).toEqual(checked);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('an accepted name round-trips through a real disk', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-fuzz-names-'));
    dirs.push(root);
    let accepted = 0;
    fc.assert(
      fc.property(nastyName, (raw) => {
        const checked = checkName(raw);
        if (!checked.ok) return;
        accepted++;
        const dir = fs.mkdtempSync(path.join(root, 'd-'));
        const file = resolveInside(dir, checked.name);
        fs.writeFileSync(file, 'x', { flag: 'wx' });
        expect(fs.readdirSync(dir)).toEqual([checked.name]);
        expect(fs.readFileSync(resolveInside(dir, checked.name), 'utf8')).toBe('x');
        fs.rmSync(dir, { recursive: true });
      }),
      { numRuns: 500 },
    );
    expect(accepted).toBeGreaterThan(50);
    // nothing was left beside the folders made for it
    expect(fs.readdirSync(root)).toEqual([]);
  });
});

// ---- parseForcedPrefs ------------------------------------------------------------------------------------

describe('parseForcedPrefs on JSON-ish text', () => {
  const validators = new Map(HOST_SETTINGS.map((s) => [s.key, settingValidator(s)]));
  const enforceable = new Set(HOST_SETTINGS.filter((s) => s.enforceable).map((s) => s.key));
  const sample = JSON.stringify({
    app: { congregationName: 'Nord', outputFolderDateFormat: 'YYYY-MM-DD' },
    media: { lang: 'X', maxRes: '480p', enableSubtitles: true },
    meeting: { mwDay: 2, weDay: '6', mwStartTime: '19:00' },
    lang: 'E',
    mwDay: '1',
  });

  function check(text: string): void {
    let result: ReturnType<typeof parseForcedPrefs>;
    try {
      result = parseForcedPrefs(text, HOST_SETTINGS, 1 << 16);
    } catch (error) {
      expect(error).toBeInstanceOf(ForcedPrefsError);
      return;
    }
    for (const [key, value] of Object.entries(result.values)) {
      expect(enforceable.has(key), key).toBe(true);
      expect(validators.get(key)?.safeParse(value).success, key).toBe(true);
    }
    for (const r of result.rejected) {
      expect(typeof r.key).toBe('string');
      expect(typeof r.reason).toBe('string');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(result.values)).toBe(Object.prototype);
  }

  it('mutations of a real file: only ForcedPrefsError, only valid enforceable values', () => {
    const mutation = fc.record({
      at: fc.nat({ max: sample.length }),
      remove: fc.nat({ max: 12 }),
      insert: fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.constantFrom(
          '{',
          '}',
          '[',
          ']',
          ',',
          ':',
          '"',
          '\\',
          '\\u0000',
          'null',
          '1e999',
          '-0',
          '"__proto__":{"polluted":1},',
          '"constructor":{"prototype":{"polluted":1}},',
          '\uFEFF',
        ),
      ),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        let text = sample;
        for (const { at, remove, insert } of mutations)
          text = text.slice(0, at) + insert + text.slice(at + remove);
        check(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('deep nesting, duplicate keys and odd values', () => {
    const key = fc.constantFrom(
      ...HOST_SETTINGS.flatMap((s) => s.key.split('.')),
      '__proto__',
      'toString',
      '',
    );
    const deep = fc
      .tuple(fc.array(key, { minLength: 1, maxLength: 400 }), fc.jsonValue())
      .map(([keys, leaf]) => {
        let text = JSON.stringify(leaf) ?? 'null';
        for (const k of keys)
          text = `{${JSON.stringify(k)}:${text},${JSON.stringify(k)}:${text.length % 2}}`.slice(0, 60_000);
        return text;
      });
    fc.assert(
      fc.property(fc.oneof(deep, fc.json({ maxDepth: 8 }), anyUnits), (text) => check(text)),
      { numRuns: RUNS },
    );
  });
});

// ---- parseMultistatus against a model --------------------------------------------------------------------

describe('parseMultistatus on generated listings', () => {
  interface ModelEntry {
    segments: string[];
    isDirectory: boolean;
    size: number | null;
    etag: string | null;
  }
  const BASE_SEGMENTS = ['remote.php', 'dav', 'files', 'user@example.com', 'Congregation'];
  const BASE_PATH = `/${BASE_SEGMENTS.map(encodeURIComponent).join('/')}/`;

  /** Names a server may list: anything but empty, '.', '..' and lone surrogates (not encodable). */
  const listedName = nastyName
    .map((n) => n.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, 'x'))
    .filter((n) => n !== '' && n !== '.' && n !== '..');
  const etag = fc.oneof(
    fc.constant(null),
    fc.nat().map((n) => String(n)),
    fc
      .string({ unit: fc.constantFrom(...'0123456789abcdef-'), minLength: 1, maxLength: 12 })
      .map((h) => `"${h}"`),
    fc
      .string({ unit: fc.constantFrom(...'0123456789abcdef-'), minLength: 1, maxLength: 12 })
      .map((h) => `W/"${h}"`),
    fc.constantFrom('"a&b<c>"', "'quoted'"),
  );
  const modelEntry: fc.Arbitrary<ModelEntry> = fc.record({
    segments: fc.array(listedName, { minLength: 1, maxLength: 4 }),
    isDirectory: fc.boolean(),
    size: fc.option(fc.nat({ max: 2 ** 40 }), { nil: null }),
    etag,
  });
  interface Style {
    prefix: string;
    encoding: 'encoded' | 'raw' | 'mixed';
    absolute: boolean;
    encodeAt: boolean;
    notFoundFirst: boolean;
    whitespace: string;
  }
  const style: fc.Arbitrary<Style> = fc.record({
    prefix: fc.constantFrom('d', 'D', 'lp1', ''),
    encoding: fc.constantFrom('encoded' as const, 'raw' as const, 'mixed' as const),
    absolute: fc.boolean(),
    encodeAt: fc.boolean(),
    notFoundFirst: fc.boolean(),
    whitespace: fc.constantFrom('', '\n', '\n  ', '\r\n\t'),
  });

  const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  /**
   * Control characters cannot stand raw in XML, '%', '/', '?' and '#' would change the URL, and an href is
   * trimmed like any XML text: such names are always percent-encoded.
   */
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  const rawSafe = (s: string) => !/[\u0000-\u001f\u007f-\u009f%\ufffe\uffff/?#]/.test(s) && !/\s$/.test(s);

  function render(entries: ModelEntry[], s: Style): string {
    const p = s.prefix ? `${s.prefix}:` : '';
    const ns = s.prefix ? `xmlns:${s.prefix}="DAV:"` : 'xmlns="DAV:"';
    const base = s.encodeAt ? BASE_PATH : BASE_PATH.replace('%40', '@');
    const responses = entries.map((e, k) => {
      const raw = s.encoding === 'raw' || (s.encoding === 'mixed' && k % 2 === 1);
      const tail = e.segments.map((seg) => (raw && rawSafe(seg) ? seg : encodeURIComponent(seg))).join('/');
      const href = `${s.absolute ? 'https://cloud.example.org' : ''}${base}${tail}${e.isDirectory ? '/' : ''}`;
      const props = [
        e.isDirectory ? `<${p}resourcetype><${p}collection/></${p}resourcetype>` : `<${p}resourcetype/>`,
        e.size !== null && !e.isDirectory ? `<${p}getcontentlength>${e.size}</${p}getcontentlength>` : '',
        e.etag !== null ? `<${p}getetag>${xmlEscape(e.etag)}</${p}getetag>` : '',
      ].join(s.whitespace);
      const ok = `<${p}propstat><${p}prop>${props}</${p}prop><${p}status>HTTP/1.1 200 OK</${p}status></${p}propstat>`;
      const missing = `<${p}propstat><${p}prop><${p}getetag/><${p}getcontentlength/></${p}prop><${p}status>HTTP/1.1 404 Not Found</${p}status></${p}propstat>`;
      return `<${p}response>${s.whitespace}<${p}href>${xmlEscape(href)}</${p}href>${
        s.notFoundFirst ? missing + ok : ok + missing
      }</${p}response>`;
    });
    return `<?xml version="1.0" encoding="utf-8"?>${s.whitespace}<${p}multistatus ${ns}>${responses.join(
      s.whitespace,
    )}</${p}multistatus>`;
  }

  const listings = fc.tuple(
    fc.uniqueArray(modelEntry, { maxLength: 12, selector: (e) => e.segments.join('\u0000') }),
    style,
  );

  it('parse to exactly the model, whatever the names, encodings and styles', () => {
    fc.assert(
      fc.property(listings, ([entries, s]) => {
        const parsed = parseMultistatus(render(entries, s), BASE_PATH);
        expect(
          parsed.map(
            (e): ModelEntry => ({ segments: e.path, isDirectory: e.isDirectory, size: e.size, etag: e.etag }),
          ),
        ).toEqual(
          entries.map((e) => ({ ...e, size: e.isDirectory ? null : e.size, etag: e.etag?.trim() || null })),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('fed as bytes in chunks cut anywhere (inside characters too), the parser gives what the whole body gives', () => {
    const outcome = (parse: () => RemoteEntry[]) => {
      try {
        return { entries: parse() };
      } catch (error) {
        expect(error).toBeInstanceOf(MultistatusError);
        return { reason: (error as MultistatusError).reason };
      }
    };
    fc.assert(
      fc.property(
        listings,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.option(fc.nat()),
        ([entries, s], cuts, truncateAt) => {
          const whole = render(entries, s);
          const xml = truncateAt === null ? whole : whole.slice(0, truncateAt % (whole.length + 1));
          const bytes = Buffer.from(xml);
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const streamed = outcome(() => {
            const parser = new MultistatusParser(BASE_PATH);
            let from = 0;
            for (const at of [...points, bytes.length]) {
              parser.write(bytes.subarray(from, at));
              from = at;
            }
            return parser.end();
          });
          expect(streamed).toEqual(outcome(() => parseMultistatus(xml, BASE_PATH)));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('mutations of generated listings throw only MultistatusError, and give no empty or dot segment', () => {
    const mutation = fc.record({
      at: fc.nat({ max: 4000 }),
      remove: fc.nat({ max: 30 }),
      insert: fc.oneof(
        fc.string({ maxLength: 10 }),
        fc.constantFrom(
          '<',
          '</d:prop>',
          '<!DOCTYPE x [<!ENTITY a "b">]>',
          '<!-- -->',
          '<![CDATA[<x>]]>',
          '&amp;',
          '&#0;',
          '&#x110000;',
          '%',
          '%2F',
          '%2E%2E/',
          '/../',
          '//',
          '"',
          'xmlns:d="DAV:"',
        ),
      ),
    });
    fc.assert(
      fc.property(listings, fc.array(mutation, { minLength: 1, maxLength: 5 }), ([entries, s], mutations) => {
        let xml = render(entries, s);
        for (const { at, remove, insert } of mutations) {
          const k = at % (xml.length + 1);
          xml = xml.slice(0, k) + insert + xml.slice(k + remove);
        }
        let parsed: RemoteEntry[];
        try {
          parsed = parseMultistatus(xml, BASE_PATH, { maxBytes: 1 << 20 });
        } catch (error) {
          expect(error).toBeInstanceOf(MultistatusError);
          return;
        }
        for (const entry of parsed) {
          for (const segment of entry.path) expect(['', '.', '..']).not.toContain(segment);
          if (entry.size !== null) expect(Number.isSafeInteger(entry.size) && entry.size >= 0).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- planSync on raw random listings ---------------------------------------------------------------------

describe('planSync on raw random listings', () => {
  const today = isoDates;
  const nearDate = (base: IsoDate) => fc.integer({ min: -20, max: 60 }).map((n) => addDays(base, n));
  const folderOf = (base: IsoDate) =>
    fc.oneof(
      fc
        .tuple(nearDate(base), fc.constantFrom(...DATE_FORMATS), fc.constantFrom('en', 'de', 'ru'))
        .map(([d, f, l]) => formatDateFolder(d, f, l)),
      fc.constantFrom('Recurring', '2026-02-30', 'x'),
      nastyName,
    );
  const entryOf = (base: IsoDate): fc.Arbitrary<RemoteEntry> =>
    fc.record({
      path: fc.oneof(
        fc
          .tuple(fc.constantFrom('Media', 'Hidden', 'Media', 'Other'), folderOf(base), nastyName)
          .map((t) => [...t]),
        fc.array(fc.oneof(nastyName, fc.constantFrom('Media', 'forcedPrefs.json')), { maxLength: 4 }),
      ),
      isDirectory: fc.integer({ min: 0, max: 9 }).map((n) => n < 3),
      size: fc.option(fc.nat({ max: 1e12 }), { nil: null }),
      etag: fc.option(fc.constantFrom('"1"', '"2"', 'W/"1"', '7'), { nil: null }),
      lastModified: fc.option(fc.constantFrom('2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z'), {
        nil: null,
      }),
    });
  const input = today.chain((base) =>
    fc.record({
      today: fc.constant(base),
      entries: fc.uniqueArray(entryOf(base), { maxLength: 30, selector: (e) => e.path.join('\u0000') }),
      // the setting is validated to 1..26; odd values must still not break the plan
      weeks: fc.oneof(
        fc.integer({ min: -2, max: 30 }),
        fc.constantFrom(0.5, 2.9, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
      ),
      schedule: fc.record({
        mwDay: fc.integer({ min: 0, max: 6 }),
        weDay: fc.integer({ min: 0, max: 6 }),
        coWeek: fc.option(nearDate(base), { nil: null }),
      }),
      format: fc.constantFrom(...DATE_FORMATS),
      language: fc.constantFrom('en', 'de', 'xx-invalid', 'ar'),
      congregationName: fc.oneof(nastyName, fc.constant('')),
      hostItems: fc.array(
        fc.record({
          date: nearDate(base),
          name: nastyName,
          source: fc.constantFrom('jw' as const, 'local' as const, 'congregation' as const),
          hidden: fc.boolean(),
          recurring: fc.boolean(),
          file: fc.constant(null),
        }) as fc.Arbitrary<MediaItem>,
        { maxLength: 5 },
      ),
      recordDates: fc.array(fc.tuple(nearDate(base), nastyName, fc.nat({ max: 5 })), { maxLength: 6 }),
    }),
  );

  it('never throws; no target outside the window; every target is a safe name in the folder of its date', () => {
    fc.assert(
      fc.property(input, ({ recordDates, ...rest }) => {
        const records: Records = {};
        const local = new Map<string, number>();
        for (const [date, name, size] of recordDates) {
          const at = `${formatDateFolder(date, rest.format, rest.language)}/${name}`;
          const record: FileRecord = {
            remote: ['Media', date, name],
            etag: '"1"',
            size,
            lastModified: null,
            date,
            name,
            recurring: false,
          };
          records[at] = record;
          if (size % 2 === 0) local.set(at, size);
        }
        const plan = planSync({ ...rest, records, local, places: {} });
        const weeks = Number.isFinite(rest.weeks) ? Math.max(0, Math.floor(rest.weeks)) : 0;
        const end = addDays(rest.today, 7 * weeks);
        const targets = [
          ...plan.fetch.flatMap((g) => g.targets),
          ...plan.keep,
          ...plan.verify.flatMap((g) => g.targets),
        ];
        const listed = new Map(
          rest.entries.filter((e) => !e.isDirectory).map((e) => [e.path.join('\u0000'), e]),
        );
        for (const t of targets) {
          expect(t.date >= rest.today && t.date < end, `${t.date} in [${rest.today}, ${end})`).toBe(true);
          expect(inWindow(t.date, rest.today, rest.weeks)).toBe(true);
          expect(checkName(t.name)).toEqual({ ok: true, name: t.name });
          const [folder, name, ...more] = t.local.split('/');
          expect(more).toEqual([]);
          expect(name).toBe(t.name);
          expect(parseDateFolder(folder as string)).toBe(t.date);
          expect(resolveInside('/media', ...t.local.split('/')).startsWith('/media/')).toBe(true);
        }
        for (const g of plan.fetch) {
          const entry = listed.get(g.remote.join('\u0000'));
          expect(entry, g.remote.join('/')).toBeDefined();
          expect(g.size).toBe(entry?.size);
        }
        for (const d of plan.meetingDates) {
          expect(d >= rest.today && d < end).toBe(true);
          expect([rest.schedule.mwDay, rest.schedule.weDay, 1]).toContain(weekday(d));
        }
        for (const r of plan.remove) expect(inWindow(r.record.date, rest.today, rest.weeks)).toBe(true);
        for (const [date] of plan.hidden) expect(inWindow(date, rest.today, rest.weeks)).toBe(true);
        expect(plan.listed).toBe(rest.entries.filter((e) => !e.isDirectory).length);
      }),
      { numRuns: RUNS },
    );
  });
});
