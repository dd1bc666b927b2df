/** `serve` and the demo: the page's server until Ctrl+C (SIGINT) or SIGTERM, at the profile's kept address; where
 * a page server of the profile already runs, its address instead of a second server. */

import { languageOf, text } from '../i18n.js';
import type { PluginRegistry } from '../plugins.js';
import type { Host } from '../runtime.js';
import { clearRunning, findRunningPage, keepPort, keptPort, markRunning, pageToken } from './page-address.js';
import { startWebServer, type WebServer, type WebServerOptions } from './server.js';

/** The server on the port asked for; without one, on the kept port, or a free one where another program took it. */
async function listen(options: WebServerOptions, asked: number | undefined): Promise<WebServer> {
  if (asked) return startWebServer({ ...options, port: asked });
  const kept = keptPort(options.host.options.profileDir);
  try {
    return await startWebServer({ ...options, port: kept });
  } catch (error) {
    if (!kept || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startWebServer({ ...options, port: 0 });
  }
}

export async function serveUntilStopped(
  host: Host,
  registry: PluginRegistry,
  options: { port?: number; say: (line: string) => void; listening?: (url: string) => void },
): Promise<void> {
  const profileDir = host.options.profileDir;
  const language = () => languageOf(host.language);
  const running = await findRunningPage(profileDir, host.secrets);
  if (running) {
    options.say(text(language(), 'server.running', { url: running }));
    options.listening?.(running);
    return;
  }
  const token = await pageToken(host.secrets);
  const server = await listen({ host, registry, token }, options.port || undefined);
  keepPort(profileDir, server.port);
  markRunning(profileDir, server.port);
  // Listening before the address is shown: a Ctrl+C right after it stops the server as any later one does.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  options.say(text(language(), 'server.open', { url: server.url }));
  options.listening?.(server.url);
  try {
    await stopped;
    await server.close();
  } finally {
    clearRunning(profileDir);
  }
  options.say(text(language(), 'server.stopped'));
}
