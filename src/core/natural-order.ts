/**
 * A natural order of names, as a reader expects: digit runs compare by value, letters by their base letter (case and
 * accents aside), other characters before digits and digits before letters. Our own rather than `Intl.Collator`:
 * making a collator loads a locale's collation data, milliseconds at every start of a command.
 */

/** Combining marks weigh nothing at the first level: `e` + U+0301 is `é` is `e`. */
const IGNORABLE = -1;
const DIGIT = 0x10000;
const LETTER = 0x20000;

const weights = new Map<number, number>();

/** The first-level weight of a UTF-16 code unit (digits are compared as runs, elsewhere). */
function weight(c: number): number {
  if (c < 0x80) {
    if (c >= 0x61 && c <= 0x7a) return LETTER + c;
    if (c >= 0x41 && c <= 0x5a) return LETTER + c + 0x20;
    return c;
  }
  let known = weights.get(c);
  if (known === undefined) {
    const char = String.fromCharCode(c);
    const base = char.normalize('NFD').toLowerCase().charCodeAt(0);
    known = /\p{M}/u.test(char) ? IGNORABLE : /\p{L}/u.test(char) ? LETTER + base : c;
    weights.set(c, known);
  }
  return known;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

function skipIgnorable(s: string, i: number): number {
  while (i < s.length && weight(s.charCodeAt(i)) === IGNORABLE) i++;
  return i;
}

function digitsEnd(s: string, i: number): number {
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/** Two digit runs by value: leading zeros aside, the longer is larger, else the first differing digit decides. */
function compareDigits(a: string, i: number, endA: number, b: string, j: number, endB: number): number {
  while (i < endA - 1 && a.charCodeAt(i) === 0x30) i++;
  while (j < endB - 1 && b.charCodeAt(j) === 0x30) j++;
  if (endA - i !== endB - j) return endA - i < endB - j ? -1 : 1;
  for (; i < endA; i++, j++) {
    const d = a.charCodeAt(i) - b.charCodeAt(j);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

function comparePrimary(a: string, b: string): number {
  let i = 0;
  let j = 0;
  for (;;) {
    i = skipIgnorable(a, i);
    j = skipIgnorable(b, j);
    if (i >= a.length || j >= b.length) return (i < a.length ? 1 : 0) - (j < b.length ? 1 : 0);
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      const endA = digitsEnd(a, i);
      const endB = digitsEnd(b, j);
      const byValue = compareDigits(a, i, endA, b, j, endB);
      if (byValue !== 0) return byValue;
      i = endA;
      j = endB;
      continue;
    }
    const wa = isDigit(ca) ? DIGIT : weight(ca);
    const wb = isDigit(cb) ? DIGIT : weight(cb);
    if (wa !== wb) return wa < wb ? -1 : 1;
    i++;
    j++;
  }
}

/** Upper and lower case swapped: compared as code units, lower case comes first. */
const swapCase = (s: string) =>
  s.replace(/\p{L}/gu, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Names equal at the first level are ordered lower case first, then by code units: the order is total. */
export function naturalCompare(a: string, b: string): number {
  if (a === b) return 0;
  return comparePrimary(a, b) || byCodeUnits(swapCase(a), swapCase(b)) || byCodeUnits(a, b);
}
