/**
 * Whether a sync lock's holder is still at work: the pure decision of `src/sync/profile-lock.ts`, which gathers the
 * facts (the lock's content and age, whether its process is alive, that process's start time) and acts on it.
 */

/** What a lock file says about the process that holds it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The process's start time as the system counts it (Linux: /proc/PID/stat field 22); absent where unknown. */
  started?: string;
  /** Unique to one acquisition: tells this lock from a later one of the same process. */
  nonce: string;
  /** When the lock was taken (ISO 8601), for the log. */
  since: string;
}

/** The facts about a lock found in the way. */
export interface LockFacts {
  /** The lock file's content, undefined when it is not a lock holder's JSON. */
  holder: LockHolder | undefined;
  /** Milliseconds since the lock file was last touched (the holder touches it every HEARTBEAT_MS). */
  ageMs: number;
  /** This computer's host name. */
  host: string;
  /** Whether a process with the holder's pid runs on this computer (only asked for a holder of this computer). */
  alive: boolean;
  /** That process's start time, where the system tells it. */
  started?: string;
}

/** How often a holder touches its lock file. */
export const HEARTBEAT_MS = 30_000;
/** A lock of another computer (a profile on a shared drive) untouched this long is a crashed holder's. */
export const FOREIGN_STALE_MS = 4 * HEARTBEAT_MS;
/** A lock file without a readable holder may be one being written (where the disk has no hard links): this long. */
export const UNREADABLE_STALE_MS = 10_000;

/**
 * True when the lock's holder is gone: its process no longer runs on this computer, or the pid now belongs to a
 * process started at another time (pid reuse), or, for another computer's lock, it stopped touching the file.
 */
export function lockIsStale(facts: LockFacts): boolean {
  const { holder } = facts;
  if (!holder) return facts.ageMs > UNREADABLE_STALE_MS;
  if (holder.host !== facts.host) return facts.ageMs > FOREIGN_STALE_MS;
  if (!facts.alive) return true;
  return holder.started !== undefined && facts.started !== undefined && holder.started !== facts.started;
}

/** A lock file's content read as a holder, or undefined. */
export function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder> | null;
    if (
      typeof value?.pid === 'number' &&
      Number.isInteger(value.pid) &&
      value.pid > 0 &&
      typeof value.host === 'string' &&
      typeof value.nonce === 'string' &&
      typeof value.since === 'string' &&
      (value.started === undefined || typeof value.started === 'string')
    )
      return {
        pid: value.pid,
        host: value.host,
        started: value.started,
        nonce: value.nonce,
        since: value.since,
      };
  } catch {}
  return undefined;
}

/** The start time field (22) of a Linux `/proc/PID/stat` line; the command name in parentheses may hold spaces. */
export function statStartTime(stat: string): string | undefined {
  const fields = stat
    .slice(stat.lastIndexOf(')') + 1)
    .trim()
    .split(/\s+/);
  // After the name come fields 3, 4, …: field 22 is at index 19.
  return fields[19];
}
