/**
 * What the plugins say about their work (contract PluginStatus), kept in the profile (`status/<plugin>.json`), so that
 * a status command of another process (the `watch` running in the background) finds it, and shown on the page.
 *
 * A planned run (`next`, with its `note`) is a promise of the process that planned it. The file names that process,
 * and a plan whose process no longer runs (stopped without a word, killed, the computer turned off) reads as none.
 */
import path from 'node:path';
import type { PluginStatus, StatusReporter } from '../contract/api.js';
import { Emitter } from './events.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

/** The file: the status as the plugin set it, and the process that planned its `next` (null: none is planned). */
interface StatusFile {
  status: PluginStatus;
  plannedBy: number | null;
}

/** Whether a process of this computer runs (EPERM: it runs, as another user). */
function runs(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class StatusStore {
  private readonly changed = new Emitter<void>();
  /** Fires after a plugin set its status. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly profileDir: string) {}

  private file(pluginId: string): string {
    return path.join(this.profileDir, 'status', `${pluginId}.json`);
  }

  private read(pluginId: string): StatusFile | null {
    try {
      const file = readJsonFile<Partial<StatusFile> | null>(this.file(pluginId), null);
      return file?.status ? { status: file.status, plannedBy: file.plannedBy ?? null } : null;
    } catch {
      // a damaged status file says nothing: the next set writes it whole
      return null;
    }
  }

  /** The plugin's status as last set, by this process or another of the profile; null before the first. */
  get(pluginId: string): PluginStatus | null {
    const file = this.read(pluginId);
    if (!file) return null;
    const { status, plannedBy } = file;
    if (status.next === null || (plannedBy !== null && runs(plannedBy))) return status;
    const { note: _plan, ...rest } = status;
    return { ...rest, next: null };
  }

  set(pluginId: string, status: PluginStatus): void {
    const before = this.read(pluginId);
    // a plan kept as it was (a sync of another process only added its outcome) stays that of its own process
    const kept = before !== null && before.status.next === status.next && before.status.note === status.note;
    const plannedBy = status.next === null ? null : kept ? before.plannedBy : process.pid;
    writeJsonFile(this.file(pluginId), { status, plannedBy } satisfies StatusFile);
    this.changed.fire();
  }

  forPlugin(pluginId: string): StatusReporter {
    return { set: (status) => this.set(pluginId, status), get: () => this.get(pluginId) };
  }
}
