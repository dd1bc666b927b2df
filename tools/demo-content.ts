/** A small demo congregation folder in the M³ layout: pictures, a short clip that plays (both from
 * tools/demo-media), Recurring, a Hidden marker, settings, a background image; and what the presenter itself fetched:
 * a picture, a video and a song, each with its file, so that every kind of item plays in the media window. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { MediaEdit } from '../contract/api.js';
import { formatDateFolder } from '../contract/media-folders.js';
import { repositoryRoot } from '../host/paths.js';
import { meetingDates } from '../src/core/layout.js';

/** A solid-colour PNG (for tests that upload a small real image). */
export function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A second of a quiet tone as a WAV file (16-bit mono): an audio item that plays without any download. */
export function toneWav(seconds = 1, hz = 440): Buffer {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 3000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

export interface DemoFolder {
  midweek: string;
  weekend: string;
  /** Items the presenter itself fetched for the midweek meeting (one of them is hidden by the congregation). */
  jwItems: string[];
  hiddenName: string;
}

/** The folder below the media folder that holds the files the presenter itself fetched for the demo. */
const PRESENTER_FOLDER = 'Presenter';

/**
 * The media-list edits for what the presenter itself fetched for the demo's midweek meeting. With `mediaFolder`,
 * each item gets its file there (a video, a picture) and a song is added: every kind plays. Without it the items
 * have no file, as before the presenter has downloaded them.
 */
export function presenterItems(seeded: DemoFolder, mediaFolder?: string): MediaEdit[] {
  const media = (name: string) => readFileSync(path.join(repositoryRoot(), 'tools', 'demo-media', name));
  const contents: Record<string, () => Buffer> = {
    [seeded.jwItems[0] ?? '']: () => media('short-clip.webm'),
    [seeded.hiddenName]: () => media('public-talk.jpg'),
    [SONG]: () => toneWav(3),
  };
  const names = mediaFolder ? [...seeded.jwItems, SONG] : seeded.jwItems;
  return names.map((name) => {
    let file: string | null = null;
    if (mediaFolder) {
      file = path.join(mediaFolder, PRESENTER_FOLDER, seeded.midweek, name);
      mkdirSync(path.dirname(file), { recursive: true });
      if (!existsSync(file)) writeFileSync(file, contents[name]?.() ?? Buffer.alloc(0));
    }
    return {
      op: 'upsert',
      item: { date: seeded.midweek, name, source: 'jw', hidden: false, recurring: false, file },
    };
  });
}

const SONG = 'Song 151.wav';

/** Writes the demo congregation folder below `root/Congregation` for the meetings after `today`; files already
 * there are kept as they are, so that a second run shows a sync with nothing to do. */
export function seedDemoFolder(root: string, today: string): DemoFolder {
  const dates = meetingDates(today, 2, { mwDay: 2, weDay: 6 });
  const midweek = dates.find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 3) ?? (dates[0] as string);
  const weekend = dates.find((d) => d > midweek) ?? midweek;
  const dir = path.join(root, 'Congregation');
  const write = (relative: string, content: Buffer | string) => {
    const file = path.join(dir, relative);
    if (existsSync(file)) return;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  };
  const folder = (date: string) => formatDateFolder(date, 'YYYY-MM-DD', 'en');
  const media = (name: string) => readFileSync(path.join(repositoryRoot(), 'tools', 'demo-media', name));
  write(`Media/${folder(midweek)}/01 - Welcome.jpg`, media('welcome.jpg'));
  write(`Media/${folder(midweek)}/02 - Circuit overseer visit.jpg`, media('circuit-overseer-visit.jpg'));
  write(`Media/${folder(weekend)}/01 - Public talk.jpg`, media('public-talk.jpg'));
  write(`Media/${folder(weekend)}/02 - Short clip.webm`, media('short-clip.webm'));
  write('Media/Recurring/Year text 2026.jpg', media('year-text.jpg'));
  const hiddenName = 'Illustration 3.jpg';
  write(`Hidden/${folder(midweek)}/${hiddenName}`, '');
  write(
    'forcedPrefs.json',
    `${JSON.stringify({ app: { congregationName: 'Demo Congregation' }, media: { maxRes: '480p' }, meeting: { mwDay: 2, weDay: 6 } }, null, 2)}\n`,
  );
  write('custom-background-image-Demo Congregation.jpg', media('background.jpg'));
  return { midweek, weekend, jwItems: ['Bible reading.webm', hiddenName], hiddenName };
}
