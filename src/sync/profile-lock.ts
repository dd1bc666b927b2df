/**
 * One sync per profile at a time, across processes (the `watch` service and a sync by hand, two terminals): a lock
 * file in the plugin's storage folder, holding the holder's pid, host name, process start time and a nonce. It is
 * created whole in one step (written under a name of its own, then hard-linked to `sync.lock`, which fails when a
 * lock exists), touched every half minute, and removed by its holder. A sync that finds it waits, and takes it over
 * once its holder is gone (`core/lock-holder.ts` decides): a process killed outright (`kill -9`, a crash, a power
 * cut) leaves it behind. Node offers no lock of the operating system, so a lock file it is.
 *
 * Taking over a stale lock moves it aside under a name of its own first and compares the nonce, so that of two
 * waiters who both found it stale only one removes it; should the lock moved aside be a fresh one (a third sync took
 * the lock in that instant), it is linked back.
 */
import { randomBytes } from 'node:crypto';
import { link, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  HEARTBEAT_MS,
  type LockHolder,
  lockIsStale,
  parseHolder,
  statStartTime,
} from '../core/lock-holder.js';

export const LOCK_FILE = 'sync.lock';
/** How often a waiting sync looks again. */
const POLL_MS = 250;

export interface LockOptions {
  /** Aborting stops the wait (an AbortError). */
  signal?: AbortSignal;
  /** Called once when the lock is held by another sync: the wait begins. */
  onWait?: (holder: LockHolder | undefined) => void;
  /** Told when a stale lock is taken over. */
  log?: (message: string) => void;
}

export interface ProfileLock {
  /** Removes the lock (only this acquisition's own) and stops touching it. */
  release(): Promise<void>;
}

/** Takes the profile's sync lock, waiting while another process holds it. */
export async function lockProfile(storagePath: string, options: LockOptions = {}): Promise<ProfileLock> {
  const file = path.join(storagePath, LOCK_FILE);
  const own: LockHolder = {
    pid: process.pid,
    host: hostname(),
    started: await startTimeOf(process.pid),
    nonce: randomBytes(8).toString('hex'),
    since: new Date().toISOString(),
  };
  let waiting = false;
  for (;;) {
    options.signal?.throwIfAborted();
    if (await create(file, own)) return held(file, own);
    const found = await inspect(file);
    if (!found) continue;
    if (found.stale) {
      options.log?.(
        `taking over the sync lock of process ${found.holder?.pid ?? '?'} on ${found.holder?.host ?? '?'} (since ${found.holder?.since ?? '?'}): it is no longer running`,
      );
      await takeAway(file, found.holder);
      continue;
    }
    if (!waiting) {
      waiting = true;
      options.onWait?.(found.holder);
    }
    await sleep(POLL_MS, undefined, { signal: options.signal });
  }
}

/** Creates the lock file whole, or returns false when a lock exists. */
async function create(file: string, own: LockHolder): Promise<boolean> {
  const text = JSON.stringify(own);
  const aside = `${file}.${own.nonce}`;
  await writeFile(aside, text, { mode: 0o600 });
  try {
    await link(aside, file);
    return true;
  } catch (error) {
    if (code(error) === 'EEXIST') return false;
    // A disk without hard links: created empty and then filled (a reader meanwhile sees no holder, and waits).
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(code(error) ?? '')) throw error;
    try {
      await writeFile(file, text, { flag: 'wx', mode: 0o600 });
      return true;
    } catch (second) {
      if (code(second) === 'EEXIST') return false;
      throw second;
    }
  } finally {
    await unlink(aside).catch(() => {});
  }
}

/** The lock in the way, and whether its holder is gone; undefined when it vanished meanwhile. */
async function inspect(
  file: string,
): Promise<{ holder: LockHolder | undefined; stale: boolean } | undefined> {
  let text: string;
  let ageMs: number;
  try {
    const [content, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    text = content;
    ageMs = Date.now() - info.mtimeMs;
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    throw error;
  }
  const holder = parseHolder(text);
  const host = hostname();
  const local = holder !== undefined && holder.host === host;
  const alive = local && isAlive(holder.pid);
  const started = alive ? await startTimeOf(holder.pid) : undefined;
  return { holder, stale: lockIsStale({ holder, ageMs, host, alive, started }) };
}

/** Removes a stale lock, unless what is there now is another lock than the one found stale. */
async function takeAway(file: string, stale: LockHolder | undefined): Promise<void> {
  const aside = `${file}.${randomBytes(8).toString('hex')}.stale`;
  try {
    await rename(file, aside);
  } catch (error) {
    if (code(error) === 'ENOENT') return;
    throw error;
  }
  const moved = parseHolder(await readFile(aside, 'utf8').catch(() => ''));
  if (moved?.nonce !== stale?.nonce) await link(aside, file).catch(() => {});
  await unlink(aside).catch(() => {});
}

function held(file: string, own: LockHolder): ProfileLock {
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(file, now, now).catch(() => {});
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    async release() {
      clearInterval(heartbeat);
      const there = parseHolder(await readFile(file, 'utf8').catch(() => ''));
      if (there?.nonce === own.nonce) await unlink(file).catch(() => {});
    },
  };
}

/** Whether a process with this pid runs here (one of another user counts: it exists). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return code(error) === 'EPERM';
  }
}

/**
 * A process's start time where the system tells it (Linux), so that a pid reused by another process after a crash is
 * not taken for the lock's holder. Elsewhere undefined: a reused pid then keeps the lock until that process ends.
 */
async function startTimeOf(pid: number): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    return statStartTime(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

const code = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | null)?.code;
