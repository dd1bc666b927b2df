import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = fileURLToPath(new URL('../../dist/host/young-generation.cjs', import.meta.url));

/** A process that allocates fast with many survivors, as a sync does; prints the largest young generation seen. */
const ALLOCATE = `
const v8 = require('node:v8');
const { setImmediate: tick } = require('node:timers/promises');
if (process.argv[1] === 'cap') require(process.argv[2]).capYoungGeneration();
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
(async () => {
  let most = 0;
  const kept = new Array(20000);
  for (let batch = 0; batch < 300; batch++) {
    for (let i = 0; i < 2000; i++) kept[(batch * 2000 + i) % kept.length] = { batch, i, text: 'item ' + i };
    await tick();
    most = Math.max(most, young());
  }
  process.stdout.write(String(most));
})();
`;

const largestYoung = (mode: 'cap' | 'free') =>
  Number(execFileSync(process.execPath, ['-e', ALLOCATE, mode, MODULE], { encoding: 'utf8' }));

describe('capYoungGeneration', () => {
  it('stops the young generation growing at 4 MiB, where V8 alone grows it further', () => {
    const MiB = 1024 * 1024;
    expect(largestYoung('free')).toBeGreaterThan(8 * MiB);
    expect(largestYoung('cap')).toBeLessThanOrEqual(4 * MiB);
  });
});
