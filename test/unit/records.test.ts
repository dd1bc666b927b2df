import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileRecord } from '../../src/core/planner.js';
import { RecordStore } from '../../src/sync/records.js';

const MEDIA = path.resolve('/media/one');
const RECORD: FileRecord = {
  remote: ['Media', '2026-12-02', 'a.jpg'],
  etag: '"e1"',
  size: 10,
  lastModified: '2026-11-20T10:00:00.000Z',
  date: '2026-12-02',
  name: 'a.jpg',
  recurring: false,
};

let storage: string;
const recordsFile = () => path.join(storage, 'sync-records.json');

beforeEach(async () => {
  storage = path.join(await mkdtemp(path.join(os.tmpdir(), 'congsync-records-')), 'storage');
});

afterEach(async () => {
  await rm(path.dirname(storage), { recursive: true, force: true });
});

describe('RecordStore', () => {
  it('opens empty when there are no records yet, without writing', async () => {
    const store = await RecordStore.open(storage, MEDIA);
    expect(store.files).toEqual({});
    expect(store.state).toEqual({ version: 1, mediaFolder: MEDIA, files: {}, hidden: [] });
    await expect(readdir(storage)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('knows whether changes are unsaved; what it wrote reads back as the same state', async () => {
    const store = await RecordStore.open(storage, MEDIA);
    expect(store.unsaved).toBe(false);
    store.set('2026-12-02/a.jpg', RECORD);
    expect(store.unsaved).toBe(true);
    await store.flush();
    expect(store.unsaved).toBe(false);
    const written = await readFile(recordsFile(), 'utf8');
    expect(written).toBe(JSON.stringify(store.state));
    const reopened = await RecordStore.open(storage, MEDIA);
    expect(JSON.stringify(reopened.state)).toBe(written);
    expect(reopened.unsaved).toBe(false);
  });

  it('round trip: open, set, update, flush, reopen', async () => {
    const store = await RecordStore.open(storage, MEDIA);
    store.set('2026-12-02/a.jpg', RECORD);
    store.set('2026-12-06/b.jpg', { ...RECORD, name: 'b.jpg', date: '2026-12-06', etag: null });
    store.delete('2026-12-06/b.jpg');
    store.set('2026-12-09/r.mp4', { ...RECORD, name: 'r.mp4', date: '2026-12-09', recurring: true });
    store.update({ hidden: [{ date: '2026-12-02', name: 'x.mp4' }] });
    await store.flush();

    const saved = JSON.parse(await readFile(recordsFile(), 'utf8'));
    expect(saved.mediaFolder).toBe(MEDIA);
    expect(Object.keys(saved.files).sort()).toEqual(['2026-12-02/a.jpg', '2026-12-09/r.mp4']);

    const again = await RecordStore.open(storage, MEDIA);
    expect(again.files).toEqual({
      '2026-12-02/a.jpg': RECORD,
      '2026-12-09/r.mp4': { ...RECORD, name: 'r.mp4', date: '2026-12-09', recurring: true },
    });
    expect(again.state.hidden).toEqual([{ date: '2026-12-02', name: 'x.mp4' }]);
  });

  it('writes on its own shortly after a change', async () => {
    const store = await RecordStore.open(storage, MEDIA);
    store.set('2026-12-02/a.jpg', RECORD);
    await expect
      .poll(async () => (await RecordStore.open(storage, MEDIA)).files, { timeout: 5_000, interval: 50 })
      .toEqual({ '2026-12-02/a.jpg': RECORD });
    await store.flush();
  });

  it.each([
    ['not JSON', '{"version":1,"mediaFolder":'],
    ['empty', ''],
    ['binary', '\u0000\u0001\u00ff'],
    ['JSON null', 'null'],
    ['another version', JSON.stringify({ version: 2, mediaFolder: MEDIA, files: {}, hidden: [] })],
    ['files of the wrong type', JSON.stringify({ version: 1, mediaFolder: MEDIA, files: 'x', hidden: [] })],
    ['files null', JSON.stringify({ version: 1, mediaFolder: MEDIA, files: null, hidden: [] })],
    ['files a list', JSON.stringify({ version: 1, mediaFolder: MEDIA, files: [], hidden: [] })],
    ['hidden missing', JSON.stringify({ version: 1, mediaFolder: MEDIA, files: {} })],
  ])('a damaged records file (%s) opens as empty and can be used and rewritten', async (_what, content) => {
    await mkdir(storage, { recursive: true });
    await writeFile(recordsFile(), content);
    const store = await RecordStore.open(storage, MEDIA);
    expect(store.state).toEqual({ version: 1, mediaFolder: MEDIA, files: {}, hidden: [] });
    store.set('2026-12-02/a.jpg', RECORD);
    await store.flush();
    expect((await RecordStore.open(storage, MEDIA)).files).toEqual({ '2026-12-02/a.jpg': RECORD });
  });

  it('records of another media folder open as empty', async () => {
    const store = await RecordStore.open(storage, MEDIA);
    store.set('2026-12-02/a.jpg', RECORD);
    await store.flush();
    const other = await RecordStore.open(storage, path.resolve('/media/two'));
    expect(other.files).toEqual({});
    expect(other.state.mediaFolder).toBe(path.resolve('/media/two'));
    expect((await RecordStore.open(storage, MEDIA)).files).toEqual({ '2026-12-02/a.jpg': RECORD });
  });

  it('replaces the file atomically: no temporary files are left', async () => {
    const store = await RecordStore.open(storage, MEDIA);
    for (let i = 0; i < 20; i++) {
      store.set(`2026-12-02/${i}.jpg`, { ...RECORD, name: `${i}.jpg` });
      await store.flush();
      expect(await readdir(storage)).toEqual(['sync-records.json']);
    }
    expect(await readdir(storage)).toEqual(['sync-records.json']);
    expect(Object.keys((await RecordStore.open(storage, MEDIA)).files)).toHaveLength(20);
  });

  it('concurrent flushes all settle and the last state wins', async () => {
    const store = await RecordStore.open(storage, MEDIA);
    const flushes: Promise<void>[] = [];
    for (let i = 0; i < 10; i++) {
      store.set(`2026-12-02/${i}.jpg`, { ...RECORD, name: `${i}.jpg` });
      flushes.push(store.flush());
    }
    await Promise.all(flushes);
    expect(await readdir(storage)).toEqual(['sync-records.json']);
    expect(Object.keys((await RecordStore.open(storage, MEDIA)).files)).toHaveLength(10);
  });

  it('a failed write leaves no temporary file and does not stop later writes', async () => {
    const store = await RecordStore.open(storage, MEDIA);
    // A folder where the records file goes makes the rename fail (EISDIR), even for root.
    await mkdir(path.join(recordsFile(), 'blocker'), { recursive: true });
    store.set('2026-12-02/a.jpg', RECORD);
    await expect(store.flush()).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
    expect(await readdir(storage)).toEqual(['sync-records.json']);

    await rm(recordsFile(), { recursive: true });
    await store.flush();
    expect((await RecordStore.open(storage, MEDIA)).files).toEqual({ '2026-12-02/a.jpg': RECORD });
    expect(await readdir(storage)).toEqual(['sync-records.json']);
  });
});
