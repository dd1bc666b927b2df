/** The congregation folder as the organiser sees it: the M³ layout's folders, found or created, and uploads. */
import { randomBytes } from 'node:crypto';
import type { IsoDate } from '../../contract/api.js';
import { type DateFormat, formatDateFolder, parseDateFolder } from '../../contract/media-folders.js';
import { type HIDDEN_DIR, MEDIA_DIR, RECURRING_DIR } from '../core/layout.js';
import type { RemoteEntry } from '../core/remote-entry.js';
import { staleUploadTemps, uploadTempName } from '../core/upload-temps.js';
import { RemoteError } from '../remote/errors.js';
import type { Connection } from '../remote/http.js';
import { propfind } from '../remote/propfind.js';
import { RemoteWriter } from '../remote/writes.js';

export type Area = typeof MEDIA_DIR | typeof HIDDEN_DIR;

/** A folder of the layout: a date folder of Media or Hidden, or Media/Recurring. */
export type Place = { area: Area; date: IsoDate } | { area: 'recurring' };

export class CongregationFolder {
  /** The folders whose leftover upload files were looked for already (once per action and folder). */
  private readonly swept = new Set<string>();

  private constructor(
    readonly connection: Connection,
    readonly format: DateFormat,
    readonly language: string,
    readonly writer: RemoteWriter,
    private readonly log: (message: string) => void,
  ) {}

  /** `log` hears what went wrong on the side (a leftover upload file that could not be removed). */
  static async open(
    connection: Connection,
    format: DateFormat,
    language: string,
    log: (message: string) => void = () => {},
  ): Promise<CongregationFolder> {
    return new CongregationFolder(connection, format, language, await RemoteWriter.open(connection), log);
  }

  /** The files in a folder (given as segments below the sync folder). */
  async entriesIn(folder: string[]): Promise<RemoteEntry[]> {
    const entries = await propfind(this.connection, folder, '1');
    return entries.filter((e) => !e.isDirectory && e.path.length === folder.length + 1);
  }

  /** The file names in a folder. */
  async namesIn(folder: string[]): Promise<string[]> {
    return (await this.entriesIn(folder)).map((e) => e.path.at(-1) as string);
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
    await this.writer.ensureFolders(folder);
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

  /**
   * Streams a local file with a known Content-Length into a temporary name, then MOVEs it into place, so a failed
   * upload never leaves a half file under the final name. Servers without MOVE get a direct PUT. The server's
   * listing then must show it under exactly that name and size: the entry is returned. Upload files an upload that
   * was killed left in the folder more than an hour ago are removed first.
   */
  async upload(
    folder: string[],
    name: string,
    file: string,
    size: number,
    options: { overwrite: boolean; onBytes?: (n: number) => void },
  ): Promise<RemoteEntry> {
    await this.sweep(folder);
    const temp = [...folder, uploadTempName(randomBytes(6).toString('hex'))];
    try {
      await this.writer.putFile(temp, file, size, options.onBytes);
    } catch (error) {
      await this.writer.delete(temp).catch(() => {});
      throw error;
    }
    try {
      await this.writer.move(temp, [...folder, name], options.overwrite);
    } catch (error) {
      await this.writer.delete(temp).catch(() => {});
      const status = error instanceof RemoteError ? error.status : undefined;
      if (status !== 405 && status !== 501 && status !== 502) throw error;
      await this.writer.putFile([...folder, name], file, size, options.onBytes);
    }
    return this.writer.verify([...folder, name], size);
  }

  /**
   * Removes the upload files that killed uploads left in a folder (`core/upload-temps.ts` decides which: older than an
   * hour, so another organiser's upload in progress stays). A leftover that cannot be listed or removed is logged: it
   * costs space on the server, never the upload.
   */
  private async sweep(folder: string[]): Promise<void> {
    const key = folder.join('/');
    if (this.swept.has(key)) return;
    this.swept.add(key);
    let stale: RemoteEntry[];
    try {
      stale = staleUploadTemps(await this.entriesIn(folder), Date.now());
    } catch (error) {
      this.log(`looking for leftover upload files in ${key} failed: ${(error as Error).message}`);
      return;
    }
    for (const entry of stale) {
      try {
        await this.writer.delete(entry.path);
      } catch (error) {
        this.log(
          `removing the leftover upload file ${entry.path.join('/')} failed: ${(error as Error).message}`,
        );
      }
    }
  }
}
