/**
 * The rules of docs/architecture.md, checked on the sources themselves: what each room may import, no import cycle
 * between files, no module state in the pure code, and no plugin named by the host. Imports are read from
 * TypeScript's syntax tree (test/support/architecture.ts), so an import of any form is an edge. Each check also runs
 * on small made-up sources, to show that it fails when a rule is broken.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  fileCycles,
  hostNamingPlugin,
  importsOf,
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

  it('the pure core and the contract keep no module state', () => {
    expect(moduleState(sources)).toEqual([]);
  });

  it('the host names no plugin: no id, secret or command of this one', () => {
    expect(hostNamingPlugin(sources)).toEqual([]);
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
        { file: 'src/sync/y.ts', text: "export const y = await import('node:https');\n" },
        { file: 'src/i18n.ts', text: "export * from '../host/i18n.js';\n" },
        { file: 'tools/demo.ts', text: "import '../src/plugin.js';\nimport '../host/cli.js';\n" },
      ]),
    ).toEqual([
      'contract/api.ts -> src/core/x.ts: the contract is shared',
      'contract/api.ts -> node:fs: pure code imports no I/O',
      'src/core/x.ts -> src/sync/y.ts: the pure core imports only the core and the contract',
      'src/remote/r.ts -> src/sync/y.ts: the WebDAV layer knows only the core and the contract',
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

  it('module state in the pure code', () => {
    expect(
      moduleState([
        { file: 'src/core/a.ts', text: 'export let count = 0;\nconst fixed = 1;\nvar old = fixed;\n' },
        { file: 'src/sync/b.ts', text: 'let state = 0;\n' },
      ]),
    ).toEqual(['src/core/a.ts:1 count', 'src/core/a.ts:3 old']);
  });
});
