/** The organiser's places in the meeting: meetingSections.json read, written and changed, and M³'s orders for them. */
import { describe, expect, it } from 'vitest';
import type { MediaItem } from '../../contract/api.js';
import { comparePlaces, naturalCompare } from '../../contract/media-folders.js';
import {
  choosePlace,
  isPlaceChoice,
  MeetingPlacesError,
  m3Order,
  parseMeetingPlaces,
  serializeMeetingPlaces,
} from '../../src/core/meeting-places.js';

describe('meetingSections.json', () => {
  it('reads the places by date; a broken entry is left out and named, the others stay', () => {
    const text = JSON.stringify({
      '2026-12-02': { section: 'tgw', at: 'start' },
      '2026-12-06': { section: 'wt', at: 'end' },
      '2026-12-09': { section: 'treasures', at: 'start' },
      '2026-12-13': { section: 'pt' },
      '2026-12-16': { section: 'pt', at: 'start', extra: 1 },
      'next week': { section: 'pt', at: 'start' },
      '2026-02-30': { section: 'pt', at: 'start' },
    });
    const { places, rejected } = parseMeetingPlaces(text);
    expect(places).toEqual({
      '2026-12-02': { section: 'tgw', at: 'start' },
      '2026-12-06': { section: 'wt', at: 'end' },
    });
    expect(rejected.map((r) => r.key)).toEqual([
      '2026-12-09',
      '2026-12-13',
      '2026-12-16',
      'next week',
      '2026-02-30',
    ]);
  });

  it('an empty file (one a LOCK made) holds no place; a file that is not a JSON object is unusable', () => {
    expect(parseMeetingPlaces('')).toEqual({ places: {}, rejected: [] });
    for (const text of ['[]', 'null', '"tgw"', '{', 'x'.repeat(300 * 1024)])
      expect(() => parseMeetingPlaces(text)).toThrow(MeetingPlacesError);
  });

  it('writes dates in order, the same bytes for the same places, and reads back what it wrote', () => {
    const places = {
      '2026-12-06': { section: 'wt', at: 'end' },
      '2026-12-02': { section: 'tgw', at: 'start' },
    } as const;
    const text = serializeMeetingPlaces(places);
    expect(Object.keys(JSON.parse(text))).toEqual(['2026-12-02', '2026-12-06']);
    expect(serializeMeetingPlaces({ ...places })).toBe(text);
    expect(parseMeetingPlaces(text).places).toEqual(places);
  });

  it('a choice sets one date; default removes it; nothing else changes', () => {
    const before = { '2026-12-06': { section: 'wt', at: 'end' } } as const;
    const after = choosePlace(before, '2026-12-02', 'lac', 'end');
    expect(after).toEqual({ ...before, '2026-12-02': { section: 'lac', at: 'end' } });
    expect(choosePlace(after, '2026-12-02', 'default', 'start')).toEqual(before);
    expect(before).toEqual({ '2026-12-06': { section: 'wt', at: 'end' } });
    expect(['tgw', 'ayfm', 'lac', 'pt', 'wt', 'circuit-overseer', 'default'].every(isPlaceChoice)).toBe(true);
    expect(isPlaceChoice('imported-media')).toBe(false);
  });

  it("M³'s orders: at the start before every JW item (paragraphs from 0), at the end after them, in the given order", () => {
    const start = [0, 1, 2].map((i) => m3Order('start', i));
    const end = [0, 1, 2].map((i) => m3Order('end', i));
    expect(start.every((order) => order < -1)).toBe(true);
    expect(end.every((order) => order > 10_000)).toBe(true);
    expect([...start].sort((a, b) => a - b)).toEqual(start);
    expect([...end].sort((a, b) => a - b)).toEqual(end);
  });
});

describe("the host's order of a date by place in the meeting", () => {
  it('sections in meeting order, items of none after them; in a section: start, the others, end; then by name', () => {
    type Placed = Pick<MediaItem, 'name' | 'section' | 'at'>;
    const items: Placed[] = [
      { name: 'z free.jpg' },
      { name: 'a free.jpg' },
      { name: 'lac end.jpg', section: 'lac', at: 'end' },
      { name: 'lac jw.mp4', section: 'lac' },
      { name: 'tgw jw.mp4', section: 'tgw' },
      { name: 'lac start.jpg', section: 'lac', at: 'start' },
      { name: 'ayfm jw.mp4', section: 'ayfm' },
      { name: 'co.jpg', section: 'circuit-overseer', at: 'start' },
    ];
    const sorted = [...items].sort((a, b) => comparePlaces(a, b) || naturalCompare(a.name, b.name));
    expect(sorted.map((i) => i.name)).toEqual([
      'tgw jw.mp4',
      'ayfm jw.mp4',
      'lac start.jpg',
      'lac jw.mp4',
      'lac end.jpg',
      'co.jpg',
      'a free.jpg',
      'z free.jpg',
    ]);
  });
});
