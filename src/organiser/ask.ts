/** Fills a command's missing arguments by asking (palette use); scripts and the CLI pass them all. */
import type { PluginContext } from '../../contract/api.js';
import { t } from '../i18n.js';

export type Field = 'date' | 'name' | 'newName' | 'files' | 'before' | 'keys';

export async function withAsked(
  ctx: PluginContext,
  raw: unknown,
  fields: Field[],
): Promise<Record<string, unknown>> {
  const args: Record<string, unknown> = raw && typeof raw === 'object' ? { ...raw } : {};
  for (const field of fields) {
    if (args[field] !== undefined) continue;
    const answer = await ctx.window.showInputBox({ prompt: t(ctx.env.language, `ask.${field}`) });
    if (answer === undefined) continue;
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
