/** The last-sync records in the plugin's storage: written atomically, batched, committed as files complete. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { IsoDate, Json } from '../../contract/api.js';
import type { MeetingPlaces } from '../core/meeting-places.js';
import type { FileRecord, Records } from '../core/planner.js';
import { writeFileAtomically } from '../local/atomic-write.js';

export interface CachedFile {
  remote: string[];
  etag: string | null;
  size: number;
  lastModified: string | null;
}

export interface SyncState {
  version: 1;
  /** The media folder the records describe; another folder means starting afresh (re-checking by size). */
  mediaFolder: string;
  files: Records;
  forcedPrefs?: CachedFile & {
    values: Record<string, Json>;
    rejected: Array<{ key: string; reason: string }>;
  };
  background?: CachedFile & { file: string };
  /** Where each date's congregation items go (core/meeting-places.ts), as last read. */
  meetingSections?: CachedFile & { places: MeetingPlaces };
  hidden: Array<{ date: IsoDate; name: string }>;
}

/** Records are written at most this often during a sync: each write is the whole file. Lost ones cost a re-check. */
const FLUSH_DELAY_MS = 1000;

/** The records of `mediaFolder` in `bytes`; missing, damaged or another folder's records start afresh. */
function parseState(bytes: Buffer | undefined, mediaFolder: string): SyncState {
  const fresh: SyncState = { version: 1, mediaFolder, files: {}, hidden: [] };
  try {
    const saved = bytes ? (JSON.parse(bytes.toString('utf8')) as SyncState) : undefined;
    if (
      saved?.version === 1 &&
      saved.mediaFolder === mediaFolder &&
      typeof saved.files === 'object' &&
      saved.files !== null &&
      !Array.isArray(saved.files) &&
      Array.isArray(saved.hidden)
    )
      return saved;
  } catch {
    // damaged records cost a re-check by size, never data
  }
  return fresh;
}

export class RecordStore {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Changes not yet written (a sync with nothing to do writes nothing). */
  private dirty = false;

  private constructor(
    private readonly file: string,
    readonly state: SyncState,
  ) {}

  static async open(storagePath: string, mediaFolder: string): Promise<RecordStore> {
    const file = path.join(storagePath, 'sync-records.json');
    // missing or unreadable records cost a re-check by size, never data
    const bytes = await readFile(file).catch(() => undefined);
    return new RecordStore(file, parseState(bytes, mediaFolder));
  }

  /** True when the records changed since they were read or last written. */
  get unsaved(): boolean {
    return this.dirty;
  }

  get files(): Readonly<Records> {
    return this.state.files;
  }

  set(local: string, record: FileRecord): void {
    this.state.files[local] = record;
    this.schedule();
  }

  delete(local: string): void {
    delete this.state.files[local];
    this.schedule();
  }

  update(change: Partial<Omit<SyncState, 'version' | 'files' | 'mediaFolder'>>): void {
    const state = this.state as unknown as Record<string, unknown>;
    const changed = Object.entries(change).some(
      ([key, value]) => JSON.stringify(state[key]) !== JSON.stringify(value),
    );
    Object.assign(this.state, change);
    if (changed) this.schedule();
  }

  /** Writes now (and waits for a write under way). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return this.writing.catch(() => {});
    // A failed write was reported to its own caller; it must not fail every later flush.
    this.writing = this.writing.catch(() => {}).then(() => this.write());
    await this.writing;
  }

  private schedule(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => void this.flush().catch(() => {}), FLUSH_DELAY_MS);
  }

  private async write(): Promise<void> {
    this.dirty = false;
    try {
      await writeFileAtomically(this.file, JSON.stringify(this.state), { durable: true });
    } catch (error) {
      this.dirty = true;
      throw error;
    }
  }
}
