// Builds the plugin bundle (dist/plugin.js, CommonJS, as a presenter loads it), the reference host (dist/host/cli.cjs)
// and the host's web page (dist/web/app.js and app.css) with its media window (dist/web/present.js and present.css).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  // Minified even in development (with source maps): less to parse is a faster start of every sync.
  minify: true,
  logLevel: 'warning',
  legalComments: 'none',
};

/** The host contract is types only; a plugin must never bundle a copy of host code. */
const hostContractExternal = {
  name: 'host-contract-external',
  setup(build) {
    build.onResolve({ filter: /host\/api(\.ts)?$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** A digest of the plugin's sources: what it remembered as settled (src/sync/settled.ts) holds for this build only. */
function sourceDigest(dir) {
  const hash = createHash('sha256');
  for (const file of readdirSync(dir, { recursive: true }).sort()) {
    const full = `${dir}/${file}`;
    if (file.endsWith('.ts')) hash.update(file).update(readFileSync(full));
  }
  return hash.digest('base64');
}

/** The plugin's bundle; scripts/package.mjs builds the release artifact from the same options. */
export const pluginOptions = {
  ...common,
  define: { CONGSYNC_BUILD: JSON.stringify(sourceDigest('src')) },
  entryPoints: ['src/plugin.ts'],
  outfile: 'dist/plugin.js',
  format: 'cjs',
  // rxjs's export map gives Node its CommonJS build, which cannot be tree-shaken: take its ES modules instead.
  alias: { rxjs: './node_modules/rxjs/dist/esm/index.js' },
  plugins: [hostContractExternal],
};

const builds = [
  pluginOptions,
  {
    // One CommonJS bundle, so that bin/host.cjs can run it with a V8 code cache (host/code-cache.ts): with the cache,
    // a start neither parses the bundle (the demo's and the web page's code included) nor compiles its top level.
    ...common,
    entryPoints: ['host/cli.ts'],
    outfile: 'dist/host/cli.cjs',
    format: 'cjs',
    // The sources find their folder by import.meta.url (they run as ES modules in the tests): the bundle's own URL.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  },
  {
    // The loader that bin/host.cjs runs the host bundle with.
    ...common,
    entryPoints: ['host/code-cache.ts'],
    outfile: 'dist/host/code-cache.cjs',
    format: 'cjs',
  },
  {
    // The host's web page (host/web/): its script and, from the CSS it imports, dist/web/app.css.
    ...common,
    entryPoints: { app: 'host/web/page/main.ts', present: 'host/web/page/present.ts' },
    outdir: 'dist/web',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    format: 'esm',
    sourcemap: false,
  },
];

async function buildAll() {
  // dist/ holds the CommonJS plugin bundle, as a presenter loads it, inside an ES module package.
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/package.json', '{ "type": "commonjs" }\n');
  rmSync('dist/host', { recursive: true, force: true });
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
    console.log('esbuild: watching src/ and host/');
  } else {
    await Promise.all(builds.map((options) => esbuild.build(options)));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildAll();
