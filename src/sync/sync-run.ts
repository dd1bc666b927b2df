/**
 * What one sync carries from step to step. `RunStart` is what a sync knows before it looks at anything; gathering adds
 * the records, the local scan and the plan's declared inputs, and every later step is a function of the whole run.
 */
import type { IsoDate, PluginContext } from '../../contract/api.js';
import type { PlanInput } from '../core/planner.js';
import type { Connection } from '../remote/http.js';
import type { RetryPolicy } from '../remote/retry.js';
import type { Settings } from '../settings.js';
import type { RecordStore } from './records.js';
import type { SyncReport } from './report.js';

export interface SyncProgress {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
}

/** Asked before a mass removal (core/removal-guard.ts): true removes; false (the user chose to keep them) and
 * undefined (no one answered) keep them. */
export type ConfirmRemoval = (count: number, managed: number) => Promise<boolean | undefined>;

export interface RunStart {
  readonly ctx: PluginContext;
  readonly connection: Connection;
  /** The plugin's settings, as they were when the sync started. */
  readonly settings: Settings;
  /** Filled in by every step; the caller returns it. */
  readonly report: SyncReport;
  /** Aborted when the user cancels. */
  readonly signal: AbortSignal;
  readonly retry?: RetryPolicy;
  /** Decide and report, change nothing. */
  readonly dryRun: boolean;
  /** The first day of the sync window, and its length. */
  readonly today: IsoDate;
  readonly weeks: number;
  readonly mediaFolder: string;
  readonly confirmRemoval?: ConfirmRemoval;
  readonly onProgress?: (progress: SyncProgress) => void;
}

export interface SyncRun extends RunStart {
  /** The last sync's records, updated as files land. */
  readonly records: RecordStore;
  /** Temporary files an interrupted run left in the date folders. */
  readonly temps: readonly string[];
  /**
   * The plan's declared inputs: the listing, the records, the local files, the media list, the window and the
   * presenter's settings in force (the congregation's where it enforces them). Planning and the media list's edits
   * decide from these alone.
   */
  readonly inputs: PlanInput;
}
