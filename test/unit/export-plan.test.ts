/** The watched-folder export's decisions: which files M³'s folder must hold, and what to place, keep and remove. */
import { describe, expect, it } from 'vitest';
import type { MediaItem } from '../../contract/api.js';
import {
  type ExportTarget,
  exportName,
  exportTargets,
  type FileIdentity,
  fitName,
  isPresenterType,
  NAME_LIMIT,
  type Placed,
  planExport,
} from '../../src/export/plan.js';

const OWNER = 'congregation-sync';
const bytesOf = (text: string) => Buffer.byteLength(text, 'utf8');
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
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

describe('export names within the file system limit', () => {
  const PREFIX = '01 Congregation - 01 ';

  it('a name that fits is left exactly as it is, up to the last byte', () => {
    const title = 'a'.repeat(NAME_LIMIT - bytesOf(PREFIX) - 4);
    expect(fitName(PREFIX, `${title}.mp4`)).toBe(`${PREFIX}${title}.mp4`);
    expect(bytesOf(fitName(PREFIX, `${title}.mp4`))).toBe(NAME_LIMIT);
    expect(exportName(0, 1, 'Talk.mp4')).toBe('01 Congregation - 01 Talk.mp4');
  });

  it('one byte too long: shortened to the limit, the prefix and the extension kept, the cut marked', () => {
    const title = 'a'.repeat(NAME_LIMIT - bytesOf(PREFIX) - 3);
    const fitted = fitName(PREFIX, `${title}.mp4`);
    expect(bytesOf(fitted)).toBeLessThanOrEqual(NAME_LIMIT);
    expect(fitted.startsWith(PREFIX)).toBe(true);
    expect(fitted.endsWith('….mp4')).toBe(true);
  });

  it('a 250-byte name as the sync accepts it is exported within 255 bytes', () => {
    const name = `${'Kreiskongress '.repeat(18).slice(0, 246)}.mp4`;
    expect(bytesOf(name)).toBe(250);
    const fitted = exportName(4, 12, name);
    expect(bytesOf(fitted)).toBeLessThanOrEqual(NAME_LIMIT);
    expect(fitted).toMatch(/^01 Congregation - 05 Kreiskongress .*…\.mp4$/);
  });

  it.each([
    ['two-byte letters', 'ä'],
    ['three-byte letters', '語'],
    ['four-byte emoji (surrogate pairs)', '😀'],
    ['combining sequences', 'e\u0301'],
    ['a flag (two regional indicators)', '🇩🇪'],
    ['a family emoji (joined by ZWJ)', '👨\u200d👩\u200d👧'],
  ])('%s are cut only between whole characters', (_, unit) => {
    for (let pad = 0; pad < 4; pad++) {
      const name = `${'x'.repeat(pad)}${unit.repeat(120)}.jpg`;
      const fitted = fitName(PREFIX, name);
      expect(bytesOf(fitted)).toBeLessThanOrEqual(NAME_LIMIT);
      expect(fitted.endsWith('….jpg')).toBe(true);
      const title = fitted.slice(PREFIX.length + pad, -'….jpg'.length);
      // whole units only: the kept title is a repetition of the unit, and a well-formed string
      expect(title.length % unit.length).toBe(0);
      expect(title).toBe(unit.repeat(title.length / unit.length));
      expect(fitted).not.toMatch(LONE_SURROGATE);
      // nothing wasted: one more unit would not fit
      expect(bytesOf(fitted) + bytesOf(unit)).toBeGreaterThan(NAME_LIMIT);
    }
  });

  it('the extension is kept whatever its case; a name without one is shortened too', () => {
    const long = 'Ü'.repeat(200);
    expect(fitName(PREFIX, `${long}.JPEG`).endsWith('….JPEG')).toBe(true);
    const bare = fitName(PREFIX, long);
    expect(bare.endsWith('…')).toBe(true);
    expect(bytesOf(bare)).toBeLessThanOrEqual(NAME_LIMIT);
  });

  it('a space before the cut is dropped', () => {
    const title = `${'a'.repeat(NAME_LIMIT - bytesOf(PREFIX) - 4 - 3 - 1)} tail that does not fit`;
    expect(fitName(PREFIX, `${title}.mp4`)).toBe(`${PREFIX}${'a'.repeat(title.indexOf(' '))}….mp4`);
  });

  it('two long names differing only at the end stay distinct, and each is the same at every export', () => {
    const stem = 'Bericht über den Bau des Königreichssaals '.repeat(6);
    const items = [
      item('2026-12-02', `${stem} Teil 1.mp4`),
      item('2026-12-02', `${stem} Teil 2.mp4`),
      item('2026-12-02', `${stem.toUpperCase()} Teil 2.mp4`),
    ];
    const first = exportTargets(items, where).targets.map((t) => t.local);
    expect(new Set(first).size).toBe(3);
    // apart also on a disk that ignores case
    expect(new Set(first.map((l) => l.toLowerCase())).size).toBe(3);
    for (const local of first) expect(bytesOf(local.split('/')[1] as string)).toBeLessThanOrEqual(NAME_LIMIT);
    expect(exportTargets(items, where).targets.map((t) => t.local)).toEqual(first);
  });

  it('the records find a shortened name again: a second export keeps what the first placed', () => {
    const items = [item('2026-12-02', `${'Ö'.repeat(125)}.mp4`)];
    const { targets } = exportTargets(items, where);
    const id: FileIdentity = { ino: 1, size: 10, mtimeMs: 5 };
    const placedId: FileIdentity = { ino: 2, size: 10, mtimeMs: 6 };
    const target = targets[0] as ExportTarget;
    const records: Record<string, Placed> = {
      [target.local]: { source: target.source, sourceId: id, placedId },
    };
    const plan = planExport({
      targets: exportTargets(items, where).targets,
      records,
      present: new Map([[target.local, placedId]]),
      sources: new Map([[target.source, id]]),
    });
    expect(plan).toEqual({ place: [], keep: [target.local], remove: [], blocked: [] });
  });
});
