/** What a sync reports: counts, the congregation's settings, errors by path, and the exit code rule shared with the
 * organiser's actions. */
import type { Json } from '../../contract/api.js';
import type { ExportReport } from '../export/write.js';

export interface SyncError {
  path: string;
  message: string;
}

export interface SyncStats {
  listed: number;
  downloaded: number;
  bytes: number;
  unchanged: number;
  removed: number;
  failed: number;
  requests: Record<string, number>;
}

export interface SyncReport {
  ok: boolean;
  exitCode: 0 | 1 | 2;
  dryRun: boolean;
  stats: SyncStats;
  settings: { enforced: Record<string, Json>; rejected: Array<{ key: string; reason: string }> };
  errors: SyncError[];
  plan?: { fetch: string[]; remove: string[]; keep: string[] };
  /** What the watched-folder export for M³ did, where one is set up. */
  export?: ExportReport;
}

export const emptyStats = (): SyncStats => ({
  listed: 0,
  downloaded: 0,
  bytes: 0,
  unchanged: 0,
  removed: 0,
  failed: 0,
  requests: {},
});

export const emptyReport = (dryRun: boolean): SyncReport => ({
  ok: true,
  exitCode: 0,
  dryRun,
  stats: emptyStats(),
  settings: { enforced: {}, rejected: [] },
  errors: [],
});

/** 2 when the run could not start (configuration, connection, authentication), 1 when some items failed, else 0. */
export function exitCode(errors: number, couldNotStart: boolean): 0 | 1 | 2 {
  if (couldNotStart) return 2;
  return errors > 0 ? 1 : 0;
}
