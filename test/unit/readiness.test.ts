/** Whether each meeting date is ready: every visible item there, or what is missing and why. */
import { describe, expect, it } from 'vitest';
import type { MediaItem } from '../../contract/api.js';
import { readiness } from '../../src/core/readiness.js';

const item = (date: string, name: string, over: Partial<MediaItem> = {}): MediaItem => ({
  date,
  name,
  source: 'congregation',
  hidden: false,
  recurring: false,
  file: `/media/${date}/${name}`,
  ...over,
});

const NO_FILE = 'no file';

describe('readiness', () => {
  it('a date whose visible items are all on this computer is ready; hidden ones do not count', () => {
    const items = [item('2026-12-02', 'a.jpg'), item('2026-12-02', 'gone.jpg', { hidden: true, file: null })];
    const present = new Set(['/media/2026-12-02/a.jpg']);
    expect(readiness({ dates: ['2026-12-02'], items, present, problems: [], noFile: NO_FILE })).toEqual([
      { date: '2026-12-02', ready: true, missing: [] },
    ]);
  });

  it('names an item without a file, or whose file is not there, and what the sync could not bring', () => {
    const items = [
      item('2026-12-02', 'Bible reading.mp4', { source: 'jw', file: null }),
      item('2026-12-02', 'a.jpg'),
      item('2026-12-06', 'b.jpg'),
    ];
    const problems = [
      { path: 'Media/2026-12-06/Talk.mp4', message: 'HTTP 404' },
      { path: 'Media/02-12-2026 - Mittwoch/Song.mp3', message: 'the disk is full' },
      { path: 'Media/Recurring/Year text.png', message: 'timed out' },
      { path: 'forcedPrefs.json', message: 'not JSON' },
    ];
    const present = new Set(['/media/2026-12-06/b.jpg']);
    expect(
      readiness({
        dates: ['2026-12-02', '2026-12-06', '2026-12-09'],
        items,
        present,
        problems,
        noFile: NO_FILE,
      }),
    ).toEqual([
      {
        date: '2026-12-02',
        ready: false,
        missing: [
          { name: 'Bible reading.mp4', reason: NO_FILE },
          { name: 'a.jpg', reason: NO_FILE },
          { name: 'Song.mp3', reason: 'the disk is full' },
          { name: 'Year text.png', reason: 'timed out' },
        ],
      },
      {
        date: '2026-12-06',
        ready: false,
        missing: [
          { name: 'Talk.mp4', reason: 'HTTP 404' },
          { name: 'Year text.png', reason: 'timed out' },
        ],
      },
      { date: '2026-12-09', ready: false, missing: [{ name: 'Year text.png', reason: 'timed out' }] },
    ]);
  });
});
