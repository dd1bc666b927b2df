// `npm run release`: what a volunteer downloads, written into release/ (git-ignored):
//   congregation-sync-<version>.tgz               an npm package; its bin `congregation-sync` is the host with this
//                                                 plugin enabled; everything bundled, no dependencies
//   congregation-sync-<version>-<platform>-<arch>  a single executable (Node's single executable applications) that
//                                                 holds the same files and runs without Node
// Usage: node scripts/release.mjs [--out DIR] [--node PATH]... [--no-sea]
//   --node PATH  also a single executable for the platform of that Node binary (Windows, macOS, Linux arm64); it
//                must be the same Node version as the one running this script, whose blob it receives.
//   --no-sea     the npm package only.
// Without --node, the single executable is made for this machine's platform from this Node.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { builds } from '../esbuild.config.mjs';
import { buildExecutables } from './sea.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    node: { type: 'string', multiple: true },
    'no-sea': { type: 'boolean' },
  },
});
const outDir = path.resolve(values.out ?? path.join(root, 'release'));
const stage = path.join(outDir, 'package');
const own = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const { version } = own;

/** The package's folder, laid out like the repository, so that the bundles find manifest.json above them. */
async function stagePackage() {
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(path.join(stage, 'dist'), { recursive: true });
  const into = (relative) => relative && path.join(stage, relative);
  await Promise.all(
    builds.map((options) =>
      esbuild.build({
        ...options,
        absWorkingDir: root,
        minify: true,
        sourcemap: false,
        ...(options.outfile ? { outfile: into(options.outfile) } : { outdir: into(options.outdir) }),
      }),
    ),
  );
  writeFileSync(path.join(stage, 'dist/package.json'), '{ "type": "commonjs" }\n');
  for (const file of [
    'manifest.json',
    'manifest.nls.json',
    'manifest.nls.de.json',
    'bin/host.cjs',
    'README.md',
  ])
    cpSync(path.join(root, file), path.join(stage, file));
  // The demo (`congregation-sync start`) seeds its server with these.
  cpSync(path.join(root, 'tools/demo-media'), path.join(stage, 'tools/demo-media'), {
    recursive: true,
    filter: (source) => !source.endsWith('.sh'),
  });
  const manifest = {
    name: own.name,
    version,
    description: own.description,
    license: own.license,
    bin: { 'congregation-sync': 'bin/host.cjs' },
    // Node 20's APIs only, none that a later LTS line dropped; the bundles target node20.
    engines: { node: '>=20' },
  };
  writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** `npm pack` of the staged folder: the archive npm itself installs. */
function pack() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['pack', '--pack-destination', outDir, '--silent'], {
    cwd: stage,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) throw new Error(`npm pack failed: ${result.stderr}`);
  return path.join(outDir, result.stdout.trim().split('\n').pop());
}

await stagePackage();
console.log(pack());
if (!values['no-sea']) {
  const made = buildExecutables({ stage, outDir, version, nodes: values.node ?? [], root });
  for (const line of made.lines) console.log(line);
  process.exitCode = made.code;
}
