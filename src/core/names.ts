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

export const problemText: Record<NameProblem, { en: string; de: string }> = {
  empty: { en: 'the name is empty', de: 'der Name ist leer' },
  'dot-segment': { en: 'the name is "." or ".."', de: 'der Name ist „.“ oder „..“' },
  separator: { en: 'the name contains a path separator', de: 'der Name enthält ein Pfadtrennzeichen' },
  'control-character': {
    en: 'the name contains a control character or a character not allowed in file names (< > : " | ? *)',
    de: 'der Name enthält ein Steuerzeichen oder ein in Dateinamen unzulässiges Zeichen (< > : " | ? *)',
  },
  'reserved-name': {
    en: 'the name is reserved by Windows (such as CON, NUL, COM1 or LPT1)',
    de: 'der Name ist unter Windows reserviert (etwa CON, NUL, COM1 oder LPT1)',
  },
  'trailing-dot-or-space': {
    en: 'the name ends with a dot or a space',
    de: 'der Name endet mit einem Punkt oder einem Leerzeichen',
  },
  'too-long': {
    en: `the name is longer than ${MAX_NAME_BYTES} bytes`,
    de: `der Name ist länger als ${MAX_NAME_BYTES} Byte`,
  },
};

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

/** Names a user uploads follow the same rules as names from the server. */
export function safeUploadName(raw: string): NameCheck {
  return checkName(raw);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range
const ASCII_RE = /^[\u0000-\u007f]*$/;

/** The key under which names are one file on a case- or normalisation-insensitive file system. */
export const foldName = (name: string): string =>
  ASCII_RE.test(name)
    ? name.toLowerCase()
    : name.normalize('NFC').toLowerCase().toUpperCase().toLowerCase().normalize('NFC');

/** Groups of distinct names that would be one file on a case- or normalisation-insensitive file system. */
export function findCollisions(names: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const name of new Set(names)) {
    const key = foldName(name);
    const group = groups.get(key);
    if (group) group.push(name);
    else groups.set(key, [name]);
  }
  const collisions = new Map<string, string[]>();
  for (const [key, group] of groups) {
    if (group.length > 1) collisions.set(key, group.sort());
  }
  return collisions;
}

/** A name like `name` that none of `taken` (folded names) has: `Talk.mp4` → `Talk (2).mp4`, then `Talk (3).mp4`. */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${extension}`;
    if (!taken.has(foldName(candidate))) return candidate;
  }
}
