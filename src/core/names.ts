import { utf8Bytes } from './utf8.js';

export type NameProblem =
  | 'empty'
  | 'dot-segment'
  | 'separator'
  | 'control-character'
  | 'reserved-name'
  | 'trailing-dot-or-space'
  | 'too-long';

export type NameCheck = { ok: true; name: string } | { ok: false; reason: NameProblem };

export const MAX_NAME_BYTES = 255;

const SEPARATOR_RE = /[/\\]/;
// Lone surrogates are included: the file system would silently turn them into U+FFFD.
const FORBIDDEN_CHAR_RE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f<>:"|?*]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Windows ignores the extension and trailing spaces of the base name when spotting devices.
const RESERVED_RE = /^(?:CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³]) *(?:\..*)?$/i;
const TRAILING_RE = /[. ]$/;

function problemOf(name: string): NameProblem | null {
  if (name === '') return 'empty';
  if (name === '.' || name === '..') return 'dot-segment';
  if (SEPARATOR_RE.test(name)) return 'separator';
  if (FORBIDDEN_CHAR_RE.test(name)) return 'control-character';
  if (RESERVED_RE.test(name)) return 'reserved-name';
  if (TRAILING_RE.test(name)) return 'trailing-dot-or-space';
  // A UTF-16 code unit takes at most 3 bytes in UTF-8: short names need no counting.
  if (name.length * 3 > MAX_NAME_BYTES && utf8Bytes(name) > MAX_NAME_BYTES) return 'too-long';
  return null;
}

/** Accepts a server-supplied file name as is (NFC) or says why not; never renames. */
export function checkName(raw: string): NameCheck {
  const name = raw.normalize('NFC');
  const reason = problemOf(name);
  return reason === null ? { ok: true, name } : { ok: false, reason };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range
const ASCII_RE = /^[\u0000-\u007f]*$/;

/** The key under which names are one file on a case- or normalisation-insensitive file system. */
export const foldName = (name: string): string =>
  ASCII_RE.test(name)
    ? name.toLowerCase()
    : name.normalize('NFC').toLowerCase().toUpperCase().toLowerCase().normalize('NFC');

/** A name like `name` that none of `taken` (folded names) has: `Talk.mp4` → `Talk (2).mp4`, then `Talk (3).mp4`. */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${extension}`;
    if (!taken.has(foldName(candidate))) return candidate;
  }
}
