/** How the settings view reads and writes times, dates and numbers in the page's language: strictly. */
import { describe, expect, it } from 'vitest';
import { HOST_SETTINGS } from '../../host/host-settings.js';
import { localisedSchema } from '../../host/setting-labels.js';
import {
  readDate,
  readNumber,
  readTime,
  showDate,
  showNumber,
} from '../../host/web/page/settings/formats.js';

describe('times', () => {
  it('are HH:MM on the 24-hour clock', () => {
    expect(readTime('19:30')).toBe('19:30');
    expect(readTime(' 7:05 ')).toBe('07:05');
    expect(readTime('00:00')).toBe('00:00');
    expect(readTime('23:59')).toBe('23:59');
    for (const text of ['24:00', '19:60', '7:30 PM', '1930', '19.30', '19:3', '', '-1:00'])
      expect(readTime(text), text).toBeUndefined();
  });
});

describe('dates', () => {
  it('are TT.MM.JJJJ in German, real calendar dates only', () => {
    expect(showDate('2026-12-09', 'de')).toBe('09.12.2026');
    expect(readDate('9.12.2026', 'de')).toBe('2026-12-09');
    expect(readDate('29.02.2028', 'de')).toBe('2028-02-29');
    for (const text of ['31.02.2026', '29.02.2027', '2026-12-09', '09/12/2026', '9.12.26', '12.13.2026'])
      expect(readDate(text, 'de'), text).toBeUndefined();
  });

  it('are ISO in English, which nobody reads the other way round', () => {
    expect(showDate('2026-12-09', 'en')).toBe('2026-12-09');
    expect(readDate('2026-12-09', 'en')).toBe('2026-12-09');
    for (const text of ['09/12/2026', '12/09/2026', '9 Dec 2026', '2026-02-30', '2026-1-9'])
      expect(readDate(text, 'en'), text).toBeUndefined();
  });

  it('are empty for none', () => {
    expect(readDate('  ', 'de')).toBe('');
    expect(showDate('', 'de')).toBe('');
  });
});

describe('numbers', () => {
  it('are written and read in the page’s language', () => {
    expect(showNumber(1234.5, 'de')).toBe('1.234,5');
    expect(showNumber(1234.5, 'en')).toBe('1,234.5');
    expect(readNumber('1.234,5', 'de')).toBe(1234.5);
    expect(readNumber('1,234.5', 'en')).toBe(1234.5);
    expect(readNumber('80', 'de')).toBe(80);
    expect(readNumber('-3', 'en')).toBe(-3);
    for (const text of ['1.23', 'zehn', '1,2,3', '', '12 %'])
      expect(readNumber(text, 'de'), text).toBeUndefined();
  });
});

describe('the date-folder formats', () => {
  it('are labelled by an example date, in each language', () => {
    const labels = (language: 'en' | 'de') =>
      localisedSchema(HOST_SETTINGS, language).find((s) => s.key === 'app.outputFolderDateFormat')
        ?.valueLabels;
    expect(labels('de')).toEqual({
      'YYYY-MM-DD': '2026-12-09',
      'YYYY-MM-DD - dddd': '2026-12-09 - Mittwoch',
      'DD-MM-YYYY': '09-12-2026',
      'DD-MM-YYYY - dddd': '09-12-2026 - Mittwoch',
    });
    expect(labels('en')?.['YYYY-MM-DD - dddd']).toBe('2026-12-09 - Wednesday');
  });
});
