/** Hrefs of a multistatus body as path segments below the listed folder: decoded, dot segments resolved. */

const SCHEME_AND_AUTHORITY = /^[a-z][a-z\d+.-]*:\/\/[^/]*/i;

/** A matcher from hrefs to segments below the base, which is decoded once. */
export function segmentsBelow(basePath: string): (href: string) => string[] | null {
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
