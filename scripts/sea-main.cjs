// The entry of the single executable (scripts/sea.mjs builds it): the npm package's files are its assets. They are
// unpacked at the first start into a folder of the user's cache named by version and content, and the package's
// bin runs from there, so that the host finds its plugin, page and demo media where the npm package keeps them.
// A single executable's own `require` knows only Node's built-in modules; createRequire loads files from disk.
const { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const os = require('node:os');
const path = require('node:path');
const sea = require('node:sea');

/** The user's cache folder of this platform. */
function cacheRoot() {
  const home = os.homedir();
  if (process.platform === 'win32') return process.env.LOCALAPPDATA || path.join(home, 'AppData', 'Local');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches');
  return process.env.XDG_CACHE_HOME || path.join(home, '.cache');
}

/** The unpacked files' folder; unpacked into a fresh folder and renamed, so a half-written one is never used. */
function unpacked() {
  const { stamp, files } = JSON.parse(sea.getAsset('index.json', 'utf8'));
  const folder = path.join(cacheRoot(), 'congregation-sync', stamp);
  if (existsSync(folder)) return folder;
  const partial = `${folder}.${process.pid}.part`;
  for (const file of files) {
    const target = path.join(partial, ...file.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, Buffer.from(sea.getAsset(`files/${file}`)));
  }
  try {
    renameSync(partial, folder);
  } catch (error) {
    // Another start unpacked the same files at the same moment: theirs are as good.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(folder)) throw error;
  }
  return folder;
}

const folder = unpacked();
// The host runs in this process: node:sea's isSea() stays true, so a start-at-login entry runs the executable
// itself (tools/installation.ts).
createRequire(path.join(folder, 'package.json'))('./bin/host.cjs');
