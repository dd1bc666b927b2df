/**
 * When removing copies of congregation files needs a yes: more than half of the window's managed files (counted by
 * their remote source, a recurring file once) AND more than ten of them. A folder that empties by accident (a wrong
 * folder, a server that lists nothing useful) loses many files at once; a small folder whose organiser removes a few
 * files loses more than half with every ordinary clean-up, and asking each time teaches everyone to say yes.
 */

/** Removals of at most this many sources never ask. */
export const REMOVAL_GUARD_MIN = 10;

export function removalNeedsConfirmation(removing: number, managed: number): boolean {
  return removing > managed / 2 && removing > REMOVAL_GUARD_MIN;
}
