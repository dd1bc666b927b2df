/** One resource of a PROPFIND listing. */
export interface RemoteEntry {
  /** Percent-decoded path segments relative to the listed base folder; [] is the base itself. */
  path: string[];
  isDirectory: boolean;
  /** getcontentlength; null when absent or invalid, and always for directories. */
  size: number | null;
  /** getetag exactly as sent (trimmed, quotes and W/ kept); null when absent or empty. */
  etag: string | null;
  /** getlastmodified as an ISO string; null when absent or unparseable. */
  lastModified: string | null;
  contentType: string | null;
}

export type MultistatusErrorReason = 'not-xml' | 'not-multistatus' | 'entity' | 'too-large' | 'too-deep';

export class MultistatusError extends Error {
  constructor(
    public readonly reason: MultistatusErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'MultistatusError';
  }
}

export interface MultistatusOptions {
  maxBytes?: number;
  maxDepth?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 64;

/** An element of the body: its local name (namespace prefix dropped), child elements and text. */
interface Element {
  name: string;
  children: Element[];
  text: string;
}

/** Parses a PROPFIND 207 body into the entries below `basePath`; throws only MultistatusError. */
export function parseMultistatus(
  xml: string,
  basePath: string,
  options: MultistatusOptions = {},
): RemoteEntry[] {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (typeof xml !== 'string') throw new MultistatusError('not-xml', 'the body is not text');
  // A string's UTF-8 size is never below its length, so huge bodies are refused without counting.
  if (xml.length > maxBytes || Buffer.byteLength(xml) > maxBytes) {
    throw new MultistatusError('too-large', `the listing is larger than ${maxBytes} bytes`);
  }
  const body = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const root = parseElements(body, maxDepth);
  const toSegments = segmentsBelow(basePath);
  const entries: RemoteEntry[] = [];
  for (const response of children(root, 'response')) {
    const entry = toEntry(response, toSegments);
    if (entry) entries.push(entry);
  }
  return entries;
}

/** The decoded segments of `href` below `basePath`, or null when it is outside it or malformed. */
export function hrefToSegments(href: string, basePath: string): string[] | null {
  return segmentsBelow(basePath)(href);
}

// --- parsing ---------------------------------------------------------------------------------------------

/**
 * One pass over the body that checks its structure and builds the elements. Our own because a listing of
 * thousands of files must parse fast, and because general parsers accept truncated and unbalanced documents:
 * a truncated listing must not look like deleted files. Declarations (DOCTYPE, ENTITY) are refused, not expanded;
 * only the predefined entities and character references are decoded.
 */
function parseElements(xml: string, maxDepth: number): Element {
  const open: Element[] = [];
  let root: Element | undefined;
  let strayText = false;
  let i = 0;
  for (;;) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? xml.length : lt;
    const top = open[open.length - 1];
    if (top) {
      if (textEnd > i) top.text += decodeXmlEntities(xml.slice(i, textEnd));
    } else if (hasText(xml, i, textEnd)) strayText = true;
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x3f /* ? */) i = skipPast(xml, lt + 2, '?>');
    else if (xml.startsWith('<!--', lt)) i = skipPast(xml, lt + 4, '-->');
    else if (xml.startsWith('<![CDATA[', lt)) {
      i = skipPast(xml, lt + 9, ']]>');
      if (top) top.text += xml.slice(lt + 9, i - 3);
    } else if (next === 0x21 /* ! */) refuseDeclaration(xml, lt);
    else if (next === 0x2f /* / */) i = closeTag(xml, lt, open);
    else {
      const end = startTagEnd(xml, lt + 1);
      const name = tagName(xml, lt + 1, end);
      const element: Element = { name: name.slice(name.indexOf(':') + 1), children: [], text: '' };
      if (!root) {
        checkRoot(name, strayText);
        root = element;
      } else if (!top) throw notXml('there is more than one root element');
      else top.children.push(element);
      if (xml.charCodeAt(end - 1) !== 0x2f /* / */) {
        open.push(element);
        if (open.length > maxDepth)
          throw new MultistatusError('too-deep', `elements nest deeper than ${maxDepth}`);
      }
      i = end + 1;
    }
  }
  if (!root) throw notXml('there is no root element');
  if (open.length > 0) throw notXml(`the body ends inside <${open[open.length - 1]?.name}> (truncated?)`);
  if (strayText) throw notXml('there is text outside the root element');
  return root;
}

function notXml(why: string): MultistatusError {
  return new MultistatusError('not-xml', `the listing is not XML: ${why}`);
}

function hasText(xml: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = xml.charCodeAt(k);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return true;
  }
  return false;
}

function skipPast(xml: string, from: number, terminator: string): number {
  const end = xml.indexOf(terminator, from);
  if (end === -1) throw notXml(`an unterminated construct (missing "${terminator}")`);
  return end + terminator.length;
}

function refuseDeclaration(xml: string, lt: number): never {
  // An HTML error page is a wrong answer, not an attack; a DTD with a subset or entities may be one.
  const end = xml.indexOf('>', lt);
  const decl = xml.slice(lt, end === -1 ? xml.length : end);
  if (/^<!doctype\s+html\b[^[]*$/i.test(decl)) {
    throw new MultistatusError('not-multistatus', 'the server answered with an HTML page');
  }
  throw new MultistatusError('entity', 'the listing has a DOCTYPE or ENTITY declaration');
}

function closeTag(xml: string, lt: number, open: Element[]): number {
  const end = xml.indexOf('>', lt);
  if (end === -1) throw notXml('an unterminated closing tag');
  const name = xml.slice(lt + 2, end).trimEnd();
  const expected = open.pop();
  if (name.slice(name.indexOf(':') + 1) !== expected?.name) {
    throw notXml(`</${name}> does not close <${expected?.name ?? ''}>`);
  }
  return end + 1;
}

/** The index of the `>` ending a start tag, skipping quoted attribute values. */
function startTagEnd(xml: string, from: number): number {
  for (let k = from; k < xml.length; k++) {
    const c = xml.charCodeAt(k);
    if (c === 0x3e /* > */) return k;
    if (c === 0x22 || c === 0x27) {
      k = xml.indexOf(xml[k] as string, k + 1);
      if (k === -1) break;
    }
  }
  throw notXml('an unterminated start tag');
}

const TAG_NAME = /[^\s/>]+/y;

function tagName(xml: string, from: number, end: number): string {
  TAG_NAME.lastIndex = from;
  const name = TAG_NAME.exec(xml)?.[0];
  if (!name || from + name.length > end) throw notXml('a "<" that starts no tag');
  return name;
}

function checkRoot(name: string, strayText: boolean): void {
  const local = name.slice(name.indexOf(':') + 1);
  if (local !== 'multistatus') {
    throw new MultistatusError('not-multistatus', `the root element is <${name}>, not a WebDAV multistatus`);
  }
  if (strayText) throw notXml('there is text before the root element');
}

function children(parent: Element | undefined, name: string): Element[] {
  return parent ? parent.children.filter((child) => child.name === name) : [];
}

function text(parent: Element | undefined, name: string): string | null {
  const child = parent?.children.find((c) => c.name === name);
  return child ? child.text.trim() : null;
}

const XML_ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([\da-fA-F]{1,6}));/g;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Only the predefined entities and character references: the parser is told to expand none. */
function decodeXmlEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(XML_ENTITY, (whole, named: string | undefined, dec?: string, hex?: string) => {
    if (named) return NAMED_ENTITIES[named] ?? whole;
    const code = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function toEntry(response: Element, toSegments: (href: string) => string[] | null): RemoteEntry | null {
  const href = text(response, 'href');
  if (href === null) return null;
  const props = successfulProps(response);
  if (!props) return null;
  const path = toSegments(href);
  if (!path) return null;
  const isDirectory = children(props, 'resourcetype').some((type) => children(type, 'collection').length > 0);
  return {
    path,
    isDirectory,
    size: isDirectory ? null : parseSize(text(props, 'getcontentlength')),
    etag: text(props, 'getetag') || null,
    lastModified: parseDate(text(props, 'getlastmodified')),
    contentType: text(props, 'getcontenttype') || null,
  };
}

/** The props of all 2xx propstats merged (the first of each name wins), or null when the resource has none. */
function successfulProps(response: Element): Element | null {
  const propstats = children(response, 'propstat');
  const merged: Element = { name: 'prop', children: [], text: '' };
  if (propstats.length === 0) return isSuccess(text(response, 'status')) ? merged : null;
  let found = false;
  for (const propstat of propstats) {
    if (!isSuccess(text(propstat, 'status'))) continue;
    found = true;
    for (const prop of children(propstat, 'prop')) {
      for (const property of prop.children) {
        if (!merged.children.some((known) => known.name === property.name)) merged.children.push(property);
      }
    }
  }
  return found ? merged : null;
}

function isSuccess(status: string | null): boolean {
  if (status === null) return true;
  const code = /^HTTP\/\d+(?:\.\d+)?\s+(\d{3})\b/i.exec(status)?.[1];
  return code?.startsWith('2') ?? false;
}

function parseSize(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value)) return null;
  const size = Number(value);
  return Number.isSafeInteger(size) ? size : null;
}

function parseDate(value: string | null): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

// --- hrefs -----------------------------------------------------------------------------------------------

const SCHEME_AND_AUTHORITY = /^[a-z][a-z\d+.-]*:\/\/[^/]*/i;

/** A matcher from hrefs to segments below the base, which is decoded once. */
function segmentsBelow(basePath: string): (href: string) => string[] | null {
  const base = decodeSegments(urlPath(basePath), []);
  const baseKeys = base?.map((segment) => segment.normalize('NFC'));
  return (href) => {
    if (!baseKeys) return null;
    const path = urlPath(href);
    const segments = decodeSegments(path, path.startsWith('/') ? [] : (base ?? []));
    if (!segments || segments.length < baseKeys.length) return null;
    for (let k = 0; k < baseKeys.length; k++) {
      if ((segments[k] as string).normalize('NFC') !== baseKeys[k]) return null;
    }
    return segments.slice(baseKeys.length);
  };
}

function urlPath(href: string): string {
  const prefix = SCHEME_AND_AUTHORITY.exec(href);
  return prefix ? href.slice(prefix[0].length) || '/' : href;
}

/** Splits before decoding so an encoded slash stays inside its segment; dot segments are resolved. */
function decodeSegments(path: string, parent: readonly string[]): string[] | null {
  const segments = [...parent];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    let segment = raw;
    try {
      if (raw.includes('%')) segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '..') {
      if (segments.pop() === undefined) return null;
    } else if (segment !== '.') {
      segments.push(segment);
    }
  }
  return segments;
}
