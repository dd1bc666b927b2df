/** Secret storage: one file per profile, readable by the owner only; values never printed. */
import { chmodSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { SecretStorage } from '../contract/api.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

export class SecretStore {
  private readonly file: string;
  private readonly transient = new Map<string, string>();

  constructor(profileDir: string) {
    this.file = path.join(profileDir, 'secrets.json');
    if (existsSync(this.file)) chmodSync(this.file, 0o600);
  }

  /** The secrets of one plugin, under keys `<pluginId>/<key>`. */
  forPlugin(pluginId: string): SecretStorage {
    const full = (key: string) => `${pluginId}/${key}`;
    return {
      get: async (key) => this.transient.get(full(key)) ?? this.read()[full(key)],
      store: async (key, value) => this.write({ ...this.read(), [full(key)]: value }),
      delete: async (key) => {
        const { [full(key)]: _gone, ...rest } = this.read();
        this.transient.delete(full(key));
        this.write(rest);
      },
    };
  }

  /** A secret for this process only (the CLI's environment variable): used, never written. */
  setTransient(pluginId: string, key: string, value: string): void {
    this.transient.set(`${pluginId}/${key}`, value);
  }

  /** The stored keys, never the values. */
  keys(): string[] {
    return Object.keys(this.read());
  }

  /** Every known secret value, for redaction of logs and output. */
  values(): string[] {
    return [...Object.values(this.read()), ...this.transient.values()].filter((v) => v.length > 0);
  }

  private read(): Record<string, string> {
    return readJsonFile<Record<string, string>>(this.file, {});
  }

  private write(values: Record<string, string>): void {
    writeJsonFile(this.file, values, 0o600);
  }
}
