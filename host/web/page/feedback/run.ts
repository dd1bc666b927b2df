/** Runs a command of a plugin on the host, with its card. */
import { RequestError, runCommand } from '../api.js';
import { t } from '../app.js';
import { state } from '../store.js';
import { type ActionToast, actionToast } from './cards.js';

/** How long after its answer an action's card still takes the plugin's message: the message comes over the event
 * stream, which may arrive after the command's answer. */
const LATE_MESSAGE_MS = 1500;

const titleOf = (command: string) => state.value?.commands.find((c) => c.id === command)?.title ?? command;

/**
 * Runs `command` with `args` in one card (`started`, or a new one): "title…" while it runs, then
 * - the error, when it failed (the card stays until dismissed);
 * - the plugin's own message, when it showed one;
 * - nothing, when it returned nothing (undefined, null): a command returns nothing when a question of its was
 *   dismissed (Escape, Cancel), or when it has nothing to report; its card goes;
 * - else "title: done.".
 * Resolves to whether the command succeeded.
 */
export async function run(
  command: string,
  args: unknown[] = [],
  started: ActionToast | undefined = undefined,
): Promise<boolean> {
  const title = titleOf(command);
  const action = started ?? actionToast(t('action.started', { title }));
  action.show('info', t('action.started', { title }));
  const before = action.text();
  let answer: Awaited<ReturnType<typeof runCommand>>;
  try {
    answer = await runCommand(command, args);
  } catch (error) {
    const detail = error instanceof RequestError ? error.message : String(error);
    action.show('error', t('error.request', { detail }));
    action.end();
    return false;
  }
  if (!answer.ok) {
    action.show('error', answer.error);
    action.end();
    return false;
  }
  const said = () => action.text() !== before;
  if (said()) action.end();
  else if (answer.result === null) action.remove();
  else
    window.setTimeout(() => {
      if (!said()) action.show('info', t('action.done', { title }));
      action.end();
    }, LATE_MESSAGE_MS);
  return true;
}
