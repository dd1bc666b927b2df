#!/usr/bin/env node
// Runs the reference host's CLI, building the bundles first when they are missing or older than the sources.
// CommonJS, like the bundles it runs: a start then needs no ES module loader.
const { existsSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const cliBundle = path.join(root, 'dist/cli.cjs');
const bundles = [cliBundle, path.join(root, 'dist/plugin.js'), path.join(root, 'dist/web/app.js')];

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

function stale() {
  // An installed package holds the bundles without their sources: they run as built.
  if (!existsSync(path.join(root, 'src'))) return false;
  try {
    const built = Math.min(...bundles.map((f) => statSync(f).mtimeMs));
    return ['contract', 'src', 'host', 'tools'].some((dir) => newest(path.join(root, dir)) > built);
  } catch {
    return true;
  }
}

if (stale()) {
  const { spawnSync } = require('node:child_process');
  const result = spawnSync(process.execPath, [path.join(root, 'esbuild.config.mjs'), '--production'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(2);
}
// A reader that stops early (`… --json | head -c 100`) ends our output, not with an error of ours.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
// The process ends by itself once the command is done: nothing the command opened stays open.
require(cliBundle)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
