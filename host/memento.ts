import type { Json, Memento } from '../contract/api.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

/** A plugin's small persistent key/value store, one JSON file. */
export class FileMemento implements Memento {
  private values: Record<string, Json>;

  constructor(private readonly file: string) {
    this.values = readJsonFile<Record<string, Json>>(file, {});
  }

  get<T extends Json>(key: string, defaultValue?: T): T | undefined {
    return (this.values[key] as T | undefined) ?? defaultValue;
  }

  async update(key: string, value: Json | undefined): Promise<void> {
    if (value === undefined) delete this.values[key];
    else this.values[key] = value;
    writeJsonFile(this.file, this.values);
  }
}
