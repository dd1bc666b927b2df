/**
 * What the plugins say about their work (contract PluginStatus), kept in the profile (`status/<plugin>.json`), so that
 * a status command of another process (the `watch` running in the background) finds it, and shown on the page.
 */
import path from 'node:path';
import type { PluginStatus, StatusReporter } from '../contract/api.js';
import { Emitter } from './events.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

export class StatusStore {
  private readonly changed = new Emitter<void>();
  /** Fires after a plugin set its status. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly profileDir: string) {}

  private file(pluginId: string): string {
    return path.join(this.profileDir, 'status', `${pluginId}.json`);
  }

  /** The plugin's status as last set, by this process or another of the profile; null before the first. */
  get(pluginId: string): PluginStatus | null {
    try {
      return readJsonFile<PluginStatus | null>(this.file(pluginId), null);
    } catch {
      // a damaged status file says nothing: the next set writes it whole
      return null;
    }
  }

  set(pluginId: string, status: PluginStatus): void {
    writeJsonFile(this.file(pluginId), status);
    this.changed.fire();
  }

  forPlugin(pluginId: string): StatusReporter {
    return { set: (status) => this.set(pluginId, status), get: () => this.get(pluginId) };
  }
}
