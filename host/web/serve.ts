/** `serve` and the demo: the page's server until Ctrl+C (SIGINT) or SIGTERM. */

import { languageOf, text } from '../i18n.js';
import type { PluginRegistry } from '../plugins.js';
import type { Host } from '../runtime.js';
import { startWebServer } from './server.js';

export async function serveUntilStopped(
  host: Host,
  registry: PluginRegistry,
  options: { port?: number; say: (line: string) => void; listening?: (url: string) => void },
): Promise<void> {
  const server = await startWebServer({ host, registry, port: options.port || undefined });
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
  options.say(text(languageOf(host.language), 'server.open', { url: server.url }));
  options.listening?.(server.url);
  await stopped;
  await server.close();
  options.say(text(languageOf(host.language), 'server.stopped'));
}
