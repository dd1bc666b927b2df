/**
 * Ready at a glance: the status strip on every view says when the last sync ran and how it ended, when the next one
 * runs, and whether the next meeting has all of its media, in English and in German (Chromium with an English
 * locale for both: the page, not the browser, speaks German), with 24-hour times.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToday as today } from '../../contract/media-folders.js';
import { STRINGS } from '../../host/i18n.js';
import { PluginRegistry } from '../../host/plugins.js';
import type { Host } from '../../host/runtime.js';
import { startWebServer, type WebServer } from '../../host/web/server.js';
import { seedDemoFolder } from '../../tools/demo-content.js';
import { type EmbeddedServer, startEmbeddedWebdav } from '../../tools/embedded-server.js';
import { endBrowserTest, haveChromium, launchChromium } from '../support/chromium.js';
import { newHost, PLUGIN_ID, REPO_ROOT } from '../support/host-harness.js';
import { makeTempDir, randomPassword } from '../support/servers.js';

const localToday = () => today(new Date());

for (const lang of ['en', 'de'] as const) {
  const words = STRINGS[lang];
  /** A catalogue text as a pattern: its placeholders match anything, its plural forms either form. */
  const pattern = (key: keyof typeof words) =>
    new RegExp(
      words[key]
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\{(\w+):([^{}|]*)\\\|([^{}]*)\}/g, '($2|$3)')
        .replace(/\{\w+\}/g, '.*'),
    );

  describe.skipIf(!haveChromium && !process.env.CI)(`the status strip (${lang})`, () => {
    let host: Host;
    let web: WebServer;
    let webdav: EmbeddedServer;
    let context: BrowserContext;
    let page: Page;
    const password = randomPassword();
    const strip = () => page.locator(`.status-strip[data-plugin="${PLUGIN_ID}"]`);
    const sync = () => host.executeCommand('congregation-sync.sync');

    beforeAll(async () => {
      const serverRoot = await makeTempDir(`cs-status-server-${lang}`);
      seedDemoFolder(serverRoot, localToday());
      webdav = await startEmbeddedWebdav({ root: serverRoot, username: 'demo', password });
      const profileDir = await makeTempDir(`cs-status-profile-${lang}`);
      host = newHost({ profileDir, mediaFolder: path.join(profileDir, 'media'), language: lang });
      const loaded = await host.load(REPO_ROOT);
      if (!loaded.ok) throw new Error(loaded.error);
      const { configuration, secrets } = loaded.plugin.context;
      await configuration.update('serverUrl', webdav.url);
      await configuration.update('username', 'demo');
      await configuration.update('folder', '/Congregation');
      await secrets.store('password', password);
      web = await startWebServer({ host, registry: new PluginRegistry(profileDir, [REPO_ROOT]) });
      context = await launchChromium(`cs-status-chromium-${lang}`, { locale: 'en-US' });
      page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(15_000);
      await page.goto(web.url);
      await page.locator('body[data-connected="true"]').waitFor();
    }, 90_000);

    afterAll(() => endBrowserTest(context, web, webdav));

    it('after a sync: when it ended (24-hour), done, and the next meeting ready, on every view', async () => {
      await sync();
      await strip()
        .locator('.status-last', { hasText: pattern('status.last.ok') })
        .waitFor();
      const text = (await strip().textContent()) ?? '';
      expect(text).toMatch(/\b([01]\d|2[0-3]):[0-5]\d\b/);
      expect(text).not.toMatch(/\b(AM|PM)\b/i);
      expect(await strip().locator('.status-next').textContent()).toMatch(pattern('status.nextNone'));
      await expect
        .poll(() => strip().locator('.status-meeting').textContent())
        .toMatch(pattern('status.date.ready'));
      for (const view of ['nav.media', 'nav.plugins', 'nav.settings'] as const) {
        await page.getByRole('link', { name: words[view] }).click();
        expect(await strip().isVisible()).toBe(true);
      }
    }, 60_000);

    it("the bandwidth limit is a field of the plugin's panel: a rate is kept, anything else refused", async () => {
      const label = lang === 'de' ? 'Bandbreitengrenze' : 'Bandwidth limit';
      await page.getByRole('link', { name: words['nav.settings'] }).click();
      const field = page.getByLabel(label, { exact: true });
      await field.fill('2M');
      await field.press('Enter');
      const config = host.plugins.get(PLUGIN_ID)?.context.configuration;
      await expect.poll(() => config?.get('bwlimit')).toBe('2M');
      await field.fill('fast');
      await field.press('Enter');
      await page.locator('[data-field]', { has: field }).locator('.error').waitFor();
      expect(config?.get('bwlimit')).toBe('2M');
      await config?.update('bwlimit', '');
    }, 60_000);

    it('a date that misses an item: the strip says how many, and the status names it with its reason', async () => {
      const next = host.status.get(PLUGIN_ID)?.dates.find((d) => d.date >= localToday());
      if (!next) throw new Error('no meeting date in the window');
      await host.media.apply([
        {
          op: 'upsert',
          item: {
            date: next.date,
            name: 'Song 5.mp4',
            source: 'jw',
            hidden: false,
            recurring: false,
            file: null,
          },
        },
      ]);
      await sync();
      await strip()
        .locator('.status-meeting.is-missing', { hasText: pattern('status.date.missing') })
        .waitFor();
      const missing = host.status.get(PLUGIN_ID)?.dates.find((d) => d.date === next.date)?.missing;
      expect(missing?.map((m) => m.name)).toEqual(['Song 5.mp4']);
      await host.media.apply([{ op: 'remove', date: next.date, name: 'Song 5.mp4' }]);
    }, 60_000);

    it('after a failed sync: failed, with the cause; after a good one: done again', async () => {
      const { secrets } = host.plugins.get(PLUGIN_ID)?.context ?? {};
      await secrets?.store('password', 'not the password');
      await sync();
      await strip()
        .locator('.status-last', { hasText: pattern('status.last.failed') })
        .waitFor();
      expect(await strip().getAttribute('data-outcome')).toBe('failed');
      expect(await strip().textContent()).toContain('401');
      await secrets?.store('password', password);
      await sync();
      await strip()
        .locator('.status-last', { hasText: pattern('status.last.ok') })
        .waitFor();
    }, 60_000);
  });
}
