/** The host's media list: items per meeting date, persisted in the profile, plus files found in date folders. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { IsoDate, MediaEdit, MediaItem, MediaList } from '../contract/api.js';
import { comparePlaces, naturalCompare, parseDateFolder } from '../contract/media-folders.js';
import { Emitter } from './events.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

export class MediaListError extends Error {}

const keyOf = (date: string, name: string) => `${date}/${name}`;

interface Saved {
  items: MediaItem[];
  background: string | null;
}

export class MediaListStore {
  private readonly file: string;
  /** Read at first use: a sync asks for it while its listing is on the way, not before sending the request. */
  private loaded: Saved | undefined;
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    profileDir: string,
    readonly mediaFolder: string,
  ) {
    this.file = path.join(profileDir, 'media-list.json');
  }

  private get saved(): Saved {
    if (!this.loaded) {
      const saved = readJsonFile<Partial<Saved>>(this.file, {});
      this.loaded = { items: saved.items ?? [], background: saved.background ?? null };
    }
    return this.loaded;
  }

  private get stored(): MediaItem[] {
    return this.saved.items;
  }

  background(): string | null {
    return this.saved.background;
  }

  async setBackground(file: string | null): Promise<void> {
    this.saved.background = file;
    this.save();
  }

  private save(): void {
    writeJsonFile(this.file, this.saved);
    this.changed.fire();
  }

  /** Persisted items, and every other file of a date folder as a `local` item; by date, place in the meeting, name. */
  items(date?: IsoDate): MediaItem[] {
    const onDisk = this.filesOnDisk(date);
    const items = new Map<string, MediaItem>();
    for (const item of this.stored) {
      if (date !== undefined && item.date !== date) continue;
      const key = keyOf(item.date, item.name);
      if (item.source !== 'local' || onDisk.has(key)) items.set(key, item);
    }
    for (const [key, found] of onDisk) {
      if (items.has(key)) continue;
      const { dir, ...at } = found;
      items.set(key, {
        ...at,
        source: 'local',
        hidden: false,
        recurring: false,
        file: `${dir}${path.sep}${at.name}`,
      });
    }
    return [...items.values()].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : comparePlaces(a, b) || naturalCompare(a.name, b.name),
    );
  }

  /** Applies edits for `owner` (a plugin id, or undefined for the host itself). */
  async apply(edits: readonly MediaEdit[], owner?: string): Promise<void> {
    if (edits.length === 0) return;
    const next = new Map(this.stored.map((item) => [keyOf(item.date, item.name), item]));
    for (const edit of edits) {
      if (edit.op === 'upsert') {
        if (owner && edit.item.source !== 'congregation') {
          throw new MediaListError(`${owner} may add only congregation items, not ${edit.item.source}`);
        }
        const k = keyOf(edit.item.date, edit.item.name);
        this.checkOwner(next.get(k), owner);
        next.set(k, { ...edit.item, owner });
      } else if (edit.op === 'remove') {
        const k = keyOf(edit.date, edit.name);
        this.checkOwner(next.get(k), owner);
        next.delete(k);
      } else {
        const k = keyOf(edit.date, edit.name);
        const item = next.get(k) ?? this.items(edit.date).find((i) => i.name === edit.name);
        if (item) next.set(k, { ...item, hidden: edit.hidden });
      }
    }
    this.saved.items = [...next.values()];
    this.save();
  }

  forPlugin(pluginId: string): MediaList {
    return {
      mediaFolder: this.mediaFolder,
      items: (date) => this.items(date),
      background: () => this.background(),
      setBackground: (file) => this.setBackground(file),
      apply: (edits) => this.apply(edits, pluginId),
      onDidChange: this.onDidChange,
    };
  }

  private checkOwner(item: MediaItem | undefined, owner: string | undefined): void {
    if (!item || owner === undefined) return;
    if (item.source !== 'congregation' || (item.owner !== undefined && item.owner !== owner)) {
      throw new MediaListError(
        `${item.date}/${item.name} belongs to ${item.owner ?? item.source}, not ${owner}`,
      );
    }
  }

  /** The files of the date folders (of `date` only, if given), by `date/name`. */
  private filesOnDisk(date?: IsoDate) {
    const found = new Map<string, { date: IsoDate; name: string; dir: string }>();
    for (const folder of safeReaddir(this.mediaFolder)) {
      const folderDate = folder.isDirectory() ? parseDateFolder(folder.name) : null;
      if (!folderDate || (date !== undefined && folderDate !== date)) continue;
      const dir = path.join(this.mediaFolder, folder.name);
      for (const file of safeReaddir(dir)) {
        if (file.isFile() && !file.name.startsWith('.'))
          found.set(keyOf(folderDate, file.name), { date: folderDate, name: file.name, dir });
      }
    }
    return found;
  }
}

function safeReaddir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
