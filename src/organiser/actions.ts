/** The organiser's actions: upload, rename, delete, hide, unhide, recurring, congregation-wide settings, clean-up. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { IsoDate, Json, PluginContext } from '../../contract/api.js';
import { formatSettingValue } from '../../contract/host-settings.js';
import { type DateFormat, formatDateFolder, isDateFormat, isIsoDate } from '../../contract/media-folders.js';
import { COMMANDS } from '../commands.js';
import { readSettings, withConnection } from '../connection.js';
import { HIDDEN_DIR, MEDIA_DIR } from '../core/layout.js';
import { foldName, problemText, safeUploadName } from '../core/names.js';
import { recordOf } from '../core/planner.js';
import { describeError } from '../describe-error.js';
import { t } from '../i18n.js';
import { propfind } from '../remote/propfind.js';
import { withRetries } from '../remote/retry.js';
import { copyAtomically } from '../sync/files.js';
import { RecordStore } from '../sync/records.js';
import { localToday, type SyncReport } from '../sync/run.js';
import { CongregationFolder, type Place } from './congregation-folder.js';
import { updateForcedPrefs } from './settings-file.js';

export interface OrganiserResult {
  ok: boolean;
  exitCode: 0 | 1 | 2;
  action: string;
  /** What changed on the server, as remote paths. */
  changed: string[];
  errors: Array<{ path: string; message: string }>;
  /** The sync that showed the result in this computer's media list. */
  sync?: { exitCode: number };
}

export class InputError extends Error {}

type Action = (folder: CongregationFolder, result: OrganiserResult) => Promise<void>;

interface RunOptions {
  today?: IsoDate;
}

/** Connects, runs the action, reports, then syncs so this computer shows the result at once. */
async function run(
  ctx: PluginContext,
  action: string,
  work: Action,
  options: RunOptions = {},
): Promise<OrganiserResult> {
  const result: OrganiserResult = { ok: true, exitCode: 0, action, changed: [], errors: [] };
  const settings = readSettings(ctx);
  const format = ctx.hostSettings.get<string>('app.outputFolderDateFormat');
  try {
    const dateFormat = (isDateFormat(format) ? format : 'YYYY-MM-DD') as DateFormat;
    await withConnection(ctx, async (connection) =>
      work(await CongregationFolder.open(connection, dateFormat, ctx.env.language), result),
    );
  } catch (error) {
    result.exitCode = 2;
    result.errors.push({
      path: settings.folder,
      message: describeError(error, ctx.env.language, { url: settings.serverUrl, folder: settings.folder }),
    });
  }
  if (result.exitCode === 0 && result.errors.length > 0) result.exitCode = 1;
  result.ok = result.errors.length === 0;
  if (result.changed.length > 0) {
    const report = await ctx.commands.executeCommand<SyncReport>(
      COMMANDS.sync,
      options.today ? { today: options.today } : {},
    );
    result.sync = { exitCode: report.exitCode };
  }
  const message = result.ok
    ? t(ctx.env.language, 'organiser.done', { count: result.changed.length })
    : (result.errors[0]?.message ?? '');
  await (result.ok ? ctx.window.showInformationMessage(message) : ctx.window.showErrorMessage(message));
  return result;
}

function requireDate(date: unknown): IsoDate {
  if (typeof date !== 'string' || !isIsoDate(date)) {
    throw new InputError(`"${String(date)}" is not a date: use YYYY-MM-DD, e.g. 2026-12-02`);
  }
  return date;
}

function requireName(name: unknown): string {
  const check = safeUploadName(typeof name === 'string' ? name : '');
  if (!check.ok)
    throw new InputError(`"${String(name)}" cannot be used as a file name: ${problemText[check.reason].en}`);
  return check.name;
}

/**
 * An action: every input is checked before anything changes on the server (a bad input is a clear error, exit 2),
 * then `work` runs on the connected folder.
 */
async function act<I>(
  ctx: PluginContext,
  action: string,
  options: RunOptions,
  check: () => I | Promise<I>,
  work: (input: I, folder: CongregationFolder, result: OrganiserResult) => Promise<void>,
): Promise<OrganiserResult> {
  let input: I;
  try {
    input = await check();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    await ctx.window.showErrorMessage(error.message);
    return { ok: false, exitCode: 2, action, changed: [], errors: [{ path: '', message: error.message }] };
  }
  return run(ctx, action, (folder, result) => work(input, folder, result), options);
}

const dateAndName = (args: { date?: string; name?: string }) => () => ({
  date: requireDate(args.date),
  name: requireName(args.name),
});

export interface UploadArgs extends RunOptions {
  date?: string;
  recurring?: boolean;
  files: string[];
  overwrite?: boolean;
}

export async function upload(ctx: PluginContext, args: UploadArgs): Promise<OrganiserResult> {
  const check = async () => {
    const place: Place = args.recurring
      ? { area: 'recurring' }
      : { area: MEDIA_DIR, date: requireDate(args.date) };
    if (!Array.isArray(args.files) || args.files.length === 0) {
      throw new InputError('name at least one file to upload');
    }
    const files = [];
    for (const given of args.files) {
      const file = path.resolve(given);
      const name = requireName(path.basename(file));
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) throw new InputError(`${file} is not a file that can be read`);
      files.push({ file, name, size: info.size });
    }
    return { place, files };
  };
  return act(ctx, 'upload', args, check, ({ place, files }, folder, result) =>
    ctx.window.withProgress(
      { title: t(ctx.env.language, 'organiser.uploading'), cancellable: false },
      async (progress) => {
        const total = files.reduce((sum, f) => sum + f.size, 0);
        const target = await folder.folderFor(place);
        const existing = new Set((await folder.namesIn(target)).map(foldName));
        let sent = 0;
        for (const { file, name, size } of files) {
          const remote = [...target, name].join('/');
          if (existing.has(foldName(name)) && !args.overwrite) {
            result.errors.push({
              path: remote,
              message: `${name} exists already: use --overwrite to replace it`,
            });
            continue;
          }
          // A PUT is repeatable: a transient failure (a hall's poor network) uploads the file again.
          const send = () =>
            folder.upload(target, name, file, size, {
              overwrite: args.overwrite ?? false,
              onBytes: (n) => {
                sent += n;
                const percent = Math.min(100, Math.round((sent / Math.max(total, 1)) * 100));
                progress.report({
                  increment: total > 0 ? (n / total) * 100 : 0,
                  message: `${name} (${percent}%)`,
                });
              },
            });
          await withRetries(send);
          result.changed.push(remote);
          if (place.area !== 'recurring')
            await placeLocally(ctx, folder, [...target, name], place.date, file);
        }
      },
    ),
  );
}

/**
 * Puts the uploaded file into this computer's media folder and records it, so that the sync afterwards finds it in
 * place instead of downloading what was just uploaded. A file of that name that the plugin did not place is kept.
 */
async function placeLocally(
  ctx: PluginContext,
  folder: CongregationFolder,
  remote: string[],
  date: IsoDate,
  file: string,
) {
  // The folder is listed, not the file: propfind addresses folders (URL ending in '/'), which Apache refuses for a
  // file (400, "extraneous path components").
  const entry = (await propfind(folder.connection, remote.slice(0, -1), '1')).find(
    (e) => !e.isDirectory && e.path.join('/') === remote.join('/'),
  );
  const name = remote.at(-1) as string;
  if (!entry || entry.size === null) return;
  const records = await RecordStore.open(ctx.storagePath, ctx.media.mediaFolder);
  const local = `${formatDateFolder(date, folder.format, folder.language)}/${name}`;
  const occupied = await stat(path.join(ctx.media.mediaFolder, ...local.split('/'))).catch(() => null);
  if (occupied && !records.files[local]) return;
  await copyAtomically(ctx.media.mediaFolder, file, local);
  const { etag, size, lastModified } = entry;
  records.set(local, recordOf({ remote, etag, size, lastModified }, { local, date, name, recurring: false }));
  await records.flush();
}

export async function rename(
  ctx: PluginContext,
  args: { date?: string; name?: string; newName?: string } & RunOptions,
) {
  const check = () => ({
    date: requireDate(args.date),
    from: requireName(args.name),
    to: requireName(args.newName),
  });
  return act(ctx, 'rename', args, check, async ({ date, from, to }, folder, result) => {
    const [dateFolder] = await folder.existingFolders({ area: MEDIA_DIR, date });
    if (!dateFolder) throw new InputError(`no media for ${date} on the server`);
    await folder.writer.move([...dateFolder, from], [...dateFolder, to]);
    result.changed.push([...dateFolder, to].join('/'));
  });
}

export async function remove(ctx: PluginContext, args: { date?: string; name?: string } & RunOptions) {
  return act(ctx, 'delete', args, dateAndName(args), async ({ date, name }, folder, result) =>
    deleteEverywhere(folder, await folder.existingFolders({ area: MEDIA_DIR, date }), name, result),
  );
}

export async function hide(ctx: PluginContext, args: { date?: string; name?: string } & RunOptions) {
  return act(ctx, 'hide', args, dateAndName(args), async ({ date, name }, folder, result) => {
    const target = await folder.folderFor({ area: HIDDEN_DIR, date });
    await folder.writer.putSmall([...target, name], Buffer.alloc(0));
    result.changed.push([...target, name].join('/'));
  });
}

export async function unhide(ctx: PluginContext, args: { date?: string; name?: string } & RunOptions) {
  return act(ctx, 'unhide', args, dateAndName(args), async ({ date, name }, folder, result) =>
    deleteEverywhere(folder, await folder.existingFolders({ area: HIDDEN_DIR, date }), name, result),
  );
}

export async function recurringRemove(ctx: PluginContext, args: { name?: string } & RunOptions) {
  const check = () => ({ name: requireName(args.name) });
  return act(ctx, 'recurring-remove', args, check, async ({ name }, folder, result) =>
    deleteEverywhere(folder, await folder.existingFolders({ area: 'recurring' }), name, result),
  );
}

/** Deletes `name` from each folder that has it (a date may have folders in several formats). */
async function deleteEverywhere(
  folder: CongregationFolder,
  folders: string[][],
  name: string,
  result: OrganiserResult,
) {
  for (const f of folders) {
    const match = (await folder.namesIn(f)).find((n) => n.normalize('NFC') === name);
    if (!match) continue;
    await folder.writer.delete([...f, match]);
    result.changed.push([...f, match].join('/'));
  }
  if (result.changed.length === 0) throw new InputError(`${name} is not on the server there`);
}

/** The named host settings, with their current values, become congregation-wide (pushed) or are lifted. */
export async function changeSettings(
  ctx: PluginContext,
  args: { push?: string[]; lift?: string[] } & RunOptions,
): Promise<OrganiserResult> {
  const schema = ctx.hostSettings.schema();
  const push = args.push ?? [];
  const lift = args.lift ?? [];
  const check = () => {
    const enforceable = new Set(schema.filter((s) => s.enforceable).map((s) => s.key));
    const unknown = [...push, ...lift].filter((key) => !enforceable.has(key));
    if (unknown.length > 0) {
      const known = [...enforceable].join(', ');
      throw new InputError(`not a congregation-wide setting: ${unknown.join(', ')} (choose from ${known})`);
    }
    if (push.length + lift.length === 0) throw new InputError('name at least one setting');
  };
  const action = push.length > 0 ? 'push-settings' : 'lift-settings';
  return act(ctx, action, args, check, async (_input, folder, result) => {
    const records = await RecordStore.open(ctx.storagePath, ctx.media.mediaFolder);
    const values: Record<string, Json> = Object.fromEntries(
      push.map((key) => [key, ctx.hostSettings.get(key) ?? null]),
    );
    // What this computer saw at its last sync; no record means it saw no file (or never synced): a file
    // another organiser created since is a conflict too.
    await updateForcedPrefs(folder, schema, records.state.forcedPrefs?.values ?? {}, (current) => {
      const next = { ...current, ...values };
      for (const key of lift) delete next[key];
      return next;
    });
    result.changed.push('forcedPrefs.json');
  });
}

/** Asks which host settings the congregation enforces (a multi-select with their values), then writes them. */
export async function congregationSettings(
  ctx: PluginContext,
  args: RunOptions = {},
): Promise<OrganiserResult | undefined> {
  const language = ctx.env.language;
  const enforced = ctx.hostSettings.enforced();
  // Each setting by the host's label, its value as the host's settings page shows it.
  const items = ctx.hostSettings
    .schema()
    .filter((s) => s.enforceable)
    .map((s) => ({
      key: s.key,
      label: s.description,
      description: formatSettingValue(s, ctx.hostSettings.get(s.key)),
      picked: s.key in enforced,
    }));
  const picked = await ctx.window.showQuickPick(items, {
    title: t(language, 'organiser.pickSettings'),
    canPickMany: true,
  });
  if (!Array.isArray(picked)) return undefined;
  const chosen = new Set(picked.map((p) => p.key));
  const lift = Object.keys(enforced).filter((key) => !chosen.has(key));
  return changeSettings(ctx, { ...args, push: [...chosen], lift });
}

/** Removes past date folders from the server: only on request, and only after a yes. */
export async function cleanup(
  ctx: PluginContext,
  args: { before?: string } & RunOptions,
): Promise<OrganiserResult> {
  // Only past dates: a folder of today or later is a meeting still to come, whatever --before says.
  const check = () => [requireDate(args.before), args.today ?? localToday()].sort()[0] as IsoDate;
  return act(ctx, 'cleanup', args, check, async (before, folder, result) => {
    const old = [];
    for (const area of [MEDIA_DIR, HIDDEN_DIR] as const) {
      for (const f of await folder.dateFolders(area)) if (f.date < before) old.push([area, f.name]);
    }
    if (old.length === 0) return;
    const remove = t(ctx.env.language, 'organiser.cleanupConfirm');
    const question = t(ctx.env.language, 'organiser.cleanupAsk', { count: old.length, before });
    if ((await ctx.window.showWarningMessage(question, remove)) !== remove) {
      throw new InputError(t(ctx.env.language, 'organiser.cleanupDeclined'));
    }
    for (const f of old) {
      await folder.writer.delete(f);
      result.changed.push(f.join('/'));
    }
  });
}
