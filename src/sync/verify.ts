/**
 * Verifies the plan's candidates for adoption (`Plan.verify`): a local file without a record that has the name and
 * the size of a listed file is the congregation's only if its bytes are the server's. The servers a congregation uses
 * offer no checksum for every file (ownCloud and Nextcloud only for files uploaded with one; Apache, lighttpd and
 * rclone none), so the server's file is read: one GET per remote file, however many dates hold a candidate, each
 * chunk compared with the same bytes of every candidate as it arrives. Nothing is held whole in memory and nothing is
 * written; the request ends at the first chunk that no candidate matches. A candidate whose bytes differ is a file
 * in the way: it is left as it is, never recorded, so never removed.
 */
import { type FileHandle, open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { FetchGroup, FileRecord, Target } from '../core/planner.js';
import { recordOf } from '../core/planner.js';
import { describeForSettings } from '../describe-error.js';
import { skipText } from '../i18n.js';
import { LocalError, localError } from '../local/errors.js';
import { localPath } from '../local/paths.js';
import { openMedia } from '../remote/download.js';
import { fromNodeError, RemoteError } from '../remote/errors.js';
import { withRetries } from '../remote/retry.js';
import type { SyncRun } from './sync-run.js';

export interface Verified {
  /** Candidates whose bytes are the server's, with the record each gets. */
  adopted: Array<{ target: Target; record: FileRecord }>;
  /** Candidates whose bytes are not the server's: files in the way. */
  refused: Target[];
  /** Remote files that could not be compared (the server or the disk failed): their candidates stay as they are. */
  failed: Array<{ group: FetchGroup; error: unknown }>;
}

interface Candidate {
  target: Target;
  file: string;
  handle: FileHandle;
}

/**
 * Compares every group's candidates with the server's bytes, as many groups at once as the sync's concurrency; the
 * findings come in the plan's order, however the comparisons finished.
 */
export async function verifyCandidates(run: SyncRun, groups: readonly FetchGroup[]): Promise<Verified> {
  const found = new Array<Verified>(groups.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < groups.length && !run.signal.aborted; i = next++) {
      const group = groups[i] as FetchGroup;
      try {
        const { same, different } = await verifyGroup(run, group);
        const adopted = same.map((target) => ({ target, record: recordOf(group, target) }));
        found[i] = { adopted, refused: different, failed: [] };
      } catch (error) {
        found[i] = { adopted: [], refused: [], failed: [{ group, error }] };
      }
    }
  };
  const workers = Math.max(1, Math.min(run.settings.concurrency, groups.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (run.signal.aborted) throw new RemoteError('cancelled', 'cancelled');
  const all = found.filter((f) => f !== undefined);
  return {
    adopted: all.flatMap((f) => f.adopted),
    refused: all.flatMap((f) => f.refused),
    failed: all.flatMap((f) => f.failed),
  };
}

/**
 * Puts what verification found into the report (the sync logs every problem): a refused file is a problem named "in
 * the way", a comparison that failed one too, its cause also logged.
 */
export function reportVerified(run: SyncRun, verified: Verified): void {
  const { ctx, report, settings } = run;
  const language = ctx.env.language;
  for (const target of verified.refused) {
    report.errors.push({ path: target.local, message: skipText(language, { code: 'in-the-way' }) });
  }
  for (const { group, error } of verified.failed) {
    report.stats.failed++;
    const remotePath = group.remote.join('/');
    report.errors.push({
      path: remotePath,
      message: describeForSettings(error, ctx.env, settings, remotePath),
    });
    ctx.window.log.warn(`${remotePath}: not verified: ${(error as Error)?.message ?? String(error)}`);
  }
}

/** The candidates of one remote file, split by whether their bytes are the server's. */
async function verifyGroup(
  run: SyncRun,
  group: FetchGroup,
): Promise<{ same: Target[]; different: Target[] }> {
  const candidates: Candidate[] = [];
  const different: Target[] = [];
  try {
    for (const target of group.targets) {
      const file = localPath(run.mediaFolder, target.local);
      const handle = await openLocal(file);
      if (!handle) continue; // gone since the scan: nothing to adopt, and the next sync fetches it
      candidates.push({ target, file, handle });
      // a file that changed its size since the scan is not the server's
      if ((await handle.stat()).size !== group.size) different.push(target);
    }
    const sized = candidates.filter((c) => !different.includes(c.target));
    const same =
      sized.length === 0 ? [] : await withRetries(() => compare(run, group, sized), run.retry, run.signal);
    different.push(...sized.map((c) => c.target).filter((t) => !same.includes(t)));
    return { same, different };
  } finally {
    await Promise.allSettled(candidates.map((c) => c.handle.close()));
  }
}

async function openLocal(file: string): Promise<FileHandle | undefined> {
  try {
    return await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw localError(error, file);
  }
}

/** One GET of the remote file, compared as it arrives; resolves with the candidates that hold exactly its bytes. */
async function compare(run: SyncRun, group: FetchGroup, candidates: Candidate[]): Promise<Target[]> {
  const what = group.remote.join('/');
  const body: Readable = await openMedia(run.connection, group.remote, run.signal);
  let matching = candidates;
  let offset = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (offset + chunk.length > group.size)
        throw new RemoteError('size-mismatch', `${what}: more than the listed ${group.size} bytes`);
      matching = await sameAt(matching, chunk, offset);
      offset += chunk.length;
      if (matching.length === 0) break; // leaving the loop ends the request: no candidate can match any more
    }
  } catch (error) {
    if (error instanceof RemoteError || error instanceof LocalError) throw error;
    throw fromNodeError(error);
  } finally {
    body.destroy();
  }
  if (matching.length > 0 && offset !== group.size)
    throw new RemoteError('size-mismatch', `${what}: ${offset} of ${group.size} bytes`);
  return matching.map((c) => c.target);
}

/** The candidates whose bytes at `offset` are `chunk`. */
async function sameAt(candidates: Candidate[], chunk: Buffer, offset: number): Promise<Candidate[]> {
  const scratch = Buffer.allocUnsafe(chunk.length);
  const same: Candidate[] = [];
  for (const candidate of candidates) {
    if ((await readAt(candidate, scratch, offset)) === chunk.length && scratch.equals(chunk))
      same.push(candidate);
  }
  return same;
}

/** Fills `into` from the candidate's file at `offset`; returns how many bytes it holds there. */
async function readAt(candidate: Candidate, into: Buffer, offset: number): Promise<number> {
  let filled = 0;
  try {
    while (filled < into.length) {
      const { bytesRead } = await candidate.handle.read(into, filled, into.length - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
  } catch (error) {
    throw localError(error, candidate.file);
  }
  return filled;
}
