// `npm run package`: the plugin's release artifact, a .tgz with exactly manifest.json, its localisations, the
// production bundle dist/plugin.js and dist/package.json. The host installs it with `host -- plugins install FILE`.
// Usage: node scripts/package.mjs [--out DIR]   (default dist/release)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { pluginOptions } from '../esbuild.config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outDir = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : path.join(root, 'dist', 'release'));

// The plugin's build options with --production's choices, written to memory, so that packaging never replaces the
// development bundle in dist/.
const built = await esbuild.build({
  ...pluginOptions,
  absWorkingDir: root,
  minify: true,
  sourcemap: false,
  write: false,
});

const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));
const files = [
  ['manifest.json', readFileSync(path.join(root, 'manifest.json'))],
  ['manifest.nls.json', readFileSync(path.join(root, 'manifest.nls.json'))],
  ['manifest.nls.de.json', readFileSync(path.join(root, 'manifest.nls.de.json'))],
  ['dist/package.json', Buffer.from('{ "type": "commonjs" }\n')],
  ['dist/plugin.js', Buffer.from(built.outputFiles[0].contents)],
];

/** One ustar header block: names up to 100 bytes (ours are short), owner root, mode 0644, a fixed time. */
function header(name, size) {
  const block = Buffer.alloc(512);
  const put = (text, offset, length) => block.write(text, offset, length, 'utf8');
  const octal = (value, length) => value.toString(8).padStart(length - 1, '0');
  if (Buffer.byteLength(name) > 100) throw new Error(`${name}: name too long for this tar writer`);
  put(name, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(Math.floor(Date.UTC(2026, 0, 1) / 1000), 12), 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const byte of block) sum += byte;
  put(`${octal(sum, 7)}\0`, 148, 8);
  return block;
}

const blocks = [];
for (const [name, data] of files) {
  blocks.push(header(name, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
}
blocks.push(Buffer.alloc(1024));
mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, `${manifest.id}-${manifest.version}.tgz`);
writeFileSync(out, gzipSync(Buffer.concat(blocks), { level: 9 }));
console.log(out);
