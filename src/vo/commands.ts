/** Wires the organiser's actions to commands (the palette asks for what is missing; the CLI passes everything). */
import type { PluginContext } from '../../contract/api.js';
import { COMMANDS } from '../commands.js';
import * as vo from './actions.js';
import { type Field, withAsked } from './ask.js';

type Register = (id: string, handler: (...args: unknown[]) => unknown) => void;

export function registerOrganiserCommands(ctx: PluginContext, register: Register): void {
  const wire = <A>(id: string, fields: Field[], action: (ctx: PluginContext, args: A) => Promise<unknown>) =>
    register(id, async (raw) => action(ctx, (await withAsked(ctx, raw, fields)) as A));
  wire(COMMANDS.upload, ['date', 'files'], vo.upload);
  wire(COMMANDS.uploadRecurring, ['files'], (c, args: vo.UploadArgs) =>
    vo.upload(c, { ...args, recurring: true }),
  );
  wire(COMMANDS.rename, ['date', 'name', 'newName'], vo.rename);
  wire(COMMANDS.delete, ['date', 'name'], vo.remove);
  wire(COMMANDS.hide, ['date', 'name'], vo.hide);
  wire(COMMANDS.unhide, ['date', 'name'], vo.unhide);
  wire(COMMANDS.recurringRemove, ['name'], vo.recurringRemove);
  wire(COMMANDS.pushSettings, ['keys'], (c, args: { keys?: string[] }) =>
    vo.changeSettings(c, { ...args, push: args.keys }),
  );
  wire(COMMANDS.liftSettings, ['keys'], (c, args: { keys?: string[] }) =>
    vo.changeSettings(c, { ...args, lift: args.keys }),
  );
  wire(COMMANDS.cleanup, ['before'], vo.cleanup);
  wire(COMMANDS.congregationSettings, [], vo.congregationSettings);
}
