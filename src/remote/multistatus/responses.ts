/** The responses of a multistatus body read into entries, element by element as the scanner finds them. */
import type { RemoteEntry } from '../../core/remote-entry.js';
import type { ElementSink } from './scanner.js';

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
export class ResponseReader implements ElementSink {
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
