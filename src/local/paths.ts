/** Path containment: every path built from a server-supplied or recorded name stays inside its root. */
import path from 'node:path';

/** Joins segments under an absolute root and throws unless the result lies strictly inside it. */
export function resolveInside(root: string, ...segments: string[]): string {
  if (!path.isAbsolute(root)) throw new Error(`root must be an absolute path: ${root}`);
  const base = path.resolve(root);
  const target = path.resolve(base, ...segments);
  const prefix = base.endsWith(path.sep) ? base : base + path.sep;
  if (!target.startsWith(prefix)) {
    throw new Error(`path escapes ${base}: ${JSON.stringify(segments.join('/'))} resolves to ${target}`);
  }
  return target;
}

/** A local path (`<date folder>/<name>`) below root. */
export const localPath = (root: string, local: string): string => resolveInside(root, ...local.split('/'));
