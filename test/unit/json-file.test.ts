/** The host's JSON files: written whole with the mode asked for, read back, and a failed write leaves no trace. */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJsonFile, writeJsonFile } from '../../host/json-file.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cs-json-file-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeJsonFile', () => {
  it('writes the value whole, into folders it makes, and replaces the file before', async () => {
    const file = path.join(dir, 'state', 'plugin.json');
    writeJsonFile(file, { a: 1 });
    writeJsonFile(file, { a: 2, b: ['x'] });
    expect(readJsonFile(file, {})).toEqual({ a: 2, b: ['x'] });
    expect(await readFile(file, 'utf8')).toMatch(/\n$/);
    expect(await readdir(path.dirname(file))).toEqual(['plugin.json']);
  });

  it.skipIf(process.platform === 'win32')('gives the file the mode asked for', async () => {
    const file = path.join(dir, 'secrets.json');
    writeJsonFile(file, { k: 'v' }, 0o600);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('leaves the old file and no temporary file when the write fails', async () => {
    const file = path.join(dir, 'settings.json');
    writeJsonFile(file, { kept: true });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => writeJsonFile(file, cyclic)).toThrow();
    // A rename that fails after the temporary file was written: the target is a folder that is not empty.
    const folder = path.join(dir, 'taken.json');
    await mkdir(folder);
    await writeFile(path.join(folder, 'inside'), '');
    expect(() => writeJsonFile(folder, { lost: true })).toThrow();
    expect(readJsonFile(file, {})).toEqual({ kept: true });
    expect((await readdir(dir)).sort()).toEqual(['settings.json', 'taken.json']);
  });
});

describe('readJsonFile', () => {
  it('gives the fallback for a missing file and names a damaged one', async () => {
    expect(readJsonFile(path.join(dir, 'none.json'), { empty: true })).toEqual({ empty: true });
    const damaged = path.join(dir, 'damaged.json');
    await writeFile(damaged, '{ not json');
    expect(() => readJsonFile(damaged, {})).toThrow(`${damaged} is damaged (not JSON)`);
  });
});
