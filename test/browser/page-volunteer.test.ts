/**
 * The page as a German-speaking volunteer meets it, in a real Chromium (Debian's, through playwright-core): every
 * page and dialog in German without a word of the English catalogues or a raw key, one toast per action replaced in
 * place and never over the primary button, the palette's ranking and its memory, weekdays as a select of names.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_SETTINGS } from '../../host/host-settings.js';
import { STRINGS } from '../../host/i18n.js';
import { PluginRegistry } from '../../host/plugins.js';
import type { Host } from '../../host/runtime.js';
import { startWebServer, type WebServer } from '../../host/web/server.js';
import { MESSAGES } from '../../src/i18n.js';
import { PASSWORD_SECRET } from '../../src/settings.js';
import { presenterItems, seedDemoFolder } from '../../tools/demo-content.js';
import { type EmbeddedServer, startEmbeddedWebdav } from '../../tools/embedded-server.js';
import { CHROMIUM, endBrowserTest, haveChromium, launchChromium } from '../support/chromium.js';
import { newHost, PLUGIN_ID, REPO_ROOT } from '../support/host-harness.js';
import { makeTempDir, randomPassword } from '../support/servers.js';

const nls = (file: string) =>
  JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as Record<string, string>;
const CATALOGUES: Array<[Record<string, string>, Record<string, string>]> = [
  [STRINGS.en, STRINGS.de],
  [MESSAGES.en, MESSAGES.de],
  [nls('manifest.nls.json'), nls('manifest.nls.de.json')],
];
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const germanTexts = CATALOGUES.flatMap(([, de]) => Object.values(de));

/** The English catalogues' words that German has not: each text's parts between placeholders. */
const ENGLISH = [
  ...new Set(
    CATALOGUES.flatMap(([en, de]) =>
      Object.entries(en)
        .filter(([key, text]) => text !== de[key])
        .flatMap(([, text]) => text.split(/\{\w+\}/))
        .map((part) => part.trim().replace(/^[\s.,:;()"“”„]+|[\s.,:;()"“”„]+$/g, ''))
        .filter((part) => part.length >= 6 && /[a-z]{3}/.test(part))
        .filter((part) => !germanTexts.some((german) => german.includes(part))),
    ),
  ),
];
/** What a raw key looks like on a page: a catalogue's or a host setting's key, or a manifest placeholder. */
const KEYS = [...CATALOGUES.flatMap(([en]) => Object.keys(en)), ...HOST_SETTINGS.map((s) => s.key)].filter(
  (key) => key.includes('.'),
);

describe.skipIf(!haveChromium && !process.env.CI)('the page for a German-speaking volunteer', () => {
  let host: Host;
  let web: WebServer;
  let webdav: EmbeddedServer;
  let context: BrowserContext;
  let page: Page;
  const password = randomPassword();
  const pageErrors: string[] = [];
  const seen: Array<{ where: string; text: string }> = [];

  /** Everything a person can read now: the page, open dialogs, and the accessible names of controls; not the data
   * it shows as it is (the server's folder names). */
  const look = async (where: string) => {
    const text = await page.evaluate(() => {
      for (const data of document.querySelectorAll<HTMLElement>('.folder-list .folder'))
        data.dataset.text = 'data';
      const hidden = [...document.querySelectorAll<HTMLElement>('[data-text="data"]')];
      for (const el of hidden) el.style.display = 'none';
      const names = [...document.querySelectorAll('[aria-label], [placeholder], [title]')].map((el) =>
        ['aria-label', 'placeholder', 'title'].map((a) => el.getAttribute(a) ?? '').join(' '),
      );
      // biome-ignore lint/performance/useDomNodeTextContent: what is shown, without the data hidden above
      const all = `${document.body.innerText}\n${names.join('\n')}`;
      for (const el of hidden) el.style.display = '';
      return all;
    });
    seen.push({ where, text });
  };
  const primary = () => page.locator('[data-panel="congregation-sync/connection"] button.primary');
  const toasts = () => page.locator('.toast');
  /** With the primary button scrolled to `block` of the view: the toasts whose boxes overlap the button's. */
  const coveringPrimary = (block: 'start' | 'end') =>
    page.evaluate((where) => {
      const button = document.querySelector('[data-panel="congregation-sync/connection"] button.primary');
      if (!button) throw new Error('no primary button');
      button.scrollIntoView({ block: where });
      const b = button.getBoundingClientRect();
      return [...document.querySelectorAll('.toast')]
        .map((toast) => ({ text: toast.textContent, r: toast.getBoundingClientRect() }))
        .filter(({ r }) => r.left < b.right && b.left < r.right && r.top < b.bottom && b.top < r.bottom)
        .map(({ text }) => text);
    }, block);
  const openPalette = async () => {
    await page.locator('main').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Control+Shift+P');
    await page.locator('#palette-input').waitFor();
  };
  const paletteTitles = () => page.locator('#palette-list [role="option"] .title').allTextContents();

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`CI: ${CHROMIUM} is missing; .ci/run installs Debian's chromium`);
    const serverRoot = await makeTempDir('cs-volunteer-server');
    const seeded = seedDemoFolder(serverRoot, new Date().toISOString().slice(0, 10));
    webdav = await startEmbeddedWebdav({ root: serverRoot, username: 'demo', password });
    const profileDir = await makeTempDir('cs-volunteer-profile');
    host = newHost({ profileDir, mediaFolder: path.join(profileDir, 'media'), language: 'de' });
    const loaded = await host.load(REPO_ROOT);
    if (!loaded.ok) throw new Error(loaded.error);
    const config = loaded.plugin.configuration;
    await config.update('serverUrl', webdav.url);
    await config.update('username', 'demo');
    await config.update('folder', '/Congregation');
    await loaded.plugin.context.secrets.store(PASSWORD_SECRET, password);
    await host.media.apply(presenterItems(seeded));
    web = await startWebServer({ host, registry: new PluginRegistry(profileDir, [REPO_ROOT]) });
    context = await launchChromium('cs-volunteer-chromium', {
      viewport: { width: 1100, height: 800 },
      locale: 'de-DE',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(web.url);
    await page.locator('body[data-connected="true"]').waitFor();
    await primary().waitFor();
  });

  afterAll(() => endBrowserTest(context, web, webdav));

  it('settings: the plugin first in a side navigation, Sync as the primary button, weekdays and times', async () => {
    const sections = await page.locator('.settings-nav-link').allTextContents();
    expect(sections).toEqual(['Versammlungs-Synchronisation', 'Einstellungen des Präsentationsprogramms']);
    expect(await primary().textContent()).toBe(MESSAGES.de['panel.sync']);
    expect(await page.locator('[data-panel] button.primary').count()).toBe(1);

    const day = page.getByLabel('Tag der Zusammenkunft unter der Woche', { exact: true });
    expect(await day.evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await day.locator('option').allTextContents()).toEqual([
      'Montag',
      'Dienstag',
      'Mittwoch',
      'Donnerstag',
      'Freitag',
      'Samstag',
      'Sonntag',
    ]);
    expect(await day.inputValue()).toBe('2');
    await day.selectOption({ label: 'Donnerstag' });
    await expect.poll(() => host.settings.get('meeting.mwDay')).toBe(3);
    const start = page.getByLabel('Beginn der Zusammenkunft unter der Woche', { exact: true });
    // the page's own time field, 24-hour in either language (the browser's would follow the browser's locale)
    expect(await start.getAttribute('placeholder')).toBe('HH:MM');
    expect(await start.inputValue()).toBe('19:00');
    const language = page.getByLabel('Mediensprache', { exact: true });
    expect(await language.locator('option:checked').textContent()).toBe('Englisch');
    await look('settings');
  });

  it('walks every page and dialog in German', async () => {
    // a refused value, with its reason
    const address = page.getByLabel(MESSAGES.de['panel.serverUrl'], { exact: true });
    await address.fill('http://example.org/');
    await address.press('Enter');
    await page.locator('[data-field] .error', { hasText: 'https://' }).waitFor();
    await look('settings: refused value');
    await address.fill(webdav.url);
    await address.press('Enter');
    await page.locator('[data-field] .status', { hasText: 'Gespeichert' }).first().waitFor();

    // the provider list and its question
    await page.locator('label.label-command').click();
    const picker = page.locator('dialog.quick-pick');
    await picker.getByRole('button', { name: /Eigener Server/ }).waitFor();
    await look('provider list');
    await picker.getByRole('button', { name: /Eigener Server/ }).click();
    await page.locator('dialog #input-dialog-value').waitFor();
    await look('provider question');
    await page.keyboard.press('Escape');
    await page.locator('dialog').waitFor({ state: 'detached' });

    // the folder browser
    await page.getByRole('button', { name: `Durchsuchen: ${MESSAGES.de['panel.folder']}` }).click();
    await page.locator('dialog.browser .folder-list button').first().waitFor();
    await look('folder browser');
    await page.keyboard.press('Escape');

    // the congregation-wide settings: labels and values as the settings page shows them
    await page.getByRole('button', { name: MESSAGES.de['panel.congregationSettings'] }).click();
    const settings = page.locator('dialog.quick-pick');
    await settings.getByText('Tag der Zusammenkunft unter der Woche').waitFor();
    const row = settings.locator('li', { hasText: 'Tag der Zusammenkunft unter der Woche' });
    expect(await row.locator('.pick-description').textContent()).toBe('Donnerstag');
    const subtitles = settings.locator('li', { hasText: 'Untertitel an' });
    expect(await subtitles.locator('.pick-description').textContent()).toBe('aus');
    const resolution = settings.locator('li', { hasText: 'Maximale Videoauflösung' });
    expect(await resolution.locator('.pick-description').textContent()).toBe('720p');
    await look('congregation-wide settings');
    await settings.getByRole('button', { name: STRINGS.de['dialog.cancel'] }).click();

    // the connection test's message
    await page.getByRole('button', { name: MESSAGES.de['panel.testConnection'] }).click();
    await page.locator('.toast', { hasText: 'Verbindung in Ordnung' }).waitFor();
    await look('connection test');

    await openPalette();
    await look('palette');
    await page.keyboard.press('Escape');

    await page.locator('a[href="#media"]').click();
    await page.locator('li.media-item').first().waitFor();
    await look('media');
    await page.locator('a[href="#plugins"]').click();
    await page.locator('.plugin-list').waitFor();
    await look('plugins');
    expect(seen.find((s) => s.where === 'plugins')?.text).not.toContain(`von ${PLUGIN_ID}`);
    await page.locator('a[href="#settings"]').click();
    await primary().waitFor();

    const found = seen.flatMap(({ where, text }) => [
      ...ENGLISH.flatMap((english) => {
        const at = new RegExp(`(^|[^\\p{L}])${escapeRegex(english)}($|[^\\p{L}])`, 'u').exec(text)?.index;
        return at === undefined
          ? []
          : [`${where}: English "${english}" in …${text.slice(Math.max(0, at - 40), at + 40)}…`];
      }),
      ...KEYS.filter((key) =>
        new RegExp(`(^|[^\\w.-])${key.replace(/\./g, '\\.')}($|[^\\w.-])`).test(text),
      ).map((key) => `${where}: raw key ${key}`),
      ...(/%[\w.]+%/.test(text) ? [`${where}: manifest placeholder`] : []),
    ]);
    expect(found).toEqual([]);
    expect(seen.length).toBeGreaterThanOrEqual(9);
    expect(pageErrors).toEqual([]);
  });

  it('one toast per action, replaced in place, never over the primary button; Escape dismisses it', async () => {
    for (let close = page.locator('.toast-close'); (await close.count()) > 0; ) await close.first().click();
    await page.getByRole('button', { name: MESSAGES.de['panel.testConnection'] }).click();
    const first = toasts().first();
    await first.waitFor();
    await first.evaluate((el) => {
      el.setAttribute('data-probe', 'same');
    });
    await page.locator('.toast[data-probe="same"]', { hasText: 'Verbindung in Ordnung' }).waitFor();
    expect(await toasts().count()).toBe(1);

    await primary().click();
    const sync = page.locator('.toast', { hasText: 'Medien der Versammlung sind aktuell' });
    await sync.waitFor({ timeout: 30_000 });
    // the sync's "started" became its summary: still one toast for it, and at most a few in all
    expect(await page.locator('.toast', { hasText: `${MESSAGES.de['panel.sync']} …` }).count()).toBe(0);
    expect(await toasts().allTextContents()).toHaveLength(2);
    expect(await toasts().count()).toBeGreaterThan(0);
    expect(await coveringPrimary('start')).toEqual([]);
    // also with the button at the bottom of the view, where the toasts are
    expect(await coveringPrimary('end')).toEqual([]);

    const before = await toasts().count();
    await page.locator('main').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Escape');
    await expect.poll(() => toasts().count()).toBe(before - 1);
  }, 60_000);

  it('an error stays until dismissed and replaces its action’s toast', async () => {
    for (let close = page.locator('.toast-close'); (await close.count()) > 0; ) await close.first().click();
    await host.plugins.get(PLUGIN_ID)?.context.secrets.store(PASSWORD_SECRET, 'not-the-password');
    await page.getByRole('button', { name: MESSAGES.de['panel.testConnection'] }).click();
    const error = page.locator('.toast.toast-error', { hasText: 'HTTP 401' });
    await error.waitFor();
    expect(await toasts().count()).toBe(1);
    expect(await error.getAttribute('role')).toBe('alert');
    await page.waitForTimeout(6000); // longer than a success stays
    expect(await error.count()).toBe(1);
    await error.locator('.toast-close').click();
    expect(await toasts().count()).toBe(0);
    await host.plugins.get(PLUGIN_ID)?.context.secrets.store(PASSWORD_SECRET, password);
  }, 30_000);

  it('the palette ranks by the command’s own title and puts the recently used first', async () => {
    await openPalette();
    await page.keyboard.type('einst');
    expect(await paletteTitles()).toEqual([
      'Einstellungen für die Versammlung vorgeben',
      'Versammlungsweite Einstellungen',
      'Versammlungsweite Einstellungen aufheben',
    ]);
    // the plugin's name is shown, not searched: every command has it
    await page.locator('#palette-input').fill('Versammlungs-Synchronisation');
    expect(await paletteTitles()).toEqual([]);
    await page.locator('#palette-input').fill('vbd test');
    expect(await paletteTitles()).toEqual(['Verbindung testen']);
    await page.keyboard.press('Enter');
    await page.locator('.toast', { hasText: 'Verbindung in Ordnung' }).waitFor();

    await openPalette();
    expect((await paletteTitles())[0]).toBe('Verbindung testen');
    await page.keyboard.press('Escape');
  });
});
