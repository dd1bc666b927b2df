import { StringDecoder } from 'node:string_decoder';
import type { RemoteEntry } from '../core/remote-entry.js';

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
/** The longest tag, text or comment a listing may hold: one longer is no listing, and is not buffered. */
const MAX_TOKEN_CHARS = 1024 * 1024;

/** Parses a whole PROPFIND 207 body into the entries below `basePath`; throws only MultistatusError. */
export function parseMultistatus(
  xml: string,
  basePath: string,
  options: MultistatusOptions = {},
): RemoteEntry[] {
  if (typeof xml !== 'string') throw new MultistatusError('not-xml', 'the body is not text');
  const parser = new MultistatusParser(basePath, options);
  parser.write(xml);
  return parser.end();
}

/**
 * Parses a PROPFIND 207 body as it arrives, chunk by chunk, so that a large listing is read while the server is
 * still sending it; end() checks that the body was whole and gives the entries. Throws only MultistatusError.
 */
export class MultistatusParser {
  private readonly maxBytes: number;
  private readonly decoder = new StringDecoder('utf8');
  private readonly reader: ResponseReader;
  private readonly scanner: Scanner;
  private bytes = 0;
  private started = false;

  constructor(basePath: string, options: MultistatusOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.reader = new ResponseReader(segmentsBelow(basePath));
    this.scanner = new Scanner(options.maxDepth ?? DEFAULT_MAX_DEPTH, this.reader);
  }

  /** The next part of the body: Buffers as they arrive (characters may be split), or text; not both. */
  write(chunk: Buffer | string): void {
    // A string's UTF-8 size is never below its length: huge strings are refused before counting.
    this.bytes += chunk.length;
    if (typeof chunk === 'string' && this.bytes <= this.maxBytes)
      this.bytes += Buffer.byteLength(chunk) - chunk.length;
    if (this.bytes > this.maxBytes)
      throw new MultistatusError('too-large', `the listing is larger than ${this.maxBytes} bytes`);
    this.feed(typeof chunk === 'string' ? chunk : this.decoder.write(chunk), false);
  }

  end(): RemoteEntry[] {
    this.feed(this.decoder.end(), true);
    return this.reader.entries;
  }

  private feed(text: string, final: boolean): void {
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.scanner.feed(text, final);
  }
}

/** The decoded segments of `href` below `basePath`, or null when it is outside it or malformed. */
export function hrefToSegments(href: string, basePath: string): string[] | null {
  return segmentsBelow(basePath)(href);
}

// --- parsing ---------------------------------------------------------------------------------------------

/** A tag's name, and after it the rest of a start tag up to its `>` (quoted values may hold a `>`). */
const TAG_NAME = /[^\s/>]+/y;
const TAG_REST = /(?:[^>"']|"[^"]*"|'[^']*')*>/y;
/** A namespace prefix with its colon, at the start of a name. */
const PREFIX = /[^\s/>:]*:/y;
/** What a step gives back when the body so far ends inside its token. */
const MORE = -1;

/**
 * The body's structure, checked as it arrives, with elements and text handed to the reader. Our own because a
 * listing of thousands of files must parse fast, and because general parsers accept truncated and unbalanced
 * documents: a truncated listing must not look like deleted files. Declarations (DOCTYPE, ENTITY) are refused, not
 * expanded; only the predefined entities and character references are decoded. No tree is built, and a tag costs
 * no more than its local name: the reader keeps only what an entry needs.
 */
class Scanner {
  /** Local names (namespace prefix dropped) of the open elements, the root first. */
  private readonly open: string[] = [];
  private rootSeen = false;
  private strayText = false;
  /** The start of a token or text that the body so far ends inside. */
  private pending = '';

  constructor(
    private readonly maxDepth: number,
    private readonly reader: ResponseReader,
  ) {}

  /** Scans `text` after what was pending; `final` says the body ends there. */
  feed(text: string, final: boolean): void {
    const xml = this.pending + text;
    const consumed = this.scan(xml, final);
    this.pending = xml.slice(consumed);
    if (this.pending.length > MAX_TOKEN_CHARS)
      throw notXml(`a tag, text or comment longer than ${MAX_TOKEN_CHARS} characters`);
    if (!final) return;
    if (!this.rootSeen) throw notXml('there is no root element');
    if (this.open.length > 0)
      throw notXml(`the body ends inside <${this.open[this.open.length - 1]}> (truncated?)`);
    if (this.strayText) throw notXml('there is text outside the root element');
  }

  /** Scans the complete tokens of `xml`; returns where the first incomplete one starts. */
  private scan(xml: string, final: boolean): number {
    let i = 0;
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt === -1) {
        if (!final) return i;
        this.text(xml, i, xml.length);
        return xml.length;
      }
      this.text(xml, i, lt);
      if (lt + 1 === xml.length) {
        if (final) throw notXml('a "<" that starts no tag');
        return lt;
      }
      const next = this.token(xml, lt, final);
      if (next === MORE) return lt;
      i = next;
    }
  }

  private text(xml: string, from: number, to: number): void {
    if (to <= from) return;
    if (this.open.length === 0) this.strayText ||= hasText(xml, from, to);
    else if (this.reader.captures(this.open.length - 1))
      this.reader.text(decodeXmlEntities(xml.slice(from, to)));
  }

  /** The tag or construct at `lt`: returns the index after it, or MORE. */
  private token(xml: string, lt: number, final: boolean): number {
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x2f /* / */) return this.closeTag(xml, lt, final);
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      const capture = this.reader.captures(this.open.length - 1) ? this.reader : null;
      return skipSpecial(xml, lt, final, capture);
    }
    return this.startTag(xml, lt, final);
  }

  private startTag(xml: string, lt: number, final: boolean): number {
    TAG_NAME.lastIndex = lt + 1;
    if (!TAG_NAME.test(xml)) throw notXml('a "<" that starts no tag');
    const nameEnd = TAG_NAME.lastIndex;
    TAG_REST.lastIndex = nameEnd;
    if (!TAG_REST.test(xml)) {
      if (final) throw notXml('an unterminated start tag');
      return MORE;
    }
    const end = TAG_REST.lastIndex;
    const { open } = this;
    if (this.rootSeen && open.length === 0) throw notXml('there is more than one root element');
    if (!this.rootSeen) checkRoot(xml.slice(lt + 1, nameEnd), this.strayText);
    this.rootSeen = true;
    open.push(xml.slice(localStart(xml, lt + 1, nameEnd), nameEnd));
    const selfClosing = xml.charCodeAt(end - 2) === 0x2f; /* / */
    if (!selfClosing && open.length > this.maxDepth)
      throw new MultistatusError('too-deep', `elements nest deeper than ${this.maxDepth}`);
    this.reader.open(open);
    if (selfClosing) this.reader.close(open.pop() as string, open);
    return end;
  }

  /** Checks that the end tag at `lt` closes the innermost open element, and pops it. */
  private closeTag(xml: string, lt: number, final: boolean): number {
    const gt = xml.indexOf('>', lt);
    if (gt === -1) {
      if (final) throw notXml('an unterminated closing tag');
      return MORE;
    }
    let nameEnd = gt;
    while (nameEnd > lt + 2 && isSpace(xml.charCodeAt(nameEnd - 1))) nameEnd--;
    const start = localStart(xml, lt + 2, nameEnd);
    const expected = this.open.pop();
    if (expected === undefined || nameEnd - start !== expected.length || !xml.startsWith(expected, start))
      throw notXml(`</${xml.slice(lt + 2, gt)}> does not close <${expected ?? ''}>`);
    this.reader.close(expected, this.open);
    return gt + 1;
  }
}

/** Where the local part of the name from `start` to `end` begins (after its prefix, if any). */
function localStart(xml: string, start: number, end: number): number {
  PREFIX.lastIndex = start;
  return PREFIX.test(xml) && PREFIX.lastIndex <= end ? PREFIX.lastIndex : start;
}

/**
 * Skips a comment, CDATA section or processing instruction (CDATA text goes to `capture`), or MORE while the body
 * so far ends inside one; refuses declarations.
 */
function skipSpecial(xml: string, lt: number, final: boolean, capture: ResponseReader | null): number {
  const rest = xml.length - lt;
  if (
    !final &&
    ((rest < 4 && '<!--'.startsWith(xml.slice(lt))) || (rest < 9 && '<![CDATA['.startsWith(xml.slice(lt))))
  )
    return MORE;
  const past = (from: number, terminator: string) => {
    const end = xml.indexOf(terminator, from);
    if (end !== -1) return end + terminator.length;
    if (final) throw notXml(`an unterminated construct (missing "${terminator}")`);
    return MORE;
  };
  if (xml.charCodeAt(lt + 1) === 0x3f /* ? */) return past(lt + 2, '?>');
  if (xml.startsWith('<!--', lt)) return past(lt + 4, '-->');
  if (xml.startsWith('<![CDATA[', lt)) {
    const end = past(lt + 9, ']]>');
    if (end !== MORE) capture?.text(xml.slice(lt + 9, end - 3));
    return end;
  }
  if (!final && xml.indexOf('>', lt) === -1) return MORE;
  return refuseDeclaration(xml, lt);
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function notXml(why: string): MultistatusError {
  return new MultistatusError('not-xml', `the listing is not XML: ${why}`);
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function hasText(xml: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isSpace(xml.charCodeAt(k))) return true;
  return false;
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
  name: string;
  text: string;
  collection: boolean;
}

/** Of a handful of properties, the one named `name`. */
function propertyNamed(props: readonly Property[], name: string): Property | undefined {
  for (let k = 0; k < props.length; k++) if ((props[k] as Property).name === name) return props[k];
  return undefined;
}

function textOf(props: readonly Property[], name: string): string | null {
  return propertyNamed(props, name)?.text.trim() ?? null;
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
  private merged: Property[] | null = null;
  private propstatStatus: string | null = null;
  private propstatProps: Property[] = [];
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
      if (propertyNamed(this.propstatProps, name)) return;
      this.property = { name, text: '', collection: false };
      this.propstatProps.push(this.property);
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
    this.propstatProps = [];
  }

  private endPropstat(): void {
    if (!isSuccess(this.propstatStatus)) return;
    const merged = this.merged ?? [];
    for (const property of this.propstatProps)
      if (!propertyNamed(merged, property.name)) merged.push(property);
    this.merged = merged;
  }

  private endResponse(): void {
    if (this.href === null) return;
    const props = this.propstats === 0 ? (isSuccess(this.status) ? [] : null) : this.merged;
    if (!props) return;
    const path = this.toSegments(this.href.trim());
    if (!path) return;
    const isDirectory = propertyNamed(props, 'resourcetype')?.collection ?? false;
    this.entries.push({
      path,
      isDirectory,
      size: isDirectory ? null : parseSize(textOf(props, 'getcontentlength')),
      etag: textOf(props, 'getetag') || null,
      lastModified: parseDate(textOf(props, 'getlastmodified')),
    });
  }
}

function isSuccess(status: string | null): boolean {
  if (status === null || status === 'HTTP/1.1 200 OK') return true;
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
  // Most servers spell the base in every href as it was asked for: then only the rest needs decoding.
  const asAsked = basePath.endsWith('/') ? basePath : `${basePath}/`;
  return (href) => {
    if (!baseKeys) return null;
    if (href.startsWith(asAsked)) return decodeSegments(href.slice(asAsked.length), []);
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
