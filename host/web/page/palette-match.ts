/** The palette's ranking, a pure function: the command's own title is searched (the plugin's name is only shown),
 * first as a whole, then by word prefixes, then anywhere, then fuzzily; recently used commands go first. */

export interface Rankable {
  id: string;
  title: string;
}

/** How well a query matches a title: higher is better, 0 is no match. */
export function titleScore(title: string, query: string): number {
  const t = title.toLowerCase();
  const q = query.toLowerCase().trim().replace(/\s+/g, ' ');
  if (q === '') return 1;
  if (t === q) return 500;
  if (t.startsWith(q)) return 400;
  const words = q.split(' ');
  const titleWords = t.split(/[\s\-–—:,.()/]+/).filter(Boolean);
  if (words.every((w) => titleWords.some((tw) => tw.startsWith(w))))
    return 300 + (titleWords[0]?.startsWith(words[0] as string) ? 10 : 0);
  if (words.every((w) => t.includes(w))) return 200;
  const fuzzy = fuzzySpan(t, q.replace(/ /g, ''));
  return fuzzy === undefined ? 0 : Math.max(1, 100 - fuzzy);
}

/** The letters of `q` in order in `t`, starting at a word's start and close together: the span's extra length. */
function fuzzySpan(t: string, q: string): number | undefined {
  let best: number | undefined;
  for (let start = t.indexOf(q[0] as string); start >= 0; start = t.indexOf(q[0] as string, start + 1)) {
    if (start > 0 && /[\p{L}\p{N}]/u.test(t[start - 1] as string)) continue;
    let at = start;
    for (const ch of q.slice(1)) {
      at = t.indexOf(ch, at + 1);
      if (at < 0) break;
    }
    if (at < 0) continue;
    const extra = at - start + 1 - q.length;
    if (extra <= q.length * 2 && (best === undefined || extra < best)) best = extra;
  }
  return best;
}

/** The matching commands, best first; among equally good ones the recently used (most recent first) lead. */
export function rankCommands<T extends Rankable>(
  commands: readonly T[],
  query: string,
  recent: readonly string[] = [],
): T[] {
  const recency = (id: string) => {
    const at = recent.indexOf(id);
    return at < 0 ? recent.length : at;
  };
  return commands
    .map((command, index) => ({ command, index, score: titleScore(command.title, query) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || recency(a.command.id) - recency(b.command.id) || a.index - b.index)
    .map((c) => c.command);
}

/** The recently used list after running `id`: it first, at most `limit`. */
export function usedCommand(recent: readonly string[], id: string, limit = 5): string[] {
  return [id, ...recent.filter((r) => r !== id)].slice(0, limit);
}
