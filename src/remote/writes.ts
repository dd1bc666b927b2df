/**
 * The organiser's writes (MKCOL, PUT, MOVE, DELETE) through the `webdav` client, whose requests go through our
 * Connection (dav-client.ts); its failures are classified by the same mapping as every other request (errors.ts).
 */
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import type { WebDAVClient } from 'webdav';
import { fromStatus, RemoteError } from './errors.js';
import type { Connection } from './http.js';

/** A write condition: `ifMatch` (an ETag) or `ifNoneMatch` (the file must not exist), where the server honours it. */
export interface Condition {
  ifMatch?: string;
  ifNoneMatch?: boolean;
}

export class RemoteWriter {
  private constructor(private readonly client: WebDAVClient) {}

  /** Loads the `webdav` client only now: a sync never writes, and its start-up cost is no sync's. */
  static async open(connection: Connection): Promise<RemoteWriter> {
    const { davClient } = await import('./dav-client.js');
    return new RemoteWriter(davClient(connection));
  }

  /** MKCOL each level; an existing folder is success, whether the server answers 405 or 201. */
  async ensureFolders(segments: readonly string[]): Promise<void> {
    for (let depth = 1; depth <= segments.length; depth++) {
      const folder = segments.slice(0, depth);
      try {
        await this.client.createDirectory(pathOf(folder));
      } catch (error) {
        const status = statusOf(error);
        if (status === 405 || status === 301) continue;
        throw classify(error, `MKCOL ${folder.join('/')}`);
      }
    }
  }

  /** Streams a local file with a known Content-Length (never chunked, never whole in memory). */
  async putFile(segments: readonly string[], file: string, size: number, onBytes?: (n: number) => void) {
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        onBytes?.(chunk.length);
        done(null, chunk);
      },
    });
    const body = createReadStream(file).pipe(counter);
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
