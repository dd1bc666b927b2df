// Builds the plugin bundle (dist/plugin.js, CommonJS, as a presenter loads it), the command line (dist/cli.cjs: the
// reference host with this plugin's tooling) and the host's web page with its media window (dist/web/).
//   node esbuild.config.mjs               development: source maps, not minified
//   node esbuild.config.mjs --production  what users run: minified, no source maps
//   node esbuild.config.mjs --watch       development, rebuilt on every change
import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  legalComments: 'none',
};

/** The contract's API is types only; a plugin must never bundle a copy of host code. */
const contractExternal = {
  name: 'contract-external',
  setup(build) {
    build.onResolve({ filter: /contract\/api(\.ts|\.js)?$/ }, (args) => ({
      path: args.path,
      external: true,
    }));
  },
};

/** The plugin's bundle; scripts/package.mjs builds the release artifact from the same options. */
export const pluginOptions = {
  ...common,
  entryPoints: ['src/plugin.ts'],
  outfile: 'dist/plugin.js',
  format: 'cjs',
  // rxjs's export map gives Node its CommonJS build, which cannot be tree-shaken: take its ES modules instead.
  alias: { rxjs: './node_modules/rxjs/dist/esm/index.js' },
  plugins: [contractExternal],
};

/** Every bundle: the plugin, the command line, the page; scripts/release.mjs builds them into the release. */
export const builds = [
  pluginOptions,
  {
    // One CommonJS bundle, which bin/host.cjs requires.
    ...common,
    entryPoints: ['tools/cli.ts'],
    outfile: 'dist/cli.cjs',
    format: 'cjs',
    // The sources find their folder by import.meta.url (they run as ES modules in the tests): the bundle's own URL.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  },
  {
    // The host's web page (host/web/page/): its script and, from the CSS it imports, dist/web/app.css.
    ...common,
    entryPoints: { app: 'host/web/page/main.tsx', present: 'host/web/page/present.tsx' },
    outdir: 'dist/web',
    platform: 'browser',
    // Preact components: JSX compiled to preact's jsx() calls.
    jsx: 'automatic',
    jsxImportSource: 'preact',
    target: ['chrome110', 'firefox110', 'safari16'],
    format: 'esm',
  },
];

async function buildAll() {
  // dist/ holds the CommonJS plugin bundle, as a presenter loads it, inside an ES module package.
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/package.json', '{ "type": "commonjs" }\n');
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
    console.log('esbuild: watching the sources');
  } else {
    await Promise.all(builds.map((options) => esbuild.build(options)));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildAll();
