/** Wires the organiser's actions to commands (the palette asks for what is missing; the CLI passes everything). */
import type { MediaItem, PluginContext } from '../../contract/api.js';
import { COMMANDS } from '../commands.js';
import * as actions from './actions.js';
import { type Field, type NameChoices, withAsked } from './ask.js';

type Register = (id: string, handler: (...args: unknown[]) => unknown) => void;

export function registerOrganiserCommands(ctx: PluginContext, register: Register): void {
  const wire = <A>(
    id: string,
    fields: Field[],
    action: (ctx: PluginContext, args: A) => Promise<unknown>,
    names?: NameChoices,
  ) =>
    register(id, async (raw) => {
      // a question dismissed: the command returns nothing, and says nothing
      const args = await withAsked(ctx, raw, fields, names);
      return args === undefined ? undefined : action(ctx, args as A);
    });
  wire(COMMANDS.upload, ['date', 'files'], actions.upload);
  wire(COMMANDS.uploadRecurring, ['files'], (c, args: actions.UploadArgs) =>
    actions.upload(c, { ...args, recurring: true }),
  );
  wire(COMMANDS.rename, ['date', 'name', 'newName'], actions.rename, datesOwn);
  wire(COMMANDS.delete, ['date', 'name'], actions.remove, datesOwn);
  wire(
    COMMANDS.hide,
    ['date', 'name'],
    actions.hide,
    onDate((item) => !item.hidden),
  );
  wire(
    COMMANDS.unhide,
    ['date', 'name'],
    actions.unhide,
    onDate((item) => item.hidden),
  );
  wire(COMMANDS.recurringRemove, ['name'], actions.recurringRemove, recurringNames);
  wire(COMMANDS.pushSettings, ['keys'], (c, args: { keys?: string[] }) =>
    actions.changeSettings(c, { ...args, push: args.keys }),
  );
  wire(COMMANDS.liftSettings, ['keys'], (c, args: { keys?: string[] }) =>
    actions.changeSettings(c, { ...args, lift: args.keys }),
  );
  wire(COMMANDS.cleanup, ['before'], actions.cleanup);
  wire(COMMANDS.placeInMeeting, ['date'], actions.placeInMeeting);
  wire(COMMANDS.congregationSettings, [], actions.congregationSettings);
}

/** The names of the asked date's items that `keep` keeps. */
const onDate =
  (keep: (item: MediaItem) => boolean): NameChoices =>
  (ctx, args) =>
    typeof args.date === 'string'
      ? ctx.media
          .items(args.date)
          .filter(keep)
          .map((item) => item.name)
      : [];

/** A date's own congregation media (not recurring): what rename and delete act on. */
const datesOwn = onDate((item) => item.source === 'congregation' && !item.recurring);

/** The recurring media, each once. */
const recurringNames: NameChoices = (ctx) => [
  ...new Set(
    ctx.media
      .items()
      .filter((item) => item.source === 'congregation' && item.recurring)
      .map((item) => item.name),
  ),
];
