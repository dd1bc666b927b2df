/** Where the reference host lives: the repository (the plugin it enables by default, and dist/ with the page). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder above this module (its source or its bundle chunk) that holds manifest.json. */
export function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'manifest.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the plugin folder (manifest.json) above the host');
    dir = parent;
  }
  return dir;
}
