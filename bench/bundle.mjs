/** Bundles a TypeScript module of the bench (and what it imports from the sources) into an ES module, and loads it. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function bundled(entry, workDir) {
  const { build } = await import('esbuild');
  const out = path.join(workDir, `${path.basename(entry, '.ts')}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile: out,
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return import(pathToFileURL(out).href);
}
