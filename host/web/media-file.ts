/** Serves a media file from the host's disk: whole or one byte range (range.ts), with its type and the page's
 * security headers, so that a browser can seek in a long video without loading it whole. */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { IsoDate, MediaItem, MediaList } from '../../contract/api.js';
import { type MediaKind, mediaTypeOf } from './media-types.js';
import { contentRange, decideRange } from './range.js';

/** An SVG is shown through <img> only; opened on its own, its scripts and links must not run either. */
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/** The real path of `file` when it is a regular file inside `root` (links followed on both), else undefined. */
function realFileInside(root: string, file: string): string | undefined {
  try {
    const real = realpathSync(file);
    return real.startsWith(realpathSync(root) + path.sep) && statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** Answers `req` with `file` (a media type of media-types.ts): 200, 206 with Content-Range, or 416. */
export function sendMediaFile(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  file: string,
  headers: http.OutgoingHttpHeaders,
): void {
  const size = statSync(file).size;
  const answer = decideRange(req.headers.range, size);
  const common: http.OutgoingHttpHeaders = {
    ...headers,
    'content-type': mediaTypeOf(file)?.contentType ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
  };
  if (path.extname(file).toLowerCase() === '.svg') common['content-security-policy'] = SVG_POLICY;
  if (answer.status === 416) {
    res.writeHead(416, { ...common, 'content-range': contentRange(answer, size) });
    res.end();
    return;
  }
  const [start, end] = answer.status === 206 ? [answer.start, answer.end] : [0, size - 1];
  if (answer.status === 206) common['content-range'] = contentRange(answer, size);
  res.writeHead(answer.status, { ...common, 'content-length': end - start + 1 });
  if (size === 0) {
    res.end();
    return;
  }
  // a player drops a request when it seeks: the stream then ends with the connection, which is no error
  pipeline(createReadStream(file, { start, end }), res).catch(() => res.destroy());
}

/** An item's file when it lies inside the media folder (by its path; realFileInside checks the disk) and has a type
 * a presenter shows. */
export function itemFile(item: MediaItem, mediaFolder: string): string | undefined {
  if (!item.file || !mediaTypeOf(item.file)) return undefined;
  const root = path.resolve(mediaFolder);
  const file = path.resolve(item.file);
  return file.startsWith(root + path.sep) ? file : undefined;
}

/** What the media window shows an item as, or null when it cannot (no file inside the media folder, no type). */
export function itemKind(item: MediaItem, mediaFolder: string): MediaKind | null {
  return itemFile(item, mediaFolder) ? (mediaTypeOf(item.file ?? '')?.kind ?? null) : null;
}

/** The real path of the file of `date`'s item `name` (of `kind`, if given) when it lies inside the media folder. */
export function listedFile(
  media: Pick<MediaList, 'items' | 'mediaFolder'>,
  date: IsoDate,
  name: string,
  kind?: MediaKind,
): string | undefined {
  const item = media.items(date).find((i) => i.name === name);
  if (!item || (kind !== undefined && itemKind(item, media.mediaFolder) !== kind)) return undefined;
  const file = itemFile(item, media.mediaFolder);
  return file ? realFileInside(media.mediaFolder, file) : undefined;
}
