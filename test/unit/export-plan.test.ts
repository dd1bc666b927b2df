/** The watched-folder export's decisions: which files M³'s folder must hold, and what to place, keep and remove. */
import { describe, expect, it } from 'vitest';
import type { MediaItem } from '../../contract/api.js';
import {
  type ExportTarget,
  exportName,
  exportTargets,
  type FileIdentity,
  isPresenterType,
  type Placed,
  planExport,
} from '../../src/export/plan.js';

const OWNER = 'congregation-sync';
const where = { owner: OWNER, today: '2026-12-01', weeks: 4 };

const item = (date: string, name: string, over: Partial<MediaItem> = {}): MediaItem => ({
  date,
  name,
  source: 'congregation',
  hidden: false,
  recurring: false,
  file: `/media/${date}/${name}`,
  owner: OWNER,
  ...over,
});

describe('exportTargets', () => {
  it('per date, the visible congregation items in the media list order, named as M³ orders them', () => {
    const items = [
      item('2026-12-02', '01 - Welcome.png'),
      item('2026-12-02', '02 - Talk.mp4'),
      item('2026-12-02', 'Announcements.png', { recurring: true }),
      item('2026-12-06', 'Song.mp3'),
    ];
    expect(exportTargets(items, where)).toEqual({
      targets: [
        {
          local: '2026-12-02/01 Congregation - 01 01 - Welcome.png',
          source: '/media/2026-12-02/01 - Welcome.png',
        },
        { local: '2026-12-02/01 Congregation - 02 02 - Talk.mp4', source: '/media/2026-12-02/02 - Talk.mp4' },
        {
          local: '2026-12-02/01 Congregation - 03 Announcements.png',
          source: '/media/2026-12-02/Announcements.png',
        },
        { local: '2026-12-06/01 Congregation - 01 Song.mp3', source: '/media/2026-12-06/Song.mp3' },
      ],
      unsupported: [],
    });
  });

  it('leaves out hidden items, items of others, items without a file and dates outside the window', () => {
    const items = [
      item('2026-12-02', 'Hidden.png', { hidden: true }),
      item('2026-12-02', 'Jw.mp4', { source: 'jw', owner: undefined }),
      item('2026-12-02', 'Mine.jpg', { source: 'local', owner: undefined }),
      item('2026-12-02', 'Other plugin.jpg', { owner: 'someone-else' }),
      item('2026-12-02', 'Pending.jpg', { file: null }),
      item('2026-11-30', 'Past.jpg'),
      item('2026-12-29', 'Later.jpg'),
      item('2026-12-02', 'Kept.jpg'),
    ];
    expect(exportTargets(items, where).targets.map((t) => t.local)).toEqual([
      '2026-12-02/01 Congregation - 01 Kept.jpg',
    ]);
  });

  it('names the types M³ ignores once, however many dates they are on, and numbers without them', () => {
    const items = [
      item('2026-12-02', 'Notes.pdf'),
      item('2026-12-02', 'Talk.MP4'),
      item('2026-12-06', 'Notes.pdf', { recurring: true }),
      item('2026-12-06', 'readme'),
    ];
    const { targets, unsupported } = exportTargets(items, where);
    expect(unsupported).toEqual(['Notes.pdf', 'readme']);
    expect(targets.map((t) => t.local)).toEqual(['2026-12-02/01 Congregation - 01 Talk.MP4']);
  });

  it('names M³ reads as section 1, item n (its pattern), with three digits past 99 items', () => {
    const m3 = /^(\d{1,3})\s+(.+?)\s-\s(\d{1,3})\s/;
    expect(m3.exec(exportName(0, 5, '01 - x.jpg'))?.slice(1)).toEqual(['01', 'Congregation', '01']);
    expect(exportName(4, 150, 'x.jpg')).toBe('01 Congregation - 005 x.jpg');
    expect(m3.exec(exportName(149, 150, 'x.jpg'))?.[3]).toBe('150');
  });

  it('accepts exactly the types M³ lists', () => {
    for (const ext of ['apng', 'avif', 'gif', 'png', 'webp', 'bmp', 'ico', 'cur', 'jpg', 'jpeg', 'jfif'])
      expect(isPresenterType(`a.${ext}`), ext).toBe(true);
    for (const ext of ['pjpeg', 'pjp', 'mp4', 'm4v', 'mov', 'mkv', 'avi', 'webm', 'mp3', 'wav', 'ogg'])
      expect(isPresenterType(`a.${ext}`), ext).toBe(true);
    for (const ext of ['flac', 'm4a', 'jwlplaylist']) expect(isPresenterType(`a.${ext}`), ext).toBe(true);
    for (const name of ['a.pdf', 'a.txt', 'a.part', '.congsync-1.part', 'a.jpg.tmp', 'mp4', 'a.heic'])
      expect(isPresenterType(name), name).toBe(false);
  });
});

describe('planExport', () => {
  const id = (ino: number, size = 10, mtimeMs = 1000): FileIdentity => ({ ino, size, mtimeMs });
  const target: ExportTarget = { local: '2026-12-02/01 Congregation - 01 a.png', source: '/media/a.png' };
  const placed = (over: Partial<Placed> = {}): Placed => ({
    source: '/media/a.png',
    sourceId: id(1),
    placedId: id(1),
    ...over,
  });

  it('places what is new, keeps what is there as placed', () => {
    const sources = new Map([['/media/a.png', id(1)]]);
    expect(planExport({ targets: [target], records: {}, present: new Map(), sources })).toEqual({
      place: [target],
      keep: [],
      remove: [],
      blocked: [],
    });
    const present = new Map([[target.local, id(1)]]);
    expect(
      planExport({ targets: [target], records: { [target.local]: placed() }, present, sources }).keep,
    ).toEqual([target.local]);
  });

  it('places again what M³ deleted, and replaces what the sync replaced in the media folder', () => {
    const records = { [target.local]: placed() };
    const gone = planExport({
      targets: [target],
      records,
      present: new Map(),
      sources: new Map([['/media/a.png', id(1)]]),
    });
    expect(gone.place).toEqual([target]);
    const replaced = planExport({
      targets: [target],
      records,
      present: new Map([[target.local, id(1)]]),
      sources: new Map([['/media/a.png', id(2)]]),
    });
    expect(replaced.place).toEqual([target]);
  });

  it('never replaces or removes a file it did not place', () => {
    const present = new Map([
      [target.local, id(7)],
      ['2026-12-02/changed by someone.png', id(8)],
    ]);
    const plan = planExport({
      targets: [target],
      records: { '2026-12-02/changed by someone.png': placed({ placedId: id(3) }) },
      present,
      sources: new Map([['/media/a.png', id(1)]]),
    });
    expect(plan).toEqual({ place: [], keep: [], remove: [], blocked: [target.local] });
  });

  it('removes what it placed and no longer wants, and nothing whose source is not on disk is placed', () => {
    const plan = planExport({
      targets: [target],
      records: { '2026-12-02/01 Congregation - 01 old.png': placed() },
      present: new Map([['2026-12-02/01 Congregation - 01 old.png', id(1)]]),
      sources: new Map(),
    });
    expect(plan).toEqual({
      place: [],
      keep: [],
      remove: ['2026-12-02/01 Congregation - 01 old.png'],
      blocked: [],
    });
  });
});
