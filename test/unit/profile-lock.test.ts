/**
 * The profile's sync lock on a real disk: a second taker waits and can be cancelled; a lock whose process is gone,
 * or whose pid now belongs to a process started at another time, is taken over; the staleness decision itself.
 */
import { spawnSync } from 'node:child_process';
import fsp from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FOREIGN_STALE_MS,
  type LockFacts,
  lockIsStale,
  parseHolder,
  statStartTime,
  UNREADABLE_STALE_MS,
} from '../../src/core/lock-holder.js';
import { LOCK_FILE, lockProfile } from '../../src/sync/profile-lock.js';

const dirs: string[] = [];
const storage = async () => {
  const dir = await fsp.mkdtemp(path.join(tmpdir(), 'cs-profile-lock-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(dirs.map((d) => fsp.rm(d, { recursive: true, force: true })));
});

const holder = { pid: 4242, host: 'here', started: '100', nonce: 'n', since: '2026-12-01T10:00:00.000Z' };
const facts = (over: Partial<LockFacts>): LockFacts => ({
  holder,
  ageMs: 0,
  host: 'here',
  alive: true,
  started: '100',
  ...over,
});

describe('lockIsStale', () => {
  it('a live holder of this computer holds, however old its file', () => {
    expect(lockIsStale(facts({ ageMs: 10 * FOREIGN_STALE_MS }))).toBe(false);
  });
  it('a holder whose process is gone is stale at once', () => {
    expect(lockIsStale(facts({ alive: false, started: undefined }))).toBe(true);
  });
  it('a pid reused by a process started at another time is stale', () => {
    expect(lockIsStale(facts({ started: '200' }))).toBe(true);
  });
  it('where start times are unknown, a live pid holds', () => {
    expect(lockIsStale(facts({ holder: { ...holder, started: undefined }, started: '200' }))).toBe(false);
    expect(lockIsStale(facts({ started: undefined }))).toBe(false);
  });
  it("another computer's lock holds while touched, and is stale once untouched", () => {
    expect(lockIsStale(facts({ host: 'there', alive: false, ageMs: FOREIGN_STALE_MS - 1 }))).toBe(false);
    expect(lockIsStale(facts({ host: 'there', alive: false, ageMs: FOREIGN_STALE_MS + 1 }))).toBe(true);
  });
  it('an unreadable lock holds briefly (it may be being written), then is stale', () => {
    expect(lockIsStale(facts({ holder: undefined, ageMs: 0 }))).toBe(false);
    expect(lockIsStale(facts({ holder: undefined, ageMs: UNREADABLE_STALE_MS + 1 }))).toBe(true);
  });
});

describe('parseHolder and statStartTime', () => {
  it('reads a holder, and nothing else', () => {
    expect(parseHolder(JSON.stringify(holder))).toEqual(holder);
    for (const bad of ['', '{', 'null', '[]', '{"pid":"1","host":"h","nonce":"n","since":"s"}', '{"pid":0}'])
      expect(parseHolder(bad)).toBeUndefined();
  });
  it('finds field 22 also when the command name holds spaces and parentheses', () => {
    const rest = Array.from({ length: 30 }, (_, i) => String(i + 3)).join(' ');
    expect(statStartTime(`77 (a b) c)) ${rest}`)).toBe('22');
  });
});

describe('lockProfile', () => {
  it('a second taker waits, says so once, and stops waiting when cancelled; the next takes it after release', async () => {
    const dir = await storage();
    const first = await lockProfile(dir);
    const controller = new AbortController();
    let waits = 0;
    const second = lockProfile(dir, { signal: controller.signal, onWait: () => waits++ });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(waits).toBe(1);
    controller.abort();
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
    await first.release();
    const third = await lockProfile(dir, { onWait: () => waits++ });
    expect(waits).toBe(1);
    await third.release();
    expect(await fsp.readdir(dir)).toEqual([]);
  });

  it('takes over the lock of a process that is gone', async () => {
    const dir = await storage();
    const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid as number;
    await fsp.writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ ...holder, pid: gone, host: hostname(), started: undefined }),
    );
    const logged: string[] = [];
    const lock = await lockProfile(dir, { log: (m) => logged.push(m), onWait: () => logged.push('waited') });
    expect(logged).toEqual([expect.stringContaining(`process ${gone}`)]);
    const now = JSON.parse(await fsp.readFile(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number };
    expect(now.pid).toBe(process.pid);
    await lock.release();
  });

  it.skipIf(process.platform !== 'linux')(
    'takes over a lock whose pid was reused by another process',
    async () => {
      const dir = await storage();
      await fsp.writeFile(
        path.join(dir, LOCK_FILE),
        JSON.stringify({ ...holder, pid: process.pid, host: hostname(), started: '1' }),
      );
      const lock = await lockProfile(dir, { onWait: () => expect.fail('waited for a reused pid') });
      await lock.release();
    },
  );
});
