import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsoDate, MediaItem } from '../../contract/api.js';
import {
  addDays,
  DATE_FORMATS,
  type DateFormat,
  formatDateFolder,
  parseDateFolder,
} from '../../contract/media-folders.js';
import type { MeetingSchedule } from '../../src/core/layout.js';
import {
  type FetchGroup,
  type FileRecord,
  mediaEdits,
  type Plan,
  type PlanInput,
  planSync,
  type Records,
  recordOf,
  type Target,
} from '../../src/core/planner.js';
import type { RemoteEntry } from '../../src/core/remote-entry.js';

// 2026-12-01 is a Tuesday; weekdays are 0 = Monday ... 6 = Sunday.
const TODAY = '2026-12-01';
const WEEKS = 2;
const SCHEDULE: MeetingSchedule = { mwDay: 2, weDay: 6 };
const MEETINGS = ['2026-12-02', '2026-12-06', '2026-12-09', '2026-12-13'];

interface Version {
  size?: number | null;
  etag?: string | null;
  lastModified?: string | null;
}

/** A remote file; `at` is a slash path, or segments where a segment itself holds a '/'. */
function file(at: string | string[], v: Version = {}): RemoteEntry {
  return {
    path: typeof at === 'string' ? at.split('/') : at,
    isDirectory: false,
    size: v.size === undefined ? 10 : v.size,
    etag: v.etag === undefined ? '"e1"' : v.etag,
    lastModified: v.lastModified === undefined ? '2026-11-20T10:00:00.000Z' : v.lastModified,
  };
}

function dir(at: string): RemoteEntry {
  return {
    path: at.split('/'),
    isDirectory: true,
    size: null,
    etag: null,
    lastModified: null,
  };
}

/** A record as the last sync wrote it for `local`, by default of `Media/<date>/<name>` with file()'s defaults. */
function record(
  local: string,
  o: Version & { remote?: string; recurring?: boolean } = {},
): [string, FileRecord] {
  const [folder = '', name = ''] = local.split('/');
  const date = parseDateFolder(folder);
  if (!date) throw new Error(`bad local path in test: ${local}`);
  return [
    local,
    {
      remote: (o.remote ?? `Media/${date}/${name}`).split('/'),
      etag: o.etag === undefined ? '"e1"' : o.etag,
      size: o.size ?? 10,
      lastModified: o.lastModified === undefined ? '2026-11-20T10:00:00.000Z' : o.lastModified,
      date,
      name,
      recurring: o.recurring ?? false,
    },
  ];
}

function jw(date: IsoDate, name: string, hidden = false): MediaItem {
  return { date, name, source: 'jw', hidden, recurring: false, file: null };
}

function congregation(date: IsoDate, name: string): MediaItem {
  return {
    date,
    name,
    source: 'congregation',
    hidden: false,
    recurring: false,
    file: `/media/${date}/${name}`,
  };
}

function input(over: Partial<PlanInput> = {}): PlanInput {
  return {
    entries: [dir('Media')],
    records: {},
    local: new Map(),
    hostItems: [],
    today: TODAY,
    weeks: WEEKS,
    schedule: SCHEDULE,
    format: 'YYYY-MM-DD',
    language: 'en',
    congregationName: 'North',
    places: {},
    ...over,
  } as PlanInput;
}

const withMedia = (...entries: RemoteEntry[]) => [dir('Media'), ...entries];
const records = (...rs: Array<[string, FileRecord]>): Records => Object.fromEntries(rs);

/** The decisions of a plan, as plain paths. */
function summary(plan: Plan) {
  return {
    fetch: plan.fetch.map((g) => ({ remote: g.remote.join('/'), targets: g.targets.map((t) => t.local) })),
    keep: plan.keep.map((t) => t.local),
    verify: plan.verify.map((g) => ({ remote: g.remote.join('/'), targets: g.targets.map((t) => t.local) })),
    remove: plan.remove.map((r) => r.local),
    forget: plan.forget,
    skipped: plan.skipped.map((s) => s.path),
  };
}

const NOTHING = { fetch: [], keep: [], verify: [], remove: [], forget: [], skipped: [] };

interface Row {
  name: string;
  over: Partial<PlanInput>;
  expected: Partial<ReturnType<typeof summary>>;
}

function runRows(rows: Row[]) {
  it.each(rows)('$name', ({ over, expected }) => {
    expect(summary(planSync(input(over)))).toEqual({ ...NOTHING, ...expected });
  });
}

describe('planSync: additional files and date folders', () => {
  const fetchOne = (remote: string, local: string) => ({ fetch: [{ remote, targets: [local] }] });
  runRows([
    {
      name: 'a new additional file in the window is fetched to its date folder',
      over: { entries: withMedia(dir('Media/2026-12-02'), file('Media/2026-12-02/a.jpg')) },
      expected: fetchOne('Media/2026-12-02/a.jpg', '2026-12-02/a.jpg'),
    },
    {
      name: 'folder "DD-MM-YYYY - dddd" maps to the configured local folder',
      over: { entries: withMedia(file('Media/02-12-2026 - Mittwoch/a.jpg')) },
      expected: fetchOne('Media/02-12-2026 - Mittwoch/a.jpg', '2026-12-02/a.jpg'),
    },
    {
      name: 'folder "YYYY-MM-DD - dddd" maps to the configured local folder',
      over: { entries: withMedia(file('Media/2026-12-02 - Wednesday/a.jpg')) },
      expected: fetchOne('Media/2026-12-02 - Wednesday/a.jpg', '2026-12-02/a.jpg'),
    },
    {
      name: 'folder "DD-MM-YYYY" maps to the configured local folder',
      over: { entries: withMedia(file('Media/02-12-2026/a.jpg')) },
      expected: fetchOne('Media/02-12-2026/a.jpg', '2026-12-02/a.jpg'),
    },
    {
      name: 'format "DD-MM-YYYY - dddd" in German names the local folder "02-12-2026 - Mittwoch"',
      over: {
        entries: withMedia(file('Media/2026-12-02/a.jpg')),
        format: 'DD-MM-YYYY - dddd',
        language: 'de',
      },
      expected: fetchOne('Media/2026-12-02/a.jpg', '02-12-2026 - Mittwoch/a.jpg'),
    },
    {
      name: 'format "DD-MM-YYYY" names the local folder "02-12-2026"',
      over: { entries: withMedia(file('Media/2026-12-02 - Wednesday/a.jpg')), format: 'DD-MM-YYYY' },
      expected: fetchOne('Media/2026-12-02 - Wednesday/a.jpg', '02-12-2026/a.jpg'),
    },
    {
      name: 'files of past dates are ignored (not even skipped)',
      over: { entries: withMedia(file('Media/2026-11-30/a.jpg'), file('Media/2026-11-29/b.jpg')) },
      expected: {},
    },
    {
      name: 'files at or after the end of the window are ignored',
      over: { entries: withMedia(file('Media/2026-12-15/a.jpg'), file('Media/2027-01-06/b.jpg')) },
      expected: {},
    },
    {
      name: 'today and the last day of the window are in it, meeting day or not',
      over: { entries: withMedia(file('Media/2026-12-01/a.jpg'), file('Media/2026-12-14/b.jpg')) },
      expected: {
        fetch: [
          { remote: 'Media/2026-12-01/a.jpg', targets: ['2026-12-01/a.jpg'] },
          { remote: 'Media/2026-12-14/b.jpg', targets: ['2026-12-14/b.jpg'] },
        ],
      },
    },
    {
      name: 'a file in a folder that is not a date, or too deep, is ignored',
      over: {
        entries: withMedia(
          file('Media/Talks/a.jpg'),
          file('Media/2026-12-02/sub/a.jpg'),
          file('Other/a.jpg'),
        ),
      },
      expected: {},
    },
  ]);

  it('recurring files go to meeting dates only; a non-meeting date keeps just its additional files', () => {
    const plan = planSync(
      input({ entries: withMedia(file('Media/Recurring/r.mp4'), file('Media/2026-12-03/x.jpg')) }),
    );
    expect(plan.meetingDates).toEqual(MEETINGS);
    expect(summary(plan).fetch).toEqual([
      { remote: 'Media/2026-12-03/x.jpg', targets: ['2026-12-03/x.jpg'] },
      { remote: 'Media/Recurring/r.mp4', targets: MEETINGS.map((d) => `${d}/r.mp4`) },
    ]);
    expect(plan.desired.map((t) => [t.local, t.recurring])).toEqual([
      ['2026-12-02/r.mp4', true],
      ['2026-12-03/x.jpg', false],
      ['2026-12-06/r.mp4', true],
      ['2026-12-09/r.mp4', true],
      ['2026-12-13/r.mp4', true],
    ]);
  });

  it('a fetch group carries the listed version', () => {
    const plan = planSync(
      input({
        entries: withMedia(file('Media/2026-12-02/a.jpg', { size: 1234, etag: '"x"', lastModified: null })),
      }),
    );
    expect(plan.fetch).toEqual([
      {
        remote: ['Media', '2026-12-02', 'a.jpg'],
        size: 1234,
        etag: '"x"',
        lastModified: null,
        targets: [{ local: '2026-12-02/a.jpg', date: '2026-12-02', name: 'a.jpg', recurring: false }],
      },
    ]);
  });

  it('desired is in media order: by date, prefixed names first by prefix', () => {
    const plan = planSync(
      input({
        entries: withMedia(
          file('Media/2026-12-06/z.jpg'),
          file('Media/2026-12-02/z.jpg'),
          file('Media/2026-12-02/10 - b.jpg'),
          file('Media/2026-12-02/02 - a.jpg'),
        ),
      }),
    );
    expect(plan.desired.map((t) => t.local)).toEqual([
      '2026-12-02/02 - a.jpg',
      '2026-12-02/10 - b.jpg',
      '2026-12-02/z.jpg',
      '2026-12-06/z.jpg',
    ]);
  });

  it('listed counts the files of the listing, not its folders', () => {
    const plan = planSync(
      input({ entries: withMedia(dir('Media/2026-12-02'), file('Media/2026-12-02/a.jpg'), file('x.txt')) }),
    );
    expect(plan.listed).toBe(2);
  });
});

describe('planSync: versions and records', () => {
  const A = 'Media/2026-12-02/a.jpg';
  const LOCAL = '2026-12-02/a.jpg';
  const at = (size: number) => new Map([[LOCAL, size]]);
  runRows([
    {
      name: 'same etag, record present, local size equal -> keep',
      over: { entries: withMedia(file(A)), records: Object.fromEntries([record(LOCAL)]), local: at(10) },
      expected: { keep: [LOCAL] },
    },
    {
      name: 'changed etag -> fetch',
      over: {
        entries: withMedia(file(A, { etag: '"e2"' })),
        records: Object.fromEntries([record(LOCAL)]),
        local: at(10),
      },
      expected: { fetch: [{ remote: A, targets: [LOCAL] }] },
    },
    {
      name: 'a weak ETag that became strong (Apache, a second after a change) is the same version -> keep',
      over: {
        entries: withMedia(file(A, { etag: '"e1"' })),
        records: Object.fromEntries([record(LOCAL, { etag: 'W/"e1"' })]),
        local: at(10),
      },
      expected: { keep: [LOCAL] },
    },
    {
      name: 'a weak ETag with another tag -> fetch',
      over: {
        entries: withMedia(file(A, { etag: 'W/"e2"' })),
        records: Object.fromEntries([record(LOCAL, { etag: 'W/"e1"' })]),
        local: at(10),
      },
      expected: { fetch: [{ remote: A, targets: [LOCAL] }] },
    },
    {
      name: 'same etag wins over a changed last-modified -> keep',
      over: {
        entries: withMedia(file(A, { lastModified: '2026-11-30T00:00:00.000Z' })),
        records: Object.fromEntries([record(LOCAL)]),
        local: at(10),
      },
      expected: { keep: [LOCAL] },
    },
    {
      name: 'no etags, same size and last-modified -> keep',
      over: {
        entries: withMedia(file(A, { etag: null })),
        records: Object.fromEntries([record(LOCAL, { etag: null })]),
        local: at(10),
      },
      expected: { keep: [LOCAL] },
    },
    {
      name: 'no etags, another size -> fetch',
      over: {
        entries: withMedia(file(A, { etag: null, size: 11 })),
        records: Object.fromEntries([record(LOCAL, { etag: null })]),
        local: at(10),
      },
      expected: { fetch: [{ remote: A, targets: [LOCAL] }] },
    },
    {
      name: 'no etags, same size, another last-modified -> fetch',
      over: {
        entries: withMedia(file(A, { etag: null, lastModified: '2026-11-21T10:00:00.000Z' })),
        records: Object.fromEntries([record(LOCAL, { etag: null })]),
        local: at(10),
      },
      expected: { fetch: [{ remote: A, targets: [LOCAL] }] },
    },
    {
      name: 'etag only on the record: size and last-modified decide -> keep',
      over: {
        entries: withMedia(file(A, { etag: null })),
        records: Object.fromEntries([record(LOCAL)]),
        local: at(10),
      },
      expected: { keep: [LOCAL] },
    },
    {
      name: 'record present but the local file is missing -> fetch',
      over: { entries: withMedia(file(A)), records: Object.fromEntries([record(LOCAL)]) },
      expected: { fetch: [{ remote: A, targets: [LOCAL] }] },
    },
    {
      name: 'lost record, local file with the listed size -> its bytes verified, not fetched, not adopted',
      over: { entries: withMedia(file(A)), local: at(10) },
      expected: { verify: [{ remote: A, targets: [LOCAL] }] },
    },
    {
      name: 'lost record, local file of another size -> skipped, not fetched',
      over: { entries: withMedia(file(A)), local: at(99) },
      expected: { skipped: [LOCAL] },
    },
  ]);

  it('a record of another remote at the same local path (recurring replaced by an additional) -> fetch', () => {
    const records = Object.fromEntries(
      MEETINGS.map((d) => record(`${d}/a.jpg`, { remote: 'Media/Recurring/a.jpg', recurring: true })),
    );
    const local = new Map(MEETINGS.map((d) => [`${d}/a.jpg`, 10]));
    const plan = planSync(
      input({
        entries: withMedia(file('Media/Recurring/a.jpg'), file('Media/2026-12-06/a.jpg')),
        records,
        local,
      }),
    );
    expect(summary(plan)).toEqual({
      ...NOTHING,
      fetch: [{ remote: 'Media/2026-12-06/a.jpg', targets: ['2026-12-06/a.jpg'] }],
      keep: ['2026-12-02/a.jpg', '2026-12-09/a.jpg', '2026-12-13/a.jpg'],
    });
    expect(plan.desired.find((t) => t.date === '2026-12-06')?.recurring).toBe(false);
  });

  it('a file without a record of the listed size is to be verified against the listed version, and desired', () => {
    const plan = planSync(
      input({
        entries: withMedia(file('Media/Recurring/r.mp4', { size: 7, etag: '"r"' })),
        local: new Map([['2026-12-09/r.mp4', 7]]),
      }),
    );
    const target = { local: '2026-12-09/r.mp4', date: '2026-12-09', name: 'r.mp4', recurring: true };
    expect(plan.verify).toEqual([
      {
        remote: ['Media', 'Recurring', 'r.mp4'],
        etag: '"r"',
        size: 7,
        lastModified: '2026-11-20T10:00:00.000Z',
        targets: [target],
      },
    ]);
    // the record it gets once its bytes proved to be the server's
    expect(recordOf(plan.verify[0] as FetchGroup, target)).toEqual({
      remote: ['Media', 'Recurring', 'r.mp4'],
      etag: '"r"',
      size: 7,
      lastModified: '2026-11-20T10:00:00.000Z',
      date: '2026-12-09',
      name: 'r.mp4',
      recurring: true,
    });
    expect(plan.desired.map((t) => t.local)).toContain('2026-12-09/r.mp4');
    expect(plan.remove).toEqual([]);
    expect(plan.fetch.map((g) => g.targets.map((t) => t.date))).toEqual([
      ['2026-12-02', '2026-12-06', '2026-12-13'],
    ]);
  });

  it('a file in the way is skipped with a reason and is not desired', () => {
    const plan = planSync(
      input({
        entries: withMedia(file('Media/2026-12-02/a.jpg')),
        local: new Map([['2026-12-02/a.jpg', 3]]),
      }),
    );
    expect(plan.skipped).toEqual([{ path: '2026-12-02/a.jpg', reason: { code: 'in-the-way' } }]);
    expect(plan.desired).toEqual([]);
  });
});

describe('planSync: recurring files', () => {
  const R = 'Media/Recurring/intro.mp4';
  runRows([
    {
      name: 'one fetch group with a target on every meeting date',
      over: { entries: withMedia(file(R)) },
      expected: { fetch: [{ remote: R, targets: MEETINGS.map((d) => `${d}/intro.mp4`) }] },
    },
    {
      name: 'not on a date with an additional file of the same name, case-insensitively',
      over: { entries: withMedia(file(R), file('Media/2026-12-06/INTRO.MP4')) },
      expected: {
        fetch: [
          { remote: 'Media/2026-12-06/INTRO.MP4', targets: ['2026-12-06/INTRO.MP4'] },
          { remote: R, targets: ['2026-12-02/intro.mp4', '2026-12-09/intro.mp4', '2026-12-13/intro.mp4'] },
        ],
      },
    },
    {
      name: 'not on a date where the presenter has a jw item of that name',
      over: { entries: withMedia(file(R)), hostItems: [jw('2026-12-09', 'Intro.mp4')] },
      expected: {
        fetch: [
          { remote: R, targets: ['2026-12-02/intro.mp4', '2026-12-06/intro.mp4', '2026-12-13/intro.mp4'] },
        ],
      },
    },
    {
      name: 'a local or congregation item of that name does not hold it back',
      over: {
        entries: withMedia(file(R)),
        hostItems: [
          { ...jw('2026-12-09', 'intro.mp4'), source: 'local' },
          congregation('2026-12-13', 'intro.mp4'),
        ],
      },
      expected: { fetch: [{ remote: R, targets: MEETINGS.map((d) => `${d}/intro.mp4`) }] },
    },
    {
      name: 'CO week moves that midweek meeting to Tuesday',
      over: { entries: withMedia(file(R)), schedule: { ...SCHEDULE, coWeek: '2026-12-07' } },
      expected: {
        fetch: [
          {
            remote: R,
            targets: [
              '2026-12-02/intro.mp4',
              '2026-12-06/intro.mp4',
              '2026-12-08/intro.mp4',
              '2026-12-13/intro.mp4',
            ],
          },
        ],
      },
    },
    {
      name: 'recurring files are not bound to the window: a week of zero holds nothing',
      over: { entries: withMedia(file(R)), weeks: 0 },
      expected: {},
    },
  ]);

  it('colliding recurring names: the first in code-unit order goes everywhere, the other is reported once', () => {
    const plan = planSync(
      input({ entries: withMedia(file('Media/Recurring/a.mp4'), file('Media/Recurring/A.mp4')) }),
    );
    expect(summary(plan).fetch).toEqual([
      { remote: 'Media/Recurring/A.mp4', targets: MEETINGS.map((d) => `${d}/A.mp4`) },
    ]);
    expect(plan.skipped).toEqual([
      { path: 'Media/Recurring/a.mp4', reason: { code: 'collision', other: 'A.mp4' } },
    ]);
  });
});

describe('planSync: hidden markers', () => {
  it('collects the markers of the window per date, NFC, ignoring those outside it', () => {
    const plan = planSync(
      input({
        entries: withMedia(
          dir('Hidden'),
          dir('Hidden/2026-12-02'),
          file('Hidden/2026-12-02/a.jpg', { size: 0 }),
          file('Hidden/02-12-2026 - Mittwoch/b.mp4', { size: 0 }),
          file('Hidden/2026-12-06 - Sunday/Cafe\u0301.jpg', { size: 0 }),
          file('Hidden/2026-11-30/old.jpg', { size: 0 }),
          file('Hidden/2026-12-15/late.jpg', { size: 0 }),
          file('Hidden/Recurring/r.mp4', { size: 0 }),
        ),
      }),
    );
    const hidden = Object.fromEntries([...plan.hidden].map(([d, names]) => [d, [...names].sort()]));
    expect(hidden).toEqual({ '2026-12-02': ['a.jpg', 'b.mp4'], '2026-12-06': ['Caf\u00e9.jpg'] });
    expect(summary(plan)).toEqual(NOTHING);
  });
});

describe('planSync: names', () => {
  it.each([
    ['a reserved name', ['Media', '2026-12-02', 'CON.jpg'], { code: 'reserved-name' }],
    ['a control character', ['Media', '2026-12-02', 'a\u0001.jpg'], { code: 'control-character' }],
    ['a trailing dot', ['Media', '2026-12-02', 'name.'], { code: 'trailing-dot-or-space' }],
    ['an encoded slash in a segment', ['Media', '2026-12-02', 'a/b.jpg'], { code: 'separator' }],
    ['an encoded backslash in a segment', ['Media', '2026-12-02', 'a\\b.jpg'], { code: 'separator' }],
    ['a dot segment', ['Media', '2026-12-02', '..'], { code: 'dot-segment' }],
    ['an unsafe recurring name', ['Media', 'Recurring', 'NUL.mp4'], { code: 'reserved-name' }],
  ])('skips %s with its reason', (_what, segments, reason) => {
    const plan = planSync(input({ entries: withMedia(file(segments), file('Media/2026-12-02/ok.jpg')) }));
    expect(plan.skipped).toEqual([{ path: segments.join('/'), reason }]);
    expect(summary(plan).fetch).toEqual([
      { remote: 'Media/2026-12-02/ok.jpg', targets: ['2026-12-02/ok.jpg'] },
    ]);
    expect(plan.desired.map((t) => t.local)).toEqual(['2026-12-02/ok.jpg']);
  });

  it('an unsafe name outside the window is not even reported', () => {
    const plan = planSync(input({ entries: withMedia(file('Media/2026-11-30/CON.jpg')) }));
    expect(plan.skipped).toEqual([]);
  });

  it('case collisions in one date folder: exactly one is kept, whatever the listing order', () => {
    const upper = file('Media/2026-12-02/A.jpg', { etag: '"upper"' });
    const lower = file('Media/2026-12-02/a.jpg', { etag: '"lower"' });
    for (const entries of [withMedia(upper, lower), withMedia(lower, upper)]) {
      const plan = planSync(input({ entries }));
      expect(summary(plan).fetch).toEqual([
        { remote: 'Media/2026-12-02/A.jpg', targets: ['2026-12-02/A.jpg'] },
      ]);
      expect(plan.skipped).toEqual([
        { path: 'Media/2026-12-02/a.jpg', reason: { code: 'collision', other: 'A.jpg' } },
      ]);
    }
  });

  it('the same file in two folders of the same date: one is kept', () => {
    const plan = planSync(
      input({
        entries: withMedia(file('Media/2026-12-02/a.jpg'), file('Media/02-12-2026 - Mittwoch/a.jpg')),
      }),
    );
    expect(summary(plan).fetch).toEqual([
      { remote: 'Media/02-12-2026 - Mittwoch/a.jpg', targets: ['2026-12-02/a.jpg'] },
    ]);
    expect(summary(plan).skipped).toEqual(['Media/2026-12-02/a.jpg']);
  });

  it('an NFD name is placed under its NFC name, fetched from its NFD path', () => {
    const plan = planSync(input({ entries: withMedia(file('Media/2026-12-02/Cafe\u0301.jpg')) }));
    expect(plan.fetch.map((g) => [g.remote, g.targets])).toEqual([
      [
        ['Media', '2026-12-02', 'Cafe\u0301.jpg'],
        [{ local: '2026-12-02/Caf\u00e9.jpg', date: '2026-12-02', name: 'Caf\u00e9.jpg', recurring: false }],
      ],
    ]);
  });

  it('NFD and NFC forms of one name in one folder collide', () => {
    const plan = planSync(
      input({
        entries: withMedia(file('Media/2026-12-02/Cafe\u0301.jpg'), file('Media/2026-12-02/Caf\u00e9.jpg')),
      }),
    );
    expect(plan.fetch).toHaveLength(1);
    expect(plan.fetch[0]?.targets.map((t) => t.local)).toEqual(['2026-12-02/Caf\u00e9.jpg']);
    expect(plan.skipped).toHaveLength(1);
  });

  it('a file entry without a size is skipped', () => {
    const plan = planSync(
      input({
        entries: withMedia(
          file('Media/2026-12-02/a.jpg', { size: null }),
          file('Media/Recurring/r.mp4', { size: null }),
        ),
      }),
    );
    expect(plan.skipped).toEqual([
      { path: 'Media/2026-12-02/a.jpg', reason: { code: 'no-size' } },
      { path: 'Media/Recurring/r.mp4', reason: { code: 'no-size' } },
    ]);
    expect(plan.fetch).toEqual([]);
    expect(plan.desired).toEqual([]);
  });

  it('a file still listed without a size keeps its local copy (it is not gone)', () => {
    const rs = records(record('2026-12-02/a.jpg'), record('2026-12-02/b.jpg'));
    const plan = planSync(
      input({
        entries: withMedia(file('Media/2026-12-02/a.jpg', { size: null })),
        records: rs,
        local: new Map([
          ['2026-12-02/a.jpg', 10],
          ['2026-12-02/b.jpg', 10],
        ]),
      }),
    );
    expect(plan.remove.map((r) => r.local)).toEqual(['2026-12-02/b.jpg']);
    expect(plan.forget).toEqual([]);
  });

  it('managedInWindow and removingSources count a recurring file once, however many dates it is on', () => {
    const rec = { remote: 'Media/Recurring/r.mp4', recurring: true };
    const rs = records(
      record('2026-12-02/r.mp4', rec),
      record('2026-12-06/r.mp4', rec),
      record('2026-12-09/r.mp4', rec),
      record('2026-12-02/a.jpg'),
    );
    const local = new Map(Object.keys(rs).map((k) => [k, 10]));
    const plan = planSync(
      input({ entries: withMedia(file('Media/2026-12-02/a.jpg', { size: 10 })), records: rs, local }),
    );
    expect(plan.remove).toHaveLength(3);
    expect([plan.managedInWindow, plan.removingSources]).toEqual([2, 1]);
  });

  it('a jw item of the same name (case-insensitively) makes the additional file skipped', () => {
    const plan = planSync(
      input({
        entries: withMedia(file('Media/2026-12-02/Song.MP4'), file('Media/2026-12-06/song.mp4')),
        hostItems: [jw('2026-12-02', 'song.mp4')],
      }),
    );
    expect(plan.skipped).toEqual([
      { path: 'Media/2026-12-02/Song.MP4', reason: { code: 'presenter-has-name' } },
    ]);
    expect(summary(plan).fetch).toEqual([
      { remote: 'Media/2026-12-06/song.mp4', targets: ['2026-12-06/song.mp4'] },
    ]);
  });
});

describe('planSync: removals', () => {
  const gone = '2026-12-02/gone.jpg';
  runRows([
    {
      name: 'remote gone, local size matches -> remove',
      over: { records: records(record(gone)), local: new Map([[gone, 10]]) },
      expected: { remove: [gone] },
    },
    {
      name: 'remote gone, local size differs (user changed it) -> forget',
      over: { records: records(record(gone)), local: new Map([[gone, 11]]) },
      expected: { forget: [gone] },
    },
    {
      name: 'remote gone, local missing -> forget',
      over: { records: records(record(gone)) },
      expected: { forget: [gone] },
    },
    {
      name: 'records of past dates and beyond the window are never removed',
      over: {
        records: records(record('2026-11-30/old.jpg'), record('2026-12-15/later.jpg')),
        local: new Map([
          ['2026-11-30/old.jpg', 10],
          ['2026-12-15/later.jpg', 10],
        ]),
      },
      expected: {},
    },
    {
      name: 'an empty listing (no Media entry at all) removes and forgets nothing',
      over: {
        entries: [file('forcedPrefs.json')],
        records: records(record(gone), record('2026-12-06/b.jpg')),
        local: new Map([[gone, 10]]),
      },
      expected: {},
    },
    {
      name: 'a record of a folder in another format is not what is wanted -> remove',
      over: {
        entries: withMedia(file('Media/2026-12-02/a.jpg')),
        records: records(record('02-12-2026/a.jpg'), record('2026-12-02/a.jpg')),
        local: new Map([
          ['02-12-2026/a.jpg', 10],
          ['2026-12-02/a.jpg', 10],
        ]),
      },
      expected: { keep: ['2026-12-02/a.jpg'], remove: ['02-12-2026/a.jpg'] },
    },
  ]);

  it('emptyListing and managedInWindow', () => {
    const rs = records(
      record('2026-12-01/a.jpg'),
      record('2026-12-06/b.jpg'),
      record('2026-12-14/c.jpg'),
      record('2026-11-30/old.jpg'),
      record('2026-12-15/later.jpg'),
    );
    const empty = planSync(input({ entries: [], records: rs }));
    expect([empty.emptyListing, empty.managedInWindow, empty.remove, empty.forget]).toEqual([
      true,
      3,
      [],
      [],
    ]);
    const mediaOnly = planSync(input({ records: rs, local: new Map([['2026-12-06/b.jpg', 10]]) }));
    expect(mediaOnly.emptyListing).toBe(false);
    expect(mediaOnly.managedInWindow).toBe(3);
    expect(mediaOnly.remove.map((r) => r.local)).toEqual(['2026-12-06/b.jpg']);
    expect(mediaOnly.forget.sort()).toEqual(['2026-12-01/a.jpg', '2026-12-14/c.jpg']);
  });

  it('a removal carries its record', () => {
    const rs = records(record(gone, { etag: '"g"', size: 5 }));
    const plan = planSync(input({ records: rs, local: new Map([[gone, 5]]) }));
    expect(plan.remove).toEqual([{ local: gone, record: rs[gone] }]);
  });
});

describe('planSync: forcedPrefs and background', () => {
  it('finds forcedPrefs.json and the background of the congregation', () => {
    const prefs = file('forcedPrefs.json');
    const north = file('custom-background-image-North.jpg');
    const south = file('custom-background-image-South.png');
    const plan = planSync(input({ entries: withMedia(south, prefs, north, file('Media/forcedPrefs.json')) }));
    expect(plan.forcedPrefs).toBe(prefs);
    expect(plan.background).toBe(north);
    expect(summary(plan)).toEqual(NOTHING);
  });

  it.each([
    [
      'the only one, whatever its name',
      ['custom-background-image-South.png'],
      'custom-background-image-South.png',
    ],
    [
      'the match among several',
      ['custom-background-image-South.png', 'custom-background-image-North.webp'],
      'custom-background-image-North.webp',
    ],
    [
      'none when several and none matches',
      ['custom-background-image-South.png', 'custom-background-image-East.jpg'],
      null,
    ],
    ['none for an extension that is not an image', ['custom-background-image-North.txt'], null],
    ['none when absent', [], null],
  ])('background: %s', (_what, names, expected) => {
    const plan = planSync(input({ entries: withMedia(...names.map((n) => file(n))) }));
    expect(plan.background?.path.join('/') ?? null).toBe(expected);
    expect(plan.forcedPrefs).toBeNull();
  });

  it('the congregation name is matched in NFC', () => {
    const plan = planSync(
      input({
        entries: withMedia(
          file('custom-background-image-Mu\u0308nchen.jpg'),
          file('custom-background-image-Bonn.jpg'),
        ),
        congregationName: 'M\u00fcnchen',
      }),
    );
    expect(plan.background?.path).toEqual(['custom-background-image-Mu\u0308nchen.jpg']);
  });
});

describe('mediaEdits', () => {
  const MEDIA = path.resolve('/media');
  const plan = planSync(
    input({
      entries: withMedia(
        file('Media/2026-12-02/a.jpg'),
        file('Media/Recurring/r.mp4'),
        file('Hidden/2026-12-02/a.jpg', { size: 0 }),
        file('Hidden/2026-12-06/song.mp4', { size: 0 }),
        file('Hidden/2026-12-06/already.mp4', { size: 0 }),
      ),
    }),
  );
  const placed = new Set(plan.desired.map((t) => t.local).filter((l) => l !== '2026-12-13/r.mp4'));
  const hostItems: MediaItem[] = [
    congregation('2026-12-02', 'a.jpg'),
    congregation('2026-12-02', 'old.jpg'),
    congregation('2026-12-13', 'r.mp4'),
    congregation('2026-11-25', 'past.jpg'),
    congregation('2026-12-15', 'later.jpg'),
    jw('2026-12-06', 'song.mp4'),
    jw('2026-12-06', 'already.mp4', true),
    jw('2026-12-09', 'video.mp4', true),
    jw('2026-12-09', 'user.mp4', true),
    jw('2026-12-09', 'plain.mp4'),
    jw('2026-11-25', 'pastjw.mp4', true),
  ];
  const previouslyHidden = [
    { date: '2026-12-09', name: 'video.mp4' },
    { date: '2026-11-25', name: 'pastjw.mp4' },
  ];
  const result = mediaEdits({
    plan,
    placed,
    hostItems,
    fileOf: (local: string) => path.join(MEDIA, ...local.split('/')),
    today: TODAY,
    weeks: WEEKS,
    previouslyHidden,
    places: {},
  });
  const upsert = (date: string, name: string, recurring: boolean, hidden: boolean) => ({
    op: 'upsert',
    item: { date, name, source: 'congregation', recurring, file: path.join(MEDIA, date, name), hidden },
  });

  it('upserts placed targets, removes undesired or unplaced congregation items, hides and unhides', () => {
    expect(result.edits).toEqual([
      upsert('2026-12-02', 'a.jpg', false, true),
      upsert('2026-12-02', 'r.mp4', true, false),
      upsert('2026-12-06', 'r.mp4', true, false),
      upsert('2026-12-09', 'r.mp4', true, false),
      { op: 'remove', date: '2026-12-02', name: 'old.jpg' },
      { op: 'remove', date: '2026-12-13', name: 'r.mp4' },
      { op: 'setHidden', date: '2026-12-06', name: 'song.mp4', hidden: true },
      { op: 'setHidden', date: '2026-12-09', name: 'video.mp4', hidden: false },
    ]);
  });

  it('returns the hides to remember: the markers of the window and later ones, forgetting past dates', () => {
    const key = (h: { date: string; name: string }) => `${h.date}/${h.name}`;
    expect(result.hidden.map(key).sort()).toEqual([
      '2026-12-02/a.jpg',
      '2026-12-06/already.mp4',
      '2026-12-06/song.mp4',
    ]);
  });

  it('an NFD host item name matches an NFC marker', () => {
    const p = planSync(input({ entries: withMedia(file('Hidden/2026-12-02/Caf\u00e9.mp4', { size: 0 })) }));
    const { edits } = mediaEdits({
      plan: p,
      placed: new Set(),
      hostItems: [jw('2026-12-02', 'Cafe\u0301.mp4')],
      fileOf: (local: string) => path.join(MEDIA, ...local.split('/')),
      today: TODAY,
      weeks: WEEKS,
      previouslyHidden: [],
      places: {},
    });
    expect(edits).toEqual([{ op: 'setHidden', date: '2026-12-02', name: 'Cafe\u0301.mp4', hidden: true }]);
  });

  it("gives a date's congregation items the organiser's place in the meeting, and takes it back for default", () => {
    const chosen = { '2026-12-02': { section: 'tgw', at: 'start' } } as const;
    const edits = (places: typeof chosen | Record<string, never>, hostItems: MediaItem[]) =>
      mediaEdits({
        plan,
        placed,
        hostItems,
        fileOf: (local: string) => path.join(MEDIA, ...local.split('/')),
        today: TODAY,
        weeks: WEEKS,
        previouslyHidden: [],
        places,
      }).edits.filter((e) => e.op === 'upsert' && e.item.date === '2026-12-02');
    const plain = {
      ...congregation('2026-12-02', 'r.mp4'),
      recurring: true,
      file: path.join(MEDIA, '2026-12-02', 'r.mp4'),
    };
    const a = {
      ...congregation('2026-12-02', 'a.jpg'),
      hidden: true,
      file: path.join(MEDIA, '2026-12-02', 'a.jpg'),
    };
    // placed without a choice: no place; with one: both items of the date get it
    expect(edits(chosen, [a, plain])).toEqual([
      { op: 'upsert', item: { ...a, section: 'tgw', at: 'start' } },
      { op: 'upsert', item: { ...plain, section: 'tgw', at: 'start' } },
    ]);
    const placedThere = [a, plain].map((i) => ({ ...i, section: 'tgw' as const, at: 'start' as const }));
    expect(edits(chosen, placedThere)).toEqual([]);
    expect(edits({}, placedThere)).toEqual([
      { op: 'upsert', item: a },
      { op: 'upsert', item: plain },
    ]);
  });
});

// ---- properties ----

const POOL = [
  'a.jpg',
  'A.jpg',
  'b.mp4',
  '01 - intro.mp4',
  'Cafe\u0301.jpg',
  'Caf\u00e9.jpg',
  'CON.jpg',
  'x\u0001.jpg',
  'dot.',
  'a/b.jpg',
  '',
];
const ETAGS = [null, '"1"', '"2"', 'W/"3"'];
const MODIFIED = [null, '2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z'];
const FOLDER_FORMATS = [...DATE_FORMATS];
const isoNear = fc.integer({ min: -10, max: 20 }).map((n) => addDays(TODAY, n));

const version = fc.record({
  size: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  etag: fc.constantFrom(...ETAGS),
  lastModified: fc.constantFrom(...MODIFIED),
});

const remoteEntry: fc.Arbitrary<RemoteEntry> = fc
  .tuple(
    fc.oneof(
      { weight: 5, arbitrary: fc.constant('additional' as const) },
      { weight: 2, arbitrary: fc.constant('recurring' as const) },
      { weight: 2, arbitrary: fc.constant('hidden' as const) },
      { weight: 1, arbitrary: fc.constant('top' as const) },
    ),
    isoNear,
    fc.constantFrom(...FOLDER_FORMATS),
    fc.constantFrom('en', 'de'),
    fc.constantFrom(...POOL),
    version,
  )
  .map(([kind, date, format, language, name, v]) => {
    const folder = formatDateFolder(date, format, language);
    const segments =
      kind === 'additional'
        ? ['Media', folder, name]
        : kind === 'recurring'
          ? ['Media', 'Recurring', name]
          : kind === 'hidden'
            ? ['Hidden', folder, name]
            : [name.length % 2 ? 'forcedPrefs.json' : `custom-background-image-${name}.jpg`];
    return file(segments, v);
  });

const listing = fc
  .uniqueArray(remoteEntry, { maxLength: 25, selector: (e) => e.path.join('\u0000') })
  .chain((entries) => fc.boolean().map((withDir) => (withDir ? [dir('Media'), ...entries] : entries)));

const hostItem: fc.Arbitrary<MediaItem> = fc
  .tuple(
    isoNear,
    fc.constantFrom(...POOL),
    fc.constantFrom('jw' as const, 'local' as const, 'congregation' as const),
  )
  .map(([date, name, source]) => ({ date, name, source, hidden: false, recurring: false, file: null }));

interface World {
  entries: RemoteEntry[];
  format: DateFormat;
  language: string;
  schedule: MeetingSchedule;
  records: Records;
  local: Map<string, number>;
  hostItems: MediaItem[];
}

const world: fc.Arbitrary<World> = fc
  .record({
    entries: listing,
    format: fc.constantFrom(...FOLDER_FORMATS),
    language: fc.constantFrom('en', 'de'),
    mwDay: fc.integer({ min: 0, max: 6 }),
    weDay: fc.integer({ min: 0, max: 6 }),
    coWeek: fc.option(isoNear, { nil: null }),
    hostItems: fc.array(hostItem, { maxLength: 5 }),
  })
  .chain((w) => {
    // Local paths the plan may meet: every additional and recurring place, in the configured format.
    type Place = { local: string; date: IsoDate; name: string; entry: RemoteEntry };
    const places: Place[] = [];
    for (const entry of w.entries) {
      const [top, folder = '', raw = ''] = entry.path;
      if (entry.isDirectory || top !== 'Media' || entry.path.length !== 3) continue;
      const name = raw.normalize('NFC');
      if (name === '' || name.includes('/')) continue;
      const date = folder === 'Recurring' ? null : parseDateFolder(folder);
      for (const d of date ? [date] : [TODAY, '2026-12-02', '2026-12-06', '2026-12-09', '2026-11-25']) {
        places.push({ local: `${formatDateFolder(d, w.format, w.language)}/${name}`, date: d, name, entry });
      }
    }
    for (const d of ['2026-12-02', '2026-12-06', '2026-11-25', '2026-12-20']) {
      const entry = file(['Media', d, 'gone.jpg']);
      places.push({
        local: `${formatDateFolder(d, w.format, w.language)}/gone.jpg`,
        date: d,
        name: 'gone.jpg',
        entry,
      });
    }
    // Mostly the listed version and a matching local size, so that keeps and removals are common.
    const recordOf = (p: Place) =>
      fc
        .oneof({ weight: 3, arbitrary: fc.constant(p.entry) }, { weight: 1, arbitrary: version })
        .map((v): [string, FileRecord] => [
          p.local,
          {
            remote: p.entry.path,
            etag: v.etag,
            size: v.size ?? 1,
            lastModified: v.lastModified,
            date: p.date,
            name: p.name,
            recurring: p.entry.path[1] === 'Recurring',
          },
        ]);
    return fc
      .subarray(places)
      .chain((chosen) => fc.tuple(...chosen.map(recordOf)))
      .chain((recs) => {
        const records: Records = Object.fromEntries(recs);
        const sizeAt = (p: Place) =>
          fc
            .oneof(fc.constant(records[p.local]?.size ?? p.entry.size ?? 0), fc.integer({ min: 0, max: 3 }))
            .map((size) => [p.local, size] as const);
        const maybeSizeAt = (p: Place) =>
          fc.oneof(
            { weight: records[p.local] ? 4 : 1, arbitrary: sizeAt(p) },
            { weight: 1, arbitrary: fc.constant(null) },
          );
        return fc
          .tuple(...places.map(maybeSizeAt))
          .map((sizes) => sizes.filter((s) => s !== null))
          .map(
            (sizes): World => ({
              entries: w.entries,
              format: w.format,
              language: w.language,
              schedule: { mwDay: w.mwDay, weDay: w.weDay, coWeek: w.coWeek },
              records,
              local: new Map(sizes),
              hostItems: w.hostItems,
            }),
          );
      });
  });

const planOf = (w: World, records = w.records, local: ReadonlyMap<string, number> = w.local) =>
  planSync(input({ ...w, records, local }));

const targetsOf = (plan: Plan): Target[] => [
  ...plan.fetch.flatMap((g) => g.targets),
  ...plan.keep,
  ...plan.verify.flatMap((g) => g.targets),
];

describe('planSync properties', () => {
  const end = addDays(TODAY, 7 * WEEKS);

  it('never throws; targets are unique, in the window, and in the folder of their date', () => {
    fc.assert(
      fc.property(world, (w) => {
        const plan = planOf(w);
        const targets = targetsOf(plan);
        const locals = targets.map((t) => t.local);
        expect(new Set(locals).size).toBe(locals.length);
        expect(new Set(plan.desired.map((t) => t.local))).toEqual(new Set(locals));
        for (const t of targets) {
          expect(t.date >= TODAY && t.date < end, `${t.date} in window`).toBe(true);
          expect(parseDateFolder(t.local.split('/')[0] ?? '')).toBe(t.date);
          expect(t.local.split('/')).toHaveLength(2);
        }
        for (const r of plan.remove) {
          expect(locals).not.toContain(r.local);
          expect(r.record.date >= TODAY && r.record.date < end).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a local file without a record is never fetched over, never removed, and only verified, also once its source is gone', () => {
    fc.assert(
      fc.property(world, (w) => {
        const unrecorded = (local: string) => w.local.has(local) && !w.records[local];
        const plan = planOf(w);
        for (const t of plan.fetch.flatMap((g) => g.targets)) expect(unrecorded(t.local)).toBe(false);
        for (const t of plan.keep) expect(unrecorded(t.local)).toBe(false);
        for (const r of plan.remove) expect(w.records[r.local]).toBeDefined();
        for (const t of plan.verify.flatMap((g) => g.targets)) expect(unrecorded(t.local)).toBe(true);
        // every candidate refused (its bytes not the server's), then every file gone from the server
        const gone = planSync(input({ ...w, entries: [dir('Media')] }));
        for (const r of gone.remove) expect(unrecorded(r.local)).toBe(false);
        expect(gone.fetch).toEqual([]);
        expect(gone.verify).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent: after applying a plan, planning again fetches and removes nothing', () => {
    fc.assert(
      fc.property(world, (w) => {
        const first = planOf(w);
        const records: Records = { ...w.records };
        const local = new Map(w.local);
        for (const r of first.remove) {
          delete records[r.local];
          local.delete(r.local);
        }
        for (const l of first.forget) delete records[l];
        // every candidate verified as the server's bytes is recorded
        for (const g of [...first.verify, ...first.fetch]) {
          for (const t of g.targets) {
            records[t.local] = {
              remote: g.remote,
              etag: g.etag,
              size: g.size,
              lastModified: g.lastModified,
              date: t.date,
              name: t.name,
              recurring: t.recurring,
            };
            local.set(t.local, g.size);
          }
        }
        const second = planOf(w, records, local);
        expect(second.fetch).toEqual([]);
        expect(second.remove).toEqual([]);
        expect(second.verify).toEqual([]);
        expect(second.forget).toEqual([]);
        expect(second.keep.map((t) => t.local).sort()).toEqual(
          targetsOf(first)
            .map((t) => t.local)
            .sort(),
        );
      }),
      { numRuns: 500 },
    );
  });
});
