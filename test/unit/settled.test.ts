/** The key of a settled state: the same for the same inputs, in whatever order the scan found the files. */
import { describe, expect, it } from 'vitest';
import type { MediaItem } from '../../contract/api.js';
import type { PlanInput } from '../../src/core/planner.js';
import { settledKey } from '../../src/sync/settled.js';

const item: MediaItem = {
  date: '2026-12-02',
  name: 'Song.mp3',
  source: 'congregation',
  hidden: false,
  recurring: false,
  file: '/media/2026-12-02/Song.mp3',
};

function input(over: Partial<PlanInput> = {}): PlanInput {
  return {
    entries: [],
    records: {},
    local: new Map([
      ['2026-12-02/Song.mp3', 10],
      ['2026-12-06/Talk.mp4', 20],
    ]),
    hostItems: [item],
    today: '2026-12-01',
    weeks: 4,
    schedule: { mwDay: 2, weDay: 6, coWeek: null },
    format: 'YYYY-MM-DD',
    language: 'en',
    congregationName: 'North',
    ...over,
  };
}

const sources = { listing: 'listing-digest', records: 'records-digest' };
const more = { base: 'https://dav.example.org/Congregation/', mediaFolder: '/media', background: null };
const keyOf = (over: Partial<PlanInput> = {}, s = sources, m: Record<string, unknown> = more) =>
  settledKey(input(over), s, m);

describe('settledKey', () => {
  it('is the same for the same inputs, whatever the order of the local files', () => {
    const reordered = new Map([...input().local].reverse());
    expect(keyOf({ local: reordered })).toBe(keyOf());
  });

  it.each<[string, Partial<PlanInput>]>([
    ['a local size', { local: new Map([['2026-12-02/Song.mp3', 11]]) }],
    ['a local file gone', { local: new Map([['2026-12-02/Song.mp3', 10]]) }],
    ['a host item', { hostItems: [{ ...item, hidden: true }] }],
    ['no host items', { hostItems: [] }],
    ['today', { today: '2026-12-02' }],
    ['the window', { weeks: 5 }],
    ['the schedule', { schedule: { mwDay: 3, weDay: 6, coWeek: null } }],
    ['the date format', { format: 'DD-MM-YYYY' }],
    ['the language', { language: 'de' }],
    ['the congregation name', { congregationName: 'South' }],
  ])('changes with %s', (_, over) => {
    expect(keyOf(over)).not.toBe(keyOf());
  });

  it('changes with the listing, the records and what execution reads besides', () => {
    expect(keyOf({}, { ...sources, listing: 'other' })).not.toBe(keyOf());
    expect(keyOf({}, { ...sources, records: 'other' })).not.toBe(keyOf());
    expect(keyOf({}, sources, { ...more, background: '/storage/background/bg.jpg' })).not.toBe(keyOf());
    expect(keyOf({}, sources, { ...more, mediaFolder: '/other' })).not.toBe(keyOf());
  });
});
