/**
 * What an M³ user sees of the export: a stand-in for today's M³ (chokidar 5 with M³'s options and its rules, see
 * test/support/m3-standin.ts) watches the export folder while presenters sync. After every step, M³'s list of every
 * date of its window must be the organiser's: every congregation item, with its current content, in his order and
 * in his place in the meeting, before or after the JW items of that section, and nothing else of ours.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IsoDate, MediaItem } from '../../contract/api.js';
import { weekday, withoutPrefix } from '../../contract/media-folders.js';
import { presenterWindow } from '../../src/core/layout.js';
import { isPresenterType } from '../../src/export/plan.js';
import { disposeHosts } from '../support/host-harness.js';
import { type JwItem, type M3, type MeetingDay, startM3 } from '../support/m3-standin.js';
import {
  cleanupTempDirs,
  describeServers,
  makeTempDir,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';
import {
  bytes,
  type Presenter,
  presenter,
  put,
  remove,
  resetCongregation,
  TODAY,
} from '../support/sync-harness.js';

const SECTION_ORDER = '.section-order.json';

/** The default schedule: midweek on Wednesday, weekend on Sunday (M³ numbering: Monday is 0). */
const meetingDay = (date: string): MeetingDay =>
  weekday(date) === 2 ? 'midweek' : weekday(date) === 6 ? 'weekend' : null;

/** M³'s own items: one per section, numbered by paragraph from 1. */
const JW_ITEMS: Record<string, JwItem[]> = {
  midweek: [
    { title: 'JW Treasures', section: 'tgw', order: 1 },
    { title: 'JW Ministry', section: 'ayfm', order: 1 },
    { title: 'JW Living', section: 'lac', order: 1 },
  ],
  weekend: [
    { title: 'JW Public talk', section: 'pt', order: 1 },
    { title: 'JW Watchtower', section: 'wt', order: 1 },
  ],
};
const jwItems = (date: string) => JW_ITEMS[meetingDay(date) ?? ''] ?? [];
const SECTIONS: Record<string, string[]> = { midweek: ['tgw', 'ayfm', 'lac'], weekend: ['pt', 'wt'] };

const BASE: Record<string, Buffer> = {
  'Media/2026-12-02/01 - Welcome.png': bytes(3_000, 'welcome'),
  'Media/2026-12-02/02 - Talk.mp4': bytes(1_500_000, 'talk'),
  'Media/2026-12-02/03 - Song.mp3': bytes(40_000, 'song'),
  'Media/2026-12-06/Outline.jpg': bytes(2_000, 'outline'),
  'Media/Recurring/Announcements.png': bytes(4_000, 'announcements'),
};

/** A person's own file in a date folder, placed by an entry of their own in M³'s order file. */
interface Own {
  date: IsoDate;
  name: string;
  entry: { order: number; section: string };
}

/** An item as M³ lists it: the title without M³'s order prefix of the export's names, and its section. */
type Seen = [title: string, section: string];

function m3View(m3: M3, date: string): Seen[] {
  return m3
    .list(date)
    .map((item) => [item.title.replace(/^\d{1,3} Congregation - \d{1,3} /, ''), item.section]);
}

/**
 * What the organiser means for a date: his items in the media list's order, in his place in the meeting (default: the
 * weekend's Public Talk, the midweek's Living as Christians, after their JW items), among M³'s own items, and a
 * person's own file where their entry puts it.
 */
function organisersView(p: Presenter, date: IsoDate, own: readonly Own[] = []): Seen[] {
  const mine = p.host.media
    .items(date)
    .filter(
      (item: MediaItem) => item.source === 'congregation' && !item.hidden && isPresenterType(item.name),
    );
  const day = meetingDay(date);
  const place = mine[0]?.section
    ? { section: mine[0].section as string, at: mine[0].at }
    : { section: day === 'weekend' ? 'pt' : day === 'midweek' ? 'lac' : 'imported-media', at: 'end' };
  const sections = [...(SECTIONS[day ?? ''] ?? [])];
  if (!sections.includes(place.section)) sections.push(place.section);
  const congregation: Seen[] = mine.map((item) => [withoutPrefix(item.name), place.section]);
  return sections.flatMap((section) => {
    const theirs = [
      ...jwItems(date).filter((jw) => jw.section === section),
      ...own
        .filter((o) => o.date === date && o.entry.section === section)
        .map((o) => ({ title: o.name, ...o.entry })),
    ]
      .sort((a, b) => a.order - b.order)
      .map((jw): Seen => [jw.title, section]);
    if (section !== place.section) return theirs;
    return place.at === 'start' ? [...congregation, ...theirs] : [...theirs, ...congregation];
  });
}

/** Every date of M³'s window shows what the organiser means. */
function expectM3ShowsTheOrganisers(m3: M3, p: Presenter, own: readonly Own[] = []) {
  const { from, to } = presenterWindow(TODAY);
  const dates = new Set(p.host.media.items().map((item) => item.date));
  for (const date of dates) {
    if (date < from || date > to) continue;
    expect(m3View(m3, date), date).toEqual(organisersView(p, date, own));
  }
}

/** The raw events of a watcher since `since`: none for a temporary name, none but `add` and `unlink` for our files. */
function expectCleanEvents(m3: M3, since: number) {
  const events = m3.events.slice(since);
  expect(
    events.filter((e) => e.path.includes('.congsync')),
    'temporary names',
  ).toEqual([]);
  const media = events.filter((e) => isPresenterType(e.path));
  expect(
    media.filter((e) => e.event !== 'add' && e.event !== 'unlink'),
    'M³ ignores a change',
  ).toEqual([]);
  const added = media.filter((e) => e.event === 'add').map((e) => e.path);
  expect(new Set(added).size, 'one add per file').toBe(added.length);
  return events;
}

let server: TestServer;
const watchers: M3[] = [];

beforeAll(async () => {
  server = await (describeServers()[0] as ReturnType<typeof describeServers>[number]).start(
    await makeTempDir('cs-m3-root'),
  );
});

beforeEach(async () => {
  await resetCongregation(server);
});

afterEach(async () => {
  for (const m3 of watchers.splice(0)) await m3.close();
  await disposeHosts();
});

afterAll(async () => {
  await stopAllServers();
  await cleanupTempDirs();
});

async function watchedPresenter() {
  const folder = await makeTempDir('cs-m3-watched');
  const m3 = await startM3(folder, { meetingDay, jwItems });
  watchers.push(m3);
  const p = await presenter(server, { settings: { presenterFolder: folder } });
  const sync = async () => {
    const report = await p.sync();
    expect(report.errors).toEqual([]);
    return report;
  };
  return { folder, m3, p, sync };
}

describe('today’s M³ watching the export', () => {
  it('the first sync into an empty folder: every file seen, 20 times out of 20, and never a temporary name', async () => {
    await put(server, BASE);
    const rounds = await Promise.all(Array.from({ length: 20 }, () => watchedPresenter()));
    await Promise.all(rounds.map((round) => round.sync()));
    await Promise.all(rounds.map(({ m3 }) => m3.settled()));
    for (const [round, { m3, p }] of rounds.entries()) {
      expect(m3.errors, `round ${round}`).toEqual([]);
      expectM3ShowsTheOrganisers(m3, p);
      const events = expectCleanEvents(m3, 0);
      // 3 of 2026-12-02, 1 of 2026-12-06 and the recurring file on the 10 meeting dates of M³'s window
      expect(
        events.filter((e) => e.event === 'add' && isPresenterType(e.path)),
        `round ${round}`,
      ).toHaveLength(14);
    }
  });

  it('follows the organiser through new content, a drag in M³, a new order, a place in the meeting and removals', async () => {
    await put(server, BASE);
    const { folder, m3, p, sync } = await watchedPresenter();
    // a person's own file and entry in a date folder M³ made (empty until then)
    const own: Own = { date: '2026-12-02', name: 'My own.jpg', entry: { order: 5, section: 'ayfm' } };
    await fsp.mkdir(path.join(folder, own.date));
    await fsp.writeFile(path.join(folder, own.date, own.name), 'a person’s own picture');
    const ownEntries = { [own.name]: { ...own.entry } };
    await fsp.writeFile(path.join(folder, own.date, SECTION_ORDER), JSON.stringify(ownEntries, null, 2));
    const step = async (what: string, change: () => Promise<void>) => {
      const since = m3.events.length;
      await change();
      await sync();
      await m3.settled();
      expect(m3.errors, what).toEqual([]);
      expectM3ShowsTheOrganisers(m3, p, [own]);
      return expectCleanEvents(m3, since);
    };

    await step('first sync', async () => {});

    // new content under the same name on the server: M³ sees a file removed and one added, with the new size
    const talk = bytes(1_600_000, 'talk, new cut');
    const replaced = await step('replaced', () => put(server, { 'Media/2026-12-02/02 - Talk.mp4': talk }));
    expect(replaced.filter((e) => e.path.endsWith('Talk.mp4')).map((e) => e.event)).toEqual([
      'unlink',
      'add',
    ]);
    expect(m3.list('2026-12-02').find((item) => item.title.endsWith('Talk.mp4'))?.size).toBe(talk.length);

    // the user drags the day's items in M³ (M³ stores a place for every file), then the organiser moves Song first
    const titles = m3.list('2026-12-02').map((item) => item.title);
    const dragged = await m3.drag('2026-12-02', [...titles].reverse());
    await m3.settled();
    // the drag stored a place for the person's file too (M³ shows it where it was until the file is added again)
    const ownEntry = dragged[own.name];
    await step('new order', async () => {
      await remove(server, 'Media/2026-12-02/03 - Song.mp3');
      await put(server, {
        'Media/2026-12-02/00 - Song.mp3': BASE['Media/2026-12-02/03 - Song.mp3'] as Buffer,
      });
    });

    // the organiser's places: Wednesday at the start of Treasures, Sunday at the end of the Watchtower Study
    await step('places', () =>
      put(server, {
        'meetingSections.json': JSON.stringify({
          '2026-12-02': { section: 'tgw', at: 'start' },
          '2026-12-06': { section: 'wt', at: 'end' },
        }),
      }),
    );
    expect(m3View(m3, '2026-12-02').slice(0, 4)).toEqual([
      ['Song.mp3', 'tgw'],
      ['Welcome.png', 'tgw'],
      ['Talk.mp4', 'tgw'],
      ['Announcements.png', 'tgw'],
    ]);

    // a removal leaves no entry of ours; the person's file and entry stay untouched throughout
    await step('removal', () => remove(server, 'Media/2026-12-02/01 - Welcome.png'));
    await step('back to default', () => remove(server, 'meetingSections.json'));
    for (const date of await fsp.readdir(folder)) {
      const names = new Set(await fsp.readdir(path.join(folder, date)));
      const entries = JSON.parse(
        await fsp.readFile(path.join(folder, date, SECTION_ORDER), 'utf8').catch(() => '{}'),
      ) as Record<string, unknown>;
      for (const name of Object.keys(entries))
        expect(names.has(name), `${date}: entry of ${name}`).toBe(true);
    }
    const kept = JSON.parse(await fsp.readFile(path.join(folder, own.date, SECTION_ORDER), 'utf8'));
    expect(kept[own.name]).toEqual(ownEntry);
    expect(await fsp.readFile(path.join(folder, own.date, own.name), 'utf8')).toBe('a person’s own picture');
  });
});
