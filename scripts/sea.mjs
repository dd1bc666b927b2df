// The single executables of a release (Node's single executable applications): one blob that holds every file of
// the staged npm package as an asset and scripts/sea-main.cjs as its entry, injected with postject into a copy of a
// Node binary per platform. The entry unpacks the files once into a versioned folder of the user's cache and runs
// the package's bin from there, so that the host finds its plugin, page and demo media as in the npm package.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/** The fuse Node's binaries carry, flipped by postject when a blob is injected. */
const SENTINEL = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** The platform and architecture of a Node binary, read from its header (ELF, PE, Mach-O). */
export function binaryKind(file) {
  const head = readFileSync(file).subarray(0, 4096);
  if (head.readUInt32BE(0) === 0x7f454c46) {
    const machine = head.readUInt16LE(18);
    return { platform: 'linux', arch: machine === 0xb7 ? 'arm64' : 'x64' };
  }
  if (head.toString('latin1', 0, 2) === 'MZ') {
    const pe = head.readUInt32LE(0x3c);
    return { platform: 'win', arch: head.readUInt16LE(pe + 4) === 0xaa64 ? 'arm64' : 'x64' };
  }
  const magic = head.readUInt32BE(0);
  if (magic === 0xcffaedfe)
    return { platform: 'darwin', arch: head.readUInt32LE(4) === 0x0100000c ? 'arm64' : 'x64' };
  if (magic === 0xcafebabe) return { platform: 'darwin', arch: 'universal' };
  throw new Error(`${file}: not a Node binary this script knows (ELF, PE or Mach-O)`);
}

function filesBelow(dir, prefix = '') {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesBelow(dir, relative) : [relative];
  });
}

/** postject from the project's dependencies, or undefined where it is not installed. */
function postjectBin(root) {
  const bin = path.join(
    root,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'postject.cmd' : 'postject',
  );
  return existsSync(bin) ? bin : undefined;
}

/** The blob of the staged package: `node --experimental-sea-config` with every file an asset. */
function makeBlob({ stage, outDir, version, root }) {
  const files = filesBelow(stage);
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(readFileSync(path.join(stage, file)));
  const stamp = `${version}-${hash.digest('hex').slice(0, 12)}`;
  // The blob's inputs and the blob itself, beside the release's files.
  const work = path.join(outDir, 'sea');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const index = path.join(work, 'index.json');
  writeFileSync(index, JSON.stringify({ stamp, files }));
  const config = {
    main: path.join(root, 'scripts', 'sea-main.cjs'),
    output: path.join(work, 'sea-prep.blob'),
    disableExperimentalSEAWarning: true,
    // A code cache and a snapshot are specific to the platform that made them: the blob serves them all.
    useCodeCache: false,
    useSnapshot: false,
    assets: {
      'index.json': index,
      ...Object.fromEntries(files.map((file) => [`files/${file}`, path.join(stage, file)])),
    },
  };
  const configFile = path.join(work, 'sea-config.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const result = spawnSync(process.execPath, ['--experimental-sea-config', configFile], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the single executable's blob failed: ${result.stderr}`);
  return config.output;
}

/** One executable: a copy of `node` with the blob injected (macOS: signature removed first, ad-hoc signed after). */
function inject({ node, blob, outDir, version, postject }) {
  const { platform, arch } = binaryKind(node);
  const out = path.join(
    outDir,
    `congregation-sync-${version}-${platform}-${arch}${platform === 'win' ? '.exe' : ''}`,
  );
  copyFileSync(node, out);
  chmodSync(out, 0o755);
  const run = (command, args) =>
    spawnSync(command, args, { encoding: 'utf8', shell: process.platform === 'win32' });
  if (platform === 'darwin') run('codesign', ['--remove-signature', out]);
  const args = [out, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SENTINEL];
  if (platform === 'darwin') args.push('--macho-segment-name', 'NODE_SEA');
  const result = run(postject, args);
  if (result.status !== 0) throw new Error(`postject failed for ${out}: ${result.stderr}`);
  const notes = [];
  if (platform === 'darwin' && run('codesign', ['--sign', '-', out]).status !== 0)
    notes.push(
      `${out}: not signed (codesign runs on macOS only); sign it there with: codesign --sign - ${out}`,
    );
  return [out, ...notes];
}

/** Every executable asked for; postject missing leaves them out, and says so. */
export function buildExecutables({ stage, outDir, version, nodes, root }) {
  const postject = postjectBin(root);
  if (!postject)
    return {
      code: nodes.length > 0 ? 1 : 0,
      lines: ['postject is not installed (npm install --save-dev postject): no single executable was made'],
    };
  const blob = makeBlob({ stage, outDir, version, root });
  const targets = nodes.length > 0 ? nodes : [process.execPath];
  return { code: 0, lines: targets.flatMap((node) => inject({ node, blob, outDir, version, postject })) };
}
