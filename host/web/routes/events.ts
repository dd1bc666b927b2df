/** GET /api/events: server-sent events to the open pages: `changed` when the host's state changed, and the window's
 * events (tasks, messages, prompts) and the media window's. */
import type http from 'node:http';
import type { Disposable } from '../../../contract/api.js';
import type { Host } from '../../runtime.js';
import type { WebWindow } from '../web-window.js';

export class PageEvents {
  private readonly clients = new Set<http.ServerResponse>();
  private readonly subscriptions: Disposable[];
  private configurations: Disposable[] = [];
  private changedTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly host: Host,
    private readonly window: WebWindow,
    private readonly headers: http.OutgoingHttpHeaders,
  ) {
    const changed = () => this.changed();
    this.subscriptions = [
      window.onEvent(({ event, data }) => this.broadcast(event, data)),
      host.settings.onDidChange(changed),
      host.media.onDidChange(changed),
      host.status.onDidChange(changed),
      host.onDidChangePlugins(() => {
        this.watchConfigurations();
        changed();
      }),
    ];
    this.watchConfigurations();
  }

  broadcast(event: string, data: unknown): void {
    for (const res of this.clients) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Tells the pages to fetch the state again; changes in quick succession make one event. */
  changed(): void {
    this.changedTimer ??= setTimeout(() => {
      this.changedTimer = undefined;
      this.broadcast('changed', {});
    }, 20);
  }

  open(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, {
      ...this.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    this.clients.add(res);
    this.window.pageConnected(1);
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(ping);
      if (this.clients.delete(res)) this.window.pageConnected(-1);
    });
  }

  dispose(): void {
    clearTimeout(this.changedTimer);
    for (const s of [...this.subscriptions, ...this.configurations]) s.dispose();
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  /** A plugin's configuration changes the page's state too. */
  private watchConfigurations(): void {
    for (const s of this.configurations) s.dispose();
    this.configurations = [...this.host.plugins.values()].map((p) =>
      p.configuration.onDidChange(() => this.changed()),
    );
  }
}
