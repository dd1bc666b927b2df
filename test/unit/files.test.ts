import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEMP_PREFIX, TEMP_SUFFIX } from '../../src/core/layout.js';
import { resolveInside } from '../../src/local/paths.js';
import { RemoteError } from '../../src/remote/errors.js';
import { copyAtomically, removeStaleTemps, scanDateFolders, writeDownload } from '../../src/sync/files.js';
import { SMALL_FILE_BYTES } from '../../src/sync/small-files.js';

let base: string;
let root: string;

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'congsync-files-'));
  root = path.join(base, 'media');
  await mkdir(root);
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

/** A stream of `chunks`, each a Buffer of its byte count, optionally failing after them. */
function chunks(sizes: number[], failAfter?: Error): Readable {
  let i = 0;
  return new Readable({
    read() {
      const size = sizes[i++];
      if (size !== undefined) this.push(Buffer.alloc(size, 0x61 + (i % 26)));
      else if (failAfter) this.destroy(failAfter);
      else this.push(null);
    },
  });
}

/** Every file below `dir`, as relative slash paths, sorted. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

const isTemp = (name: string) => /(^|\/)\.congsync-[0-9a-f]+\.part$/.test(name);

/** Small bodies are gathered and written at once, larger ones streamed: every case runs both ways. */
const WAYS = [
  ['gathered (small files)', 0],
  ['streamed (large files)', SMALL_FILE_BYTES],
] as const;

/** The chunk sizes with `extra` bytes added to the first one (or as one chunk when there is none). */
const plus = (sizes: number[], extra: number) =>
  extra === 0 ? sizes : sizes.length === 0 ? [extra] : [(sizes[0] as number) + extra, ...sizes.slice(1)];

describe.each(WAYS)('writeDownload, %s', (_how, extra) => {
  it('writes a stream of exactly the expected size and reports the bytes', async () => {
    let counted = 0;
    const file = await writeDownload(
      root,
      '2026-12-02/a.jpg',
      chunks(plus([1000, 24, 1], extra)),
      1025 + extra,
      {
        onBytes: (n) => {
          counted += n;
        },
      },
    );
    expect(file).toBe(path.join(root, '2026-12-02', 'a.jpg'));
    expect((await stat(file)).size).toBe(1025 + extra);
    expect(counted).toBe(1025 + extra);
    expect(await tree(root)).toEqual(['2026-12-02/a.jpg']);
  });

  it.each([
    ['longer in one chunk', [20], 10],
    ['longer over several chunks', [4, 4, 4], 10],
    ['longer by one byte at the end', [10, 1], 10],
    ['shorter', [4, 4], 10],
    ['empty', [], 10],
  ])(
    'a stream %s than expected is rejected as size-mismatch, leaving nothing',
    async (_what, sizes, expected) => {
      const source = chunks(sizes.length === 0 ? [] : plus(sizes, extra));
      const error = await writeDownload(root, '2026-12-02/a.jpg', source, expected + extra).catch((e) => e);
      expect(error).toBeInstanceOf(RemoteError);
      expect(error.kind).toBe('size-mismatch');
      expect(await tree(root)).toEqual([]);
    },
  );

  it.each([
    ['longer', [20]],
    ['shorter', [4]],
  ])('a %s stream leaves an older file at the target untouched', async (_what, sizes) => {
    await mkdir(path.join(root, '2026-12-02'));
    await writeFile(path.join(root, '2026-12-02', 'a.jpg'), 'older');
    await expect(
      writeDownload(root, '2026-12-02/a.jpg', chunks(plus(sizes, extra)), 10 + extra),
    ).rejects.toMatchObject({ kind: 'size-mismatch' });
    expect(await readFile(path.join(root, '2026-12-02', 'a.jpg'), 'utf8')).toBe('older');
    expect(await tree(root)).toEqual(['2026-12-02/a.jpg']);
  });

  it('a source that errors midway is rejected; no temp is left and the older file stays', async () => {
    await mkdir(path.join(root, '2026-12-02'));
    await writeFile(path.join(root, '2026-12-02', 'a.jpg'), 'older');
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const source = chunks(plus([100, 100], extra), reset);
    const error = await writeDownload(root, '2026-12-02/a.jpg', source, 1000 + extra).catch((e) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.kind).toBe('reset');
    expect(await readFile(path.join(root, '2026-12-02', 'a.jpg'), 'utf8')).toBe('older');
    expect(await tree(root)).toEqual(['2026-12-02/a.jpg']);
  });

  it('a RemoteError from the source keeps its kind', async () => {
    const timeout = new RemoteError('timeout', 'body timeout');
    const source = chunks(plus([5], extra), timeout);
    await expect(writeDownload(root, '2026-12-02/a.jpg', source, 10 + extra)).rejects.toBe(timeout);
    expect(await tree(root)).toEqual([]);
  });

  it('failures at once, many times over, never leave a temporary file behind', async () => {
    const failures = Array.from({ length: 30 }, (_, i) => {
      const stream =
        i % 3 === 0
          ? chunks([], new Error('boom'))
          : i % 3 === 1
            ? chunks([64 + extra])
            : Readable.from([Buffer.alloc(64 + extra)]);
      return writeDownload(root, `2026-12-02/f${i}.bin`, stream, 10 + extra).then(
        () => 'written',
        (e: unknown) => (e instanceof RemoteError ? e.kind : String(e)),
      );
    });
    const results = await Promise.all(failures);
    expect(results.every((r) => r === 'reset' || r === 'size-mismatch')).toBe(true);
    expect(await tree(root)).toEqual([]);
  });

  it('an abort stops the write as cancelled, leaving no temp', async () => {
    const controller = new AbortController();
    const slow = new Readable({
      read() {
        this.push(Buffer.alloc(10));
        controller.abort();
      },
    });
    const error = await writeDownload(root, '2026-12-02/a.jpg', slow, 1000 + extra, {
      signal: controller.signal,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.kind).toBe('cancelled');
    expect(await tree(root)).toEqual([]);
  });
});

describe('writeDownload', () => {
  it('writes an empty file when zero bytes are expected', async () => {
    await writeDownload(root, '2026-12-02/empty.txt', chunks([]), 0);
    expect((await stat(path.join(root, '2026-12-02', 'empty.txt'))).size).toBe(0);
  });

  it('replaces an existing file', async () => {
    await mkdir(path.join(root, '2026-12-02'));
    await writeFile(path.join(root, '2026-12-02', 'a.jpg'), 'old content');
    await writeDownload(root, '2026-12-02/a.jpg', Readable.from([Buffer.from('new')]), 3);
    expect(await readFile(path.join(root, '2026-12-02', 'a.jpg'), 'utf8')).toBe('new');
    expect(await tree(root)).toEqual(['2026-12-02/a.jpg']);
  });

  it('refuses a local path that leaves the root', async () => {
    await expect(writeDownload(root, '../x', Readable.from([Buffer.from('x')]), 1)).rejects.toThrow(
      /escapes/,
    );
    await expect(
      writeDownload(root, '2026-12-02/../../x', Readable.from([Buffer.from('x')]), 1),
    ).rejects.toThrow(/escapes/);
    expect(await tree(base)).toEqual([]);
  });
});

describe('copyAtomically', () => {
  it('copies a placed file to another date folder', async () => {
    const placed = await writeDownload(
      root,
      '2026-12-02/r.mp4',
      Readable.from([Buffer.from('recurring')]),
      9,
    );
    await copyAtomically(root, placed, '2026-12-06/r.mp4');
    expect(await readFile(path.join(root, '2026-12-06', 'r.mp4'), 'utf8')).toBe('recurring');
    expect(await tree(root)).toEqual(['2026-12-02/r.mp4', '2026-12-06/r.mp4']);
  });

  it('refuses a target outside the root', async () => {
    const placed = await writeDownload(root, '2026-12-02/r.mp4', Readable.from([Buffer.from('r')]), 1);
    await expect(copyAtomically(root, placed, '../r.mp4')).rejects.toThrow(/escapes/);
    expect(await tree(base)).toEqual(['media/2026-12-02/r.mp4']);
  });

  it('a missing source fails without leaving a temp', async () => {
    await expect(
      copyAtomically(root, path.join(root, '2026-12-02', 'none.mp4'), '2026-12-06/r.mp4'),
    ).rejects.toMatchObject({
      name: 'LocalError',
    });
    expect(await tree(root)).toEqual([]);
  });
});

describe('resolveInside', () => {
  it.each([[['../x']], [['..', 'x']], [['..']], [['.']], [['a', '..', '..', 'x']], [['/etc/passwd']]])(
    'stops %j',
    (segments) => {
      expect(() => resolveInside(root, ...segments)).toThrow(/escapes/);
    },
  );

  it('accepts a path inside', () => {
    expect(resolveInside(root, '2026-12-02', 'a.jpg')).toBe(path.join(root, '2026-12-02', 'a.jpg'));
  });
});

describe('scanDateFolders', () => {
  beforeEach(async () => {
    const files: Record<string, number> = {
      '2026-12-02/a.jpg': 3,
      '2026-12-02/b.mp4': 0,
      [`2026-12-02/${TEMP_PREFIX}0123abcd${TEMP_SUFFIX}`]: 5,
      [`2026-12-02/${TEMP_PREFIX}other`]: 5,
      '06-12-2026 - Sonntag/c.jpg': 7,
      '2026-11-25/old.jpg': 1,
      '2027-01-10/later.jpg': 1,
      'Talks/x.jpg': 2,
      'loose.jpg': 4,
    };
    for (const [rel, size] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
      await writeFile(path.join(root, rel), Buffer.alloc(size));
    }
    await mkdir(path.join(root, '2026-12-02', 'sub'), { recursive: true });
    await writeFile(path.join(root, '2026-12-02', 'sub', 'deep.jpg'), 'deep');
  });

  it('returns sizes keyed <folder>/<name> for wanted dates, without temp files or subfolders', async () => {
    const wanted = (date: string) => date >= '2026-12-01' && date < '2026-12-15';
    const { sizes, temps } = await scanDateFolders(root, wanted);
    expect(Object.fromEntries([...sizes].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual({
      '06-12-2026 - Sonntag/c.jpg': 7,
      '2026-12-02/a.jpg': 3,
      '2026-12-02/b.mp4': 0,
    });
    expect(temps).toEqual([`2026-12-02/${TEMP_PREFIX}0123abcd${TEMP_SUFFIX}`]);
  });

  it('asks about each date folder with its ISO date', async () => {
    const asked: string[] = [];
    await scanDateFolders(root, (date) => {
      asked.push(date);
      return false;
    });
    expect(asked.sort()).toEqual(['2026-11-25', '2026-12-02', '2026-12-06', '2027-01-10']);
  });

  it('a missing media folder scans as empty', async () => {
    expect(await scanDateFolders(path.join(base, 'none'), () => true)).toEqual({
      sizes: new Map(),
      temps: [],
    });
  });
});

describe('removeStaleTemps', () => {
  it('removes the .congsync-*.part files that the scan found in the wanted folders, nothing else', async () => {
    const names = [
      '2026-12-02/a.jpg',
      `2026-12-02/${TEMP_PREFIX}0123abcd${TEMP_SUFFIX}`,
      `2026-12-02/${TEMP_PREFIX}ffff${TEMP_SUFFIX}`,
      `2026-12-02/${TEMP_PREFIX}keep.tmp`,
      '2026-12-02/x.congsync-1.part',
      '2026-12-02/keep.part',
      `2026-12-06/${TEMP_PREFIX}99${TEMP_SUFFIX}`,
      `2026-12-09/${TEMP_PREFIX}77${TEMP_SUFFIX}`,
    ];
    for (const rel of names) {
      await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
      await writeFile(path.join(root, rel), 'x');
    }
    const { temps } = await scanDateFolders(root, (date) => date < '2026-12-09');
    await removeStaleTemps(root, [...temps, '2026-12-07/gone-meanwhile.part']);
    expect(await tree(root)).toEqual([
      `2026-12-02/${TEMP_PREFIX}keep.tmp`,
      '2026-12-02/a.jpg',
      '2026-12-02/keep.part',
      '2026-12-02/x.congsync-1.part',
      `2026-12-09/${TEMP_PREFIX}77${TEMP_SUFFIX}`,
    ]);
    expect((await tree(root)).filter(isTemp)).toEqual([`2026-12-09/${TEMP_PREFIX}77${TEMP_SUFFIX}`]);
  });

  it('refuses a path outside the root', async () => {
    const outside = path.join(root, '..', `${TEMP_PREFIX}x${TEMP_SUFFIX}`);
    await writeFile(outside, 'x');
    await expect(removeStaleTemps(root, [`../${path.basename(outside)}`])).rejects.toThrow();
    expect(await readFile(outside, 'utf8')).toBe('x');
  });
});
