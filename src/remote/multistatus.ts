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
  const reader = new ResponseReader(segmentsBelow(basePath));
  scan(body, maxDepth, reader);
  return reader.entries;
}

/** The decoded segments of `href` below `basePath`, or null when it is outside it or malformed. */
export function hrefToSegments(href: string, basePath: string): string[] | null {
  return segmentsBelow(basePath)(href);
}

// --- parsing ---------------------------------------------------------------------------------------------

/**
 * One token at a `<`: a start or end tag (1: "/" of an end tag, 2: the qualified name, 3: the rest up to `>`,
 * quoted values skipped), or the opening of a comment, CDATA section, declaration or processing instruction.
 */
const TOKEN = /<(?:(\/?)([^\s/>!?]+)((?:[^>"']|"[^"]*"|'[^']*')*)>|(!--|!\[CDATA\[|[!?]))/y;

/**
 * One pass over the body that checks its structure and hands elements and text to the reader. Our own because a
 * listing of thousands of files must parse fast, and because general parsers accept truncated and unbalanced
 * documents: a truncated listing must not look like deleted files. Declarations (DOCTYPE, ENTITY) are refused, not
 * expanded; only the predefined entities and character references are decoded. No tree is built: the reader keeps
 * only what an entry needs.
 */
function scan(xml: string, maxDepth: number, reader: ResponseReader): void {
  /** Local names (namespace prefix dropped) of the open elements, the root first. */
  const open: string[] = [];
  let rootSeen = false;
  let strayText = false;
  let i = 0;
  for (;;) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? xml.length : lt;
    if (textEnd > i) {
      if (open.length === 0) strayText ||= hasText(xml, i, textEnd);
      else if (reader.captures(open.length - 1)) reader.text(decodeXmlEntities(xml.slice(i, textEnd)));
    }
    if (lt === -1) break;
    TOKEN.lastIndex = lt;
    const token = TOKEN.exec(xml);
    if (!token) throw notXml(xml.indexOf('>', lt) === -1 ? 'an unterminated tag' : 'a "<" that starts no tag');
    i = TOKEN.lastIndex;
    const slash = token[1];
    const name = token[2] as string;
    const rest = token[3] as string;
    const special = token[4];
    if (special !== undefined) {
      i = skipSpecial(xml, lt, special, reader.captures(open.length - 1) ? reader : null);
    } else if (slash) {
      const expected = open.pop();
      if (localName(name) !== expected || !isBlank(rest))
        throw notXml(`</${name}${rest}> does not close <${expected ?? ''}>`);
      reader.close(expected, open);
    } else {
      if (rootSeen && open.length === 0) throw notXml('there is more than one root element');
      if (!rootSeen) checkRoot(name, strayText);
      rootSeen = true;
      open.push(localName(name));
      const selfClosing = rest.endsWith('/');
      if (!selfClosing && open.length > maxDepth)
        throw new MultistatusError('too-deep', `elements nest deeper than ${maxDepth}`);
      reader.open(open);
      if (selfClosing) reader.close(open.pop() as string, open);
    }
  }
  if (!rootSeen) throw notXml('there is no root element');
  if (open.length > 0) throw notXml(`the body ends inside <${open[open.length - 1]}> (truncated?)`);
  if (strayText) throw notXml('there is text outside the root element');
}

/** Skips a comment, CDATA section or processing instruction (CDATA text goes to `capture`); refuses declarations. */
function skipSpecial(xml: string, lt: number, special: string, capture: ResponseReader | null): number {
  if (special === '?') return skipPast(xml, lt + 2, '?>');
  if (special === '!--') return skipPast(xml, lt + 4, '-->');
  if (special === '![CDATA[') {
    const end = skipPast(xml, lt + 9, ']]>');
    capture?.text(xml.slice(lt + 9, end - 3));
    return end;
  }
  return refuseDeclaration(xml, lt);
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
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

function isBlank(text: string): boolean {
  return !hasText(text, 0, text.length);
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

function checkRoot(name: string, strayText: boolean): void {
  if (localName(name) !== 'multistatus') {
    throw new MultistatusError('not-multistatus', `the root element is <${name}>, not a WebDAV multistatus`);
  }
  if (strayText) throw notXml('there is text before the root element');
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

/** A property as read: its own text, and for resourcetype whether it holds a collection. */
interface Property {
  text: string;
  collection: boolean;
}

type Captured = 'href' | 'status' | 'propstat-status' | 'property';

/**
 * Reads the responses into entries as the scanner walks the elements, by depth below the root: 1 a response, 2 its
 * href, status or propstat, 3 a propstat's status or prop, 4 a property, 5 a resourcetype's collection. An
 * element's text is its own, its children's excluded; of repeated elements the first counts.
 */
class ResponseReader {
  readonly entries: RemoteEntry[] = [];
  private href: string | null = null;
  private status: string | null = null;
  private propstats = 0;
  /** The properties of the 2xx propstats so far, the first of each name winning; null while there is none. */
  private merged: Map<string, Property> | null = null;
  private propstatStatus: string | null = null;
  private propstatProps = new Map<string, Property>();
  private property: Property | null = null;
  private captured: Captured | null = null;
  private captureDepth = -1;
  private buffer = '';

  constructor(private readonly toSegments: (href: string) => string[] | null) {}

  /** Whether text directly inside the element at `depth` (the innermost open one) is wanted. */
  captures(depth: number): boolean {
    return depth === this.captureDepth;
  }

  text(value: string): void {
    this.buffer += value;
  }

  /** `open` holds the local names of the open elements, the one just opened last. */
  open(open: readonly string[]): void {
    const depth = open.length - 1;
    const name = open[depth] as string;
    if (depth === 1) {
      if (name === 'response') this.startResponse();
      return;
    }
    if (open[1] !== 'response') return;
    if (depth === 2) {
      if (name === 'href' && this.href === null) this.capture('href', depth);
      else if (name === 'status' && this.status === null) this.capture('status', depth);
      else if (name === 'propstat') this.startPropstat();
    } else if (open[2] !== 'propstat') {
      return;
    } else if (depth === 3) {
      if (name === 'status' && this.propstatStatus === null) this.capture('propstat-status', depth);
    } else if (depth === 4 && open[3] === 'prop') {
      this.property = null;
      if (this.propstatProps.has(name)) return;
      this.property = { text: '', collection: false };
      this.propstatProps.set(name, this.property);
      this.capture('property', depth);
    } else if (depth === 5 && name === 'collection' && open[4] === 'resourcetype' && this.property) {
      this.property.collection = true;
    }
  }

  /** `name` just closed; `open` holds the elements still open around it. */
  close(name: string, open: readonly string[]): void {
    const depth = open.length;
    if (depth === this.captureDepth) this.endCapture();
    if (depth === 4) this.property = null;
    else if (depth === 2 && name === 'propstat' && open[1] === 'response') this.endPropstat();
    else if (depth === 1 && name === 'response') this.endResponse();
  }

  private capture(what: Captured, depth: number): void {
    this.captured = what;
    this.captureDepth = depth;
    this.buffer = '';
  }

  private endCapture(): void {
    const text = this.buffer;
    if (this.captured === 'href') this.href = text;
    else if (this.captured === 'status') this.status = text;
    else if (this.captured === 'propstat-status') this.propstatStatus = text;
    else if (this.property) this.property.text = text;
    this.captured = null;
    this.captureDepth = -1;
  }

  private startResponse(): void {
    this.href = null;
    this.status = null;
    this.propstats = 0;
    this.merged = null;
  }

  private startPropstat(): void {
    this.propstats++;
    this.propstatStatus = null;
    this.propstatProps = new Map();
  }

  private endPropstat(): void {
    if (!isSuccess(this.propstatStatus)) return;
    const merged = (this.merged ??= new Map());
    for (const [name, property] of this.propstatProps) if (!merged.has(name)) merged.set(name, property);
  }

  private endResponse(): void {
    if (this.href === null) return;
    const props = this.propstats === 0 ? (isSuccess(this.status) ? new Map() : null) : this.merged;
    if (!props) return;
    const path = this.toSegments(this.href.trim());
    if (!path) return;
    const value = (name: string) => props.get(name)?.text.trim() ?? null;
    const isDirectory = props.get('resourcetype')?.collection ?? false;
    this.entries.push({
      path,
      isDirectory,
      size: isDirectory ? null : parseSize(value('getcontentlength')),
      etag: value('getetag') || null,
      lastModified: parseDate(value('getlastmodified')),
      contentType: value('getcontenttype') || null,
    });
  }
}

function isSuccess(status: string | null): boolean {
  if (status === null) return true;
  const code = /^HTTP\/\d+(?:\.\d+)?\s+(\d{3})\b/i.exec(status.trim())?.[1];
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
