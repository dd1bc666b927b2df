/** Wires the organiser's actions to commands (the palette asks for what is missing; the CLI passes everything). */
import type { PluginContext } from '../../contract/api.js';
import { COMMANDS } from '../commands.js';
import * as actions from './actions.js';
import { type Field, withAsked } from './ask.js';

type Register = (id: string, handler: (...args: unknown[]) => unknown) => void;

export function registerOrganiserCommands(ctx: PluginContext, register: Register): void {
  const wire = <A>(id: string, fields: Field[], action: (ctx: PluginContext, args: A) => Promise<unknown>) =>
    register(id, async (raw) => action(ctx, (await withAsked(ctx, raw, fields)) as A));
  wire(COMMANDS.upload, ['date', 'files'], actions.upload);
  wire(COMMANDS.uploadRecurring, ['files'], (c, args: actions.UploadArgs) =>
    actions.upload(c, { ...args, recurring: true }),
  );
  wire(COMMANDS.rename, ['date', 'name', 'newName'], actions.rename);
  wire(COMMANDS.delete, ['date', 'name'], actions.remove);
  wire(COMMANDS.hide, ['date', 'name'], actions.hide);
  wire(COMMANDS.unhide, ['date', 'name'], actions.unhide);
  wire(COMMANDS.recurringRemove, ['name'], actions.recurringRemove);
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
