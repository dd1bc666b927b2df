/**
 * Loads a CommonJS bundle with a V8 code cache, as Electron and VS Code do for their own code and extensions: the
 * next start neither parses the bundle nor compiles what its top level ran. A cache is keyed by the bundle's content
 * and the runtime; one that V8 rejects (other flags) is rewritten. A cache is code: it lives only where the code
 * itself or the user's private profile does.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export interface CachedModule {
  exports: unknown;
  /** Whether the cache served this start (no cache yet, or one that V8 rejected, makes this false). */
  fromCache: boolean;
  /** Writes the cache made at this start, if it needed one (at the end of a command, off its start-up path). */
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
      cachedData,
    },
  );
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  // Made right after the top level ran: later, V8 may have dropped the compiled top level (it runs once, and old
  // code is flushed), and a cache without it makes the next start parse the whole bundle again.
  const made = cachedData === undefined || script.cachedDataRejected ? script.createCachedData() : undefined;
  return {
    exports: module.exports,
    fromCache: made === undefined,
    saveCache: () => {
      if (made) writeCache(cache.dir, cache.name, cacheFile, made);
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
