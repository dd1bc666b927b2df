/**
 * The organiser's writes (MKCOL, PUT, MOVE, DELETE): PUT, MOVE and DELETE through the `webdav` client, whose requests
 * go through our Connection (dav-client.ts); MKCOL and the checks of what exists go through the Connection directly,
 * as they may address the base's ancestors. Failures are classified by the same mapping as every other request.
 */
import { createReadStream } from 'node:fs';
import { pipeline, type Readable, Transform } from 'node:stream';
import type { WebDAVClient } from 'webdav';
import type { RemoteEntry } from '../core/remote-entry.js';
import { fromStatus, RemoteError } from './errors.js';
import { type Connection, readText } from './http.js';
import { propfind } from './propfind.js';

/**
 * A write condition: `ifMatch` (an ETag) or `ifNoneMatch` (the file must not exist), where the server honours it;
 * `lock`, the write lock this client holds on the file.
 */
export interface Condition {
  ifMatch?: string;
  ifNoneMatch?: boolean;
  lock?: WriteLock;
}

/** An exclusive write lock on one file (RFC 4918 class 2). `created`: the LOCK made an empty file that was not there. */
export interface WriteLock {
  segments: readonly string[];
  token: string;
  created: boolean;
}

const LOCK_BODY =
  '<?xml version="1.0" encoding="utf-8"?>\n<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope>' +
  '<D:locktype><D:write/></D:locktype><D:owner>Congregation Sync</D:owner></D:lockinfo>';

export class RemoteWriter {
  private constructor(
    private readonly connection: Connection,
    private readonly client: WebDAVClient,
  ) {}

  /** Loads the `webdav` client only now: a sync never writes, and its start-up cost is no sync's. */
  static async open(connection: Connection): Promise<RemoteWriter> {
    const { davClient } = await import('./dav-client.js');
    return new RemoteWriter(connection, davClient(connection));
  }

  /**
   * MKCOL each level below the base, top down; an existing folder (405) is success. A missing parent (409, or 404
   * from some servers) means the base folder itself is missing: its missing ancestors are created first.
   */
  async ensureFolders(segments: readonly string[]): Promise<void> {
    const base = this.connection.baseSegments();
    for (let depth = 1, ancestorsMade = false; depth <= segments.length; depth++) {
      const status = await this.mkcol([...base, ...segments.slice(0, depth)]);
      if (!ancestorsMade && (status === 409 || status === 404)) {
        await this.ensureBase();
        ancestorsMade = true;
        depth--;
      } else if (status !== 'done') {
        throw fromStatus(status, `MKCOL ${segments.slice(0, depth).join('/')}`);
      }
    }
  }

  /** Creates the base folder and its missing ancestors, top down, below the deepest one that exists. */
  async ensureBase(): Promise<void> {
    const base = this.connection.baseSegments();
    let existing = base.length;
    while (existing > 0 && !(await this.folderExists(base.slice(0, existing)))) existing--;
    for (let depth = existing + 1; depth <= base.length; depth++) {
      const status = await this.mkcol(base.slice(0, depth));
      if (status !== 'done') throw fromStatus(status, `MKCOL /${base.slice(0, depth).join('/')}`);
    }
  }

  /** PROPFIND Depth 0 of a folder on the base's origin (segments from its root). */
  async folderExists(absolute: readonly string[]): Promise<boolean> {
    const response = await this.connection.send({
      method: 'PROPFIND',
      url: this.connection.folderUrlAt(absolute),
      headers: { depth: '0' },
    });
    response.resume();
    const status = response.statusCode ?? 0;
    if (status === 207) return true;
    if (status === 404 || status === 409) return false;
    throw fromStatus(status, `PROPFIND /${absolute.join('/')}`);
  }

  /** 'done' when the folder is there now (made, or it existed: 405), else the status. */
  private async mkcol(absolute: readonly string[]): Promise<'done' | number> {
    const response = await this.connection.send({
      method: 'MKCOL',
      url: this.connection.folderUrlAt(absolute),
    });
    response.resume();
    const status = response.statusCode ?? 0;
    return status === 201 || status === 200 || status === 204 || status === 405 ? 'done' : status;
  }

  /**
   * Checks that the server lists `segments` under exactly that name, with `size` bytes when given. The folder is
   * listed, not the file: a Depth 0 PROPFIND of a file's URL ending in '/' is refused by Apache.
   */
  async verify(segments: readonly string[], size: number | null): Promise<RemoteEntry> {
    const parent = segments.slice(0, -1);
    const name = segments.at(-1) as string;
    const files = (await propfind(this.connection, parent, '1')).filter(
      (e) => !e.isDirectory && e.path.length === segments.length,
    );
    const entry = files.find((e) => e.path.at(-1) === name);
    if (entry && (size === null || entry.size === null || entry.size === size)) return entry;
    const listed = entry
      ? `${name}: ${entry.size} bytes instead of ${size}`
      : `${name} is not listed; ${parent.join('/') || '/'} lists ${
          files
            .map((e) => `"${e.path.at(-1)}"`)
            .slice(0, 8)
            .join(', ') || 'nothing'
        }`;
    throw new RemoteError('stored-differently', listed);
  }

  /**
   * Streams a local file with a known Content-Length (never chunked, never whole in memory), each chunk no faster than
   * the connection's bandwidth limit.
   */
  async putFile(segments: readonly string[], file: string, size: number, onBytes?: (n: number) => void) {
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        onBytes?.(chunk.length);
        done(null, chunk);
      },
    });
    const bandwidth = this.connection.bandwidth;
    const read = createReadStream(file);
    const body: Readable = bandwidth
      ? pipeline(read, counter, bandwidth.through(), () => {})
      : pipeline(read, counter, () => {});
    try {
      await this.client.putFileContents(pathOf(segments), body, {
        overwrite: true,
        headers: { 'Content-Length': String(size) },
      });
    } catch (error) {
      throw classify(error, `PUT ${segments.join('/')}`);
    } finally {
      body.destroy();
    }
  }

  /** Writes a small file, conditionally where asked. */
  async putSmall(segments: readonly string[], content: Buffer, condition: Condition = {}): Promise<void> {
    const headers: Record<string, string> = { 'Content-Length': String(content.length) };
    if (condition.ifMatch) headers['If-Match'] = condition.ifMatch;
    if (condition.ifNoneMatch) headers['If-None-Match'] = '*';
    if (condition.lock) headers.If = this.ifLocked(condition.lock);
    try {
      await this.client.putFileContents(pathOf(segments), content, { overwrite: true, headers });
    } catch (error) {
      throw classify(error, `PUT ${segments.join('/')}`);
    }
  }

  /** MOVE; a 412 (the target exists and `overwrite` is false) is a conflict. */
  async move(from: readonly string[], to: readonly string[], overwrite = false): Promise<void> {
    try {
      await this.client.moveFile(pathOf(from), pathOf(to), { overwrite });
    } catch (error) {
      if (statusOf(error) === 412) throw new RemoteError('conflict', `${to.at(-1)} exists already`, 412);
      throw classify(error, `MOVE ${from.join('/')}`);
    }
  }

  /** Whether the server offers write locks: its DAV header names class 2 (RFC 4918 §18). */
  async offersLocks(): Promise<boolean> {
    const response = await this.connection.send({ method: 'OPTIONS', url: this.connection.urlOf([], true) });
    response.resume();
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) return false;
    const dav = response.headersDistinct.dav ?? [];
    return dav.some((value) => value.split(',').some((c) => c.trim() === '2'));
  }

  /**
   * LOCK: an exclusive write lock on a file for `seconds` (the server ends it then, should UNLOCK never come).
   * Null when another client holds a lock on it (423).
   */
  async lock(segments: readonly string[], seconds: number): Promise<WriteLock | null> {
    const response = await this.connection.send({
      method: 'LOCK',
      url: this.connection.urlOf(segments),
      headers: { 'Content-Type': 'application/xml; charset=utf-8', Depth: '0', Timeout: `Second-${seconds}` },
      body: Buffer.from(LOCK_BODY),
    });
    const status = response.statusCode ?? 0;
    const body = await readText(response, 65_536, `LOCK ${segments.join('/')}`);
    if (status === 423) return null;
    if (status !== 200 && status !== 201) throw fromStatus(status, `LOCK ${segments.join('/')}`);
    const header = response.headers['lock-token'];
    const token = (typeof header === 'string' ? header : /<(?:\w+:)?href>([^<]+)</i.exec(body)?.[1]) ?? '';
    const bare = token.trim().replace(/^<(.*)>$/, '$1');
    if (!bare)
      throw new RemoteError('protocol', `LOCK ${segments.join('/')}: the answer names no lock token`);
    return { segments, token: bare, created: status === 201 };
  }

  /** UNLOCK: gives the lock back. */
  async unlock(lock: WriteLock): Promise<void> {
    const response = await this.connection.send({
      method: 'UNLOCK',
      url: this.connection.urlOf(lock.segments),
      headers: { 'Lock-Token': `<${lock.token}>` },
    });
    response.resume();
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) throw fromStatus(status, `UNLOCK ${lock.segments.join('/')}`);
  }

  /** DELETE of a file this client holds locked. */
  async deleteLocked(lock: WriteLock): Promise<void> {
    const response = await this.connection.send({
      method: 'DELETE',
      url: this.connection.urlOf(lock.segments),
      headers: { If: this.ifLocked(lock) },
    });
    response.resume();
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) throw fromStatus(status, `DELETE ${lock.segments.join('/')}`);
  }

  /**
   * The If header of a request under a lock: a tagged list (the file's URL, then the token), which every server
   * tested reads; webdav-server fails on an untagged `(<token>)`.
   */
  private ifLocked(lock: WriteLock): string {
    return `<${this.connection.urlOf(lock.segments).href}> (<${lock.token}>)`;
  }

  async delete(segments: readonly string[]): Promise<void> {
    try {
      await this.client.deleteFile(pathOf(segments));
    } catch (error) {
      throw classify(error, `DELETE ${segments.join('/')}`);
    }
  }
}

const pathOf = (segments: readonly string[]) => `/${segments.join('/')}`;

const statusOf = (error: unknown) => (error as { status?: number })?.status;

/** The client's errors carry only `status`: classified as every other answer is. */
function classify(error: unknown, what: string): unknown {
  const status = statusOf(error);
  if (error instanceof RemoteError || typeof status !== 'number') return error;
  return fromStatus(status, what);
}
