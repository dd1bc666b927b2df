/**
 * The media window in a real Chromium (Debian's /usr/bin/chromium, driven by playwright-core), against a real
 * WebDAV server and real syncs: opened from the media list, stepped by keys and buttons, videos that play and seek
 * over 206 answers, the background between items, and a sync that changes what is on screen without a reload.
 * Skipped with a message when Chromium is missing on a developer's machine; fails in CI (`CI` set).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluginRegistry } from '../../host/plugins.js';
import type { Host } from '../../host/runtime.js';
import { startWebServer, type WebServer } from '../../host/web/server.js';
import { seedDemoFolder } from '../../tools/demo-content.js';
import { type EmbeddedServer, startEmbeddedWebdav } from '../../tools/embedded-server.js';
import { CHROMIUM, endBrowserTest, haveChromium, launchChromium } from '../support/chromium.js';
import { newHost, PLUGIN_ID, REPO_ROOT } from '../support/host-harness.js';
import { makeTempDir, randomPassword } from '../support/servers.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
if (!haveChromium && !process.env.CI)
  console.warn(
    `test/browser/present.test.ts skipped: ${CHROMIUM} is missing (Debian: apt-get install chromium)`,
  );

const CLIP = '02 - Short clip.webm';
const TALK = '01 - Public talk.jpg';
/** Between the talk and the clip in the media list's order, hidden by the congregation. */
const HIDDEN = '01a - Not tonight.jpg';

describe.skipIf(!haveChromium && !process.env.CI)('the media window in Chromium', () => {
  let host: Host;
  let web: WebServer;
  let webdav: EmbeddedServer;
  let context: BrowserContext;
  let page: Page;
  let screen: Page;
  let serverRoot: string;
  let seeded: ReturnType<typeof seedDemoFolder>;
  const password = randomPassword();
  const pageErrors: string[] = [];
  /** The media window's answers for items' files (the player asks for ranges). */
  const mediaAnswers: Array<{ url: string; status: number }> = [];

  const onServer = (relative: string) => path.join(serverRoot, 'Congregation', relative);
  const sync = async () => {
    await host.executeCommand('congregation-sync.sync');
    expect(host.media.items(seeded.weekend).length).toBeGreaterThan(0);
  };
  /** What the media window shows: the one element with data-media-name that is not hidden. */
  const onScreen = () =>
    screen.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-media-name]')]
        .filter((e) => !e.hidden)
        .map((e) => e.dataset.mediaName),
    );
  const showing = (name: string) => screen.locator(`[data-media-name="${name}"]:not([hidden])`);
  const operatorItem = (name: string) =>
    page.locator(`section[data-date="${seeded.weekend}"] li.media-item[data-name="${name}"]`);
  const nowShowing = () => page.locator(`[data-presenting="${seeded.weekend}"] .now-showing`);

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`CI: ${CHROMIUM} is missing; .ci/run installs Debian's chromium`);
    serverRoot = await makeTempDir('cs-present-server');
    seeded = seedDemoFolder(serverRoot, new Date().toISOString().slice(0, 10));
    await fsp.copyFile(
      onServer(`Media/${seeded.weekend}/${TALK}`),
      onServer(`Media/${seeded.weekend}/${HIDDEN}`),
    );
    await fsp.mkdir(onServer(`Hidden/${seeded.weekend}`), { recursive: true });
    await fsp.writeFile(onServer(`Hidden/${seeded.weekend}/${HIDDEN}`), '');
    webdav = await startEmbeddedWebdav({ root: serverRoot, username: 'demo', password });
    const profileDir = await makeTempDir('cs-present-profile');
    host = newHost({ profileDir, mediaFolder: path.join(profileDir, 'media'), language: 'en' });
    const loaded = await host.load(REPO_ROOT);
    if (!loaded.ok) throw new Error(loaded.error);
    const plugin = host.plugins.get(PLUGIN_ID);
    await plugin?.configuration.update('serverUrl', webdav.url);
    await plugin?.configuration.update('username', 'demo');
    await plugin?.configuration.update('folder', '/Congregation');
    await plugin?.context.secrets.store('password', password);
    await sync();
    web = await startWebServer({ host, registry: new PluginRegistry(profileDir, [REPO_ROOT]) });
    context = await launchChromium('cs-present-chromium');
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(`operator: ${error.message}`));
    await page.goto(`${web.url}#media`);
    await page.locator('body[data-connected="true"]').waitFor();
    await operatorItem(TALK).waitFor();
  });

  afterAll(() => endBrowserTest(context, web, webdav));

  it('refuses the media window and its files without the token', async () => {
    const date = seeded.weekend;
    const query = `date=${date}&name=${encodeURIComponent(TALK)}`;
    for (const route of [`/present?date=${date}`, `/api/media?${query}`, '/api/background', '/present.js'])
      expect((await page.request.get(`${web.origin}${route}`)).status(), route).toBe(403);
    expect((await page.request.get(`${web.origin}/api/media?${query}&token=x${web.token}`)).status()).toBe(
      403,
    );
    const crossOrigin = await page.request.post(`${web.origin}/api/present`, {
      headers: { 'x-session-token': web.token, origin: 'http://evil.example' },
      data: { action: 'next', date },
    });
    expect(crossOrigin.status()).toBe(403);
    // with the token, only files of the media list inside the media folder
    const outside = await page.request.get(
      `${web.origin}/api/media?date=${date}&name=${encodeURIComponent('../../etc/passwd')}&token=${web.token}`,
    );
    expect(outside.status()).toBe(404);
  });

  it('opens the media window from the Present button: the background shows', async () => {
    const popup = context.waitForEvent('page');
    await page.locator(`section[data-date="${seeded.weekend}"] button.present`).click();
    screen = await popup;
    screen.setDefaultTimeout(10_000);
    screen.on('pageerror', (error) => pageErrors.push(`media window: ${error.message}`));
    screen.on('response', (response) => {
      if (response.url().includes('/api/media?'))
        mediaAnswers.push({ url: response.url(), status: response.status() });
    });
    await screen.locator('body[data-connected="true"]').waitFor();
    expect(new URL(screen.url()).pathname).toBe('/present');
    await expect.poll(() => showing('').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1280);
    expect(await onScreen()).toEqual(['']);
    await expect.poll(() => nowShowing().textContent()).toBe('Now showing: the background');
    // every name the window ever puts on screen, to prove the hidden one never is
    await screen.evaluate(() => {
      const seen: string[] = [];
      new MutationObserver(() => {
        for (const e of document.querySelectorAll<HTMLElement>('[data-media-name]'))
          if (!e.hidden && !seen.includes(e.dataset.mediaName ?? '')) seen.push(e.dataset.mediaName ?? '');
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
      Object.assign(window, { seen, marker: 'no reload' });
    });
  });

  it('ArrowRight shows the items in order, never the hidden one; the operator sees what is on screen', async () => {
    await screen.keyboard.press('ArrowRight');
    await expect.poll(() => showing(TALK).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(960);
    expect(await onScreen()).toEqual([TALK]);
    await expect.poll(() => nowShowing().textContent()).toBe(`Now showing: ${TALK}`);
    await expect.poll(() => operatorItem(TALK).getAttribute('aria-current')).toBe('true');
    mkdirSync(ARTIFACTS, { recursive: true });
    await screen.screenshot({ path: path.join(ARTIFACTS, 'media-window.png') });
    await page.screenshot({ path: path.join(ARTIFACTS, 'media-presenting.png'), fullPage: true });

    await screen.keyboard.press('ArrowRight');
    await expect
      .poll(() => showing(CLIP).evaluate((v: HTMLVideoElement) => v.readyState))
      .toBeGreaterThanOrEqual(2);
    expect(await onScreen()).toEqual([CLIP]);
    expect(await showing(CLIP).evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
    expect(await showing(CLIP).evaluate((v: HTMLVideoElement) => v.tagName)).toBe('VIDEO');
    await expect.poll(() => operatorItem(CLIP).getAttribute('aria-current')).toBe('true');
    expect(await operatorItem(TALK).getAttribute('aria-current')).toBeNull();
    expect(await screen.evaluate(() => (window as unknown as { seen: string[] }).seen)).not.toContain(HIDDEN);
    expect(await operatorItem(HIDDEN).getAttribute('class')).toContain('is-hidden');
  });

  it('the video plays with Space and pauses again; seeking works over 206 answers', async () => {
    const video = showing(CLIP);
    await screen.keyboard.press(' ');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0.5);
    await screen.keyboard.press(' ');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
    // the operator's Play/Pause reaches the media window through the host
    const playPause = page.locator(`[data-presenting="${seeded.weekend}"] button[data-present="toggle"]`);
    await playPause.click();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(false);
    await playPause.click();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);

    const seeked = await video.evaluate(
      (v: HTMLVideoElement) =>
        new Promise<number>((resolve) => {
          v.addEventListener('seeked', () => resolve(v.currentTime), { once: true });
          v.currentTime = 4.5;
        }),
    );
    expect(seeked).toBeCloseTo(4.5, 0);
    const clip = mediaAnswers.filter((a) => a.url.includes(encodeURIComponent(CLIP)));
    expect(clip.length).toBeGreaterThan(0);
    expect(clip.map((a) => a.status)).toEqual(clip.map(() => 206));
    // the window's own address of the clip answers a range as the player asks for one
    const file = readFileSync(onServer(`Media/${seeded.weekend}/${CLIP}`));
    const range = await video.evaluate(async (v: HTMLVideoElement) => {
      const response = await fetch(v.src, { headers: { range: 'bytes=1000-1999' } });
      return {
        status: response.status,
        contentRange: response.headers.get('content-range'),
        acceptRanges: response.headers.get('accept-ranges'),
        type: response.headers.get('content-type'),
        bytes: [...new Uint8Array(await response.arrayBuffer())],
      };
    });
    expect(range).toMatchObject({
      status: 206,
      contentRange: `bytes 1000-1999/${file.length}`,
      acceptRanges: 'bytes',
      type: 'video/webm',
    });
    expect(Buffer.from(range.bytes).equals(file.subarray(1000, 2000))).toBe(true);
    const past = await video.evaluate(
      async (v: HTMLVideoElement) => (await fetch(v.src, { headers: { range: 'bytes=99999999-' } })).status,
    );
    expect(past).toBe(416);
  });

  it('Stop (operator) shows the background; PageDown goes on, PageUp goes back', async () => {
    await page.locator(`[data-presenting="${seeded.weekend}"] button[data-present="stop"]`).click();
    await showing('').waitFor();
    expect(await onScreen()).toEqual(['']);
    await expect.poll(() => nowShowing().textContent()).toBe('Now showing: the background');
    await screen.keyboard.press('PageUp');
    await showing(CLIP).waitFor();
    await screen.keyboard.press('PageUp');
    await showing(TALK).waitFor();
    expect(await onScreen()).toEqual([TALK]);
    // the operator's keys step the window too, as a clicker on the operator's screen would
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('PageDown');
    await showing(CLIP).waitFor();
    await page.keyboard.press('ArrowLeft');
    await showing(TALK).waitFor();
  });

  it('the palette has the host command to step the window', async () => {
    await page.keyboard.press('Control+Shift+P');
    await page.locator('#palette-input').waitFor();
    await page.keyboard.type('present');
    const titles = await page.locator('#palette-list [role="option"] .title').allTextContents();
    expect(titles).toContain(`Present ${seeded.weekend}`);
    await page.locator('#palette-input').fill('next item');
    await page.keyboard.press('Enter');
    await showing(CLIP).waitFor();
  });

  it("the operator's Show button puts that item on screen", async () => {
    await operatorItem(TALK)
      .getByRole('button', { name: `Show: ${TALK}` })
      .click();
    await showing(TALK).waitFor();
    expect(
      await operatorItem(HIDDEN)
        .getByRole('button', { name: `Show: ${HIDDEN}` })
        .count(),
    ).toBe(0);
    await operatorItem(CLIP)
      .getByRole('button', { name: `Show: ${CLIP}` })
      .click();
    await showing(CLIP).waitFor();
    expect(await onScreen()).toEqual([CLIP]);
  });

  it('a sync that adds an item updates both windows and keeps the item on screen', async () => {
    await fsp.copyFile(
      onServer(`Media/${seeded.weekend}/${TALK}`),
      onServer(`Media/${seeded.weekend}/03 - Closing.jpg`),
    );
    await sync();
    await operatorItem('03 - Closing.jpg').waitFor();
    expect(await onScreen()).toEqual([CLIP]);
    await screen.keyboard.press('ArrowRight');
    await showing('03 - Closing.jpg').waitFor();
    await screen.keyboard.press('ArrowLeft');
    await showing(CLIP).waitFor();
  });

  it('a sync that hides the item on screen makes the window fall back to the background without a reload', async () => {
    await fsp.writeFile(onServer(`Hidden/${seeded.weekend}/${CLIP}`), '');
    await sync();
    await showing('').waitFor();
    expect(await onScreen()).toEqual(['']);
    expect(await screen.locator('video').count()).toBe(0);
    expect(await screen.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('no reload');
    await expect.poll(() => operatorItem(CLIP).getAttribute('class')).toContain('is-hidden');
    await expect.poll(() => nowShowing().textContent()).toBe('Now showing: the background');
    // next goes on after the item that was hidden
    await screen.keyboard.press('ArrowRight');
    await showing('03 - Closing.jpg').waitFor();
  });

  it('Escape leaves full screen', async () => {
    await screen.mouse.move(10, 10);
    await screen.getByRole('button', { name: 'Full screen' }).click();
    await expect.poll(() => screen.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await screen.keyboard.press('Escape');
    await expect.poll(() => screen.evaluate(() => document.fullscreenElement === null)).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
