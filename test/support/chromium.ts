/** Debian's Chromium for the browser tests, through playwright-core (which downloads no browser of its own). */
import { existsSync } from 'node:fs';
import { type BrowserContext, chromium } from 'playwright-core';
import { makeTempDir } from './servers.js';

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
