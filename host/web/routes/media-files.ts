/** GET /api/thumb: an image of the media list, only from inside the media folder (media-file.ts checks it). */
import type http from 'node:http';
import { type Language, text } from '../../i18n.js';
import type { Host } from '../../runtime.js';
import { HttpError } from '../http-error.js';
import { listedFile, sendMediaFile } from '../media-file.js';

/** What the thumbnails are served from: the host's media list, with the page's headers and language. */
export interface ThumbSource {
  host: Host;
  headers: http.OutgoingHttpHeaders;
  language: Language;
}

export function sendThumb(
  { host, headers, language }: ThumbSource,
  url: URL,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  const date = url.searchParams.get('date') ?? '';
  const file = listedFile(host.media, date, url.searchParams.get('name') ?? '', 'image');
  if (!file) throw new HttpError(404, text(language, 'server.notFound'));
  sendMediaFile(req, res, file, headers);
}
