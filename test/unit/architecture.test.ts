/**
 * The rooms of docs/architecture.md and what each may import, read from the sources themselves: a forbidden edge
 * or an import cycle fails here, naming the files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ROOMS = ['contract', 'src', 'host', 'tools'];
const HTTP_MODULES = new Set([
  'node:http',
  'node:https',
  'node:http2',
  'node:net',
  'node:tls',
  'webdav',
  'undici',
]);

interface Source {
  file: string;
  text: string;
  /** Files of the repository it imports (relative to the root), and the packages and node: modules it names. */
  files: string[];
  modules: string[];
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

function read(file: string): Source {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const files: string[] = [];
  const modules: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = (match[1] ?? match[2]) as string;
    if (!specifier.startsWith('.')) modules.push(specifier);
    else {
      const target = path.normalize(path.join(path.dirname(file), specifier)).replace(/\.js$/, '.ts');
      files.push(target.split(path.sep).join('/'));
    }
  }
  return { file, text, files, modules };
}

const sources = ROOMS.flatMap((room) =>
  (readdirSync(path.join(ROOT, room), { recursive: true }) as string[])
    .filter((name) => name.endsWith('.ts'))
    .map((name) => read(`${room}/${name.split(path.sep).join('/')}`)),
);

const inRoom = (file: string, room: string) => file.startsWith(`${room}/`);

/** Every forbidden edge: `file -> import` with why. */
function violations(): string[] {
  const found: string[] = [];
  const refuse = (source: Source, target: string, why: string) =>
    found.push(`${source.file} -> ${target}: ${why}`);
  for (const source of sources) {
    const { file } = source;
    for (const target of source.files) {
      if (inRoom(file, 'contract') && !inRoom(target, 'contract'))
        refuse(source, target, 'the contract is shared');
      if (inRoom(file, 'src/core') && !inRoom(target, 'src/core') && !inRoom(target, 'contract'))
        refuse(source, target, 'the pure core imports only the core and the contract');
      if (
        inRoom(file, 'src/remote') &&
        !['src/remote', 'src/core', 'contract'].some((r) => inRoom(target, r))
      )
        refuse(source, target, 'the WebDAV layer knows only the core and the contract');
      if (inRoom(file, 'src') && (inRoom(target, 'host') || inRoom(target, 'tools')))
        refuse(source, target, 'the plugin knows the host only through the contract');
      if (inRoom(file, 'host') && (inRoom(target, 'src') || inRoom(target, 'tools')))
        refuse(source, target, 'the host is generic: it imports nothing of a plugin');
    }
    for (const module of source.modules) {
      if ((inRoom(file, 'src/core') || inRoom(file, 'contract')) && module !== 'zod')
        refuse(source, module, 'pure code imports no I/O');
      if (inRoom(file, 'src') && !inRoom(file, 'src/remote') && HTTP_MODULES.has(module))
        refuse(source, module, 'only src/remote/ speaks HTTP');
    }
  }
  return found;
}

/** The import cycles, each as the files around it. */
function cycles(): string[][] {
  const edges = new Map(
    sources.map((s) => [s.file, s.files.filter((f) => sources.some((o) => o.file === f))]),
  );
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of edges.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('the rooms and their rules (docs/architecture.md)', () => {
  it('reads the sources of every room', () => {
    for (const room of ROOMS)
      expect(
        sources.some((s) => inRoom(s.file, room)),
        room,
      ).toBe(true);
    expect(sources.find((s) => s.file === 'src/sync/run.ts')?.files).toContain('src/core/planner.ts');
  });

  it('no source imports across a rule', () => {
    expect(violations()).toEqual([]);
  });

  it('no import cycle', () => {
    expect(cycles().map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('the pure core and the contract keep no module state', () => {
    const stateful = sources
      .filter((s) => inRoom(s.file, 'src/core') || inRoom(s.file, 'contract'))
      .filter((s) => /^(?:let|var)\s/m.test(s.text))
      .map((s) => s.file);
    expect(stateful).toEqual([]);
  });

  it('the host names no plugin: no id, secret or command of this one', () => {
    const named = sources
      .filter((s) => inRoom(s.file, 'host'))
      .filter((s) => /congregation-sync|CONGSYNC_|\bsecrets?\b[^\n]*'password'/.test(s.text))
      .map((s) => s.file);
    expect(named).toEqual([]);
  });
});
