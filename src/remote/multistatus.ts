/** Multistatus bodies (PROPFIND 207) parsed as they arrive: the scanner (multistatus/scanner.ts) checks the XML, the
 * response reader (multistatus/responses.ts) builds the entries, hrefs.ts turns hrefs into segments. */
import { StringDecoder } from 'node:string_decoder';
import type { RemoteEntry } from '../core/remote-entry.js';
import { segmentsBelow } from './multistatus/hrefs.js';
import { ResponseReader } from './multistatus/responses.js';
import { MultistatusError, Scanner } from './multistatus/scanner.js';

export interface MultistatusOptions {
  maxBytes?: number;
  maxDepth?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 64;

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
