import { existsSync, readdirSync } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRINGS } from '../../host/i18n.js';
import { type MESSAGES, t } from '../../src/i18n.js';
import { CHROMIUM, haveChromium, launchChromium } from '../support/chromium.js';
import { startDemo } from '../support/demo-page.js';
import { REPO_ROOT } from '../support/host-harness.js';
import { cleanupTempDirs, makeTempDir } from '../support/servers.js';

afterAll(cleanupTempDirs);

/** Longer than a command's card waits for the plugin's late message before it says "done". */
const AFTER_LATE_MESSAGE_MS = 2500;

for (const lang of ['en', 'de'] as const) {
  const m = (key: keyof typeof MESSAGES.en, params = {}) => t(lang, key, params);
  const host = STRINGS[lang];

  describe.skipIf(!haveChromium && !process.env.CI)(`the page's feedback (${lang})`, () => {
    let demo: Awaited<ReturnType<typeof startDemo>>;
    let context: BrowserContext;
    let page: Page;
    let serverRoot: string;
    let nls: Record<string, string>;
    /** The date folder of the demo's "01 - Welcome.jpg". */
    let midweek: string;
    const onServer = (...parts: string[]) => path.join(serverRoot, 'Congregation', 'Media', ...parts);
    const item = (name: string) => page.locator(`li.media-item[data-name="${name}"]`);
    const dismiss = async () => {
      for (let close = page.locator('.toast-close'); (await close.count()) > 0; ) await close.first().click();
    };
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    /** After Escape on a dialog: it is gone, the focus is back on `opener`, and no message came. */
    const saidNothing = async (opener: string) => {
      await page.locator('dialog').waitFor({ state: 'detached' });
      expect(await focused()).toBe(opener);
      await page.waitForTimeout(AFTER_LATE_MESSAGE_MS);
      expect(await page.locator('.toast').allTextContents()).toEqual([]);
    };
    const toMedia = async () => {
      await page.getByRole('link', { name: host['nav.media'] }).click();
      await item('01 - Welcome.jpg').waitFor();
    };

    beforeAll(async () => {
      if (!haveChromium) throw new Error(`CI: ${CHROMIUM} is missing; .ci/run installs Debian's chromium`);
      const profile = await makeTempDir(`cs-feedback-${lang}`);
      demo = await startDemo(profile, lang);
      serverRoot = path.join(profile, 'demo-server');
      const dates = readdirSync(onServer()).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
      midweek = dates.find((d) => existsSync(onServer(d, '01 - Welcome.jpg'))) as string;
      nls = JSON.parse(
        await fsp.readFile(
          path.join(REPO_ROOT, lang === 'de' ? 'manifest.nls.de.json' : 'manifest.nls.json'),
          'utf8',
        ),
      ) as Record<string, string>;
      // an English browser: the German page is the page's doing
      context = await launchChromium(`cs-feedback-chromium-${lang}`, { locale: 'en-US' });
      page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(15_000);
      await page.goto(demo.url);
      await page.locator('body[data-connected="true"]').waitFor();
      await toMedia();
      await dismiss();
    }, 90_000);

    afterAll(async () => {
      await context?.close();
      demo?.child.kill('SIGTERM');
      await demo?.stopped;
    });

    it('Escape on the input dialog says nothing and gives the focus back', async () => {
      const rename = item('01 - Welcome.jpg').getByRole('button', { name: nls['command.rename.short'] });
      await rename.click();
      await page.locator('dialog #input-dialog-value').waitFor();
      await page.keyboard.press('Escape');
      await saidNothing(nls['command.rename.short'] as string);
    }, 30_000);

    it('Escape on the confirm dialog says nothing, gives the focus back and removes nothing', async () => {
      const remove = item('01 - Welcome.jpg').getByRole('button', { name: nls['command.delete.short'] });
      await remove.click();
      await page.locator('dialog .dialog-title').waitFor();
      await page.keyboard.press('Escape');
      await saidNothing(nls['command.delete.short'] as string);
      expect(existsSync(onServer(midweek, '01 - Welcome.jpg'))).toBe(true);
    }, 30_000);

    it('Escape on a quick pick of the plugin says nothing and gives the focus back', async () => {
      const place = nls['command.placeInMeeting.short'] as string;
      await page.locator(`section[data-date="${midweek}"]`).getByRole('button', { name: place }).click();
      await page.locator('dialog.quick-pick .pick').first().waitFor();
      await page.keyboard.press('Escape');
      await saidNothing(place);
    }, 30_000);

    it('Escape on the palette says nothing and gives the focus back', async () => {
      const opener = page.getByRole('button', { name: new RegExp(`^${host['nav.commands']}`) });
      await opener.click();
      await page.locator('#palette-input').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('dialog').waitFor({ state: 'detached' });
      expect(await focused()).toMatch(new RegExp(`^${host['nav.commands']}`));
      await page.waitForTimeout(AFTER_LATE_MESSAGE_MS);
      expect(await page.locator('.toast').count()).toBe(0);
    }, 30_000);

    it('the palette: Enter runs a command that asks; Enter answers once; Escape on its question says nothing', async () => {
      const opener = page.getByRole('button', { name: new RegExp(`^${host['nav.commands']}`) });
      await opener.click();
      await page.locator('#palette-input').fill(nls['command.rename'] as string);
      await page.keyboard.press('Enter');
      // the command asks for the date: one dialog, the palette does not come back
      const input = page.locator('dialog #input-dialog-value');
      await input.waitFor();
      expect(await page.locator('dialog').count()).toBe(1);
      await input.fill(midweek);
      await page.keyboard.press('Enter');
      // then for the name, chosen from the date's items: again one dialog
      const picker = page.locator('dialog.quick-pick');
      await picker
        .getByRole('button', { name: /Welcome/ })
        .first()
        .waitFor();
      expect(await page.locator('dialog').count()).toBe(1);
      await page.keyboard.press('Escape');
      await page.locator('dialog').waitFor({ state: 'detached' });
      expect(await focused()).toMatch(new RegExp(`^${host['nav.commands']}`));
      await page.waitForTimeout(AFTER_LATE_MESSAGE_MS);
      expect(await page.locator('.toast').allTextContents()).toEqual([]);
      expect(existsSync(onServer(midweek, '01 - Welcome.jpg'))).toBe(true);
    }, 30_000);

    it('a click while States arrive is not lost', async () => {
      const rename = item('01 - Welcome.jpg').getByRole('button', { name: nls['command.rename.short'] });
      await rename.hover();
      await page.mouse.down();
      // States arrive while the button is held: each theme change is a `changed` event, then a fetched State
      const themes = await page.evaluate(async () => {
        const token = new URLSearchParams(location.search).get('token') ?? '';
        const seen = new Set<string>();
        for (let i = 0; i < 6; i++) {
          await fetch('/api/settings', {
            method: 'POST',
            headers: { 'x-session-token': token, 'content-type': 'application/json' },
            body: JSON.stringify({ key: 'app.theme', value: i % 2 === 0 ? 'light' : 'dark' }),
          });
          await new Promise((r) => setTimeout(r, 120));
          seen.add(document.documentElement.dataset.theme ?? '');
        }
        return [...seen];
      });
      expect(themes.length).toBeGreaterThan(1);
      await page.mouse.up();
      await page.locator('dialog #input-dialog-value').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('dialog').waitFor({ state: 'detached' });
    }, 30_000);

    it('a rename confirmed with Enter renames once, opens no second dialog, and its message names the change', async () => {
      const from = '01 - Welcome.jpg';
      const to = '04 - Welcome.jpg';
      const before = readdirSync(onServer(midweek)).length;
      await item(from).getByRole('button', { name: nls['command.rename.short'] }).click();
      const input = page.locator('dialog #input-dialog-value');
      await input.fill(to);
      await input.press('Enter');
      const said = m('organiser.done', { what: m('organiser.done.rename', { from, to }) });
      await page.locator('.toast', { hasText: said }).waitFor({ timeout: 30_000 });
      await item(to).waitFor();
      expect(await page.locator('dialog').count()).toBe(0);
      expect(existsSync(onServer(midweek, from))).toBe(false);
      expect(existsSync(onServer(midweek, to))).toBe(true);
      expect(readdirSync(onServer(midweek)).length).toBe(before);
      // the message is the whole text of its card: what changed, and that other computers get it
      expect(await page.locator('.toast .toast-message').allTextContents()).toContain(said);
    }, 60_000);

    it('message cards stay in a corner: at most a third of a wide window, within a narrow one', async () => {
      await page.locator('.toast').first().waitFor();
      const view = () => page.locator('.view-scroll').evaluate((el) => el.getBoundingClientRect().height);
      await page.setViewportSize({ width: 1500, height: 900 });
      const withCard = await view();
      for (const card of await page.locator('.toast').all()) {
        const box = await card.boundingBox();
        expect(box?.width).toBeLessThanOrEqual(1500 / 3 + 1);
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(1500);
      }
      await page.setViewportSize({ width: 360, height: 740 });
      for (const card of await page.locator('.toast').all()) {
        const box = await card.boundingBox();
        expect(box?.x).toBeGreaterThanOrEqual(0);
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(360);
      }
      await page.setViewportSize({ width: 1500, height: 900 });
      await dismiss();
      // the cards lie over the page: the view is as tall with a card as without
      expect(await view()).toBe(withCard);
      await page.setViewportSize({ width: 1100, height: 900 });
    }, 30_000);
  });
}
