/**
 * An upload whose name the folder has already: replace it, keep both (the new file under a free name), or skip it.
 * The CLI decides with a flag; a person is asked per file; headless without a flag it is an error for that file.
 */
import type { PluginContext } from '../../contract/api.js';
import { t } from '../i18n.js';

export type OnExisting = 'replace' | 'keep-both' | 'skip';

export type Decision = { choice: OnExisting } | { error: string };

export async function decideExisting(
  ctx: PluginContext,
  names: { name: string; free: string },
  given: OnExisting | undefined,
): Promise<Decision> {
  if (given) return { choice: given };
  const language = ctx.env.language;
  if (ctx.env.isHeadless) return { error: t(language, 'organiser.exists.headless', names) };
  const choices: Record<OnExisting, string> = {
    replace: t(language, 'organiser.exists.replace'),
    'keep-both': t(language, 'organiser.exists.keepBoth', names),
    skip: t(language, 'organiser.exists.skip'),
  };
  const picked = await ctx.window.showWarningMessage(
    t(language, 'organiser.exists.ask', names),
    ...Object.values(choices),
  );
  const choice = (Object.keys(choices) as OnExisting[]).find((key) => choices[key] === picked);
  return { choice: choice ?? 'skip' };
}
