/**
 * The `Range` header of a media request, decided for a file of `size` bytes (RFC 9110 §14): pure.
 *
 * - no header, another unit, or a header that does not parse: the whole file (200), as the RFC allows;
 * - several ranges (`bytes=0-1,5-9`): the whole file (200). Browsers ask for one range when they seek; a
 *   multipart answer would buy nothing a player uses;
 * - one range: `first-last`, `first-` (to the end), `-suffix` (the last bytes); `last` past the end is cut to the end;
 * - a range that starts at or past the end, or an empty suffix (`-0`), cannot be satisfied: 416 with
 *   a `Content-Range` of `bytes *` over the size (see contentRange).
 */
export type RangeAnswer = { status: 200 } | { status: 206; start: number; end: number } | { status: 416 };

const SINGLE = /^(\d*)-(\d*)$/;

export function decideRange(header: string | undefined, size: number): RangeAnswer {
  const match = /^bytes=(.+)$/i.exec(header?.trim() ?? '');
  if (!match) return { status: 200 };
  const specs = (match[1] as string).split(',').map((s) => s.trim());
  if (specs.length !== 1) return { status: 200 };
  const parts = SINGLE.exec(specs[0] as string);
  if (!parts) return { status: 200 };
  const [, first, last] = parts as unknown as [string, string, string];
  if (first === '' && last === '') return { status: 200 };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { status: 416 };
    return { status: 206, start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { status: 200 };
  if (start >= size) return { status: 416 };
  return { status: 206, start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

/** The `Content-Range` of an answer. */
export function contentRange(answer: RangeAnswer, size: number): string | undefined {
  if (answer.status === 206) return `bytes ${answer.start}-${answer.end}/${size}`;
  if (answer.status === 416) return `bytes */${size}`;
  return undefined;
}
