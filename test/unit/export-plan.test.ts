/** The watched-folder export's decisions: which files M³'s folder must hold, under which names, and what to place,
 * keep and remove, and which entries of M³'s `.section-order.json` to set or clear. */
import { describe, expect, it } from 'vitest';
import type { MediaItem } from '../../contract/api.js';
import { presenterWindow, windowWithPresenter } from '../../src/core/layout.js';
import type { MeetingPlace } from '../../src/core/meeting-places.js';
import {
  type DatePlan,
  type DateTarget,
  type ExportInput,
  type ExportRecords,
  exportDates,
  exportName,
  type FileIdentity,
  fitName,
  isPresenterType,
  NAME_LIMIT,
  type Placed,
  planExport,
  SPELLINGS,
} from '../../src/export/plan.js';

const OWNER = 'congregation-sync';
const bytesOf = (text: string) => Buffer.byteLength(text, 'utf8');
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const where = { owner: OWNER, today: '2026-12-01' };

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

/** The ordered targets of one date, as names of the first spelling: what `exportDates` wants placed. */
const names = (items: MediaItem[], date = '2026-12-02') => {
  const target = exportDates(items, where).dates.find((d) => d.date === date);
  return (target?.items ?? []).map((t, index, all) => exportName({ index, count: all.length }, t.name));
};

describe('exportDates', () => {
  it('per date, the visible congregation items in the media list order, with their place in the meeting', () => {
    const items = [
      item('2026-12-02', '01 - Welcome.png', { section: 'tgw', at: 'start' }),
      item('2026-12-02', '02 - Talk.mp4', { section: 'tgw', at: 'start' }),
      item('2026-12-02', 'Announcements.png', { recurring: true, section: 'tgw', at: 'start' }),
      item('2026-12-06', 'Song.mp3'),
    ];
    expect(exportDates(items, where)).toEqual({
      dates: [
        {
          date: '2026-12-02',
          place: { section: 'tgw', at: 'start' },
          items: [
            { name: '01 - Welcome.png', source: '/media/2026-12-02/01 - Welcome.png' },
            { name: '02 - Talk.mp4', source: '/media/2026-12-02/02 - Talk.mp4' },
            { name: 'Announcements.png', source: '/media/2026-12-02/Announcements.png' },
          ],
        },
        {
          date: '2026-12-06',
          place: null,
          items: [{ name: 'Song.mp3', source: '/media/2026-12-06/Song.mp3' }],
        },
      ],
      unsupported: [],
    });
    // the server name's own order prefix is not repeated: M³ shows the title after the prefix it reads
    expect(names(items)).toEqual([
      '01 Congregation - 01 Welcome.png',
      '01 Congregation - 02 Talk.mp4',
      '01 Congregation - 03 Announcements.png',
    ]);
  });

  it("leaves out hidden items, items of others, items without a file and dates outside M³'s window", () => {
    // today is Tuesday 2026-12-01: M³ loads Monday 2026-11-30 to 2027-01-05
    const items = [
      item('2026-12-02', 'Hidden.png', { hidden: true }),
      item('2026-12-02', 'Jw.mp4', { source: 'jw', owner: undefined }),
      item('2026-12-02', 'Mine.jpg', { source: 'local', owner: undefined }),
      item('2026-12-02', 'Other plugin.jpg', { owner: 'someone-else' }),
      item('2026-12-02', 'Pending.jpg', { file: null }),
      item('2026-11-29', 'Last week.jpg'),
      item('2026-11-30', 'Monday.jpg'),
      item('2027-01-05', 'Last day.jpg'),
      item('2027-01-06', 'Later.jpg'),
      item('2026-12-02', 'Kept.jpg'),
    ];
    const { dates } = exportDates(items, where);
    expect(dates.map((d) => [d.date, d.items.map((i) => i.name)])).toEqual([
      ['2026-11-30', ['Monday.jpg']],
      ['2026-12-02', ['Kept.jpg']],
      ['2027-01-05', ['Last day.jpg']],
    ]);
  });

  it("M³'s window: this week's Monday to today + 35 days, whatever the weekday", () => {
    expect(presenterWindow('2026-12-01')).toEqual({ from: '2026-11-30', to: '2027-01-05' });
    expect(presenterWindow('2026-11-30')).toEqual({ from: '2026-11-30', to: '2027-01-04' });
    expect(presenterWindow('2026-12-06')).toEqual({ from: '2026-11-30', to: '2027-01-10' });
  });

  it("the sync window of a presenter that exports holds the user's window and M³'s", () => {
    // Sunday: from Monday, past today + 35 days, in whole weeks
    expect(windowWithPresenter('2026-12-06', 2)).toEqual({ today: '2026-11-30', weeks: 6 });
    expect(windowWithPresenter('2026-11-30', 1)).toEqual({ today: '2026-11-30', weeks: 6 });
    expect(windowWithPresenter('2026-12-01', 10)).toEqual({ today: '2026-11-30', weeks: 11 });
  });

  it('names the types M³ ignores once, however many dates they are on, and numbers without them', () => {
    const items = [
      item('2026-12-02', 'Notes.pdf'),
      item('2026-12-02', 'Talk.MP4'),
      item('2026-12-06', 'Notes.pdf', { recurring: true }),
      item('2026-12-06', 'readme'),
    ];
    expect(exportDates(items, where).unsupported).toEqual(['Notes.pdf', 'readme']);
    expect(names(items)).toEqual(['01 Congregation - 01 Talk.MP4']);
  });

  it('names M³ reads as section 1, item n (its pattern), in each spelling, with three digits past 99 items', () => {
    const m3 = /^(\d{1,3})\s+(.+?)\s-\s(\d{1,3})\s/;
    for (const spelling of SPELLINGS.keys()) {
      const [section, title, number] =
        m3.exec(exportName({ index: 0, count: 5, spelling }, '01 - x.jpg'))?.slice(1) ?? [];
      expect([Number(section), title, number]).toEqual([1, 'Congregation', '01']);
    }
    expect(exportName({ index: 0, count: 5, spelling: 1 }, '01 - x.jpg')).toBe('001 Congregation - 01 x.jpg');
    expect(exportName({ index: 4, count: 150 }, 'x.jpg')).toBe('01 Congregation - 005 x.jpg');
    expect(m3.exec(exportName({ index: 149, count: 150 }, 'x.jpg'))?.[3]).toBe('150');
    // a name that is only a prefix keeps it
    expect(exportName({ index: 0, count: 1 }, '12-34 - Talk.mp4')).toBe('01 Congregation - 01 Talk.mp4');
  });

  it('never gives a picture and a video of one date the same base name (M³ would take the picture as thumbnail)', () => {
    const exported = names([item('2026-12-02', 'Talk.jpg'), item('2026-12-02', 'Talk.mp4')]);
    const base = (name: string) => name.slice(0, name.lastIndexOf('.'));
    expect(base(exported[0] as string)).not.toBe(base(exported[1] as string));
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
  const DATE = '2026-12-02';
  const A = '01 Congregation - 01 a.png';
  const B = '01 Congregation - 02 b.png';
  const target = (place: MeetingPlace | null = null, ...sources: string[]): DateTarget => ({
    date: DATE,
    place,
    items: (sources.length > 0 ? sources : ['/media/a.png']).map((source) => ({
      name: source.slice('/media/'.length),
      source,
    })),
  });
  const placed = (over: Partial<Placed> = {}): Placed => ({
    source: '/media/a.png',
    sourceId: id(1),
    placedId: id(1),
    ...over,
  });
  const records = (files: Record<string, Placed> = {}, dates?: ExportRecords['dates']): ExportRecords => ({
    folder: '/export',
    files,
    ...(dates ? { dates } : {}),
  });
  const folder = (entries: Record<string, FileIdentity | null>) =>
    new Map([[DATE, new Map(Object.entries(entries))]]);
  const sourcesOf = (...ids: Array<[string, FileIdentity]>) =>
    new Map(ids.length > 0 ? ids : [['/media/a.png', id(1)]]);
  const one = (input: Partial<ExportInput>) => {
    const plans = planExport({
      dates: [],
      records: records(),
      folders: new Map(),
      sources: sourcesOf(),
      ...input,
    });
    expect(plans).toHaveLength(1);
    return plans[0] as DatePlan;
  };

  it('builds a date folder that is not there whole; keeps what is there as placed', () => {
    expect(one({ dates: [target()] })).toEqual({
      date: DATE,
      fresh: true,
      place: [{ name: A, source: '/media/a.png' }],
      keep: [],
      remove: [],
      forget: [],
      blocked: [],
      entries: { [A]: null },
      record: { place: null, order: ['a.png'] },
    });
    const again = one({
      dates: [target()],
      records: records({ [`${DATE}/${A}`]: placed() }, { [DATE]: { place: null, order: ['a.png'] } }),
      folders: folder({ [A]: id(1) }),
    });
    expect(again).toMatchObject({ fresh: false, place: [], keep: [A], remove: [], entries: {} });
  });

  it('new content is a new file: another spelling of the same name, and the old one removed', () => {
    const plan = one({
      dates: [target()],
      records: records({ [`${DATE}/${A}`]: placed() }),
      folders: folder({ [A]: id(1) }),
      sources: sourcesOf(['/media/a.png', id(2)]),
    });
    expect(plan).toMatchObject({
      place: [{ name: `0${A}`, source: '/media/a.png' }],
      keep: [],
      remove: [A],
      entries: { [A]: null, [`0${A}`]: null },
    });
    // and back: the first spelling is free again once the second holds the file
    const back = one({
      dates: [target()],
      records: records({ [`${DATE}/0${A}`]: placed({ placedId: id(5) }) }),
      folders: folder({ [`0${A}`]: id(5) }),
      sources: sourcesOf(['/media/a.png', id(3)]),
    });
    expect(back.place).toEqual([{ name: A, source: '/media/a.png' }]);
  });

  it('a new order or place of the date places every file afresh, under a name not there now', () => {
    const both = sourcesOf(['/media/a.png', id(1)], ['/media/b.png', id(2)]);
    const files = {
      [`${DATE}/${A}`]: placed(),
      [`${DATE}/${B}`]: placed({ source: '/media/b.png', sourceId: id(2), placedId: id(2) }),
    };
    const before = { [DATE]: { place: null, order: ['a.png', 'b.png'] } };
    const onDisk = folder({ [A]: id(1), [B]: id(2), '.section-order.json': id(9) });
    const placedIn = (plan: DatePlan) => plan.place.map((p) => p.name);

    const same = one({
      dates: [target(null, '/media/a.png', '/media/b.png')],
      records: records(files, before),
      folders: onDisk,
      sources: both,
    });
    expect(same).toMatchObject({ place: [], keep: [A, B] });

    const moved = one({
      dates: [target(null, '/media/b.png', '/media/a.png')],
      records: records(files, before),
      folders: onDisk,
      sources: both,
    });
    expect(placedIn(moved)).toEqual(['01 Congregation - 01 b.png', '01 Congregation - 02 a.png']);
    expect(moved.remove).toEqual([A, B]);

    const tgw = { section: 'tgw', at: 'start' } as const;
    const placedThere = one({
      dates: [target(tgw, '/media/a.png', '/media/b.png')],
      records: records(files, before),
      folders: onDisk,
      sources: both,
    });
    expect(placedIn(placedThere)).toEqual([`0${A}`, `0${B}`]);
    expect(placedThere.entries).toEqual({
      [`0${A}`]: { order: -1000, section: 'tgw' },
      [`0${B}`]: { order: -999, section: 'tgw' },
      [A]: null,
      [B]: null,
    });
    expect(placedThere.record).toEqual({ place: tgw, order: ['a.png', 'b.png'] });

    // at the end: after every JW item of the section
    const end = one({ dates: [target({ section: 'lac', at: 'end' })] });
    expect(end.entries[A]).toEqual({ order: 100_000, section: 'lac' });
  });

  it('a file removed places the others afresh (a drag in M³ may have stored their places); one added at the end does not', () => {
    const files = {
      [`${DATE}/${A}`]: placed(),
      [`${DATE}/${B}`]: placed({ source: '/media/b.png', sourceId: id(2), placedId: id(2) }),
    };
    const plan = one({
      dates: [target(null, '/media/b.png')],
      records: records(files, { [DATE]: { place: null, order: ['a.png', 'b.png'] } }),
      folders: folder({ [A]: id(1), [B]: id(2) }),
      sources: sourcesOf(['/media/b.png', id(2)]),
    });
    expect(plan).toMatchObject({ keep: [], place: [{ name: '01 Congregation - 01 b.png' }], remove: [A, B] });
  });

  it('a file added at the end leaves the others as they are', () => {
    const plan = one({
      dates: [target(null, '/media/a.png', '/media/b.png')],
      records: records({ [`${DATE}/${A}`]: placed() }, { [DATE]: { place: null, order: ['a.png'] } }),
      folders: folder({ [A]: id(1) }),
      sources: sourcesOf(['/media/a.png', id(1)], ['/media/b.png', id(2)]),
    });
    expect(plan).toMatchObject({ keep: [A], place: [{ name: B, source: '/media/b.png' }], remove: [] });
  });

  it("never replaces or removes a file it did not place, nor one someone changed; a name of someone else's is named", () => {
    const plan = one({
      dates: [target()],
      records: records({ [`${DATE}/changed by someone.png`]: placed({ placedId: id(3) }) }),
      folders: folder({ [A]: id(7), 'changed by someone.png': id(8) }),
    });
    expect(plan).toMatchObject({
      place: [],
      keep: [],
      remove: [],
      forget: ['changed by someone.png'],
      blocked: [A],
    });
  });

  it('places again what M³ deleted (the folder is gone), and removes what it placed and no longer wants', () => {
    const gone = one({ dates: [target()], records: records({ [`${DATE}/${A}`]: placed() }) });
    expect(gone).toMatchObject({ fresh: true, place: [{ name: A, source: '/media/a.png' }], forget: [] });
    const unwanted = one({
      dates: [],
      records: records({ [`${DATE}/01 Congregation - 01 old.png`]: placed() }),
      folders: folder({ '01 Congregation - 01 old.png': id(1) }),
      sources: new Map(),
    });
    expect(unwanted).toMatchObject({
      place: [],
      remove: ['01 Congregation - 01 old.png'],
      entries: { '01 Congregation - 01 old.png': null },
      record: null,
    });
  });
});

describe('export names within the file system limit', () => {
  const PREFIX = '01 Congregation - 01 ';

  it('a name that fits is left exactly as it is, up to the last byte', () => {
    const title = 'a'.repeat(NAME_LIMIT - bytesOf(PREFIX) - 4);
    expect(fitName(PREFIX, `${title}.mp4`)).toBe(`${PREFIX}${title}.mp4`);
    expect(bytesOf(fitName(PREFIX, `${title}.mp4`))).toBe(NAME_LIMIT);
    expect(exportName({ index: 0, count: 1 }, 'Talk.mp4')).toBe('01 Congregation - 01 Talk.mp4');
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
    const fitted = exportName({ index: 4, count: 12 }, name);
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
    const first = names(items);
    expect(new Set(first).size).toBe(3);
    // apart also on a disk that ignores case
    expect(new Set(first.map((l) => l.toLowerCase())).size).toBe(3);
    for (const name of first) expect(bytesOf(name)).toBeLessThanOrEqual(NAME_LIMIT);
    expect(names(items)).toEqual(first);
  });

  it('the records find a shortened name again: a second export keeps what the first placed', () => {
    const items = [item('2026-12-02', `${'Ö'.repeat(125)}.mp4`)];
    const { dates } = exportDates(items, where);
    const [name] = names(items);
    const source = `/media/2026-12-02/${'Ö'.repeat(125)}.mp4`;
    const id: FileIdentity = { ino: 1, size: 10, mtimeMs: 5 };
    const placedId: FileIdentity = { ino: 2, size: 10, mtimeMs: 6 };
    const plans = planExport({
      dates,
      records: { folder: '/export', files: { [`2026-12-02/${name}`]: { source, sourceId: id, placedId } } },
      folders: new Map([['2026-12-02', new Map([[name as string, placedId]])]]),
      sources: new Map([[source, id]]),
    });
    expect(plans.map((p) => [p.keep, p.place, p.remove])).toEqual([[[name], [], []]]);
  });
});
