import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dist = (file: string) => fileURLToPath(new URL(`../../dist/host/${file}`, import.meta.url));
const YOUNG = dist('young-generation.cjs');
const LOADER = dist('code-cache.cjs');
const MiB = 1024 * 1024;

/**
 * A process that allocates fast with many survivors, as a sync does, stopping the growth halfway when told; prints
 * the young generation's size where it was stopped and the largest seen.
 */
const ALLOCATE = `
const v8 = require('node:v8');
const { setImmediate: tick } = require('node:timers/promises');
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
(async () => {
  let most = 0;
  let stoppedAt = null;
  const kept = new Array(20000);
  for (let batch = 0; batch < 300; batch++) {
    if (batch === 10 && process.argv[1] === 'stop') {
      require(process.argv[2]).stopYoungGenerationGrowth();
      stoppedAt = young();
    }
    for (let i = 0; i < 2000; i++) kept[(batch * 2000 + i) % kept.length] = { batch, i, text: 'item ' + i };
    await tick();
    most = Math.max(most, young());
  }
  process.stdout.write(JSON.stringify({ stoppedAt, most }));
})();
`;

const allocate = (mode: 'stop' | 'free'): { stoppedAt: number | null; most: number } =>
  JSON.parse(execFileSync(process.execPath, ['-e', ALLOCATE, mode, YOUNG], { encoding: 'utf8' }));

describe('stopYoungGenerationGrowth', () => {
  it('keeps the young generation at the size it had, where V8 alone grows it further', () => {
    const free = allocate('free');
    expect(free.most).toBeGreaterThan(8 * MiB);
    const stopped = allocate('stop');
    expect(stopped.stoppedAt).toBeGreaterThan(0);
    expect(stopped.most).toBe(stopped.stoppedAt);
    expect(stopped.most).toBeLessThan(free.most);
  });

  describe('with code caches', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'cs-young-'));
      await writeFile(path.join(dir, 'bundle.js'), 'exports.twice = (x) => x * 2;\n');
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    /** One start: the growth stopped before the bundle is loaded with its cache, or after; whether the cache served. */
    const start = (stopFirst: boolean) =>
      execFileSync(
        process.execPath,
        [
          '-e',
          `const stop = () => require(${JSON.stringify(YOUNG)}).stopYoungGenerationGrowth();
           if (${stopFirst}) stop();
           const m = require(${JSON.stringify(LOADER)}).requireCached(${JSON.stringify(path.join(dir, 'bundle.js'))}, { dir: ${JSON.stringify(path.join(dir, 'cache'))}, name: 'b' });
           m.saveCache();
           if (!${stopFirst}) stop();
           process.stdout.write(String(m.fromCache));`,
        ],
        { encoding: 'utf8' },
      );

    it('a cache made after the stop serves the next start that stops at the same point, and only that', () => {
      expect(start(true)).toBe('false');
      expect(start(true)).toBe('true');
      // V8 keys a cache by its flags: a start that loads before the stop cannot use it (so the host stops at one point).
      expect(start(false)).toBe('false');
      expect(start(false)).toBe('true');
    });
  });
});
