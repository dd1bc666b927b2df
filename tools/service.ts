/**
 * The start-at-login entry of `watch` on this computer: written, enabled, removed and asked after, with the OS's own
 * service manager (systemd's user manager, launchd, the Task Scheduler) where one is there. What was written is kept
 * in the profile (`service.json`), so that `uninstall` removes exactly that and `status` knows where to look.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readJsonFile, writeJsonFile } from '../host/json-file.js';
import {
  type HomeFolders,
  SERVICE_NAMES,
  SERVICE_PLATFORMS,
  type ServiceCommand,
  type ServiceNames,
  type ServicePlatform,
  serviceFile,
  serviceFilePath,
} from './watch-service.js';

/**
 * Names the platform whose entry is written, instead of `process.platform`. For tests only: with it set, nothing but
 * files is written and no service manager (systemctl, launchctl, schtasks) is called.
 */
export const FORCED_PLATFORM_ENV = 'CONGSYNC_SERVICE_PLATFORM';

/** Which service manager runs the entry: none where only a file was written (to be enabled, or the Startup folder). */
export type ServiceManager = 'systemd' | 'launchd' | 'task-scheduler' | null;

/** What `install` wrote, kept in the profile. */
export interface ServiceRecord {
  platform: ServicePlatform;
  /** Every file written, to be removed by `uninstall`. */
  files: string[];
  /** The folders install created for them (the first missing one of each path), removed again when empty. */
  folders: string[];
  manager: ServiceManager;
  /** The entry's names (absent: the standard profile's). */
  names?: ServiceNames;
}

/** Where and how an entry is written on this computer. */
export interface ServiceEnvironment {
  platform: ServicePlatform;
  /** The platform was forced (tests): files only, no service manager called. */
  forced: boolean;
  folders: HomeFolders;
}

/** What install would do: the files with their content, then the commands that enable the entry. */
export interface ServicePlan {
  files: Array<{ file: string; content: string }>;
  commands: string[][];
  manager: ServiceManager;
}

export interface ServiceState {
  installed: boolean;
  platform: ServicePlatform;
  manager: ServiceManager;
  files: string[];
  /** Whether `watch` runs now; null where it cannot be told (a Startup-folder script, no service manager). */
  running: boolean | null;
}

const PLATFORM_OF: Record<string, ServicePlatform> = {
  linux: 'linux',
  darwin: 'macos',
  win32: 'windows',
  macos: 'macos',
  windows: 'windows',
};

/** This computer's platform (or the forced one), home and folders. */
export function serviceEnvironment(env: NodeJS.ProcessEnv = process.env): ServiceEnvironment {
  const forcedName = env[FORCED_PLATFORM_ENV];
  const forced = forcedName ? PLATFORM_OF[forcedName] : undefined;
  if (forcedName && !forced)
    throw new Error(`${FORCED_PLATFORM_ENV} takes ${SERVICE_PLATFORMS.join(', ')}, got "${forcedName}"`);
  return {
    platform: forced ?? PLATFORM_OF[process.platform] ?? 'linux',
    forced: forced !== undefined,
    folders: { home: os.homedir(), xdgConfigHome: env.XDG_CONFIG_HOME, appData: env.APPDATA },
  };
}

const recordFile = (profile: string) => path.join(profile, 'service.json');

export function readRecord(profile: string): ServiceRecord | null {
  try {
    return readJsonFile<ServiceRecord | null>(recordFile(profile), null);
  } catch {
    return null;
  }
}

/** A service manager's command; status null when it could not be started (not there). */
function run(words: string[]): { status: number | null; stdout: string } {
  const [program, ...args] = words as [string, ...string[]];
  const result = spawnSync(program, args, { encoding: 'utf8', timeout: 15_000, windowsHide: true });
  return { status: result.error ? null : result.status, stdout: result.stdout ?? '' };
}

/** Whether systemd's user manager runs for this user, so that `systemctl --user` reaches it. */
function userManagerRuns(): boolean {
  const state = run(['systemctl', '--user', 'is-system-running']);
  if (/^(running|degraded|starting|initializing)/.test(state.stdout.trim())) return true;
  const runtime = process.env.XDG_RUNTIME_DIR;
  return state.status !== null && !!runtime && existsSync(path.join(runtime, 'bus'));
}

/** The scheduled task's script: kept in the profile, since the task names it. */
const taskScript = (command: ServiceCommand) => path.join(command.profile, 'service', command.names.script);

/** What install does here; `manager` is null where only files are written. */
export function servicePlan(env: ServiceEnvironment, command: ServiceCommand): ServicePlan {
  const { platform } = env;
  const content = serviceFile(platform, command);
  const { names } = command;
  const file = serviceFilePath(platform, env.folders, names);
  if (platform === 'linux') {
    const enable = [
      ['systemctl', '--user', 'daemon-reload'],
      ['systemctl', '--user', 'enable', '--now', names.unit],
    ];
    const manager = !env.forced && userManagerRuns() ? 'systemd' : null;
    return { files: [{ file, content }], commands: enable, manager };
  }
  if (platform === 'macos') {
    const load = [['launchctl', 'load', '-w', file]];
    return { files: [{ file, content }], commands: load, manager: env.forced ? null : 'launchd' };
  }
  if (env.forced) return { files: [{ file, content }], commands: [], manager: null };
  const script = taskScript(command);
  const create = ['schtasks', '/Create', '/SC', 'ONLOGON', '/TN', names.task, '/TR', `"${script}"`, '/F'];
  return { files: [{ file: script, content }], commands: [create], manager: 'task-scheduler' };
}

/** Writes the files; returns the folders created for them (the topmost of each). */
function writeFiles(files: ServicePlan['files']): string[] {
  const created: string[] = [];
  for (const { file, content } of files) {
    const folder = mkdirSync(path.dirname(file), { recursive: true });
    if (folder) created.push(folder);
    writeFileSync(file, content);
  }
  return created;
}

/** Removes a folder install created and what it created below it, as far as they are empty now. */
function removeCreated(top: string, file: string): void {
  for (let dir = path.dirname(file); dir.startsWith(top + path.sep) || dir === top; dir = path.dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return; // not empty: something else is kept there
    }
    if (dir === top) return;
  }
}

/** The result of install: the record, and the commands that enable the entry where they were not run. */
export interface Installed {
  record: ServiceRecord;
  toEnable: string[][];
}

/** Writes the entry (replacing one this profile installed before) and enables it where a service manager runs. */
export function install(env: ServiceEnvironment, command: ServiceCommand): Installed {
  if (readRecord(command.profile)) uninstall(env, command.profile);
  const plan = servicePlan(env, command);
  const folders = writeFiles(plan.files);
  let manager = plan.manager;
  let files = plan.files.map((f) => f.file);
  if (manager && !plan.commands.every((words) => run(words).status === 0)) {
    if (manager === 'task-scheduler') {
      // no task "at log on" for this user (it may need an administrator): the Startup folder instead
      for (const file of files) rmSync(file, { force: true });
      for (const top of folders.splice(0)) for (const file of files) removeCreated(top, file);
      const startup = serviceFilePath('windows', env.folders, command.names);
      folders.push(...writeFiles([{ file: startup, content: serviceFile('windows', command) }]));
      files = [startup];
    }
    manager = null;
  }
  const record: ServiceRecord = { platform: env.platform, files, folders, manager, names: command.names };
  writeJsonFile(recordFile(command.profile), record);
  const toEnable = manager === null && env.platform !== 'windows' ? plan.commands : [];
  return { record, toEnable };
}

/** The commands that stop and unregister the entry of a record (none where only files were written). */
export function disableCommands(record: ServiceRecord, env: ServiceEnvironment): string[][] {
  if (env.forced) return [];
  const names = record.names ?? SERVICE_NAMES;
  if (record.platform === 'linux' && (record.manager === 'systemd' || userManagerRuns()))
    return [
      ['systemctl', '--user', 'disable', '--now', names.unit],
      ['systemctl', '--user', 'daemon-reload'],
    ];
  if (record.platform === 'macos' && record.manager === 'launchd')
    return record.files.map((file) => ['launchctl', 'unload', '-w', file]);
  if (record.manager === 'task-scheduler') return [['schtasks', '/Delete', '/TN', names.task, '/F']];
  return [];
}

/** Stops the entry and removes exactly what install wrote; null when this profile installed none. */
export function uninstall(env: ServiceEnvironment, profile: string): ServiceRecord | null {
  const record = readRecord(profile);
  if (!record) return null;
  const [disable, ...after] = disableCommands(record, env);
  if (disable) run(disable);
  for (const file of record.files) rmSync(file, { force: true });
  for (const top of record.folders ?? []) for (const file of record.files) removeCreated(top, file);
  for (const words of after) run(words);
  rmSync(recordFile(profile), { force: true });
  return record;
}

/** Whether this profile's entry is installed, and whether its `watch` runs now (asked of the service manager). */
export function serviceState(env: ServiceEnvironment, profile: string): ServiceState {
  const record = readRecord(profile);
  if (!record) return { installed: false, platform: env.platform, manager: null, files: [], running: null };
  const installed = record.files.every((file) => existsSync(file));
  const { platform, manager, files } = record;
  return { installed, platform, manager, files, running: installed ? running(record, env) : false };
}

function running(record: ServiceRecord, env: ServiceEnvironment): boolean | null {
  if (env.forced) return null;
  const names = record.names ?? SERVICE_NAMES;
  if (record.platform === 'linux') {
    if (!userManagerRuns()) return null;
    return run(['systemctl', '--user', 'is-active', names.unit]).stdout.trim() === 'active';
  }
  if (record.platform === 'macos') {
    const listed = run(['launchctl', 'list', names.label]);
    return listed.status === 0 && /"PID"\s*=\s*\d+/.test(listed.stdout);
  }
  if (record.manager === 'task-scheduler') {
    const query = run(['schtasks', '/Query', '/TN', names.task, '/FO', 'LIST']);
    return query.status === 0 ? /Running|Wird ausgeführt/i.test(query.stdout) : false;
  }
  return null;
}

/** A command as it is typed in a shell. */
export const commandLine = (words: string[]) =>
  words.map((w) => (/[\s"]/.test(w) ? `"${w.replace(/"/g, '\\"')}"` : w)).join(' ');
