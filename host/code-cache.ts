/**
 * Loads a CommonJS bundle with a V8 code cache, as Electron and VS Code do for their own code and extensions: the
 * code compiled in one run is kept, so the next start neither parses the bundle nor compiles the functions that ran.
 * A cache is keyed by the bundle's content and the runtime; one that V8 rejects (other flags) is rewritten. A cache
 * is code: it lives only where the code itself or the user's private profile does.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export interface CachedModule {
  exports: unknown;
  /** Keeps the code compiled so far for the next start, unless the cache already served this one. */
  saveCache(): void;
}

/** Runs `file` as a CommonJS module; `cache.name` tells apart the caches of several bundles in `cache.dir`. */
export function requireCached(file: string, cache: { dir: string; name: string }): CachedModule {
  const source = readFileSync(file, 'utf8');
  const key = createHash('sha256')
    .update(`${process.version} ${process.arch}\0`)
    .update(source)
    .digest('hex')
    .slice(0, 24);
  const cacheFile = path.join(cache.dir, `${cache.name}.${key}.bin`);
  const cachedData = readOptional(cacheFile);
  // The wrapper stands on a line of its own, so that positions in stack traces stay the bundle's own.
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {\n${source}\n})`,
    {
      filename: file,
      lineOffset: -1,
      ...(cachedData ? { cachedData } : {}),
    },
  );
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  const served = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    saveCache: () => {
      if (!served) writeCache(cache.dir, cache.name, cacheFile, script.createCachedData());
    },
  };
}

function readOptional(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes atomically and drops the caches of the bundle's other versions; failing costs speed, never a start. */
function writeCache(dir: string, name: string, file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // nothing more to do
    }
    return;
  }
  try {
    for (const other of readdirSync(dir)) {
      const version = other.slice(name.length + 1, -'.bin'.length);
      if (
        other === `${name}.${version}.bin` &&
        /^[\da-f]{24}$/.test(version) &&
        path.join(dir, other) !== file
      )
        rmSync(path.join(dir, other), { force: true });
    }
  } catch {
    // left for the next write
  }
}
