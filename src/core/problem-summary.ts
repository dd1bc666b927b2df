/**
 * A sync's problems laid out for a screen: grouped by message (a message shared by several paths is one line with
 * the paths below it), in the order they first occurred, in at most `maxLines` lines. What does not fit is counted,
 * so that the text can say how many more there are and where to read them all.
 */

export interface Problem {
  path: string;
  message: string;
}

export type SummaryLine =
  /** One problem: its path and message. */
  | { kind: 'one'; path: string; message: string }
  /** Several paths with one message: the count and the message; their paths follow as `path` lines. */
  | { kind: 'group'; count: number; message: string }
  | { kind: 'path'; path: string };

export interface ProblemSummary {
  lines: SummaryLine[];
  /** Problems whose path is not among the lines. */
  more: number;
}

export function summariseProblems(problems: readonly Problem[], maxLines: number): ProblemSummary {
  const groups = new Map<string, string[]>();
  for (const { path, message } of problems) {
    const paths = groups.get(message);
    if (paths) paths.push(path);
    else groups.set(message, [path]);
  }
  const lines: SummaryLine[] = [];
  let shown = 0;
  for (const [message, paths] of groups) {
    const room = maxLines - lines.length;
    if (paths.length === 1) {
      if (room < 1) break;
      lines.push({ kind: 'one', path: paths[0] as string, message });
      shown++;
      continue;
    }
    // a group needs its line and at least one path
    if (room < 2) break;
    lines.push({ kind: 'group', count: paths.length, message });
    for (const path of paths.slice(0, room - 1)) lines.push({ kind: 'path', path });
    shown += Math.min(paths.length, room - 1);
  }
  return { lines, more: problems.length - shown };
}
