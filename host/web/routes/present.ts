/**
 * The media window's routes: its page (/present), the items' files (/api/media, with Range), the background image
 * (/api/background) and the control (POST /api/present). The state of what is on screen lives in presenting.ts;
 * every change goes to the pages as a `presenting` event, a play/pause as `present-play`.
 */
import { statSync } from 'node:fs';
import type http from 'node:http';
import type { Disposable, MediaItem } from '../../../contract/api.js';
import type { Language } from '../../i18n.js';
import { text } from '../../i18n.js';
import type { Host } from '../../runtime.js';
import { HttpError } from '../http-error.js';
import { itemFile, itemKind, listedFile, sendMediaFile } from '../media-file.js';
import { mediaTypeOf } from '../media-types.js';
import { pageShell } from '../page-shell.js';
import { type PresentItem, Presenting, reconcile, step } from '../presenting.js';
import type { MediaProblem, PresentAction, PresentingView } from '../protocol.js';

const ACTIONS: readonly PresentAction[] = ['open', 'next', 'previous', 'stop', 'show', 'toggle'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why the media window cannot show `item`, or undefined when it can; with the file's version when it has one. */
export function itemProblem(
  item: MediaItem,
  mediaFolder: string,
): { problem: MediaProblem; version?: undefined } | { problem?: undefined; version: string } {
  if (!item.file) return { problem: 'noFile' };
  if (!mediaTypeOf(item.file)) return { problem: 'type' };
  const file = itemFile(item, mediaFolder);
  if (!file || itemKind(item, mediaFolder) === null) return { problem: 'outside' };
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { problem: 'gone' };
    return { version: `${stat.size}-${Math.round(stat.mtimeMs)}` };
  } catch {
    return { problem: 'gone' };
  }
}

export interface PresentRoutesOptions {
  host: Host;
  headers: http.OutgoingHttpHeaders;
  language(): Language;
  broadcast(event: string, data: unknown): void;
  sendAsset(res: http.ServerResponse, name: string, type: string): void;
  token: string;
}

export interface PresentRoutes {
  /** Answers a GET of the media window's; false when `route` is none of them. */
  get(route: string, url: URL, req: http.IncomingMessage, res: http.ServerResponse): boolean;
  post(body: Record<string, unknown>): PresentingView;
  presenting(): PresentingView;
  /** A version of the background image (it changes with the file), or null when there is none. */
  background(): string | null;
  dispose(): void;
}

export function presentRoutes(options: PresentRoutesOptions): PresentRoutes {
  const { host, headers, language } = options;
  const presenting = new Presenting();
  const notFound = () => new HttpError(404, text(language(), 'server.notFound'));

  /** A date's items as the media window steps through them: hidden ones and those it cannot show are skipped. */
  const itemsOf = (date: string): PresentItem[] =>
    host.media.items(date).map((item) => ({
      name: item.name,
      hidden: item.hidden,
      missing: itemProblem(item, host.media.mediaFolder).problem !== undefined,
    }));

  const backgroundFile = (): string | undefined => {
    const file = host.media.background();
    if (!file || mediaTypeOf(file)?.kind !== 'image') return undefined;
    try {
      return statSync(file).isFile() ? file : undefined;
    } catch {
      return undefined;
    }
  };

  const sendItem = (url: URL, req: http.IncomingMessage, res: http.ServerResponse) => {
    const real = listedFile(
      host.media,
      url.searchParams.get('date') ?? '',
      url.searchParams.get('name') ?? '',
    );
    if (!real) throw notFound();
    sendMediaFile(req, res, real, headers);
  };

  const subscriptions: Disposable[] = [
    presenting.onDidChange((view) => options.broadcast('presenting', view)),
    host.media.onDidChange(() => {
      const { date } = presenting.view;
      if (date !== null) presenting.set(reconcile(presenting.view, itemsOf(date)));
    }),
  ];

  return {
    get(route, url, req, res) {
      if (route === '/present') {
        const date = url.searchParams.get('date') ?? '';
        if (!ISO_DATE.test(date)) throw new HttpError(400, text(language(), 'server.presentDate'));
        res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
        res.end(presentHtml(language(), options.token, date));
      } else if (route === '/present.js')
        options.sendAsset(res, 'present.js', 'text/javascript; charset=utf-8');
      else if (route === '/present.css') options.sendAsset(res, 'present.css', 'text/css; charset=utf-8');
      else if (route === '/api/media') sendItem(url, req, res);
      else if (route === '/api/background') {
        const file = backgroundFile();
        if (!file) throw notFound();
        sendMediaFile(req, res, file, headers);
      } else return false;
      return true;
    },
    post(body) {
      const action = body.action as PresentAction;
      const date = String(body.date ?? '');
      if (!ACTIONS.includes(action)) throw new HttpError(400, `unknown action "${String(body.action)}"`);
      if (!ISO_DATE.test(date)) throw new HttpError(400, text(language(), 'server.presentDate'));
      if (action === 'toggle') options.broadcast('present-play', {});
      else presenting.set(step(presenting.view, itemsOf(date), action, date, String(body.name ?? '')));
      return presenting.view;
    },
    presenting: () => presenting.view,
    background() {
      const file = backgroundFile();
      if (!file) return null;
      const stat = statSync(file);
      return `${stat.size}-${Math.round(stat.mtimeMs)}`;
    },
    dispose() {
      for (const s of subscriptions) s.dispose();
    },
  };
}

function presentHtml(language: Language, token: string, date: string): string {
  return pageShell({
    language,
    token,
    title: text(language, 'present.title', { date }),
    entry: 'present',
    meta: { 'present-date': date },
    body: '<body class="present">\n</body>',
  });
}
