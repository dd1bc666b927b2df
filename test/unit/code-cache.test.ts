import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requireCached } from '../../host/code-cache.js';

const LOADER = fileURLToPath(new URL('../../dist/host/code-cache.cjs', import.meta.url));

let dir: string;
let cacheDir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cs-code-cache-'));
  cacheDir = path.join(dir, 'cache');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A CommonJS bundle that requires a neighbour, uses its own file name and throws where told. */
async function bundle(version: number): Promise<string> {
  await writeFile(path.join(dir, 'helper.js'), 'module.exports = (x) => x * 2;\n');
  const file = path.join(dir, 'bundle.js');
  await writeFile(
    file,
    [
      "const double = require('./helper.js');",
      `exports.version = double(${version});`,
      'exports.file = __filename;',
      'exports.self = this === exports;',
      'exports.fail = () => { throw new Error("here"); };',
    ].join('\n'),
  );
  return file;
}

const load = (file: string) => requireCached(file, { dir: cacheDir, name: 'bundle' });
const caches = async () => (await readdir(cacheDir).catch(() => [])).sort();

/**
 * Starts `file` in a new process as bin/host.cjs does (load, run, save the cache). A new process each time: within
 * one, V8 answers a second compile of the same source from memory and never looks at the cache.
 */
function start(file: string): { fromCache: boolean; version: number } {
  const script = `const { requireCached } = require(${JSON.stringify(LOADER)});
    const m = requireCached(${JSON.stringify(file)}, { dir: ${JSON.stringify(cacheDir)}, name: 'bundle' });
    m.saveCache();
    process.stdout.write(JSON.stringify({ fromCache: m.fromCache, version: m.exports.version }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

describe('requireCached', () => {
  it('runs a CommonJS bundle as Node would: exports, require of its neighbours, __filename, this', async () => {
    const file = await bundle(21);
    const loaded = load(file);
    expect(loaded.exports).toMatchObject({ version: 42, file, self: true });
  });

  it('keeps line numbers of the bundle in stack traces', async () => {
    const file = await bundle(1);
    const { fail } = load(file).exports as { fail: () => void };
    let stack = '';
    try {
      fail();
    } catch (error) {
      stack = (error as Error).stack ?? '';
    }
    expect(stack).toContain(`${file}:5:`);
  });

  it('makes a cache only when asked to save, after a start without one', async () => {
    const file = await bundle(1);
    const loaded = load(file);
    expect(loaded.fromCache).toBe(false);
    expect(await caches()).toEqual([]);
    loaded.saveCache();
    expect(await caches()).toHaveLength(1);
  });

  it('the next start runs from the cache and leaves it as it is', async () => {
    const file = await bundle(1);
    expect(start(file)).toEqual({ fromCache: false, version: 2 });
    const [name] = await caches();
    const made = await readFile(path.join(cacheDir, name as string));
    expect(start(file)).toEqual({ fromCache: true, version: 2 });
    expect(await caches()).toEqual([name]);
    expect(await readFile(path.join(cacheDir, name as string))).toEqual(made);
  });

  it('a changed bundle gets a cache of its own, and the old one goes', async () => {
    const file = await bundle(1);
    start(file);
    const [old] = await caches();
    await bundle(2);
    expect(start(file)).toEqual({ fromCache: false, version: 4 });
    const now = await caches();
    expect(now).toHaveLength(1);
    expect(now).not.toContain(old);
    expect(start(file)).toEqual({ fromCache: true, version: 4 });
  });

  it('a damaged cache is refused by V8, the bundle still runs, and the cache is made again', async () => {
    const file = await bundle(3);
    start(file);
    const [name] = await caches();
    await writeFile(path.join(cacheDir, name as string), Buffer.from('not a code cache'));
    expect(start(file)).toEqual({ fromCache: false, version: 6 });
    expect(start(file)).toEqual({ fromCache: true, version: 6 });
  });

  it('a cache folder that cannot be written costs the cache, never the start', async () => {
    const file = await bundle(4);
    await writeFile(cacheDir, 'a file where the folder should be');
    const loaded = requireCached(file, { dir: cacheDir, name: 'bundle' });
    expect(() => loaded.saveCache()).not.toThrow();
    expect(loaded.exports).toMatchObject({ version: 8 });
    expect(await readdir(dir)).toEqual(['bundle.js', 'cache', 'helper.js']);
  });
});
