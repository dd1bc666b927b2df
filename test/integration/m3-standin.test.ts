/**
 * The M³ stand-in (test/support/m3-standin.ts) against real files in a temp folder: placement from the exported-name
 * pattern and from `.section-order.json` (invalid JSON read as no entries), the meeting day's default sections and
 * their order around JW items, a date folder renamed into place from a staging folder, a non-date folder ignored, a
 * file replaced by a rename over its name (only `change`), unlinks, and what a drag writes. Two batches of changes,
 * each awaited once, as every wait costs awaitWriteFinish's 2 s and a quiet period.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type M3, type M3Item, type MeetingDay, type SectionOrder, startM3 } from '../support/m3-standin.js';
import { cleanupTempDirs, makeTempDir } from '../support/servers.js';

const MW = '2030-01-09';
const WE = '2030-01-13';
const OTHER = '2030-01-10';
const CO = '2030-01-16';
const MEETINGS: Record<string, MeetingDay> = { [MW]: 'midweek', [WE]: 'weekend', [CO]: 'co-midweek' };
const MAX = Number.MAX_SAFE_INTEGER;

const TGW_INTRO = "01 Treasures from God's Word - 01 Intro.mp4";
const LAC_VIDEO = '03 Living as Christians - 02 Video.mp4';
const LOCAL = '02 Congregation - 05 Local.jpg';

let root: string;
let m3: M3;
let cleaning: M3;
let cleaningRoot: string;
let dragWrote: SectionOrder;
let afterDrag: string[];
let mwAfterA: M3Item[];
let coAfterA: M3Item[];
let batchA = 0;
let batchB = 0;

const bytes = (n: number) => Buffer.alloc(n, 7);
const write = async (relative: string, content: Buffer | string) => {
  const full = path.join(root, ...relative.split('/'));
  await fsp.mkdir(path.dirname(full), { recursive: true });
  await fsp.writeFile(full, content);
};
const readOrder = async (dir: string, date: string) =>
  JSON.parse(await fsp.readFile(path.join(dir, date, '.section-order.json'), 'utf8')) as SectionOrder;
/** The items of a date as M³ lists them, without the size M³ read (the files here are made for the test). */
const listed = (watcher: M3, date: string) => watcher.list(date).map(({ size: _size, ...item }) => item);
const titles = (date: string) => listed(m3, date).map((item) => item.title);
const eventsOf = (from: number, to: number, file: string) =>
  m3.events.slice(from, to).filter((e) => e.path === file);

beforeAll(async () => {
  root = await makeTempDir('cs-m3-standin');
  cleaningRoot = await makeTempDir('cs-m3-standin-clean');
  // Present before M³ starts: its first scan reports them without awaitWriteFinish.
  await write(`${MW}/.section-order.json`, JSON.stringify({ 'gone.jpg': { order: 9, section: 'lac' } }));
  await write(
    `${WE}/.section-order.json`,
    JSON.stringify({
      'wt-pic.jpg': { order: 5, section: 'wt' },
      '01 Public talk - 02 Named.jpg': { order: 1, section: 'wt' },
    }),
  );
  await write(`${OTHER}/.section-order.json`, '{ not json');
  await write(`${OTHER}/existing.jpg`, bytes(10));
  await write(`${OTHER}/sub/deep.jpg`, bytes(10));
  await fsp.mkdir(path.join(cleaningRoot, MW));
  await fsp.writeFile(
    path.join(cleaningRoot, MW, '.section-order.json'),
    JSON.stringify({ 'gone.jpg': { order: 3, section: 'tgw' }, 'keep.jpg': { order: 4, section: 'tgw' } }),
  );
  await fsp.writeFile(path.join(cleaningRoot, MW, 'gone.jpg'), bytes(10));
  await fsp.writeFile(path.join(cleaningRoot, MW, 'keep.jpg'), bytes(10));

  [m3, cleaning] = await Promise.all([
    startM3(root, {
      meetingDay: (date) => MEETINGS[date] ?? null,
      jwItems: (date) =>
        date === MW
          ? [
              { title: 'Bible reading', section: 'tgw', order: 9 },
              { title: 'Opening song', section: 'tgw', order: 1 },
              { title: 'Treasures video', section: 'tgw', order: 5 },
              { title: 'LAC video', section: 'lac', order: 2 },
            ]
          : [],
    }),
    startM3(cleaningRoot, { meetingDay: () => 'midweek', cleanUpEntriesOnUnlink: true }),
  ]);

  // Batch A: files copied in, a .part renamed in place, a non-date folder, a date folder renamed from staging.
  for (const name of [TGW_INTRO, LAC_VIDEO, LOCAL, 'plain.png', 'notes.pdf', 'data.json']) {
    await write(`${MW}/${name}`, bytes(2048));
  }
  for (const name of [
    'wt-pic.jpg',
    '01 Public talk - 02 Named.jpg',
    '01 Public talk - 03 Other.jpg',
    'loose.jpg',
  ]) {
    await write(`${WE}/${name}`, bytes(2048));
  }
  await write(`${OTHER}/odd.jpg`, bytes(2048));
  await write(`${OTHER}/late.mp4.part`, bytes(4096));
  await fsp.rename(path.join(root, OTHER, 'late.mp4.part'), path.join(root, OTHER, 'late.mp4'));
  await write('Archive/a.jpg', bytes(2048));
  for (const name of ['b.mp4', 'a.jpg', '01 Living as Christians - 01 Part.jpg']) {
    await write(`.staging-x/${name}`, bytes(2048));
  }
  await fsp.rename(path.join(root, '.staging-x'), path.join(root, CO));
  await m3.settled();
  batchA = m3.events.length;
  mwAfterA = listed(m3, MW);
  coAfterA = listed(m3, CO);

  // A drag on the midweek day: the local file first in its section, the congregation intro before the songs.
  dragWrote = await m3.drag(MW, [
    TGW_INTRO,
    'Opening song',
    'Treasures video',
    'Bible reading',
    'plain.png',
    'LAC video',
    LOCAL,
    LAC_VIDEO,
  ]);
  afterDrag = titles(MW);

  // Batch B: a file replaced by a rename over its name, unlinks, a date folder removed.
  await write(`${MW}/.plain.png.part`, bytes(4096));
  await fsp.rename(path.join(root, MW, '.plain.png.part'), path.join(root, MW, 'plain.png'));
  await fsp.rm(path.join(root, WE, 'wt-pic.jpg'));
  await fsp.rm(path.join(root, CO), { recursive: true });
  await fsp.rm(path.join(cleaningRoot, MW, 'gone.jpg'));
  await Promise.all([m3.settled(), cleaning.settled()]);
  batchB = m3.events.length;
}, 60_000);

afterAll(async () => {
  await Promise.all([m3?.close(), cleaning?.close()]);
  await cleanupTempDirs();
});

describe('M³ stand-in', () => {
  it('reports the files present at start, skipping folders whose name is not a date', () => {
    expect(m3.events.slice(0, batchA).map((e) => e.path)).toEqual(
      expect.arrayContaining([OTHER, `${OTHER}/existing.jpg`]),
    );
    expect(m3.events.filter((e) => e.path.includes('sub') || e.path.includes('Archive'))).toEqual([]);
    expect(m3.errors).toEqual([]);
  });

  it('places a midweek day’s files by the name pattern, after the JW items of lower order', () => {
    expect(mwAfterA).toEqual([
      { title: 'Opening song', section: 'tgw', order: 1, source: 'jw' },
      { title: 'Treasures video', section: 'tgw', order: 5, source: 'jw' },
      { title: 'Bible reading', section: 'tgw', order: 9, source: 'jw' },
      { title: TGW_INTRO, section: 'tgw', order: 1001, source: 'watched' },
      { title: 'LAC video', section: 'lac', order: 2, source: 'jw' },
      { title: LOCAL, section: 'lac', order: 2005, source: 'watched' },
      { title: LAC_VIDEO, section: 'lac', order: 3002, source: 'watched' },
      { title: 'plain.png', section: 'lac', order: MAX, source: 'watched' },
    ]);
  });

  it('lets a .section-order.json entry win over the name pattern, and defaults a weekend file to pt', () => {
    expect(listed(m3, WE)).toEqual([
      { title: '01 Public talk - 03 Other.jpg', section: 'pt', order: 1003, source: 'watched' },
      { title: 'loose.jpg', section: 'pt', order: MAX, source: 'watched' },
      { title: '01 Public talk - 02 Named.jpg', section: 'wt', order: 1, source: 'watched' },
    ]);
  });

  it('reads invalid JSON as no entries, and sees a .part renamed in place only under its final name', () => {
    expect(listed(m3, OTHER)).toEqual([
      { title: 'existing.jpg', section: 'imported-media', order: MAX, source: 'watched' },
      { title: 'late.mp4', section: 'imported-media', order: MAX, source: 'watched' },
      { title: 'odd.jpg', section: 'imported-media', order: MAX, source: 'watched' },
    ]);
    expect(m3.events.filter((e) => e.path.endsWith('.part'))).toEqual([]);
  });

  it('sees every file of a date folder renamed into place from a staging folder', () => {
    const fromStaging = m3.events.slice(0, batchA).filter((e) => e.path.startsWith(CO));
    expect(fromStaging).toEqual(
      expect.arrayContaining([
        { event: 'addDir', path: CO },
        { event: 'add', path: `${CO}/a.jpg` },
        { event: 'add', path: `${CO}/b.mp4` },
        { event: 'add', path: `${CO}/01 Living as Christians - 01 Part.jpg` },
      ]),
    );
    expect(m3.events.filter((e) => e.path.includes('.staging-x'))).toEqual([]);
    expect(coAfterA).toEqual([
      { title: '01 Living as Christians - 01 Part.jpg', section: 'lac', order: 1001, source: 'watched' },
      { title: 'a.jpg', section: 'circuit-overseer', order: MAX, source: 'watched' },
      { title: 'b.mp4', section: 'circuit-overseer', order: MAX, source: 'watched' },
    ]);
  });

  it('writes entries for every watched item of the day on a drag, merged over the file', async () => {
    expect(afterDrag).toEqual([
      TGW_INTRO,
      'Opening song',
      'Treasures video',
      'Bible reading',
      'plain.png',
      'LAC video',
      LOCAL,
      LAC_VIDEO,
    ]);
    const expected = {
      'gone.jpg': { order: 9, section: 'lac' },
      [TGW_INTRO]: { order: 0, section: 'tgw' },
      'plain.png': { order: 1, section: 'lac' },
      [LOCAL]: { order: 3, section: 'lac' },
      [LAC_VIDEO]: { order: 4, section: 'lac' },
    };
    expect(dragWrote).toEqual(expected);
    expect(await readOrder(root, MW)).toEqual(expected);
    expect((await fsp.readdir(path.join(root, MW))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('gives only `change` for a file replaced by a rename over its name, and keeps the listed item', () => {
    expect(eventsOf(batchA, batchB, `${MW}/plain.png`).map((e) => e.event)).toEqual(['change']);
    expect(titles(MW)).toEqual(afterDrag);
  });

  it('removes an unlinked file and a removed date folder, leaving .section-order.json as it was', async () => {
    expect(titles(WE)).not.toContain('wt-pic.jpg');
    expect(listed(m3, CO)).toEqual([]);
    expect((await readOrder(root, WE))['wt-pic.jpg']).toEqual({ order: 5, section: 'wt' });
  });

  it('removes the entry of an unlinked file when cleanUpEntriesOnUnlink is on', async () => {
    expect(listed(cleaning, MW).map((item) => item.title)).toEqual(['keep.jpg']);
    expect(await readOrder(cleaningRoot, MW)).toEqual({ 'keep.jpg': { order: 4, section: 'tgw' } });
  });
});
