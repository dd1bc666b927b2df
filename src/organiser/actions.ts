/**
 * The organiser's actions: upload, rename, delete, hide, unhide, recurring, congregation-wide settings, the place of a
 * date's items in the meeting, clean-up.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { IsoDate, Json, PluginContext } from '../../contract/api.js';
import { formatSettingValue } from '../../contract/host-settings.js';
import { type DateFormat, isDateFormat, isIsoDate, localToday } from '../../contract/media-folders.js';
import { COMMANDS } from '../commands.js';
import { HIDDEN_DIR, MEDIA_DIR, MEETING_SECTIONS_FILE } from '../core/layout.js';
import { isMediaType, MEDIA_TYPES } from '../core/media-types.js';
import {
  choosePlace,
  isPlaceChoice,
  type MeetingPlaces,
  PLACE_CHOICES,
  type PlaceChoice,
  placesAsJson,
} from '../core/meeting-places.js';
import { checkName, foldName, freeName } from '../core/names.js';
import { describeForSettings } from '../describe-error.js';
import { t } from '../i18n.js';
import { withConnection } from '../open-connection.js';
import { RemoteError } from '../remote/errors.js';
import { withRetries } from '../remote/retry.js';
import { readSettings } from '../settings.js';
import { RecordStore } from '../sync/records.js';
import { exitCode, type SyncReport } from '../sync/report.js';
import { CongregationFolder, type Place } from './congregation-folder.js';
import { decideExisting, type OnExisting } from './existing-name.js';
import { placeOwnCopies, removeOwnCopies, renameOwnCopy } from './own-copies.js';
import { meetingSectionsFile, updateForcedPrefs, updateSharedFile } from './shared-file.js';

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

/** An action's work; it may say what it changed, in a sentence of the host's language (see `doneMessage`). */
type Action = (folder: CongregationFolder, result: OrganiserResult) => Promise<string | undefined>;

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
  let couldNotStart = false;
  let said: string | undefined;
  try {
    const dateFormat = (isDateFormat(format) ? format : 'YYYY-MM-DD') as DateFormat;
    const log = (message: string) => ctx.window.log.warn(message);
    said = await withConnection(ctx, async (connection) =>
      work(await CongregationFolder.open(connection, dateFormat, ctx.env.language, log), result),
    );
  } catch (error) {
    // A write the server stored differently is a failed item (exit 1); anything else stopped the action.
    if (!(error instanceof RemoteError && error.kind === 'stored-differently')) couldNotStart = true;
    result.errors.push({
      path: settings.folder,
      message: describeForSettings(error, ctx.env, settings),
    });
  }
  result.exitCode = exitCode(result.errors.length, couldNotStart);
  result.ok = result.errors.length === 0;
  if (result.changed.length > 0) {
    const report = await ctx.commands.executeCommand<SyncReport>(
      COMMANDS.sync,
      options.today ? { today: options.today } : {},
    );
    result.sync = { exitCode: report.exitCode };
  }
  const message = result.ok ? doneMessage(ctx.env.language, result, said) : (result.errors[0]?.message ?? '');
  await (result.ok ? ctx.window.showInformationMessage(message) : ctx.window.showErrorMessage(message));
  return result;
}

/** What an action changed, and that other computers get it: or that nothing changed. */
function doneMessage(language: string, result: OrganiserResult, said: string | undefined): string {
  const count = result.changed.length;
  if (count === 0) return t(language, 'organiser.done.nothing');
  return t(language, 'organiser.done', { what: said || t(language, 'organiser.done.changes', { count }) });
}

function requireDate(date: unknown, language: string): IsoDate {
  if (typeof date !== 'string' || !isIsoDate(date)) {
    throw new InputError(t(language, 'organiser.notADate', { date: String(date) }));
  }
  return date;
}

function requireName(name: unknown, language: string): string {
  const check = checkName(typeof name === 'string' ? name : '');
  if (!check.ok)
    throw new InputError(
      t(language, 'organiser.badName', { name: String(name), why: t(language, `name.${check.reason}`) }),
    );
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
  work: (input: I, folder: CongregationFolder, result: OrganiserResult) => Promise<string | undefined>,
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

const dateAndName = (ctx: PluginContext, args: { date?: string; name?: string }) => () => ({
  date: requireDate(args.date, ctx.env.language),
  name: requireName(args.name, ctx.env.language),
});

export interface UploadArgs extends RunOptions {
  date?: string;
  recurring?: boolean;
  files: string[];
  /** What to do with a name the folder has: the CLI's --overwrite (replace), --rename-existing (keep both). */
  onExisting?: OnExisting;
  overwrite?: boolean;
  renameExisting?: boolean;
  /** Upload files of any type, not only those a presenter shows. */
  anyType?: boolean;
}

interface UploadFile {
  file: string;
  name: string;
  size: number;
}

/** The files to upload, and those refused for their type (each an error of its own). */
async function uploadFiles(ctx: PluginContext, args: UploadArgs) {
  if (!Array.isArray(args.files) || args.files.length === 0) {
    throw new InputError(t(ctx.env.language, 'organiser.noFiles'));
  }
  const files: UploadFile[] = [];
  const refused: OrganiserResult['errors'] = [];
  for (const given of args.files) {
    const file = path.resolve(given);
    const name = requireName(path.basename(file), ctx.env.language);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new InputError(t(ctx.env.language, 'organiser.notAFile', { file }));
    if (args.anyType || isMediaType(name)) files.push({ file, name, size: info.size });
    else refused.push({ path: name, message: typeRefused(ctx, name) });
  }
  if (files.length === 0) throw new InputError(refused.map((r) => r.message).join('\n'));
  return { files, refused };
}

function typeRefused(ctx: PluginContext, name: string): string {
  const language = ctx.env.language;
  const types = [...MEDIA_TYPES].join(', ');
  const message = t(language, 'organiser.typeRefused', { name, types });
  return ctx.window.canAsk ? message : t(language, 'organiser.typeRefused.cli', { message });
}

export async function upload(ctx: PluginContext, args: UploadArgs): Promise<OrganiserResult> {
  const check = async () => {
    const place: Place = args.recurring
      ? { area: 'recurring' }
      : { area: MEDIA_DIR, date: requireDate(args.date, ctx.env.language) };
    return { place, ...(await uploadFiles(ctx, args)) };
  };
  let given: OnExisting | undefined =
    args.onExisting ?? (args.overwrite ? 'replace' : args.renameExisting ? 'keep-both' : undefined);
  return act(ctx, 'upload', args, check, ({ place, files, refused }, folder, result) =>
    ctx.window.withProgress(
      { title: t(ctx.env.language, 'organiser.uploading'), cancellable: false },
      async (progress) => {
        result.errors.push(...refused);
        const total = files.reduce((sum, f) => sum + f.size, 0);
        const target = await folder.folderFor(place);
        const taken = new Set((await folder.namesIn(target)).map(foldName));
        // Progress counts what the server has: the bytes of the files it answered for, plus the bytes of the file on
        // its way held below that file's end, so that 100 % never shows before the server has the last file.
        let done = 0;
        let shown = 0;
        const show = (bytes: number, name: string) => {
          const percent = total > 0 ? Math.floor((bytes / total) * 100) : 0;
          if (percent <= shown) return;
          progress.report({ increment: percent - shown, message: `${name} (${percent}%)` });
          shown = percent;
        };
        // The files whose names the folder has: a person may decide for all of them at once.
        let colliding = files.filter((f) => taken.has(foldName(f.name))).length;
        // Every file is tried; a failure is that file's, reported by its name and cause.
        for (const { file, name: wanted, size } of files) {
          let name = wanted;
          let overwrite = false;
          if (taken.has(foldName(wanted))) {
            colliding = Math.max(colliding - 1, 0);
            const names = { name, free: freeName(name, taken), more: colliding };
            const decision = await decideExisting(ctx, names, given);
            if ('error' in decision) {
              result.errors.push({ path: [...target, name].join('/'), message: decision.error });
              continue;
            }
            if (decision.forAll) given = decision.choice;
            if (decision.choice === 'skip') continue;
            if (decision.choice === 'keep-both') name = freeName(name, taken);
            overwrite = decision.choice === 'replace';
          }
          const remote = [...target, name];
          // A PUT is repeatable: a transient failure (a hall's poor network) uploads the file again.
          const send = () => {
            // each try starts the file again
            let sent = 0;
            return folder.upload(target, name, file, size, {
              overwrite,
              onBytes: (n) => {
                sent += n;
                show(done + Math.min(sent, Math.max(size - 1, 0)), name);
              },
            });
          };
          try {
            const entry = await withRetries(send);
            done += size;
            show(done, name);
            taken.add(foldName(name));
            result.changed.push(remote.join('/'));
            await placeOwnCopies(ctx, entry, place, file, args.today ?? localToday(new Date()));
          } catch (error) {
            if (error instanceof RemoteError && error.kind === 'cancelled') throw error;
            const message = describeForSettings(error, ctx.env, readSettings(ctx), remote.join('/'));
            result.errors.push({
              path: remote.join('/'),
              message: t(ctx.env.language, 'organiser.fileFailed', { name, message }),
            });
          }
        }
        return uploaded(ctx.env.language, place, result.changed);
      },
    ),
  );
}

/** "“a.jpg” uploaded for 2026-12-09", "2 files added to the recurring media". */
function uploaded(language: string, place: Place, changed: string[]): string {
  const count = changed.length;
  const name = changed[0]?.split('/').at(-1) ?? '';
  const recurring = place.area === 'recurring';
  const date = place.area === 'recurring' ? '' : place.date;
  if (count === 1)
    return t(language, recurring ? 'organiser.done.uploadRecurringOne' : 'organiser.done.uploadOne', {
      name,
      date,
    });
  return t(language, recurring ? 'organiser.done.uploadRecurring' : 'organiser.done.upload', { count, date });
}

export async function rename(
  ctx: PluginContext,
  args: { date?: string; name?: string; newName?: string } & RunOptions,
) {
  const check = () => ({
    date: requireDate(args.date, ctx.env.language),
    from: requireName(args.name, ctx.env.language),
    to: requireName(args.newName, ctx.env.language),
  });
  return act(ctx, 'rename', args, check, async ({ date, from, to }, folder, result) => {
    const [dateFolder] = await folder.existingFolders({ area: MEDIA_DIR, date });
    if (!dateFolder) throw new InputError(t(ctx.env.language, 'organiser.noMediaForDate', { date }));
    const size = (await folder.entriesIn(dateFolder)).find((e) => e.path.at(-1) === from)?.size ?? null;
    await folder.writer.move([...dateFolder, from], [...dateFolder, to]);
    const entry = await folder.writer.verify([...dateFolder, to], size);
    result.changed.push([...dateFolder, to].join('/'));
    await renameOwnCopy(ctx, [...dateFolder, from], entry);
    return t(ctx.env.language, 'organiser.done.rename', { from, to });
  });
}

export async function remove(ctx: PluginContext, args: { date?: string; name?: string } & RunOptions) {
  return act(ctx, 'delete', args, dateAndName(ctx, args), async ({ date, name }, folder, result) => {
    await deleteEverywhere(folder, await folder.existingFolders({ area: MEDIA_DIR, date }), name, result);
    await removeOwnCopies(ctx, result.changed);
    return t(ctx.env.language, 'organiser.done.delete', { name, date });
  });
}

export async function hide(ctx: PluginContext, args: { date?: string; name?: string } & RunOptions) {
  return act(ctx, 'hide', args, dateAndName(ctx, args), async ({ date, name }, folder, result) => {
    const target = await folder.folderFor({ area: HIDDEN_DIR, date });
    await folder.writer.putSmall([...target, name], Buffer.alloc(0));
    await folder.writer.verify([...target, name], 0);
    result.changed.push([...target, name].join('/'));
    return t(ctx.env.language, 'organiser.done.hide', { name, date });
  });
}

export async function unhide(ctx: PluginContext, args: { date?: string; name?: string } & RunOptions) {
  return act(ctx, 'unhide', args, dateAndName(ctx, args), async ({ date, name }, folder, result) => {
    await deleteEverywhere(folder, await folder.existingFolders({ area: HIDDEN_DIR, date }), name, result);
    return t(ctx.env.language, 'organiser.done.unhide', { name, date });
  });
}

export async function recurringRemove(ctx: PluginContext, args: { name?: string } & RunOptions) {
  const check = () => ({ name: requireName(args.name, ctx.env.language) });
  return act(ctx, 'recurring-remove', args, check, async ({ name }, folder, result) => {
    await deleteEverywhere(folder, await folder.existingFolders({ area: 'recurring' }), name, result);
    await removeOwnCopies(ctx, result.changed);
    return t(ctx.env.language, 'organiser.done.recurringRemove', { name });
  });
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
  if (result.changed.length === 0)
    throw new InputError(t(folder.language, 'organiser.notOnServer', { name }));
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
      throw new InputError(t(ctx.env.language, 'organiser.notASetting', { keys: unknown.join(', '), known }));
    }
    if (push.length + lift.length === 0) throw new InputError(t(ctx.env.language, 'organiser.noSetting'));
  };
  const action = push.length > 0 ? 'push-settings' : 'lift-settings';
  return act(ctx, action, args, check, async (_input, folder, result) => {
    const records = await RecordStore.open(ctx.storagePath, ctx.media.mediaFolder);
    const values: Record<string, Json> = Object.fromEntries(
      push.map((key) => [key, ctx.hostSettings.get(key) ?? null]),
    );
    // What this computer saw at its last sync is the base of the merge (no record: it saw no file, or never
    // synced); another organiser's changes since then are kept, unless he set one of these keys differently.
    await updateForcedPrefs(folder, schema, records.state.forcedPrefs?.values ?? {}, (base) => {
      const next = { ...base, ...values };
      for (const key of lift) delete next[key];
      return next;
    });
    result.changed.push('forcedPrefs.json');
    return push.length > 0
      ? t(ctx.env.language, 'organiser.done.pushSettings', { count: push.length })
      : t(ctx.env.language, 'organiser.done.liftSettings', { count: lift.length });
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
  const check = () =>
    [requireDate(args.before, ctx.env.language), args.today ?? localToday(new Date())].sort()[0] as IsoDate;
  return act(ctx, 'cleanup', args, check, async (before, folder, result) => {
    const old = [];
    for (const area of [MEDIA_DIR, HIDDEN_DIR] as const) {
      for (const f of await folder.dateFolders(area)) if (f.date < before) old.push([area, f.name]);
    }
    if (old.length === 0) return undefined;
    const remove = t(ctx.env.language, 'organiser.cleanupConfirm');
    const question = t(ctx.env.language, 'organiser.cleanupAsk', { count: old.length, before });
    if ((await ctx.window.showWarningMessage(question, remove)) !== remove) {
      const declined = ctx.window.canAsk ? 'organiser.cleanupDeclined' : 'organiser.cleanupDeclined.cli';
      throw new InputError(t(ctx.env.language, declined));
    }
    for (const f of old) {
      await folder.writer.delete(f);
      result.changed.push(f.join('/'));
    }
    return t(ctx.env.language, 'organiser.done.cleanup', { count: old.length });
  });
}

export interface PlaceArgs extends RunOptions {
  date?: string;
  /** A section id of today's M³ (tgw, ayfm, lac, pt, wt, circuit-overseer), or `default`. */
  section?: string;
  /** At the section's end instead of its start. */
  end?: boolean;
}

/**
 * Chooses where a date's congregation items go in the meeting, for every computer: kept in meetingSections.json at
 * the folder's root. The palette asks for what is missing; the CLI passes everything.
 */
export async function placeInMeeting(
  ctx: PluginContext,
  args: PlaceArgs,
): Promise<OrganiserResult | undefined> {
  const language = ctx.env.language;
  const section = args.section ?? (await askSection(ctx));
  if (section === undefined) return undefined;
  const end = args.end ?? (section === 'default' ? false : await askEnd(ctx));
  if (end === undefined) return undefined;
  const check = () => {
    const date = requireDate(args.date, language);
    if (!isPlaceChoice(section))
      throw new InputError(
        t(language, 'organiser.notASection', { section, known: PLACE_CHOICES.join(', ') }),
      );
    return { date, section };
  };
  return act(ctx, 'section', args, check, async ({ date, section }, folder, result) => {
    const records = await RecordStore.open(ctx.storagePath, ctx.media.mediaFolder);
    const lastSynced = placesAsJson(records.state.meetingSections?.places ?? {});
    await updateSharedFile(folder, meetingSectionsFile(language), lastSynced, (base) =>
      placesAsJson(choosePlace(base as unknown as MeetingPlaces, date, section, end ? 'end' : 'start')),
    );
    result.changed.push(MEETING_SECTIONS_FILE);
    if (section === 'default') return t(language, 'organiser.done.sectionDefault', { date });
    const edge = end ? 'organiser.done.sectionEnd' : 'organiser.done.sectionStart';
    return t(language, edge, { date, section: t(language, `section.${section}`) });
  });
}

async function askSection(ctx: PluginContext): Promise<PlaceChoice | undefined> {
  const language = ctx.env.language;
  const items = PLACE_CHOICES.map((id) => ({ id, label: t(language, `section.${id}`), description: id }));
  const picked = await ctx.window.showQuickPick(items, { title: t(language, 'organiser.pickSection') });
  return picked && !Array.isArray(picked) ? picked.id : undefined;
}

async function askEnd(ctx: PluginContext): Promise<boolean | undefined> {
  const language = ctx.env.language;
  const items = [
    { end: false, label: t(language, 'organiser.sectionStart') },
    { end: true, label: t(language, 'organiser.sectionEnd') },
  ];
  const picked = await ctx.window.showQuickPick(items, { title: t(language, 'organiser.pickEdge') });
  return picked && !Array.isArray(picked) ? picked.end : undefined;
}
