/**
 * Where a date's congregation items go in the meeting (pure): the organiser's choice per date, kept on the server in
 * one file at the congregation folder's root (`meetingSections.json`, which M³ 22–24 never reads), its schema, and
 * the orders today's M³ reads from `.section-order.json` for that choice.
 *
 * The file maps meeting dates to a place: `{"2026-12-02": {"section": "tgw", "at": "start"}}`. A date that is not in
 * it keeps M³'s default section (the organiser chose "default").
 */
import * as z from 'zod';
import type { IsoDate, Json, MeetingSection, SectionEdge } from '../../contract/api.js';
import { isIsoDate, MEETING_SECTIONS } from '../../contract/media-folders.js';
import { utf8Bytes } from './utf8.js';

/** Where one date's congregation items go. */
export interface MeetingPlace {
  section: MeetingSection;
  at: SectionEdge;
}

export type MeetingPlaces = Record<IsoDate, MeetingPlace>;

/** What the organiser can choose: a section, or `default` (M³ decides, by the date's meeting). */
export const PLACE_CHOICES = [...MEETING_SECTIONS, 'default'] as const;
export type PlaceChoice = (typeof PLACE_CHOICES)[number];
export const isPlaceChoice = (s: unknown): s is PlaceChoice =>
  (PLACE_CHOICES as readonly unknown[]).includes(s);

const placeSchema = z.strictObject({
  section: z.enum(MEETING_SECTIONS as [MeetingSection, ...MeetingSection[]]),
  at: z.enum(['start', 'end']),
});

/** The largest file read; a congregation's choices for years fit in a few kilobytes. */
export const MEETING_SECTIONS_MAX_BYTES = 256 * 1024;

/** The usable places of the file, and the dates left out with why (a broken entry never spoils the others). */
export interface ParsedPlaces {
  places: MeetingPlaces;
  rejected: Array<{ key: string; reason: string }>;
}

export class MeetingPlacesError extends Error {
  override name = 'MeetingPlacesError';
}

/** The file's text, parsed; an empty file (one a LOCK made) holds no choice. Throws when the whole file is unusable. */
export function parseMeetingPlaces(text: string): ParsedPlaces {
  if (utf8Bytes(text) > MEETING_SECTIONS_MAX_BYTES)
    throw new MeetingPlacesError(`larger than ${MEETING_SECTIONS_MAX_BYTES} bytes`);
  if (text.trim() === '') return { places: {}, rejected: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new MeetingPlacesError('not valid JSON');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new MeetingPlacesError('not a JSON object');
  const places: MeetingPlaces = {};
  const rejected: ParsedPlaces['rejected'] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!isIsoDate(key)) {
      rejected.push({ key, reason: 'not a date (YYYY-MM-DD)' });
      continue;
    }
    const place = placeSchema.safeParse(value);
    if (place.success) places[key] = place.data;
    else rejected.push({ key, reason: `not a place (${z.prettifyError(place.error).replace(/\s+/g, ' ')})` });
  }
  return { places, rejected };
}

/** The file's text: dates in order, so that the same choices always give the same bytes. */
export function serializeMeetingPlaces(places: Readonly<MeetingPlaces>): string {
  const sorted = Object.keys(places)
    .sort()
    .map((date) => [date, places[date]]);
  return `${JSON.stringify(Object.fromEntries(sorted), null, 2)}\n`;
}

/** The places with one date's choice applied: `default` removes the date. */
export function choosePlace(
  places: Readonly<MeetingPlaces>,
  date: IsoDate,
  choice: PlaceChoice,
  at: SectionEdge,
) {
  const next: MeetingPlaces = { ...places };
  if (choice === 'default') delete next[date];
  else next[date] = { section: choice, at };
  return next;
}

/** The places as JSON values by date, for the shared file's key-wise merge. */
export const placesAsJson = (places: Readonly<MeetingPlaces>): Record<string, Json> =>
  ({ ...places }) as never;

/**
 * The order today's M³ gives the `index`-th of a date's congregation items in its chosen place: negative orders come
 * before every JW item of the section (M³ numbers those by paragraph, from 0 up), orders past any paragraph number
 * after them.
 */
export function m3Order(at: SectionEdge, index: number): number {
  return at === 'start' ? -1000 + index : 100_000 + index;
}
