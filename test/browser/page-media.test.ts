/**
 * The media view and the media window's control in a real Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core), in English and in German (the browser's own locale stays English: the page makes it German):
 * the end of the list, an item that cannot be shown, thumbnails that follow new content, upload progress that waits
 * for the server, and removing recurring media. Skipped with a message when Chromium is missing on a developer's
 * machine; fails in CI (`CI` set).
 */
import fsp from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../host/i18n.js';
import { PluginRegistry } from '../../host/plugins.js';
import type { Host } from '../../host/runtime.js';
import { startWebServer, type WebServer } from '../../host/web/server.js';
import { png, seedDemoFolder } from '../../tools/demo-content.js';
import { type EmbeddedServer, startEmbeddedWebdav } from '../../tools/embedded-server.js';
import { CHROMIUM, endBrowserTest, haveChromium, launchChromium } from '../support/chromium.js';
import { newHost, PLUGIN_ID, REPO_ROOT, runCli } from '../support/host-harness.js';
import { makeTempDir, randomPassword } from '../support/servers.js';

if (!haveChromium && !process.env.CI)
  console.warn(
    `test/browser/page-media.test.ts skipped: ${CHROMIUM} is missing (Debian: apt-get install chromium)`,
  );

const TALK = '01 - Public talk.jpg';
const CLIP = '02 - Short clip.webm';
/** Between the talk and the clip, without a file: added through the host's CLI. */
const NO_FILE = '01b - Reading.mp4';
const RECURRING = 'Year text 2026.jpg';
const BIG = 'Big upload.mp4';
const BIG_SIZE = 4 * 1024 * 1024;

const TEXTS = {
  en: {
    end: 'End of the list — → starts again, ← goes back',
    noFile: 'Cannot be shown: it has no file',
    skipped: `Skipped (cannot be shown): ${NO_FILE}`,
    nowShowing: (name: string) => `Now showing: ${name}`,
    removeRecurring: 'Remove from recurring',
  },
  de: {
    end: 'Ende der Liste — → beginnt von vorn, ← geht zurück',
    noFile: 'Nicht zeigbar: keine Datei vorhanden',
    skipped: `Übersprungen (nicht zeigbar): ${NO_FILE}`,
    nowShowing: (name: string) => `Jetzt zu sehen: ${name}`,
    removeRecurring: 'Aus wiederkehrenden Medien entfernen',
  },
} as const;

/**
 * A proxy in front of the WebDAV server that can hold an upload: a PUT of `BIG`'s size is read whole, then forwarded only
 * when released, so that a test sees the page while the server does not have the file yet.
 */
interface Gate {
  url: string;
  /** Set once a held PUT's whole body has arrived at the proxy (the server has none of it yet). */
  held: boolean;
  release(): void;
  close(): Promise<void>;
}

async function startGate(target: string): Promise<Gate> {
  const base = new URL(target);
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const gate: Gate = { url: '', held: false, release: () => release(), close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      // the upload's PUT goes to a temporary name: it is known by its size
      if (req.method === 'PUT' && body.length === BIG_SIZE) {
        gate.held = true;
        await released;
      }
      const headers = { ...req.headers, host: base.host };
      delete headers['transfer-encoding'];
      headers['content-length'] = String(body.length);
      const forward = http.request(
        { host: base.hostname, port: base.port, method: req.method, path: req.url, headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  gate.url = `http://127.0.0.1:${port}${base.pathname}`;
  gate.close = () => {
    release();
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return gate;
}

for (const language of ['en', 'de'] as Language[]) {
  const text = TEXTS[language];

  describe.skipIf(!haveChromium && !process.env.CI)(`the media view in Chromium (${language})`, () => {
    let host: Host;
    let web: WebServer;
    let webdav: EmbeddedServer;
    let gate: Gate;
    let context: BrowserContext;
    let page: Page;
    let screen: Page;
    let serverRoot: string;
    let seeded: ReturnType<typeof seedDemoFolder>;
    const password = randomPassword();
    const pageErrors: string[] = [];

    const onServer = (relative: string) => path.join(serverRoot, 'Congregation', relative);
    const section = (date: string) => page.locator(`section[data-date="${date}"]`);
    const item = (date: string, name: string) => section(date).locator(`li.media-item[data-name="${name}"]`);
    const nowShowing = () => page.locator(`[data-presenting="${seeded.weekend}"] .now-showing`);
    const showing = (name: string) => screen.locator(`[data-media-name="${name}"]:not([hidden])`);
    const onScreen = () =>
      screen.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[data-media-name]')]
          .filter((e) => !e.hidden)
          .map((e) => e.dataset.mediaName),
      );
    /** The operator's → and ←, as a clicker on the operator's screen sends them. */
    const press = async (key: string) => {
      await page.locator('main').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press(key);
    };

    beforeAll(async () => {
      if (!haveChromium) throw new Error(`CI: ${CHROMIUM} is missing; .ci/run installs Debian's chromium`);
      serverRoot = await makeTempDir('cs-media-server');
      seeded = seedDemoFolder(serverRoot, new Date().toISOString().slice(0, 10));
      webdav = await startEmbeddedWebdav({ root: serverRoot, username: 'demo', password });
      gate = await startGate(webdav.url);
      const profileDir = await makeTempDir('cs-media-profile');
      const mediaFolder = path.join(profileDir, 'media');
      const added = await runCli([
        'media',
        'add',
        '--date',
        seeded.weekend,
        '--name',
        NO_FILE,
        '--profile',
        profileDir,
        '--media-dir',
        mediaFolder,
      ]);
      expect(added.code, added.stderr).toBe(0);
      host = newHost({ profileDir, mediaFolder, language });
      const loaded = await host.load(REPO_ROOT);
      if (!loaded.ok) throw new Error(loaded.error);
      host.settings.set('app.localAppLang', language);
      const plugin = host.plugins.get(PLUGIN_ID);
      await plugin?.configuration.update('serverUrl', gate.url);
      await plugin?.configuration.update('username', 'demo');
      await plugin?.configuration.update('folder', '/Congregation');
      await plugin?.context.secrets.store('password', password);
      await host.executeCommand('congregation-sync.sync');
      web = await startWebServer({ host, registry: new PluginRegistry(profileDir, [REPO_ROOT]) });
      context = await launchChromium(`cs-media-chromium-${language}`, { locale: 'en-US' });
      page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (error) => pageErrors.push(`operator: ${error.message}`));
      await page.goto(`${web.url}#media`);
      await page.locator('body[data-connected="true"]').waitFor();
      await item(seeded.weekend, TALK).waitFor();
      await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
      await page.evaluate(() => Object.assign(window, { marker: 'no reload' }));
    });

    afterAll(() => endBrowserTest(context, web, gate, webdav));

    it('marks an item without a file with its reason, and the media window steps over it, saying so', async () => {
      const missing = item(seeded.weekend, NO_FILE);
      await expect.poll(() => missing.locator('.media-problem').textContent()).toBe(text.noFile);
      expect(await missing.getAttribute('data-problem')).toBe('noFile');
      expect(await missing.locator(`button[aria-label$="${NO_FILE}"]`).count()).toBe(0);

      const popup = context.waitForEvent('page');
      await section(seeded.weekend).locator('button.present').click();
      screen = await popup;
      screen.setDefaultTimeout(15_000);
      screen.on('pageerror', (error) => pageErrors.push(`media window: ${error.message}`));
      await screen.locator('body[data-connected="true"]').waitFor();
      await showing('').waitFor();
      await press('ArrowRight');
      await showing(TALK).waitFor();
      await press('ArrowRight');
      await showing(CLIP).waitFor();
      await expect.poll(() => nowShowing().textContent()).toBe(text.nowShowing(CLIP));
      const skipped = page.locator(`[data-presenting="${seeded.weekend}"] .media-skipped`);
      await expect.poll(() => skipped.textContent()).toBe(text.skipped);
      expect(
        await screen.evaluate(() => document.querySelector(`[data-media-name="01b - Reading.mp4"]`)),
      ).toBe(null);
      // going back steps over it again
      await press('ArrowLeft');
      await showing(TALK).waitFor();
      await expect.poll(() => skipped.textContent()).toBe(text.skipped);
    });

    it('past the last item → leaves the window on the background and the operator reads the end of the list', async () => {
      const shown = host.media
        .items(seeded.weekend)
        .filter((i) => !i.hidden && i.file !== null)
        .map((i) => i.name);
      const last = shown.at(-1) as string;
      await press('ArrowRight');
      await showing(shown[1] as string).waitFor();
      for (const name of shown.slice(2)) {
        await press('ArrowRight');
        await showing(name).waitFor();
      }
      await expect.poll(() => nowShowing().textContent()).toBe(text.nowShowing(last));
      await press('ArrowRight');
      await expect.poll(() => nowShowing().textContent()).toBe(text.end);
      await showing('').waitFor();
      // the item gives way to the background as the swap completes
      await expect.poll(() => onScreen()).toEqual(['']);
      expect(host.media.items(seeded.weekend).length).toBeGreaterThan(0);
      // ← goes back to the last item, → from the end starts again
      await press('ArrowLeft');
      await showing(last).waitFor();
      await press('ArrowRight');
      await expect.poll(() => nowShowing().textContent()).toBe(text.end);
      // the item gives way to the background as the swap completes
      await expect.poll(() => onScreen()).toEqual(['']);
      await press('ArrowRight');
      await showing(shown[0] as string).waitFor();
      await expect.poll(() => nowShowing().textContent()).toBe(text.nowShowing(shown[0] as string));
      await page.locator(`[data-presenting="${seeded.weekend}"] button[data-present="stop"]`).click();
      await showing('').waitFor();
    });

    it("a replaced picture's thumbnail changes after a sync, without a reload", async () => {
      const thumb = item(seeded.weekend, TALK).locator('img.thumb');
      await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(960);
      const before = await thumb.getAttribute('src');
      await fsp.writeFile(onServer(`Media/${seeded.weekend}/${TALK}`), png(320, 180, [20, 160, 60]));
      await host.executeCommand('congregation-sync.sync');
      await expect.poll(() => thumb.getAttribute('src')).not.toBe(before);
      await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
      expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('no reload');
    });

    it('an upload reaches 100 % only once the server has the whole file', async () => {
      // every percent the page shows for the upload, in order
      await page.evaluate(() => {
        const seen: number[] = [];
        const record = () => {
          for (const bar of document.querySelectorAll<HTMLProgressElement>(
            '.media-upload progress, .task progress',
          ))
            if (bar.hasAttribute('value') && seen.at(-1) !== bar.value) seen.push(bar.value);
        };
        new MutationObserver(record).observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['value'],
        });
        Object.assign(window, { percents: seen });
      });
      const percents = () => page.evaluate(() => (window as unknown as { percents: number[] }).percents);
      await section(seeded.weekend)
        .locator('input[type="file"]')
        .setInputFiles({ name: BIG, mimeType: 'video/mp4', buffer: Buffer.alloc(BIG_SIZE, 7) });
      const card = section(seeded.weekend).locator('.media-upload');
      await card.waitFor();
      // the whole file has left the host; the server has none of it while the proxy holds it
      await expect.poll(() => gate.held, { timeout: 30_000 }).toBe(true);
      // the host has sent the whole file: the progress comes near its end, and holds below 100 %
      await expect.poll(async () => Math.max(0, ...(await percents()))).toBeGreaterThanOrEqual(90);
      expect(Math.max(...(await percents()))).toBeLessThan(100);
      expect(await section(seeded.weekend).locator('.media-upload progress').getAttribute('value')).not.toBe(
        '100',
      );
      // the date's heading and buttons stay clear of the progress
      const head = await section(seeded.weekend).locator('.date-head').boundingBox();
      const box = await card.boundingBox();
      expect(box && head ? box.y >= head.y + head.height : false).toBe(true);
      gate.release();
      await item(seeded.weekend, BIG).waitFor({ timeout: 30_000 });
      expect((await fsp.stat(onServer(`Media/${seeded.weekend}/${BIG}`))).size).toBe(4 * 1024 * 1024);
      await card.waitFor({ state: 'detached', timeout: 30_000 });
    });

    it('removes recurring media from the item: it leaves every date after the confirmation', async () => {
      const everywhere = page.locator(`li.media-item[data-name="${RECURRING}"]`);
      await expect.poll(() => everywhere.count()).toBeGreaterThan(1);
      await everywhere.first().getByRole('button', { name: text.removeRecurring }).click();
      const dialog = page.locator('dialog[open]');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: text.removeRecurring }).click();
      await expect.poll(() => everywhere.count(), { timeout: 30_000 }).toBe(0);
      expect(host.media.items().filter((i) => i.name === RECURRING)).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  });
}
