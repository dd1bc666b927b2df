/**
 * The host's web page in a real Chromium (Debian's /usr/bin/chromium, driven by playwright-core): configure a
 * server on the settings page, sync from the command palette, the media list, cancelling, German, plugins.
 * Skipped with a message when Chromium is missing on a developer's machine; fails in CI (`CI` set).
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluginRegistry } from '../../host/plugins.js';
import type { Host } from '../../host/runtime.js';
import { startWebServer, type WebServer } from '../../host/web/server.js';
import { png, presenterItems, seedDemoFolder } from '../../tools/demo-content.js';
import { type EmbeddedServer, startEmbeddedWebdav } from '../../tools/embedded-server.js';
import { CHROMIUM, endBrowserTest, haveChromium, launchChromium } from '../support/chromium.js';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { newHost, PLUGIN_ID, REPO_ROOT } from '../support/host-harness.js';
import { makeTempDir, randomPassword } from '../support/servers.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
if (!haveChromium && !process.env.CI)
  console.warn(
    `test/browser/page.test.ts skipped: ${CHROMIUM} is missing (Debian: apt-get install chromium)`,
  );

describe.skipIf(!haveChromium && !process.env.CI)('the host page in Chromium', () => {
  let host: Host;
  let web: WebServer;
  let webdav: EmbeddedServer;
  let proxy: FaultProxy;
  let context: BrowserContext;
  let page: Page;
  let serverRoot: string;
  let mediaFolder: string;
  let seeded: ReturnType<typeof seedDemoFolder>;
  const password = randomPassword();
  const pageErrors: string[] = [];

  const toast = (text: string | RegExp) => page.locator('.toast', { hasText: text });
  /** Closes every message (with its close button, as a person would), so that none covers a button. */
  const dismissToasts = async () => {
    for (let close = page.locator('.toast-close'); (await close.count()) > 0; ) await close.first().click();
  };
  const openPalette = async () => {
    await page.keyboard.press('Control+Shift+P');
    await page.locator('#palette-input').waitFor();
  };
  const paletteCommands = () => page.locator('#palette-list [role="option"] .title').allTextContents();
  const fieldByLabel = (label: string) => page.getByLabel(label, { exact: true });
  const saveField = async (label: string, value: string) => {
    const input = fieldByLabel(label);
    await input.fill(value);
    await input.press('Enter');
  };
  const statusOf = (label: string) =>
    page.locator('[data-field]', { has: fieldByLabel(label) }).locator('.status, .error');

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`CI: ${CHROMIUM} is missing; .ci/run installs Debian's chromium`);
    serverRoot = await makeTempDir('cs-browser-server');
    seeded = seedDemoFolder(serverRoot, new Date().toISOString().slice(0, 10));
    webdav = await startEmbeddedWebdav({ root: serverRoot, username: 'demo', password });
    proxy = await startFaultProxy(webdav.url);
    const profileDir = await makeTempDir('cs-browser-profile');
    mediaFolder = path.join(profileDir, 'media');
    host = newHost({ profileDir, mediaFolder, language: 'en' });
    const loaded = await host.load(REPO_ROOT);
    if (!loaded.ok) throw new Error(loaded.error);
    // what the presenter itself fetched for the midweek meeting; the congregation hides one of them
    await host.media.apply(presenterItems(seeded));
    web = await startWebServer({ host, registry: new PluginRegistry(profileDir, [REPO_ROOT]) });
    context = await launchChromium('cs-browser-profile-chromium');
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(web.url);
    await page.locator('body[data-connected="true"]').waitFor();
    await page.locator('[data-panel="congregation-sync/connection"]').waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(() => endBrowserTest(context, web, proxy, webdav));

  it('refuses a request without the token', async () => {
    const response = await page.request.get(`${web.origin}/api/state`);
    expect(response.status()).toBe(403);
    const fromPage = await page.evaluate(async () => (await fetch('/api/state')).status);
    expect(fromPage).toBe(403);
    const crossOrigin = await page.request.post(`${web.origin}/api/settings`, {
      headers: { 'x-session-token': web.token, origin: 'http://evil.example' },
      data: { key: 'app.theme', value: 'dark' },
    });
    expect(crossOrigin.status()).toBe(403);
  });

  it('configures the server on the settings page: preset, validation, password, folder browser, test', async () => {
    // the web address's label opens the provider list (the plugin's quick pick, shown as a dialog)
    await page.locator('label.label-command', { hasText: 'Web address' }).click();
    const picker = page.locator('dialog.quick-pick');
    await picker.getByRole('button', { name: /Koofr/ }).waitFor();
    await picker.getByRole('button', { name: /My own server/ }).click();
    const question = page.getByRole('textbox', { name: /My own server: server/ });
    await question.fill('cloud.example.org');
    await question.press('Enter');
    await toast(/My own server: Any WebDAV server works/).waitFor();
    await expect.poll(() => fieldByLabel('Web address').inputValue()).toBe('https://cloud.example.org/');

    // the host validates against the manifest; the reason is shown next to the field
    await saveField('Web address', 'http://example.org/');
    await statusOf('Web address').filter({ hasText: 'Use https://' }).waitFor();
    expect(await fieldByLabel('Web address').getAttribute('aria-invalid')).toBe('true');
    await saveField('Web address', proxy.url);
    await statusOf('Web address').filter({ hasText: 'Saved' }).waitFor();
    expect(await fieldByLabel('Web address').getAttribute('aria-invalid')).toBeNull();
    expect(host.plugins.get(PLUGIN_ID)?.configuration.get('serverUrl')).toBe(proxy.url);

    await saveField('User name', 'demo');
    await statusOf('User name').filter({ hasText: 'Saved' }).waitFor();

    await saveField('Password', password);
    await page.getByText('A value is stored; type a new one to replace it.').waitFor();
    expect(await fieldByLabel('Password').inputValue()).toBe('');
    expect(await fieldByLabel('Password').getAttribute('type')).toBe('password');
    const stateText = await page.evaluate(async (token) => {
      const response = await fetch('/api/state', { headers: { 'x-session-token': token } });
      return response.text();
    }, web.token);
    expect(stateText).not.toContain(password);

    // the folder browser: in, up, in again, choose
    await page.getByRole('button', { name: 'Browse: Sync folder' }).click();
    const browser = page.locator('dialog.browser');
    await browser.getByText('Folder: /', { exact: true }).waitFor();
    await browser.getByRole('button', { name: 'Congregation' }).click();
    await browser.getByText('Folder: /Congregation').waitFor();
    await browser.getByRole('button', { name: 'Media' }).waitFor();
    await browser.getByRole('button', { name: 'Hidden' }).waitFor();
    await browser.getByRole('button', { name: /Up one level/ }).click();
    await browser.getByText('Folder: /', { exact: true }).waitFor();
    await browser.getByRole('button', { name: 'Congregation' }).click();
    await browser.getByText('Folder: /Congregation').waitFor();
    await browser.getByRole('button', { name: 'Use this folder' }).click();
    await expect.poll(() => fieldByLabel('Sync folder').inputValue()).toBe('/Congregation');
    expect(await browser.count()).toBe(0);

    await page.getByRole('button', { name: 'Test connection' }).click();
    await toast(/Connection OK/).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'settings.png'), fullPage: true });
  });

  it('a click is not lost to a re-draw that comes between the press and the release', async () => {
    await dismissToasts();
    const label = page.locator('label.label-command', { hasText: 'Web address' });
    const box = await label.boundingBox();
    if (!box) throw new Error('the web address has no label to click');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    // a change elsewhere makes the page re-draw (its theme is set first) while the button is held
    const theme = host.settings.get('app.theme');
    host.settings.set('app.theme', 'dark');
    await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    await page.mouse.up();
    const picker = page.locator('dialog.quick-pick');
    await picker.getByRole('button', { name: /My own server/ }).waitFor();
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    host.settings.set('app.theme', theme ?? 'system');
    await page.locator(`html[data-theme="${theme ?? 'system'}"]`).waitFor({ state: 'attached' });
  });

  it('a question asked while a State is on its way stays open when that State arrives without it', async () => {
    await dismissToasts();
    const picker = page.locator('dialog.quick-pick');
    const ownServer = picker.getByRole('button', { name: /My own server/ });
    // the host's State is taken now, before the question, and handed to the page only once the question is shown
    let taken: () => void = () => {};
    const stateTaken = new Promise<void>((resolve) => {
      taken = resolve;
    });
    await page.route(
      '**/api/state',
      async (route) => {
        const response = await route.fetch();
        taken();
        await ownServer.waitFor();
        await route.fulfill({ response });
      },
      { times: 1 },
    );
    const theme = host.settings.get('app.theme');
    host.settings.set('app.theme', 'dark');
    await stateTaken;
    await page.locator('label.label-command', { hasText: 'Web address' }).click();
    await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    // the State without the question has been applied (its re-draw and its questions come with its theme)
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(await ownServer.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    host.settings.set('app.theme', theme ?? 'system');
    await page.locator(`html[data-theme="${theme ?? 'system'}"]`).waitFor({ state: 'attached' });
  });

  it('runs "Sync congregation" from the palette with progress; the media appear', async () => {
    // a slow clip, so that the progress bar can be seen
    proxy.rules.push({
      method: 'GET',
      pathIncludes: 'Short clip',
      times: 1,
      fault: { kind: 'drip', bytesPerChunk: 8 * 1024, intervalMs: 100 },
    });
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await openPalette();
    await page.keyboard.type('sync cong');
    expect((await paletteCommands())[0]).toBe('Sync congregation');
    const task = page.locator('.task', { hasText: 'Sync congregation' });
    // a state fetched while the sync runs arrives only after the task ended: the task must not come back
    await page.evaluate(() => {
      const added: string[] = [];
      const observer = new MutationObserver((records) => {
        for (const record of records)
          for (const node of record.addedNodes)
            if (node instanceof HTMLElement && node.dataset.task) added.push(node.dataset.task);
      });
      observer.observe(document.body, { childList: true, subtree: true });
      Object.assign(window, {
        tasksShown: () => {
          observer.disconnect();
          return added;
        },
      });
    });
    let staleStates = 0;
    await page.route('**/api/state', async (route) => {
      const response = await route.fetch();
      if ((await response.json()).tasks.length > 0) {
        await task.waitFor({ state: 'detached', timeout: 30_000 });
        staleStates++;
      }
      await route.fulfill({ response });
    });
    await page.keyboard.press('Enter');
    await task.locator('progress').waitFor();
    await expect.poll(() => task.locator('.task-message').textContent()).toMatch(/files, .* MB/);
    await toast(/Congregation media up to date/).waitFor({ timeout: 30_000 });
    await task.waitFor({ state: 'detached' });
    await expect.poll(() => staleStates).toBeGreaterThan(0);
    await page.unrouteAll({ behavior: 'wait' });
    const shown = await page.evaluate(() => (window as unknown as { tasksShown(): string[] }).tasksShown());
    expect(shown).toHaveLength(1);
    expect(await task.count()).toBe(0);

    await page.getByRole('link', { name: 'Media' }).click();
    const item = (name: string) => page.locator(`li.media-item[data-name="${name}"]`);
    await item('01 - Welcome.jpg').waitFor();
    expect(await item('01 - Welcome.jpg').textContent()).toContain('Congregation');
    await expect
      .poll(() =>
        item('01 - Welcome.jpg')
          .locator('img.thumb')
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBe(960);
    // a video's poster is a frame of the video itself, loaded as far as its metadata
    await item('02 - Short clip.webm').waitFor();
    expect(await item('02 - Short clip.webm').locator('img').count()).toBe(0);
    await expect
      .poll(() =>
        item('02 - Short clip.webm')
          .locator('video.thumb')
          .evaluate((video: HTMLVideoElement) => video.videoWidth),
      )
      .toBe(640);
    expect(await item('Year text 2026.jpg').first().textContent()).toContain('Recurring');
    // hidden by the congregation: still listed, shown as hidden
    const hidden = item(seeded.hiddenName);
    expect(await hidden.getAttribute('class')).toContain('is-hidden');
    expect(await hidden.textContent()).toContain('Hidden');
    expect(await hidden.textContent()).toContain('JW');
    await dismissToasts();
    await page.screenshot({ path: path.join(ARTIFACTS, 'media.png'), fullPage: true });

    // the congregation's forcedPrefs.json enforces media.maxRes: shown locked
    await page.getByRole('link', { name: 'Settings' }).click();
    const maxRes = fieldByLabel('Maximum video resolution');
    expect(await maxRes.isDisabled()).toBe(true);
    expect(await maxRes.inputValue()).toBe('480p');
    expect(await page.locator('[data-field="host-media_maxRes"]').textContent()).toContain(
      'enforced by your congregation',
    );
  });

  it('shows the congregation-wide settings as a multi-select with the enforced ones ticked', async () => {
    await page.getByRole('button', { name: 'Congregation-wide settings' }).click();
    const dialog = page.locator('dialog.quick-pick');
    // each setting by its label, with its value as the settings page shows it
    const maxRes = dialog.getByRole('checkbox', { name: /^Maximum video resolution\s*480p/ });
    await maxRes.waitFor();
    expect(await maxRes.isChecked()).toBe(true);
    const subtitles = dialog.getByRole('checkbox', { name: /^Subtitles on\s*off/ });
    expect(await subtitles.isChecked()).toBe(false);
    await subtitles.check();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('uploads a file for a date through the organiser hook, then hides it', async () => {
    await page.getByRole('link', { name: 'Media' }).click();
    const section = page.locator(`section[data-date="${seeded.weekend}"]`);
    await section.locator('input[type="file"]').setInputFiles({
      name: '03 - Uploaded.png',
      mimeType: 'image/png',
      buffer: png(160, 90, [200, 40, 40]),
    });
    const uploaded = section.locator('li.media-item[data-name="03 - Uploaded.png"]');
    await uploaded.waitFor({ timeout: 30_000 });
    // the organiser's own copy is on disk a moment before the sync lists it as the congregation's
    await expect.poll(() => uploaded.textContent(), { timeout: 30_000 }).toContain('Congregation');
    expect(
      existsSync(path.join(serverRoot, 'Congregation', 'Media', seeded.weekend, '03 - Uploaded.png')),
    ).toBe(true);
    await uploaded.getByRole('button', { name: 'Hide' }).click();
    await expect.poll(() => uploaded.getAttribute('class'), { timeout: 30_000 }).toContain('is-hidden');
    await uploaded.getByRole('button', { name: 'Show again' }).waitFor();
  });

  it('cancels a running sync: the half-downloaded file is gone', async () => {
    const big = path.join(serverRoot, 'Congregation', 'Media', seeded.weekend, '03 - Long clip.mp4');
    await fsp.writeFile(big, Buffer.alloc(2 * 1024 * 1024, 3));
    proxy.rules.push({
      method: 'GET',
      pathIncludes: 'Long clip',
      times: 5,
      fault: { kind: 'drip', bytesPerChunk: 4 * 1024, intervalMs: 50 },
    });
    await page.getByRole('link', { name: 'Settings' }).click();
    await dismissToasts();
    await page.getByRole('button', { name: 'Sync congregation' }).click();
    const task = page.locator('.task', { hasText: 'Sync congregation' });
    await expect.poll(() => task.locator('progress').getAttribute('value')).not.toBe('0');
    await task.getByRole('button', { name: 'Cancel' }).click();
    await task.waitFor({ state: 'detached', timeout: 15_000 });
    await toast('Cancelled.').waitFor();
    const dateFolder = path.join(mediaFolder, seeded.weekend);
    expect(readdirSync(dateFolder).filter((name) => name.includes('Long clip'))).toEqual([]);
    await fsp.rm(big);
  });

  it('switches to German: host and plugin labels, and the palette', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await fieldByLabel('Display language').selectOption('de');
    await page.getByRole('heading', { name: 'Einstellungen des Präsentationsprogramms' }).waitFor();
    await page.getByRole('heading', { name: 'Versammlungs-Synchronisation' }).waitFor();
    for (const label of ['Web-Adresse', 'Benutzername', 'Passwort', 'Synchronisations-Ordner'])
      await fieldByLabel(label).waitFor();
    await page.getByRole('button', { name: 'Versammlungsweite Einstellungen' }).waitFor();
    await page.getByRole('button', { name: 'Medienordner aktualisieren' }).waitFor();
    expect(await page.locator('[data-field="host-media_maxRes"]').textContent()).toContain(
      'von Ihrer Versammlung vorgegeben',
    );
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    // the host's own reasons are German too
    await saveField('Musiklautstärke (%)', '500');
    await statusOf('Musiklautstärke (%)')
      .filter({ hasText: 'Nicht übernommen: Bitte eine ganze Zahl von 1 bis 100 eingeben.' })
      .waitFor();
    await saveField('Musiklautstärke (%)', '80');
    await statusOf('Musiklautstärke (%)').filter({ hasText: 'Gespeichert' }).waitFor();
    expect(host.settings.get('meeting.musicVolume')).toBe(80);
    expect(await page.getByRole('link', { name: 'Medien' }).count()).toBe(1);
    await openPalette();
    await page.keyboard.type('medien');
    expect(await paletteCommands()).toContain('Medienordner aktualisieren');
    await page.keyboard.press('Escape');
    await page.locator('dialog.palette').waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'settings-de.png'), fullPage: true });
    await fieldByLabel('Anzeigesprache').selectOption('en');
    await page.getByRole('heading', { name: 'Presenter settings' }).waitFor();
    await fieldByLabel('Web address').waitFor();
  });

  it('the palette works with the keyboard and gives the focus back', async () => {
    const opener = page.getByRole('button', { name: /^Commands/ });
    await opener.focus();
    await openPalette();
    const input = page.locator('#palette-input');
    await page.keyboard.type('connection');
    expect(await paletteCommands()).toEqual(['Test connection']);
    await input.fill('');
    const first = await input.getAttribute('aria-activedescendant');
    await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).not.toBe(first);
    await page.keyboard.press('ArrowUp');
    expect(await input.getAttribute('aria-activedescendant')).toBe(first);
    await page.keyboard.press('Escape');
    await page.locator('dialog.palette').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/^Commands/);
    // the focus is visible
    await page.keyboard.press('Shift+Tab');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe('none');
  });

  it('disables and enables the plugin at once: its commands leave the palette and come back', async () => {
    await page.getByRole('link', { name: 'Plugins' }).click();
    const card = page.locator(`li[data-plugin="${PLUGIN_ID}"]`);
    expect(await card.textContent()).toContain('Congregation Sync');
    expect(await card.textContent()).toContain('Version 1.0.0');
    const toggle = card.getByRole('switch', { name: /Enabled/ });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click();
    await expect.poll(() => host.plugins.has(PLUGIN_ID)).toBe(false);
    // the host's own commands (the media window's) stay; none of the plugin's is left
    await openPalette();
    await page.keyboard.type('sync');
    await page.locator('#palette-list', { hasText: 'No matching command.' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Settings' }).click();
    expect(await page.locator('[data-panel]').count()).toBe(0);

    await page.getByRole('link', { name: 'Plugins' }).click();
    await card.getByRole('switch', { name: /Enabled/ }).click();
    await expect.poll(() => host.plugins.has(PLUGIN_ID)).toBe(true);
    await expect.poll(() => card.getByRole('switch').isChecked()).toBe(true);
    await openPalette();
    await page.keyboard.type('sync');
    await expect.poll(paletteCommands).toContain('Sync congregation');
    await page.keyboard.press('Escape');
  });

  it('a toggle field is a switch bound to its setting; the M³ folder is a field of its own', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await fieldByLabel("Folder for M³'s folder watcher").waitFor();
    const toggle = page.getByRole('switch', { name: 'Sync automatically' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await expect.poll(() => host.plugins.get(PLUGIN_ID)?.configuration.get('autoSync')).toBe(true);
    await toggle.click();
    await expect.poll(() => host.plugins.get(PLUGIN_ID)?.configuration.get('autoSync')).toBe(false);
    // a state fetched after the first click may arrive after the second: the page settles on the stored value
    await expect.poll(() => toggle.isChecked()).toBe(false);
  });

  it('fits a narrow window (360 px)', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const view of ['settings', 'media', 'plugins']) {
      await page.getByRole('link', { name: view[0]?.toUpperCase() + view.slice(1) }).click();
      await page.locator(`main[data-view="${view}"]`).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, view).toBeLessThanOrEqual(0);
    }
    await page.getByRole('link', { name: 'Media' }).click();
    await page.screenshot({ path: path.join(ARTIFACTS, 'media-narrow.png') });
    await page.setViewportSize({ width: 1100, height: 900 });
    expect(pageErrors).toEqual([]);
  });
});
