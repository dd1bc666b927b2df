/**
 * Fills a command's missing arguments by asking (palette use); scripts and the CLI pass them all. A name is chosen
 * from the names there are (the date's items, the recurring media), never typed from memory.
 */
import type { PluginContext } from '../../contract/api.js';
import { t } from '../i18n.js';

export type Field = 'date' | 'name' | 'newName' | 'files' | 'before' | 'keys';

/** The names a command's `name` can be, given the arguments asked so far. */
export type NameChoices = (ctx: PluginContext, args: Record<string, unknown>) => string[];

/**
 * The arguments with what was missing asked for; undefined when a person dismissed a question (Escape, Cancel): the
 * command then ends without a word. Where no one can answer, what is missing stays missing, and the action's check
 * names it.
 */
export async function withAsked(
  ctx: PluginContext,
  raw: unknown,
  fields: Field[],
  names?: NameChoices,
): Promise<Record<string, unknown> | undefined> {
  const args: Record<string, unknown> = raw && typeof raw === 'object' ? { ...raw } : {};
  for (const field of fields) {
    if (args[field] !== undefined) continue;
    const choices = field === 'name' && names ? names(ctx, args) : [];
    const answer =
      choices.length > 0
        ? await pickName(ctx, choices)
        : await ctx.window.showInputBox({ prompt: t(ctx.env.language, `ask.${field}`) });
    if (answer === undefined) {
      if (ctx.window.canAsk) return undefined;
      continue;
    }
    args[field] =
      field === 'files'
        ? answer
            .split(';')
            .map((s) => s.trim())
            .filter(Boolean)
        : field === 'keys'
          ? answer.split(/\s+/).filter(Boolean)
          : answer.trim();
  }
  return args;
}

async function pickName(ctx: PluginContext, names: readonly string[]): Promise<string | undefined> {
  const picked = await ctx.window.showQuickPick(
    names.map((name) => ({ label: name })),
    { title: t(ctx.env.language, 'ask.name') },
  );
  return picked && !Array.isArray(picked) ? picked.label : undefined;
}
