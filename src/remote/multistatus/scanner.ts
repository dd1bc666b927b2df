/** The XML scanner of multistatus bodies: structure checked as the body arrives, elements and text handed on. */

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

/** The longest tag, text or comment a listing may hold: one longer is no listing, and is not buffered. */
const MAX_TOKEN_CHARS = 1024 * 1024;
/** What the scanner hands elements and text to (the response reader). */
export interface ElementSink {
  /** Whether text directly inside the element at `depth` (the innermost open one) is wanted. */
  captures(depth: number): boolean;
  text(value: string): void;
  /** `open` holds the local names of the open elements, the one just opened last. */
  open(open: readonly string[]): void;
  /** `name` just closed; `open` holds the elements still open around it. */
  close(name: string, open: readonly string[]): void;
}

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
export class Scanner {
  /** Local names (namespace prefix dropped) of the open elements, the root first. */
  private readonly open: string[] = [];
  private rootSeen = false;
  private strayText = false;
  /** The start of a token or text that the body so far ends inside. */
  private pending = '';

  constructor(
    private readonly maxDepth: number,
    private readonly reader: ElementSink,
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
function skipSpecial(xml: string, lt: number, final: boolean, capture: ElementSink | null): number {
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

export function localName(name: string): string {
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
