import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  compareMediaNames,
  DATE_FORMATS,
  type DateFormat,
  formatDateFolder,
  isDateFormat,
  isIsoDate,
  parseDateFolder,
  prefixOrder,
  weekday,
} from '../../contract/media-folders.js';
import {
  type Classified,
  classify,
  inWindow,
  type MeetingSchedule,
  meetingDates,
  remoteSegments,
  windowEnd,
} from '../../src/core/layout.js';

const LANGUAGES = [
  'en',
  'de',
  'fr',
  'ru',
  'ja',
  'ar',
  'he',
  'zh',
  'ko',
  'th',
  'el',
  'hi',
  'pt-BR',
  'pt_BR',
  'es',
];
const MS_PER_DAY = 86_400_000;
const DAY_1990 = Date.UTC(1990, 0, 1) / MS_PER_DAY;
const DAY_2100 = Date.UTC(2100, 11, 31) / MS_PER_DAY;

/** Oracle independent of the module: ISO date of a day count since 1970-01-01. */
const isoOfDay = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const isoDates = fc.integer({ min: DAY_1990, max: DAY_2100 }).map(isoOfDay);
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });
const anyText = fc.oneof(fc.string({ unit: 'binary' }), anyUnits, fc.string());

describe('isIsoDate', () => {
  it.each([
    ['2024-05-07', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1900-02-28', true],
    ['2024-12-31', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2024-02-30', false],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['2024-1-5', false],
    ['20240105', false],
    ['2024-05-07 ', false],
    ['07-05-2024', false],
    ['', false],
  ])('%j -> %s', (s, expected) => {
    expect(isIsoDate(s)).toBe(expected);
  });
});

describe('parseDateFolder', () => {
  it.each([
    ['2024-05-07', '2024-05-07'],
    ['2024-05-07 - Tuesday', '2024-05-07'],
    ['2024-05-07 - Dienstag', '2024-05-07'],
    ['2024-05-07 - mardi', '2024-05-07'],
    ['2024-05-07 - вторник', '2024-05-07'],
    ['2024-05-07 - 火曜日', '2024-05-07'],
    ['2024-05-07 - יום שלישי', '2024-05-07'],
    ['07-05-2024', '2024-05-07'],
    ['07-05-2024 - Tuesday', '2024-05-07'],
    ['07-05-2024 - Dienstag', '2024-05-07'],
    ['07-05-2024 - mardi', '2024-05-07'],
    ['07-05-2024 - вторник', '2024-05-07'],
    ['07-05-2024 - 火曜日', '2024-05-07'],
    ['29-02-2024', '2024-02-29'],
    ['2024-02-29 - Thursday', '2024-02-29'],
    // any weekday text is accepted, even one that does not match the date
    ['2024-05-07 - Monday', '2024-05-07'],
  ])('%j -> %s', (name, expected) => {
    expect(parseDateFolder(name)).toBe(expected);
  });

  it.each([
    'Recurring',
    '2024-1-5',
    '20240105',
    '2024-02-30',
    '30-02-2024',
    '2023-02-29 - Wednesday',
    '2024-13-01',
    '13-13-2024',
    '2024-05-07 - ',
    '2024-05-07 -',
    '2024-05-07 Tuesday',
    '2024-05-07-Tuesday',
    '2024-05-07 - Tues/day',
    ' 2024-05-07',
    '2024-05-07 ',
    '05-07-24',
    '2024/05/07',
    '7-5-2024',
    '',
  ])('rejects %j', (name) => {
    expect(parseDateFolder(name)).toBeNull();
  });

  it('never throws and returns only real ISO dates', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const parsed = parseDateFolder(s);
        expect(parsed === null || isIsoDate(parsed)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatDateFolder', () => {
  it.each<[DateFormat, string, string]>([
    ['YYYY-MM-DD', 'en', '2024-05-07'],
    ['YYYY-MM-DD - dddd', 'en', '2024-05-07 - Tuesday'],
    ['YYYY-MM-DD - dddd', 'de', '2024-05-07 - Dienstag'],
    ['YYYY-MM-DD - dddd', 'fr', '2024-05-07 - mardi'],
    ['YYYY-MM-DD - dddd', 'ru', '2024-05-07 - вторник'],
    ['YYYY-MM-DD - dddd', 'ja', '2024-05-07 - 火曜日'],
    ['DD-MM-YYYY', 'de', '07-05-2024'],
    ['DD-MM-YYYY - dddd', 'en', '07-05-2024 - Tuesday'],
    ['DD-MM-YYYY - dddd', 'de', '07-05-2024 - Dienstag'],
  ])('%s in %s', (format, language, expected) => {
    expect(formatDateFolder('2024-05-07', format, language)).toBe(expected);
  });

  it('uses English for unknown or malformed language tags instead of the process locale', () => {
    expect(formatDateFolder('2024-05-07', 'YYYY-MM-DD - dddd', 'zz-ZZ')).toBe('2024-05-07 - Tuesday');
    expect(formatDateFolder('2024-05-07', 'YYYY-MM-DD - dddd', '')).toBe('2024-05-07 - Tuesday');
    expect(formatDateFolder('2024-05-07', 'YYYY-MM-DD - dddd', 'not a tag!')).toBe('2024-05-07 - Tuesday');
  });

  it('accepts underscore language tags', () => {
    expect(formatDateFolder('2024-05-07', 'DD-MM-YYYY - dddd', 'pt_BR')).toBe('07-05-2024 - terça-feira');
  });

  it('throws on invalid dates and formats', () => {
    expect(() => formatDateFolder('2024-02-30', 'YYYY-MM-DD', 'en')).toThrow(RangeError);
    expect(() => formatDateFolder('2024-05-07', 'MM/DD/YYYY' as DateFormat, 'en')).toThrow(/MM\/DD\/YYYY/);
  });

  it('round-trips through parseDateFolder for every format and language', () => {
    fc.assert(
      fc.property(isoDates, fc.constantFrom(...DATE_FORMATS), fc.constantFrom(...LANGUAGES), (d, f, l) => {
        expect(parseDateFolder(formatDateFolder(d, f, l))).toBe(d);
      }),
      { numRuns: 3000 },
    );
  });

  it('isDateFormat knows exactly the four formats', () => {
    expect(DATE_FORMATS.every(isDateFormat)).toBe(true);
    expect(isDateFormat('YYYY-MM-DD - ddd')).toBe(false);
    expect(isDateFormat(undefined)).toBe(false);
  });
});

describe('classify', () => {
  it.each<[string[], Classified]>([
    [['Media', '2024-05-07', 'talk.jpg'], { kind: 'additional', date: '2024-05-07', name: 'talk.jpg' }],
    [
      ['Media', '2024-05-07 - Tuesday', 'talk.jpg'],
      { kind: 'additional', date: '2024-05-07', name: 'talk.jpg' },
    ],
    [
      ['Media', '07-05-2024 - Dienstag', '01 - a.mp4'],
      { kind: 'additional', date: '2024-05-07', name: '01 - a.mp4' },
    ],
    [['Media', '07-05-2024', 'x.png'], { kind: 'additional', date: '2024-05-07', name: 'x.png' }],
    [['Media', 'Recurring', 'logo.png'], { kind: 'recurring', name: 'logo.png' }],
    [['Hidden', '2024-05-07 - 火曜日', 'song.mp4'], { kind: 'hidden', date: '2024-05-07', name: 'song.mp4' }],
    [['Hidden', '07-05-2024', 'song.mp4'], { kind: 'hidden', date: '2024-05-07', name: 'song.mp4' }],
    [['forcedPrefs.json'], { kind: 'forced-prefs' }],
    [
      ['custom-background-image-Springfield.jpg'],
      { kind: 'background', congregation: 'Springfield', ext: 'jpg' },
    ],
    [
      ['custom-background-image-Springfield North - English.JPEG'],
      { kind: 'background', congregation: 'Springfield North - English', ext: 'JPEG' },
    ],
    [['custom-background-image-A.b.png'], { kind: 'background', congregation: 'A.b', ext: 'png' }],
    ...['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'bmp', 'Png', 'WEBP'].map(
      (ext): [string[], Classified] => [
        [`custom-background-image-X.${ext}`],
        { kind: 'background', congregation: 'X', ext },
      ],
    ),
  ])('%j', (segments, expected) => {
    expect(classify(segments, false)).toEqual(expected);
  });

  it.each<[string[]]>([
    [['media', '2024-05-07', 'talk.jpg']],
    [['MEDIA', '2024-05-07', 'talk.jpg']],
    [['hidden', '2024-05-07', 'talk.jpg']],
    [['Media', 'recurring', 'logo.png']],
    [['Media', 'RECURRING', 'logo.png']],
    [['Hidden', 'Recurring', 'logo.png']],
    [['Media', '2024-02-30', 'talk.jpg']],
    [['Media', 'Other', 'talk.jpg']],
    [['Other', '2024-05-07', 'talk.jpg']],
    [['Media', '2024-05-07', 'sub', 'x.jpg']],
    [['Media', 'Recurring', 'sub', 'x.jpg']],
    [['Hidden', '2024-05-07', 'sub', 'x.jpg']],
    [['Media', 'talk.jpg']],
    [['Media']],
    [['talk.jpg']],
    [['Media', 'forcedPrefs.json']],
    [['Media', '2024-05-07', 'forcedPrefs.json', 'x']],
    [['sub', 'forcedPrefs.json']],
    [['forcedprefs.json']],
    [['custom-background-image-.jpg']],
    [['custom-background-image-X.tiff']],
    [['custom-background-image-X']],
    [['Custom-Background-Image-X.jpg']],
    [['sub', 'custom-background-image-X.jpg']],
    [[]],
  ])('ignores %j', (segments) => {
    expect(classify(segments, false)).toEqual({ kind: 'ignored' });
  });

  it.each<[string[]]>([
    [['Media', '2024-05-07', 'talk.jpg']],
    [['Media', 'Recurring', 'logo.png']],
    [['forcedPrefs.json']],
    [['custom-background-image-X.jpg']],
    [['Media']],
  ])('ignores the directory %j', (segments) => {
    expect(classify(segments, true)).toEqual({ kind: 'ignored' });
  });

  it('never throws on random segments', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 5 }), fc.boolean(), (segments, isDir) => {
        expect(typeof classify(segments, isDir).kind).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('remoteSegments', () => {
  it.each<[Exclude<Classified, { kind: 'ignored' }>, DateFormat, string, string[]]>([
    [
      { kind: 'additional', date: '2024-05-07', name: 'a.jpg' },
      'YYYY-MM-DD',
      'en',
      ['Media', '2024-05-07', 'a.jpg'],
    ],
    [
      { kind: 'additional', date: '2024-05-07', name: 'a.jpg' },
      'DD-MM-YYYY - dddd',
      'de',
      ['Media', '07-05-2024 - Dienstag', 'a.jpg'],
    ],
    [{ kind: 'recurring', name: 'logo.png' }, 'YYYY-MM-DD - dddd', 'en', ['Media', 'Recurring', 'logo.png']],
    [
      { kind: 'hidden', date: '2024-05-07', name: 's.mp4' },
      'YYYY-MM-DD - dddd',
      'fr',
      ['Hidden', '2024-05-07 - mardi', 's.mp4'],
    ],
    [{ kind: 'forced-prefs' }, 'DD-MM-YYYY', 'en', ['forcedPrefs.json']],
    [
      { kind: 'background', congregation: 'Springfield - North', ext: 'PNG' },
      'YYYY-MM-DD',
      'en',
      ['custom-background-image-Springfield - North.PNG'],
    ],
  ])('%j as %s/%s', (c, format, language, expected) => {
    expect(remoteSegments(c, format, language)).toEqual(expected);
  });

  it('is the inverse of classify', () => {
    const fileName = fc.string({ minLength: 1 }).filter((s) => !s.includes('/'));
    const classified: fc.Arbitrary<Exclude<Classified, { kind: 'ignored' }>> = fc.oneof(
      fc.record({ kind: fc.constant('additional' as const), date: isoDates, name: fileName }),
      fc.record({ kind: fc.constant('recurring' as const), name: fileName }),
      fc.record({ kind: fc.constant('hidden' as const), date: isoDates, name: fileName }),
      fc.constant({ kind: 'forced-prefs' as const }),
      fc.record({
        kind: fc.constant('background' as const),
        congregation: fileName,
        ext: fc.constantFrom('jpg', 'JPEG', 'png', 'gif', 'webp', 'avif', 'bmp'),
      }),
    );
    fc.assert(
      fc.property(classified, fc.constantFrom(...DATE_FORMATS), fc.constantFrom(...LANGUAGES), (c, f, l) => {
        expect(classify(remoteSegments(c, f, l), false)).toEqual(c);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('addDays and weekday', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2000-03-01', -1, '2000-02-29'],
    ['1900-03-01', -1, '1900-02-28'],
    ['2024-03-30', 1, '2024-03-31'],
    ['2024-03-31', 1, '2024-04-01'],
    ['2024-05-07', 0, '2024-05-07'],
    ['2024-05-07', 365, '2025-05-07'],
    ['0001-01-01', 0, '0001-01-01'],
    ['0099-12-31', 1, '0100-01-01'],
  ])('%s + %i = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each([
    ['2024-05-06', 0],
    ['2024-05-07', 1],
    ['2024-05-08', 2],
    ['2024-05-09', 3],
    ['2024-05-10', 4],
    ['2024-05-11', 5],
    ['2024-05-12', 6],
    ['1970-01-01', 3],
    ['2000-02-29', 1],
  ])('weekday(%s) = %i', (date, expected) => {
    expect(weekday(date)).toBe(expected);
  });

  it('throws on invalid input', () => {
    expect(() => addDays('2024-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2024-05-07', 0.5)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => weekday('nope')).toThrow(/nope/);
  });

  it('agrees with Date.UTC arithmetic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: DAY_1990, max: DAY_2100 }),
        fc.integer({ min: -5000, max: 5000 }),
        (day, n) => {
          const date = isoOfDay(day);
          expect(addDays(date, n)).toBe(isoOfDay(day + n));
          expect(weekday(date)).toBe((new Date(day * MS_PER_DAY).getUTCDay() + 6) % 7);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('window', () => {
  it.each([
    ['2024-05-06', 1, '2024-05-13'],
    ['2024-05-06', 2, '2024-05-20'],
    ['2024-12-30', 1, '2025-01-06'],
    ['2024-05-06', 0, '2024-05-06'],
    ['2024-05-06', -3, '2024-05-06'],
    ['2024-05-06', 1.9, '2024-05-13'],
    ['2024-05-06', Number.NaN, '2024-05-06'],
  ])('windowEnd(%s, %d) = %s', (today, weeks, expected) => {
    expect(windowEnd(today, weeks)).toBe(expected);
  });

  it.each([
    ['2024-05-06', true],
    ['2024-05-12', true],
    ['2024-05-19', true],
    ['2024-05-20', false],
    ['2024-05-05', false],
    ['2023-05-10', false],
    ['2024-02-30', false],
    ['garbage', false],
  ])('inWindow(%s, 2024-05-06, 2) = %s', (date, expected) => {
    expect(inWindow(date, '2024-05-06', 2)).toBe(expected);
  });

  it('is empty for zero weeks', () => {
    expect(inWindow('2024-05-06', '2024-05-06', 0)).toBe(false);
  });
});

describe('meetingDates', () => {
  const wedSun: MeetingSchedule = { mwDay: 2, weDay: 6 };

  it.each<[string, string, number, MeetingSchedule, string[]]>([
    ['one week from Monday', '2024-05-06', 1, wedSun, ['2024-05-08', '2024-05-12']],
    ['today included', '2024-05-08', 1, wedSun, ['2024-05-08', '2024-05-12']],
    ['today + 7*weeks excluded', '2024-05-09', 1, wedSun, ['2024-05-12', '2024-05-15']],
    ['today is Sunday', '2024-05-12', 1, wedSun, ['2024-05-12', '2024-05-15']],
    ['two weeks', '2024-05-06', 2, wedSun, ['2024-05-08', '2024-05-12', '2024-05-15', '2024-05-19']],
    ['Thursday and Saturday', '2024-05-06', 1, { mwDay: 3, weDay: 5 }, ['2024-05-09', '2024-05-11']],
    ['Monday and Sunday', '2024-05-06', 1, { mwDay: 0, weDay: 6 }, ['2024-05-06', '2024-05-12']],
    ['weekend before midweek', '2024-05-06', 1, { mwDay: 4, weDay: 1 }, ['2024-05-07', '2024-05-10']],
    ['same day for both', '2024-05-06', 2, { mwDay: 5, weDay: 5 }, ['2024-05-11', '2024-05-18']],
    ['zero weeks', '2024-05-06', 0, wedSun, []],
    ['negative weeks', '2024-05-06', -1, wedSun, []],
    ['across new year', '2024-12-30', 1, wedSun, ['2025-01-01', '2025-01-05']],
    ['across a leap day', '2024-02-26', 1, { mwDay: 3, weDay: 5 }, ['2024-02-29', '2024-03-02']],
    [
      'CO week moves midweek to Tuesday',
      '2024-05-06',
      2,
      { mwDay: 3, weDay: 5, coWeek: '2024-05-09' },
      ['2024-05-07', '2024-05-11', '2024-05-16', '2024-05-18'],
    ],
    [
      'CO week given by its Sunday',
      '2024-05-06',
      1,
      { mwDay: 3, weDay: 6, coWeek: '2024-05-12' },
      ['2024-05-07', '2024-05-12'],
    ],
    [
      'CO week given by its Monday',
      '2024-05-06',
      2,
      { mwDay: 3, weDay: 6, coWeek: '2024-05-13' },
      ['2024-05-09', '2024-05-12', '2024-05-14', '2024-05-19'],
    ],
    [
      'CO Tuesday already past',
      '2024-05-08',
      1,
      { mwDay: 3, weDay: 6, coWeek: '2024-05-06' },
      ['2024-05-12'],
    ],
    [
      'CO week with Tuesday midweek anyway',
      '2024-05-06',
      1,
      { mwDay: 1, weDay: 6, coWeek: '2024-05-07' },
      ['2024-05-07', '2024-05-12'],
    ],
    [
      'CO week outside the window',
      '2024-05-06',
      1,
      { mwDay: 3, weDay: 6, coWeek: '2024-06-04' },
      ['2024-05-09', '2024-05-12'],
    ],
    ['null CO week', '2024-05-06', 1, { mwDay: 3, weDay: 6, coWeek: null }, ['2024-05-09', '2024-05-12']],
  ])('%s', (_label, today, weeks, schedule, expected) => {
    expect(meetingDates(today, weeks, schedule)).toEqual(expected);
  });

  describe('is independent of the process time zone', () => {
    const savedTz = process.env.TZ;
    afterEach(() => {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    });

    it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Pacific/Chatham', 'Pacific/Kiritimati'])(
      '%s',
      (tz) => {
        process.env.TZ = tz;
        // spans the EU (2024-03-31) and US (2024-03-10) DST switches
        expect(meetingDates('2024-03-04', 4, { mwDay: 2, weDay: 6 })).toEqual([
          '2024-03-06',
          '2024-03-10',
          '2024-03-13',
          '2024-03-17',
          '2024-03-20',
          '2024-03-24',
          '2024-03-27',
          '2024-03-31',
        ]);
        expect(meetingDates('2024-10-21', 1, { mwDay: 6, weDay: 6 })).toEqual(['2024-10-27']);
      },
    );
  });

  it('yields sorted meeting days inside the window only', () => {
    const day = fc.integer({ min: 0, max: 6 });
    fc.assert(
      fc.property(
        fc.integer({ min: DAY_1990, max: DAY_2100 }),
        fc.integer({ min: 0, max: 20 }),
        day,
        day,
        fc.option(fc.integer({ min: -10, max: 150 })),
        (tDay, w, mw, we, coOffset) => {
          const t = isoOfDay(tDay);
          const co = coOffset === null ? null : isoOfDay(tDay + coOffset);
          const dates = meetingDates(t, w, { mwDay: mw, weDay: we, coWeek: co });
          expect([...dates].sort()).toEqual(dates);
          expect(new Set(dates).size).toBe(dates.length);
          for (const d of dates) {
            expect(inWindow(d, t, w)).toBe(true);
            expect([1, mw, we]).toContain(weekday(d));
          }
          // a CO week can move one midweek meeting into or out of the window, or add one when mwDay === weDay
          const usual = w * (mw === we ? 1 : 2);
          if (co === null || w === 0) expect(dates.length).toBe(usual);
          else expect(Math.abs(dates.length - usual)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('prefixOrder', () => {
  it.each<[string, number[]]>([
    ['12-34 - Talk.jpg', [12, 34]],
    ['01 - Song.mp4', [1]],
    ['01-02-03 - x.png', [1, 2, 3]],
    ['00 - zero.png', [0]],
    ['01-02-03-04 - x.png', []],
    ['1 - x.png', []],
    ['123 - x.png', []],
    ['01 -x.png', []],
    ['01- x.png', []],
    ['01-2 - x.png', []],
    ['01_02 - x.png', []],
    ['x 01 - y.png', []],
    ['Talk.jpg', []],
    ['', []],
  ])('%j -> %j', (name, expected) => {
    expect(prefixOrder(name)).toEqual(expected);
  });
});

describe('compareMediaNames', () => {
  it('sorts prefixed names first, numerically by group, then by name', () => {
    const names = [
      'Zeta.jpg',
      '10 - a.jpg',
      'img10.jpg',
      '02 - b.jpg',
      '01-02 - a.jpg',
      '2 - x.jpg',
      '01 - z.jpg',
      'img2.jpg',
      '01-01-05 - c.jpg',
      '01-01 - d.jpg',
      '01 - a.jpg',
      'alpha.jpg',
    ];
    expect([...names].sort(compareMediaNames)).toEqual([
      '01 - a.jpg',
      '01 - z.jpg',
      '01-01 - d.jpg',
      '01-01-05 - c.jpg',
      '01-02 - a.jpg',
      '02 - b.jpg',
      '10 - a.jpg',
      '2 - x.jpg',
      'alpha.jpg',
      'img2.jpg',
      'img10.jpg',
      'Zeta.jpg',
    ]);
  });

  it.each([
    ['09 - z.jpg', '10 - a.jpg', -1],
    ['10 - a.jpg', '09 - z.jpg', 1],
    ['99 - z.jpg', 'a.jpg', -1],
    ['a.jpg', '99 - z.jpg', 1],
    ['a.jpg', 'a.jpg', 0],
    ['a.jpg', 'A.jpg', -1],
    ['Caf\u00e9.jpg', 'Cafe\u0301.jpg', 1],
  ])('compare(%j, %j) = %i', (a, b, expected) => {
    expect(compareMediaNames(a, b)).toBe(expected);
  });

  it('is a total order', () => {
    const name = fc.oneof(
      fc.string(),
      fc
        .tuple(fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 3 }), fc.string())
        .map(([groups, rest]) => `${groups.map((g) => String(g).padStart(2, '0')).join('-')} - ${rest}`),
    );
    fc.assert(
      fc.property(name, name, name, (a, b, c) => {
        expect(compareMediaNames(a, b)).toBe(-compareMediaNames(b, a) || 0);
        expect(compareMediaNames(a, b) === 0).toBe(a === b);
        if (compareMediaNames(a, b) < 0 && compareMediaNames(b, c) < 0) {
          expect(compareMediaNames(a, c)).toBe(-1);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
