/**
 * Part 3 of `npm run bench`: parseMultistatus + planSync of a 10,000-entry listing, in-process.
 * bench/run.mjs bundles this file with esbuild into a temporary module and calls runListingBench().
 */
import type { IsoDate } from '../contract/api.js';
import { type Plan, type PlanInput, planSync, type Records, recordOf } from '../src/core/planner.js';
import { parseMultistatus } from '../src/remote/multistatus.js';

const BASE = '/Congregation/';

function addDays(iso: IsoDate, n: number): IsoDate {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Wednesdays and Sundays (the presenter's defaults) in the window. */
function meetingDates(today: IsoDate, weeks: number): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let i = 0; i < weeks * 7; i++) {
    const d = addDays(today, i);
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd === 3 || wd === 0) dates.push(d);
  }
  return dates;
}

const href = (segments: string[], directory: boolean) =>
  `${BASE}${segments.map(encodeURIComponent).join('/')}${directory && segments.length ? '/' : ''}`;

function response(segments: string[], directory: boolean, size: number, n: number): string {
  const modified = new Date(Date.UTC(2029, 11, 1) + n * 1000).toUTCString();
  const props = directory
    ? `<D:resourcetype><D:collection xmlns:D="DAV:"/></D:resourcetype><D:getlastmodified>${modified}</D:getlastmodified>`
    : `<D:resourcetype></D:resourcetype><D:getcontentlength>${size}</D:getcontentlength>` +
      `<D:getetag>"${(1_900_000_000_000_000_000n + BigInt(n)).toString(16)}${size.toString(16)}"</D:getetag>` +
      `<D:getlastmodified>${modified}</D:getlastmodified>`;
  return (
    `<D:response><D:href>${href(segments, directory)}</D:href><D:propstat><D:prop>${props}</D:prop>` +
    '<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>'
  );
}

/**
 * A listing shaped like rclone's Depth: infinity answer: the folder, Media, Hidden, Recurring, 16 date folders in
 * the window and 16 before it, hidden markers, recurring files, and additional media up to `count` responses.
 */
export function buildMultistatus(count: number, today: IsoDate, weeks: number) {
  const inside = meetingDates(today, weeks);
  const past = inside.map((d) => addDays(d, -weeks * 7));
  const parts: string[] = [];
  let n = 0;
  const add = (segments: string[], directory: boolean, size = 0) => {
    parts.push(response(segments, directory, size, n++));
  };
  add([], true);
  add(['Media'], true);
  add(['Hidden'], true);
  add(['Media', 'Recurring'], true);
  for (const d of [...inside, ...past]) add(['Media', d], true);
  const hiddenDates = inside.slice(0, 8);
  for (const d of hiddenDates) add(['Hidden', d], true);
  for (let i = 0; i < 20; i++) add(['Media', 'Recurring', `Recurring ${i}.jpg`], false, 100_000 + i);
  for (let i = 0; i < 80; i++)
    add(
      [
        'Hidden',
        hiddenDates[i % hiddenDates.length] as string,
        `${String(i).padStart(3, '0')} - Lied ${i}.jpg`,
      ],
      false,
      1,
    );
  const folders = [...inside, ...past];
  for (let i = 0; n < count; i++) {
    const date = folders[i % folders.length] as string;
    const name = `${String(Math.floor(i / folders.length) + 1).padStart(3, '0')} - Begrüßung Übung ${i}.jpg`;
    add(['Media', date, name], false, 2048 + ((i * 7919) % 2049));
  }
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?><D:multistatus xmlns:D="DAV:">' +
    parts.join('') +
    '</D:multistatus>';
  return { xml, responses: n };
}

function input(
  entries: PlanInput['entries'],
  records: Records,
  local: Map<string, number>,
  today: IsoDate,
  weeks: number,
): PlanInput {
  return {
    entries,
    records,
    local,
    hostItems: [],
    today,
    weeks,
    schedule: { mwDay: 2, weDay: 6, coWeek: null },
    format: 'YYYY-MM-DD',
    language: 'en',
    congregationName: '',
    places: {},
  };
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = fn();
  return { ms: performance.now() - started, value };
}

/** Records and local sizes as a finished first sync leaves them. */
function afterFirstSync(plan: Plan) {
  const records: Records = {};
  const local = new Map<string, number>();
  for (const group of plan.fetch) {
    for (const target of group.targets) {
      records[target.local] = recordOf(group, target);
      local.set(target.local, group.size);
    }
  }
  return { records, local };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

export function runListingBench(options: { count: number; today: IsoDate; weeks: number; repeat: number }) {
  const { count, today, weeks } = options;
  const { xml, responses } = buildMultistatus(count, today, weeks);
  const once = () => {
    const parsed = time(() => parseMultistatus(xml, BASE));
    const first = time(() => planSync(input(parsed.value, {}, new Map(), today, weeks)));
    const done = afterFirstSync(first.value);
    const unchanged = time(() => planSync(input(parsed.value, done.records, done.local, today, weeks)));
    if (unchanged.value.fetch.length !== 0) throw new Error('the unchanged plan fetches something');
    return {
      parseMs: parsed.ms,
      planFirstMs: first.ms,
      planUnchangedMs: unchanged.ms,
      entries: parsed.value.length,
      fetchGroups: first.value.fetch.length,
      fetchTargets: first.value.fetch.reduce((s, g) => s + g.targets.length, 0),
      kept: unchanged.value.keep.length,
    };
  };
  const cold = once();
  const warm = Array.from({ length: options.repeat }, once);
  return {
    responses,
    xmlBytes: Buffer.byteLength(xml),
    entries: cold.entries,
    fetchGroups: cold.fetchGroups,
    fetchTargets: cold.fetchTargets,
    kept: cold.kept,
    cold: { parseMs: cold.parseMs, planFirstMs: cold.planFirstMs, planUnchangedMs: cold.planUnchangedMs },
    warm: {
      parseMs: median(warm.map((w) => w.parseMs)),
      planFirstMs: median(warm.map((w) => w.planFirstMs)),
      planUnchangedMs: median(warm.map((w) => w.planUnchangedMs)),
    },
  };
}
