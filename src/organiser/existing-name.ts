/**
 * An upload whose name the folder has already: replace it, keep both (the new file under a free name), or skip it.
 * The CLI decides with a flag; a person is asked per file, and where more files of the upload collide also once for
 * all of them; with no one to ask and no flag it is an error for that file that names the flags.
 */
import type { PluginContext } from '../../contract/api.js';
import { t } from '../i18n.js';

export type OnExisting = 'replace' | 'keep-both' | 'skip';

/** The choice for this file; `forAll`: also for every further file of the upload whose name is taken. */
export type Decision = { choice: OnExisting; forAll?: boolean } | { error: string };

/** `more`: how many further files of this upload have names the folder has already. */
export async function decideExisting(
  ctx: PluginContext,
  names: { name: string; free: string; more: number },
  given: OnExisting | undefined,
): Promise<Decision> {
  if (given) return { choice: given };
  const language = ctx.env.language;
  if (!ctx.window.canAsk) return { error: t(language, 'organiser.exists.headless', names) };
  const choices: Array<[string, OnExisting, boolean]> = [
    [t(language, 'organiser.exists.replace'), 'replace', false],
    [t(language, 'organiser.exists.keepBoth', names), 'keep-both', false],
    [t(language, 'organiser.exists.skip'), 'skip', false],
  ];
  if (names.more > 0)
    choices.push(
      [t(language, 'organiser.exists.replaceAll'), 'replace', true],
      [t(language, 'organiser.exists.keepBothAll'), 'keep-both', true],
      [t(language, 'organiser.exists.skipAll'), 'skip', true],
    );
  const question = t(language, names.more > 0 ? 'organiser.exists.askMany' : 'organiser.exists.ask', names);
  const picked = await ctx.window.showWarningMessage(question, ...choices.map(([label]) => label));
  const found = choices.find(([label]) => label === picked);
  return found ? { choice: found[1], forAll: found[2] } : { choice: 'skip' };
}
