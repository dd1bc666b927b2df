/** Debian's Chromium for the browser tests, through playwright-core (which downloads no browser of its own). */
import { existsSync } from 'node:fs';
import { type BrowserContext, chromium } from 'playwright-core';
import { disposeHosts } from './host-harness.js';
import { cleanupTempDirs, makeTempDir } from './servers.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

/** A headless Chromium with a fresh profile; the flags keep it off this machine's closed network. */
export async function launchChromium(
  prefix: string,
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(await makeTempDir(prefix), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1100, height: 900 },
    ...options,
  });
}

/** What a browser test closes at its end (set or not yet, when its setting-up failed). */
type Closable = { close(): Promise<unknown> } | undefined;

/**
 * A browser test's end, in order: its browser, its page's server, the hosts, the servers behind them (`servers`, in
 * the order given), the temporary folders.
 */
export async function endBrowserTest(
  browser: Closable,
  web: Closable,
  ...servers: Closable[]
): Promise<void> {
  await browser?.close();
  await web?.close();
  await disposeHosts();
  for (const server of servers) await server?.close();
  await cleanupTempDirs();
}
