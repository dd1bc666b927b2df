/** Plugins' menu entries of the media list (manifest `contributes.menus`): which item shows which command. Pure:
 * the web page imports it too. */

/** The fields of a media item a `when` clause may test. */
export type WhenContext = Record<string, string | boolean>;

/**
 * Whether `when` holds for an item: clauses joined by `&&`, each `key` (truthy), `!key`, `key == value` or
 * `key != value`. No clause (or an empty one) always holds; a clause the host cannot read never does.
 */
export function matchesWhen(when: string | undefined, context: WhenContext): boolean {
  if (!when?.trim()) return true;
  return when.split('&&').every((clause) => holds(clause.trim(), context));
}

const COMPARISON = /^([\w.]+)\s*(==|!=)\s*([\w.-]+)$/;
const FLAG = /^(!?)([\w.]+)$/;

function holds(clause: string, context: WhenContext): boolean {
  const comparison = COMPARISON.exec(clause);
  if (comparison) {
    const [, key, op, value] = comparison;
    const equal = String(context[key as string] ?? '') === value;
    return op === '==' ? equal : !equal;
  }
  const flag = FLAG.exec(clause);
  if (!flag) return false;
  const truthy = Boolean(context[flag[2] as string]);
  return flag[1] === '!' ? !truthy : truthy;
}
