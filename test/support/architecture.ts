/**
 * The checker of docs/architecture.md's rules. Each check takes sources as `{ file, text }` (the file relative to
 * the repository root, with `/`) and returns what breaks a rule, as lines that name the files; an empty list is a
 * pass. Imports are read from TypeScript's syntax tree: every `import` and `export … from` (side-effect and
 * `import type` ones too), `import x = require('…')`, a dynamic `import('…')`, a `require('…')` and a type's
 * `import('…')`. A specifier that is computed (the host's `require(main)` of a plugin's bundle) names no file and
 * is no edge.
 */
import path from 'node:path';
import ts from 'typescript';

export interface SourceText {
  file: string;
  text: string;
}

/** What one source imports. */
export interface Imports {
  file: string;
  /** Files of the repository, relative to the root, a `.js` specifier read as its `.ts` source. */
  files: string[];
  /** Packages and `node:` modules. */
  modules: string[];
}

const HTTP_MODULES = new Set([
  'node:http',
  'node:https',
  'node:http2',
  'node:net',
  'node:tls',
  'webdav',
  'undici',
]);

const trees = new WeakMap<SourceText, ts.SourceFile>();

function tree(source: SourceText): ts.SourceFile {
  let parsed = trees.get(source);
  if (!parsed) {
    parsed = ts.createSourceFile(source.file, source.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    trees.set(source, parsed);
  }
  return parsed;
}

const inRoom = (file: string, room: string) => file.startsWith(`${room}/`);

function literal(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    ? node.text
    : undefined;
}

/** The module specifier a node imports by, if it is an import of any form with a literal specifier. */
function specifierOf(node: ts.Node): string | undefined {
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return literal(node.moduleSpecifier);
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
    return literal(node.moduleReference.expression);
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) return literal(node.argument.literal);
  if (
    ts.isCallExpression(node) &&
    (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
      (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
  )
    return literal(node.arguments[0]);
  return undefined;
}

export function importsOf(source: SourceText): Imports {
  const files: string[] = [];
  const modules: string[] = [];
  const visit = (node: ts.Node): void => {
    const specifier = specifierOf(node);
    if (specifier?.startsWith('.'))
      files.push(path.posix.join(path.posix.dirname(source.file), specifier).replace(/\.js$/, '.ts'));
    else if (specifier !== undefined) modules.push(specifier);
    ts.forEachChild(node, visit);
  };
  visit(tree(source));
  return { file: source.file, files, modules };
}

/** Every import a room's rule forbids, as `file -> import: why`. */
export function violations(sources: readonly SourceText[]): string[] {
  const found: string[] = [];
  for (const { file, files, modules } of sources.map(importsOf)) {
    const refuse = (target: string, why: string) => found.push(`${file} -> ${target}: ${why}`);
    for (const target of files) {
      if (inRoom(file, 'contract') && !inRoom(target, 'contract')) refuse(target, 'the contract is shared');
      if (inRoom(file, 'src/core') && !inRoom(target, 'src/core') && !inRoom(target, 'contract'))
        refuse(target, 'the pure core imports only the core and the contract');
      if (
        inRoom(file, 'src/remote') &&
        !['src/remote', 'src/core', 'contract'].some((r) => inRoom(target, r))
      )
        refuse(target, 'the WebDAV layer knows only the core and the contract');
      if (inRoom(file, 'src/local') && !['src/local', 'src/core', 'contract'].some((r) => inRoom(target, r)))
        refuse(target, 'the local disk layer knows only the core and the contract');
      if (inRoom(file, 'src') && (inRoom(target, 'host') || inRoom(target, 'tools')))
        refuse(target, 'the plugin knows the host only through the contract');
      if (inRoom(file, 'host') && (inRoom(target, 'src') || inRoom(target, 'tools')))
        refuse(target, 'the host is generic: it imports nothing of a plugin');
    }
    for (const module of modules) {
      if ((inRoom(file, 'src/core') || inRoom(file, 'contract')) && module !== 'zod')
        refuse(module, 'pure code imports no I/O');
      if (inRoom(file, 'src') && !inRoom(file, 'src/remote') && HTTP_MODULES.has(module))
        refuse(module, 'only src/remote/ speaks HTTP');
    }
  }
  return found;
}

/** The edges between the given sources: each file to the files among them it imports, in file order. */
function fileEdges(sources: readonly SourceText[]): Map<string, string[]> {
  const known = new Set(sources.map((s) => s.file));
  const all = sources.map(importsOf).sort((a, b) => a.file.localeCompare(b.file));
  return new Map(all.map((i) => [i.file, [...new Set(i.files.filter((f) => known.has(f)))]]));
}

/**
 * The import cycles between files, each as `a -> b -> … -> a`: one for every edge back to a file still open in a
 * depth-first walk, so every tangle shows up at least once.
 */
export function fileCycles(sources: readonly SourceText[]): string[] {
  const edges = fileEdges(sources);
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of edges.keys()) if (!state.has(file)) visit(file);
  return found;
}

/**
 * A file's node in the folder graph of a room: its folder, or for a file at the top of the room, the file itself
 * (the room's top-level files wire the folders together and hold shared helpers, so they are not one node).
 */
export function folderOf(file: string, room = 'src'): string {
  const folder = path.posix.dirname(file);
  return folder === room ? file : folder;
}

/** Enough cycles to show any tangle; past it the walk stops, saying so. */
const MAX_FOLDER_CYCLES = 200;

/**
 * Every elementary cycle between the folders of a room (see folderOf), edges within one folder left out. Each is
 * one line, then the file edges that make its steps, in the order of the steps:
 *
 *     src/a -> src/b -> src/a
 *       src/a/one.ts -> src/b/two.ts
 *       src/b/two.ts -> src/a/three.ts
 */
export function folderCycles(sources: readonly SourceText[], room = 'src'): string[] {
  const steps = new Map<string, Map<string, string[]>>();
  for (const [file, targets] of fileEdges(sources.filter((s) => inRoom(s.file, room)))) {
    const from = folderOf(file, room);
    for (const target of targets) {
      const to = folderOf(target, room);
      if (from === to) continue;
      const byTarget = steps.get(from) ?? new Map<string, string[]>();
      steps.set(from, byTarget);
      byTarget.set(to, [...(byTarget.get(to) ?? []), `${file} -> ${target}`]);
    }
  }
  const cycles: string[][] = [];
  // Each cycle once: from its first node in sorted order, through later nodes only.
  const walk = (start: string, trail: string[]): void => {
    const last = trail[trail.length - 1] as string;
    for (const next of [...(steps.get(last)?.keys() ?? [])].sort()) {
      if (cycles.length >= MAX_FOLDER_CYCLES) return;
      if (next === start) cycles.push([...trail, start]);
      else if (next > start && !trail.includes(next)) walk(start, [...trail, next]);
    }
  };
  for (const node of [...steps.keys()].sort()) walk(node, [node]);
  const described = cycles.map((cycle) =>
    [
      cycle.join(' -> '),
      ...cycle.slice(1).flatMap((to, i) => steps.get(cycle[i] as string)?.get(to) ?? []),
    ].join('\n  '),
  );
  if (cycles.length >= MAX_FOLDER_CYCLES) described.push(`(stopped after ${MAX_FOLDER_CYCLES} cycles)`);
  return described;
}

/** The pure core's and the contract's module state: each top-level `let` or `var`, as `file:line name`. */
export function moduleState(sources: readonly SourceText[]): string[] {
  const found: string[] = [];
  for (const source of sources) {
    if (!inRoom(source.file, 'src/core') && !inRoom(source.file, 'contract')) continue;
    const parsed = tree(source);
    for (const statement of parsed.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      const list = statement.declarationList;
      if (list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Using | ts.NodeFlags.AwaitUsing)) continue;
      for (const declaration of list.declarations) {
        const { line } = parsed.getLineAndCharacterOfPosition(declaration.getStart(parsed));
        found.push(`${source.file}:${line + 1} ${declaration.name.getText(parsed)}`);
      }
    }
  }
  return found;
}

/** The host's files that name this plugin: its id, its environment variables, or a secret called 'password'. */
export function hostNamingPlugin(sources: readonly SourceText[]): string[] {
  return sources
    .filter((s) => inRoom(s.file, 'host'))
    .filter((s) => /congregation-sync|CONGSYNC_|\bsecrets?\b[^\n]*'password'/.test(s.text))
    .map((s) => s.file);
}

type FunctionLike =
  | ts.FunctionDeclaration
  | ts.MethodDeclaration
  | ts.ArrowFunction
  | ts.FunctionExpression
  | ts.ConstructorDeclaration;

function isFunctionLike(node: ts.Node): node is FunctionLike {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node) ||
    ts.isConstructorDeclaration(node)
  );
}

/** The class around a member, for `Class.member`. */
function owner(node: ts.Node): string {
  const parent = node.parent;
  return parent && (ts.isClassDeclaration(parent) || ts.isClassExpression(parent)) && parent.name
    ? `${parent.name.text}.`
    : '';
}

/** A function's name: its own, or that of what holds it (a variable, a property, a call it is passed to). */
function nameOf(node: FunctionLike, parsed: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return `${owner(node)}constructor`;
  if (ts.isMethodDeclaration(node)) return `${owner(node)}${node.name.getText(parsed)}`;
  if (node.name) return node.name.getText(parsed);
  if (ts.isFunctionDeclaration(node)) return 'default function';
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText(parsed);
  if (ts.isPropertyDeclaration(parent)) return `${owner(parent)}${parent.name.getText(parsed)}`;
  if (ts.isCallExpression(parent)) return `(passed to ${parent.expression.getText(parsed)})`;
  return '(anonymous)';
}

/**
 * Every function (declaration, method, constructor, arrow function, function expression) with more than `max`
 * parameters, as `file:line name (N parameters)`; a `this` parameter types the receiver and is not counted.
 */
export function longParameterLists(sources: readonly SourceText[], max = 5): string[] {
  const found: string[] = [];
  for (const source of sources) {
    const parsed = tree(source);
    const visit = (node: ts.Node): void => {
      if (isFunctionLike(node)) {
        const parameters = node.parameters.filter(
          (p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'),
        ).length;
        if (parameters > max) {
          const { line } = parsed.getLineAndCharacterOfPosition(node.getStart(parsed));
          found.push(`${source.file}:${line + 1} ${nameOf(node, parsed)} (${parameters} parameters)`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(parsed);
  }
  return found;
}
