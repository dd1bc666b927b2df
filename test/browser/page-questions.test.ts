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

const bytes = (label: string) => Buffer.from(`${label} ${'x'.repeat(2_000)}`);

for (const lang of ['en', 'de'] as const) {
  const m = (key: keyof typeof MESSAGES.en, params = {}) => t(lang, key, params);
  const host = STRINGS[lang];

  describe.skipIf(!haveChromium && !process.env.CI)(`questions in the page (${lang}), no terminal`, () => {
    let demo: Awaited<ReturnType<typeof startDemo>>;
    let context: BrowserContext;
    let page: Page;
    let serverRoot: string;
    let mediaFolder: string;
    /** The date folders of the demo's server: the one of "01 - Welcome.jpg" and the one of "01 - Public talk.jpg". */
    let midweek: string;
    let weekend: string;
    const onServer = (...parts: string[]) => path.join(serverRoot, 'Congregation', 'Media', ...parts);

    const question = (text: string) => page.locator('.toast-question', { hasText: text });
    /** No message of the page names a command-line flag. */
    const noFlags = async () =>
      expect((await page.locator('#toasts').textContent()) ?? '').not.toMatch(/--[a-z]/);
    const dismiss = async () => {
      for (let close = page.locator('.toast-close'); (await close.count()) > 0; ) await close.first().click();
    };
    const uploadTo = async (date: string, files: Array<{ name: string; buffer: Buffer }>) => {
      await page.getByRole('link', { name: host['nav.media'] }).click();
      await page
        .locator(`section[data-date="${date}"] input[type="file"]`)
        .setInputFiles(files.map((f) => ({ ...f, mimeType: 'application/octet-stream' })));
    };
    /** The organiser's message at the end of an action: what changed (`what`), or that nothing changed. */
    const done = (what?: string) =>
      page
        .locator('.toast', { hasText: what ? m('organiser.done', { what }) : m('organiser.done.nothing') })
        .waitFor({ timeout: 30_000 });

    beforeAll(async () => {
      if (!haveChromium) throw new Error(`CI: ${CHROMIUM} is missing; .ci/run installs Debian's chromium`);
      const profile = await makeTempDir(`cs-questions-${lang}`);
      demo = await startDemo(profile, lang);
      serverRoot = path.join(profile, 'demo-server');
      mediaFolder = path.join(profile, 'media');
      const dates = readdirSync(onServer()).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
      midweek = dates.find((d) => existsSync(onServer(d, '01 - Welcome.jpg'))) as string;
      weekend = dates.find((d) => existsSync(onServer(d, '01 - Public talk.jpg'))) as string;
      context = await launchChromium(`cs-questions-chromium-${lang}`, {
        locale: lang === 'de' ? 'de-DE' : 'en-US',
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(15_000);
      await page.goto(demo.url);
      await page.locator('body[data-connected="true"]').waitFor();
    }, 90_000);

    afterAll(async () => {
      await context?.close();
      demo?.child.kill('SIGTERM');
      await demo?.stopped;
    });

    it('an existing name: Replace replaces it', async () => {
      const name = '01 - Public talk.jpg';
      await uploadTo(weekend, [{ name, buffer: bytes('replaced') }]);
      const asked = question(m('organiser.exists.ask', { name }));
      await asked.waitFor();
      expect(await asked.getAttribute('role')).toBe('alertdialog');
      await noFlags();
      await asked.getByRole('button', { name: m('organiser.exists.replace'), exact: true }).click();
      await done(m('organiser.done.uploadOne', { name, date: weekend }));
      expect(await fsp.readFile(onServer(weekend, name))).toEqual(bytes('replaced'));
      await noFlags();
      await dismiss();
    }, 60_000);

    it('an existing name: Keep both puts the new file under a free name', async () => {
      const name = '02 - Short clip.webm';
      const before = await fsp.readFile(onServer(weekend, name));
      await uploadTo(weekend, [{ name, buffer: bytes('kept') }]);
      const asked = question(m('organiser.exists.ask', { name }));
      const free = '02 - Short clip (2).webm';
      await asked
        .getByRole('button', { name: m('organiser.exists.keepBoth', { free }), exact: true })
        .click();
      await done(m('organiser.done.uploadOne', { name: free, date: weekend }));
      expect(await fsp.readFile(onServer(weekend, name))).toEqual(before);
      expect(await fsp.readFile(onServer(weekend, free))).toEqual(bytes('kept'));
      await noFlags();
      await dismiss();
    }, 60_000);

    it('an existing name: Skip leaves it as it is', async () => {
      const name = '01 - Welcome.jpg';
      const before = await fsp.readFile(onServer(midweek, name));
      await uploadTo(midweek, [{ name, buffer: bytes('skipped') }]);
      const asked = question(m('organiser.exists.ask', { name }));
      await asked.getByRole('button', { name: m('organiser.exists.skip'), exact: true }).click();
      await done();
      expect(await fsp.readFile(onServer(midweek, name))).toEqual(before);
      await noFlags();
      await dismiss();
    }, 60_000);

    it('several existing names: one answer for all of them', async () => {
      const names = ['01 - Welcome.jpg', '02 - Circuit overseer visit.jpg'];
      await uploadTo(
        midweek,
        names.map((name) => ({ name, buffer: bytes(`all ${name}`) })),
      );
      const asked = question(m('organiser.exists.askMany', { name: names[0], more: 1 }));
      await asked.getByRole('button', { name: m('organiser.exists.replaceAll'), exact: true }).click();
      // the second name is not asked about: the upload ends with both replaced
      await done(m('organiser.done.upload', { count: 2, date: midweek }));
      for (const name of names)
        expect(await fsp.readFile(onServer(midweek, name))).toEqual(bytes(`all ${name}`));
      await noFlags();
      await dismiss();
    }, 60_000);

    it('a mass removal is a question with buttons; Remove removes the copies', async () => {
      const names = Array.from({ length: 12 }, (_, i) => `Gone ${i + 1}.jpg`);
      for (const name of names) await fsp.writeFile(onServer(weekend, name), bytes(name));
      const local = (name: string) => path.join(mediaFolder, weekend, name);
      const sync = async () => {
        await page.getByRole('link', { name: host['nav.settings'] }).click();
        await page.getByRole('button', { name: m('panel.sync'), exact: true }).click();
      };
      await sync();
      await expect.poll(() => names.every((n) => existsSync(local(n))), { timeout: 30_000 }).toBe(true);
      await dismiss();
      for (const name of names) await fsp.rm(onServer(weekend, name));
      await sync();
      const asked = page.locator('.toast-question', {
        has: page.getByRole('button', { name: m('sync.remove'), exact: true }),
      });
      await asked.waitFor({ timeout: 30_000 });
      expect(await asked.getAttribute('role')).toBe('alertdialog');
      await noFlags();
      await asked.getByRole('button', { name: m('sync.remove'), exact: true }).click();
      await expect.poll(() => names.some((n) => existsSync(local(n))), { timeout: 30_000 }).toBe(false);
      await noFlags();
      await dismiss();
    }, 90_000);

    it("a date's place in the meeting: chosen with M³'s section names, shown on its items, kept on the server", async () => {
      const nls = JSON.parse(
        await fsp.readFile(
          path.join(REPO_ROOT, lang === 'de' ? 'manifest.nls.de.json' : 'manifest.nls.json'),
          'utf8',
        ),
      ) as Record<string, string>;
      await page.getByRole('link', { name: host['nav.media'] }).click();
      const date = page.locator(`section[data-date="${midweek}"]`);
      await date.getByRole('button', { name: nls['command.placeInMeeting.short'], exact: true }).click();
      const picker = page.locator('dialog.quick-pick');
      await picker.getByRole('button', { name: new RegExp(`^${m('section.tgw')}`) }).click();
      await page
        .locator('dialog.quick-pick')
        .getByRole('button', { name: m('organiser.sectionStart') })
        .click();
      await done(m('organiser.done.sectionStart', { date: midweek, section: m('section.tgw') }));
      expect(
        JSON.parse(await fsp.readFile(path.join(serverRoot, 'Congregation', 'meetingSections.json'), 'utf8')),
      ).toEqual({
        [midweek]: { section: 'tgw', at: 'start' },
      });
      const placed = `${host['section.tgw']}, ${host['media.place.start']}`;
      const welcome = date.locator('li.media-item[data-name="01 - Welcome.jpg"]');
      await welcome.locator('.badge-place', { hasText: placed }).waitFor({ timeout: 30_000 });
      // the congregation's items come first in the date's list, and so in the media window
      expect(await date.locator('li.media-item').first().getAttribute('data-source')).toBe('congregation');
      await noFlags();
      await dismiss();
    }, 60_000);

    it("the organiser's first day: the missing folder is created from the page", async () => {
      const folder = lang === 'de' ? '/Erster Tag/Versammlung' : '/First day/Congregation';
      await page.getByRole('link', { name: host['nav.settings'] }).click();
      const field = page.getByLabel(m('panel.folder'), { exact: true });
      await field.fill(folder);
      await field.press('Enter');
      await expect.poll(() => field.inputValue()).toBe(folder);
      // answered with no (closed): nothing is created and nothing more is said, no "done" either
      await page.getByRole('button', { name: m('panel.testConnection'), exact: true }).click();
      const declined = question(m('connection.missingFolder', { folder }));
      await declined.locator('.toast-close').click();
      await declined.waitFor({ state: 'detached' });
      // the command has ended: its card no longer runs
      await expect.poll(() => page.locator('.toast-running').count()).toBe(0);
      const done = host['action.done'].replace('{title}', m('panel.testConnection'));
      expect(await page.locator('.toast', { hasText: done }).count()).toBe(0);
      expect(existsSync(path.join(serverRoot, ...folder.split('/').filter(Boolean)))).toBe(false);
      await page.getByRole('button', { name: m('panel.testConnection'), exact: true }).click();
      const asked = question(m('connection.missingFolder', { folder }));
      await asked.waitFor();
      expect(await asked.getAttribute('role')).toBe('alertdialog');
      expect(await asked.getAttribute('class')).not.toContain('toast-error');
      await noFlags();
      await asked.getByRole('button', { name: m('connection.createFolder'), exact: true }).click();
      await page.locator('.toast-info', { hasText: folder }).waitFor({ timeout: 30_000 });
      await expect
        .poll(() => existsSync(path.join(serverRoot, ...folder.split('/').filter(Boolean))), {
          timeout: 30_000,
        })
        .toBe(true);
      await noFlags();
    }, 60_000);
  });
}
