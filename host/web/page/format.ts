/** Dates, times and lists of the page through Intl, in the page's language (24-hour in both). */
import { language } from './app.js';

const locale = () => (language() === 'de' ? 'de-DE' : 'en-GB');

/** A meeting date (YYYY-MM-DD) in full: "Wednesday 9 December 2026" / "Mittwoch, 9. Dezember 2026". */
export function formatDate(date: string): string {
  const parsed = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat(locale(), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(parsed);
}

/** A moment (ISO 8601) with its day and time: "Wed 9 Dec, 19:30" / "Mi., 9. Dez., 19:30". */
export function formatMoment(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** A moment of today as 14:05, of another day as formatMoment writes it. */
export function formatWhen(iso: string, now = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  if (at.toDateString() !== now.toDateString()) return formatMoment(iso);
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    at,
  );
}

/** A meeting date (YYYY-MM-DD) in short: "Wed 9 Dec" / "Mi., 9. Dez.". */
export function formatDay(date: string): string {
  const parsed = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat(locale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(parsed);
}

/** Names as a list of the page's language: "a, b and c" / "a, b und c". */
export function formatList(names: readonly string[]): string {
  return new Intl.ListFormat(locale(), { type: 'conjunction' }).format(names);
}
