/**
 * How the settings page writes and reads times, dates and numbers in the page's language (never the browser's):
 * each `show` gives a field's text for a stored value, each `read` the stored value for a field's text, or
 * undefined when the text is not one.
 *
 * Times are `HH:MM` on the 24-hour clock in both languages. Dates are `TT.MM.JJJJ` in German; in English they are
 * ISO `YYYY-MM-DD`: a numeric English date is read month-first in the United States and day-first elsewhere
 * (09/12/2026), while ISO is read one way everywhere, is the form the setting stores, and the default name of the
 * date folders. Numbers go through Intl in the page's language (German `1.000,5`).
 */
import { isIsoDate } from '../../../../contract/media-folders.js';
import type { Language } from '../../../i18n.js';

const TIME = /^(\d{1,2}):(\d{2})$/;

/** `7:05` or `07:05` to `07:05`; hours 0 to 23, minutes 0 to 59. */
export function readTime(text: string): string | undefined {
  const match = TIME.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

export const showTime = (stored: string): string => stored;

const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** A stored `YYYY-MM-DD` (or '' for none) as the field shows it. */
export function showDate(stored: string, language: Language): string {
  if (language !== 'de' || !isIsoDate(stored)) return stored;
  const [year, month, day] = stored.split('-');
  return `${day}.${month}.${year}`;
}

/** A field's date as `YYYY-MM-DD`, '' for an empty field; undefined for anything but a real calendar date. */
export function readDate(text: string, language: Language): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  let iso = trimmed;
  if (language === 'de') {
    const match = GERMAN_DATE.exec(trimmed);
    if (!match) return undefined;
    iso = `${match[3]}-${match[2]?.padStart(2, '0')}-${match[1]?.padStart(2, '0')}`;
  }
  return isIsoDate(iso) ? iso : undefined;
}

/** A date in words, for a hint under its field ("Mittwoch, 9. Dezember 2026"). */
export function dateInWords(stored: string, language: Language): string {
  if (!isIsoDate(stored)) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${stored}T00:00:00Z`),
  );
}

const numbers = (language: Language) => new Intl.NumberFormat(language, { maximumFractionDigits: 20 });

export function showNumber(value: number, language: Language): string {
  return numbers(language).format(value);
}

/** A number as the page's language writes it: the group separator only between groups of three digits. */
export function readNumber(text: string, language: Language): number | undefined {
  const parts = numbers(language).formatToParts(12345.6);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^-?(\\d{1,3}(${literal(group)}\\d{3})+|\\d+)(${literal(decimal)}\\d+)?$`);
  const trimmed = text.trim().replace('\u2212', '-');
  if (!pattern.test(trimmed)) return undefined;
  return Number(trimmed.replaceAll(group, '').replace(decimal, '.'));
}
