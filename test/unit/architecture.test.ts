/**
 * The rules of docs/architecture.md, checked on the sources themselves: what each room may import, no import cycle
 * between files nor between the folders of src/, no module state in the pure code, no plugin named by the host, and
 * no function of more than five parameters (past that, a call is read by counting its arguments; an options object
 * names them). Imports are read from TypeScript's syntax tree (test/support/architecture.ts), so an import of any
 * form is an edge. Each check also runs on small made-up sources, to show that it fails when a rule is broken.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  fileCycles,
  folderCycles,
  folderOf,
  hostNamingPlugin,
  importsOf,
  longParameterLists,
  moduleState,
  type SourceText,
  violations,
} from '../support/architecture.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ROOMS = ['contract', 'src', 'host', 'tools'];

const sources: SourceText[] = ROOMS.flatMap((room) =>
  (readdirSync(path.join(ROOT, room), { recursive: true }) as string[])
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `${room}/${name.split(path.sep).join('/')}`)
    .sort()
    .map((file) => ({ file, text: readFileSync(path.join(ROOT, file), 'utf8') })),
);

const HOST_FILE = 'host/loader.ts';
const PLUGIN = { file: 'src/plugin.ts', text: 'export const activate = () => {};\n' };

/** The violations of a host file with this text, beside a plugin file it might reach. */
const hostImporting = (text: string) => violations([{ file: HOST_FILE, text }, PLUGIN]);

describe('the rooms and their rules (docs/architecture.md)', () => {
  it('reads the sources of every room', () => {
    for (const room of ROOMS)
      expect(
        sources.some((s) => s.file.startsWith(`${room}/`)),
        room,
      ).toBe(true);
    const run = sources.find((s) => s.file === 'src/sync/run.ts');
    expect(run && importsOf(run).files).toContain('src/core/planner.ts');
  });

  it('no source imports across a rule', () => {
    expect(violations(sources)).toEqual([]);
  });

  it('no import cycle between files', () => {
    expect(fileCycles(sources)).toEqual([]);
  });

  it('no import cycle between the folders of src/ (a top-level file of src/ is a node of its own)', () => {
    expect(folderCycles(sources)).toEqual([]);
  });

  it('the pure core and the contract keep no module state', () => {
    expect(moduleState(sources)).toEqual([]);
  });

  it('the host names no plugin: no id, secret or command of this one', () => {
    expect(hostNamingPlugin(sources)).toEqual([]);
  });

  it('no function takes more than five parameters', () => {
    expect(longParameterLists(sources)).toEqual([]);
  });
});

describe('the checker finds what breaks a rule', () => {
  const refused = `${HOST_FILE} -> src/plugin.ts: the host is generic: it imports nothing of a plugin`;

  it.each([
    ['a side-effect import', "import '../src/plugin.js';\n"],
    ['a dynamic import()', "export const load = () => import('../src/plugin.js');\n"],
    ['an export * from', "export * from '../src/plugin.js';\n"],
    ['an export { … } from', "export { activate } from '../src/plugin.js';\n"],
    ['a require()', "const plugin = require('../src/plugin.js');\nexport default plugin;\n"],
    ['an import = require()', "import plugin = require('../src/plugin.js');\nexport default plugin;\n"],
    [
      'an import type',
      "import type { activate } from '../src/plugin.js';\nexport type A = typeof activate;\n",
    ],
    ["a type's import()", "export type A = typeof import('../src/plugin.js');\n"],
    [
      'an import after a regular expression with a quote (which ts.preProcessFile does not see)',
      "const quote = /'/;\nexport const load = () => import('../src/plugin.js');\nexport { quote };\n",
    ],
  ])('%s of src/ from host/', (_form, text) => {
    expect(hostImporting(text)).toEqual([refused]);
  });

  it('an import written in a comment or a string is no import', () => {
    expect(
      hostImporting("// import '../src/plugin.js';\nexport const s = \"import '../src/plugin.js'\";\n"),
    ).toEqual([]);
  });

  it('a computed specifier is no edge (the host loads a bundle by the path in its manifest)', () => {
    expect(
      importsOf({ file: HOST_FILE, text: 'export const load = (main: string) => require(main);\n' }),
    ).toEqual({
      file: HOST_FILE,
      files: [],
      modules: [],
    });
  });

  it('the rules of the other rooms', () => {
    expect(
      violations([
        { file: 'contract/api.ts', text: "import '../src/core/x.js';\nimport 'node:fs';\n" },
        { file: 'src/core/x.ts', text: "import { y } from '../sync/y.js';\nexport { y };\n" },
        { file: 'src/remote/r.ts', text: "export * from '../sync/y.js';\n" },
        { file: 'src/local/l.ts', text: "import { r } from '../remote/r.js';\n" },
        { file: 'src/sync/y.ts', text: "export const y = await import('node:https');\n" },
        { file: 'src/i18n.ts', text: "export * from '../host/i18n.js';\n" },
        { file: 'tools/demo.ts', text: "import '../src/plugin.js';\nimport '../host/cli.js';\n" },
      ]),
    ).toEqual([
      'contract/api.ts -> src/core/x.ts: the contract is shared',
      'contract/api.ts -> node:fs: pure code imports no I/O',
      'src/core/x.ts -> src/sync/y.ts: the pure core imports only the core and the contract',
      'src/remote/r.ts -> src/sync/y.ts: the WebDAV layer knows only the core and the contract',
      'src/local/l.ts -> src/remote/r.ts: the local disk layer knows only the core and the contract',
      'src/sync/y.ts -> node:https: only src/remote/ speaks HTTP',
      'src/i18n.ts -> host/i18n.ts: the plugin knows the host only through the contract',
    ]);
  });

  it('a file cycle', () => {
    expect(
      fileCycles([
        { file: 'src/x.ts', text: "import { y } from './y.js';\nexport const x = y;\n" },
        { file: 'src/y.ts', text: "import type { x } from './x.js';\nexport const y = 1;\n" },
        { file: 'src/z.ts', text: "import { x } from './x.js';\nexport const z = x;\n" },
      ]),
    ).toEqual(['src/x.ts -> src/y.ts -> src/x.ts']);
  });

  it('a folder cycle, with the file edges that form it, where no file cycle is', () => {
    const tangled = [
      { file: 'src/a/one.ts', text: "export * from '../b/two.js';\n" },
      { file: 'src/b/two.ts', text: "import { three } from '../a/three.js';\nexport const two = three;\n" },
      { file: 'src/a/three.ts', text: 'export const three = 3;\n' },
      { file: 'src/b/four.ts', text: "import '../a/three.js';\n" },
    ];
    expect(fileCycles(tangled)).toEqual([]);
    expect(folderCycles(tangled)).toEqual([
      [
        'src/a -> src/b -> src/a',
        '  src/a/one.ts -> src/b/two.ts',
        '  src/b/four.ts -> src/a/three.ts',
        '  src/b/two.ts -> src/a/three.ts',
      ].join('\n'),
    ]);
  });

  it('every folder cycle, of any length', () => {
    expect(
      folderCycles([
        { file: 'src/a/a.ts', text: "import '../b/b.js';\n" },
        { file: 'src/b/b.ts', text: "import '../a/a.js';\nimport '../c/c.js';\n" },
        { file: 'src/c/c.ts', text: "import '../a/a.js';\n" },
      ]),
    ).toEqual([
      'src/a -> src/b -> src/a\n  src/a/a.ts -> src/b/b.ts\n  src/b/b.ts -> src/a/a.ts',
      'src/a -> src/b -> src/c -> src/a\n  src/a/a.ts -> src/b/b.ts\n  src/b/b.ts -> src/c/c.ts\n  src/c/c.ts -> src/a/a.ts',
    ]);
  });

  it('a top-level file of src/ is its own node: wiring and helpers make no cycle, a tangle with one does', () => {
    expect(folderOf('src/sync/run.ts')).toBe('src/sync');
    expect(folderOf('src/i18n.ts')).toBe('src/i18n.ts');
    const wired = [
      { file: 'src/plugin.ts', text: "import './sync/run.js';\n" },
      { file: 'src/sync/run.ts', text: "import '../i18n.js';\n" },
      { file: 'src/i18n.ts', text: 'export const t = 1;\n' },
    ];
    expect(folderCycles(wired)).toEqual([]);
    const tangled = [
      { file: 'src/sync/run.ts', text: "import '../i18n.js';\n" },
      { file: 'src/i18n.ts', text: "import './sync/files.js';\n" },
      { file: 'src/sync/files.ts', text: '' },
    ];
    expect(folderCycles(tangled)).toEqual([
      [
        'src/i18n.ts -> src/sync -> src/i18n.ts',
        '  src/i18n.ts -> src/sync/files.ts',
        '  src/sync/run.ts -> src/i18n.ts',
      ].join('\n'),
    ]);
  });

  it('module state in the pure code', () => {
    expect(
      moduleState([
        { file: 'src/core/a.ts', text: 'export let count = 0;\nconst fixed = 1;\nvar old = fixed;\n' },
        { file: 'src/sync/b.ts', text: 'let state = 0;\n' },
      ]),
    ).toEqual(['src/core/a.ts:1 count', 'src/core/a.ts:3 old']);
  });

  it('a function of more than five parameters, of every kind', () => {
    const text = [
      'export function six(a: 1, b: 2, c: 3, d: 4, e: 5, f: 6) {}',
      'export function five(this: Window, a: 1, b: 2, c: 3, d: 4, ...e: 5[]) {}',
      'export class Box {',
      '  constructor(a: 1, b: 2, c: 3, d: 4, e: 5, f: 6) {}',
      '  put(a: 1, b: 2, c: 3, d: 4, e: 5, f: 6) {}',
      '  take = (a: 1, b: 2, c: 3, d: 4, e: 5, f: 6) => {};',
      '}',
      'export const arrow = (a: 1, b: 2, c: 3, d: 4, e: 5, f: 6) => {};',
      'export const expression = function (a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7) {};',
      'export const object = { method(a: 1, b: 2, c: 3, d: 4, e: 5, f: 6) {} };',
      '[].forEach((a, b, c, d, e, f) => {});',
    ].join('\n');
    expect(longParameterLists([{ file: 'tools/many.ts', text }])).toEqual([
      'tools/many.ts:1 six (6 parameters)',
      'tools/many.ts:4 Box.constructor (6 parameters)',
      'tools/many.ts:5 Box.put (6 parameters)',
      'tools/many.ts:6 Box.take (6 parameters)',
      'tools/many.ts:8 arrow (6 parameters)',
      'tools/many.ts:9 expression (7 parameters)',
      'tools/many.ts:10 method (6 parameters)',
      'tools/many.ts:11 (passed to [].forEach) (6 parameters)',
    ]);
  });
});
