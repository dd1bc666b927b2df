/** The organiser's writes to the congregation folder, in the M³ layout, through the `webdav` client. */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import type { WebDAVClient } from 'webdav';
import type { IsoDate } from '../../contract/api.js';
import { type DateFormat, formatDateFolder, parseDateFolder } from '../../contract/media-folders.js';
import { type HIDDEN_DIR, MEDIA_DIR, RECURRING_DIR, TEMP_PREFIX, TEMP_SUFFIX } from '../core/layout.js';
import { davError } from '../remote/dav-error.js';
import { RemoteError } from '../remote/errors.js';
import type { Connection } from '../remote/http.js';
import { propfind } from '../remote/propfind.js';

export type Area = typeof MEDIA_DIR | typeof HIDDEN_DIR;

/** A folder of the layout: a date folder of Media or Hidden, or Media/Recurring. */
export type Place = { area: Area; date: IsoDate } | { area: 'recurring' };

export class RemoteFolder {
  private constructor(
    readonly connection: Connection,
    readonly format: DateFormat,
    readonly language: string,
    private readonly client: WebDAVClient,
  ) {}

  /** Loads the `webdav` client only now: a sync never needs it, and its start-up cost is no sync's. */
  static async open(connection: Connection, format: DateFormat, language: string): Promise<RemoteFolder> {
    const { davClient } = await import('../remote/dav-client.js');
    return new RemoteFolder(connection, format, language, davClient(connection));
  }

  /** The file names in a folder (given as segments below the sync folder). */
  async namesIn(folder: string[]): Promise<string[]> {
    const entries = await propfind(this.connection, folder, '1');
    return entries
      .filter((e) => !e.isDirectory && e.path.length === folder.length + 1)
      .map((e) => e.path.at(-1) as string);
  }

  /** The existing folders for a place: for a date, every folder whose name means that date. */
  async existingFolders(place: Place): Promise<string[][]> {
    if (place.area === 'recurring') {
      return (await this.exists([MEDIA_DIR, RECURRING_DIR])) ? [[MEDIA_DIR, RECURRING_DIR]] : [];
    }
    return (await this.dateFolders(place.area))
      .filter((f) => f.date === place.date)
      .map((f) => [place.area, f.name]);
  }

  /** The date folders of Media or Hidden. */
  async dateFolders(area: Area): Promise<Array<{ name: string; date: IsoDate }>> {
    if (!(await this.exists([area]))) return [];
    const entries = await propfind(this.connection, [area], '1');
    return entries
      .filter((e) => e.isDirectory && e.path.length === 2)
      .map((e) => ({ name: e.path[1] as string, date: parseDateFolder(e.path[1] as string) }))
      .filter((f): f is { name: string; date: IsoDate } => f.date !== null);
  }

  /** The folder to write into: an existing one for that date (any format), else one in the configured format. */
  async folderFor(place: Place): Promise<string[]> {
    const [existing] = await this.existingFolders(place);
    if (existing) return existing;
    const folder =
      place.area === 'recurring'
        ? [MEDIA_DIR, RECURRING_DIR]
        : [place.area, formatDateFolder(place.date, this.format, this.language)];
    await this.ensureFolders(folder);
    return folder;
  }

  async exists(segments: string[]): Promise<boolean> {
    try {
      await propfind(this.connection, segments, '0');
      return true;
    } catch (error) {
      if (error instanceof RemoteError && error.kind === 'not-found') return false;
      throw error;
    }
  }

  /** MKCOL each level; an existing folder is success, whether the server answers 405 or 201. */
  async ensureFolders(segments: string[]): Promise<void> {
    for (let depth = 1; depth <= segments.length; depth++) {
      const folder = segments.slice(0, depth);
      try {
        await this.client.createDirectory(`/${folder.join('/')}`);
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status === 405 || status === 301) continue;
        throw davError(error, `MKCOL ${folder.join('/')}`);
      }
    }
  }

  /**
   * Streams a local file with a known Content-Length into a temporary name, then MOVEs it into place, so a failed
   * upload never leaves a half file under the final name. Servers without MOVE get a direct PUT.
   */
  async upload(
    folder: string[],
    name: string,
    file: string,
    size: number,
    options: { overwrite: boolean; onBytes?: (n: number) => void },
  ): Promise<void> {
    const temp = `${TEMP_PREFIX}upload-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
    try {
      await this.put([...folder, temp], file, size, options.onBytes);
    } catch (error) {
      await this.delete([...folder, temp]).catch(() => {});
      throw error;
    }
    try {
      await this.client.moveFile(this.path([...folder, temp]), this.path([...folder, name]), {
        overwrite: options.overwrite,
      });
    } catch (error) {
      await this.delete([...folder, temp]).catch(() => {});
      const status = (error as { status?: number }).status;
      if (status === 412) throw new RemoteError('conflict', `${name} exists already`, 412);
      if (status !== 405 && status !== 501 && status !== 502) throw davError(error, `MOVE ${name}`);
      await this.put([...folder, name], file, size, options.onBytes);
    }
  }

  private async put(segments: string[], file: string, size: number, onBytes?: (n: number) => void) {
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        onBytes?.(chunk.length);
        done(null, chunk);
      },
    });
    const body = createReadStream(file).pipe(counter);
    try {
      await this.client.putFileContents(this.path(segments), body, {
        overwrite: true,
        headers: { 'Content-Length': String(size) },
      });
    } catch (error) {
      throw davError(error, `PUT ${segments.join('/')}`);
    } finally {
      body.destroy();
    }
  }

  /** Writes a small file; `ifMatch` (an ETag) or `ifNoneMatch` makes it conditional where the server honours it. */
  async putSmall(
    segments: string[],
    content: Buffer,
    condition: { ifMatch?: string; ifNoneMatch?: boolean } = {},
  ) {
    const headers: Record<string, string> = { 'Content-Length': String(content.length) };
    if (condition.ifMatch) headers['If-Match'] = condition.ifMatch;
    if (condition.ifNoneMatch) headers['If-None-Match'] = '*';
    try {
      await this.client.putFileContents(this.path(segments), content, { overwrite: true, headers });
    } catch (error) {
      throw davError(error, `PUT ${segments.join('/')}`);
    }
  }

  async move(from: string[], to: string[]): Promise<void> {
    try {
      await this.client.moveFile(this.path(from), this.path(to), { overwrite: false });
    } catch (error) {
      if ((error as { status?: number }).status === 412) {
        throw new RemoteError('conflict', `${to.at(-1)} exists already`, 412);
      }
      throw davError(error, `MOVE ${from.join('/')}`);
    }
  }

  async delete(segments: string[]): Promise<void> {
    try {
      await this.client.deleteFile(this.path(segments));
    } catch (error) {
      throw davError(error, `DELETE ${segments.join('/')}`);
    }
  }

  private path(segments: string[]): string {
    return `/${segments.join('/')}`;
  }
}
