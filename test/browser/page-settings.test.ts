/**
 * The settings view in a real Chromium (Debian's /usr/bin/chromium, driven by playwright-core), in English and in
 * German (the browser's own locale stays English: the page makes it German): what is typed stays, with its caret,
 * while the host's States arrive; times on the 24-hour clock; dates as the page's language writes them; the
 * date-folder formats as examples; each view's own scroll position. Skipped with a message when Chromium is missing
 * on a developer's machine; fails in CI (`CI` set).
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Language, type STRINGS, settingLabel, text } from '../../host/i18n.js';
import { PluginRegistry } from '../../host/plugins.js';
import type { Host } from '../../host/runtime.js';
import { startWebServer, type WebServer } from '../../host/web/server.js';
import { CHROMIUM, haveChromium, launchChromium } from '../support/chromium.js';
import { disposeHosts, newHost, REPO_ROOT } from '../support/host-harness.js';
import { cleanupTempDirs, makeTempDir } from '../support/servers.js';

if (!haveChromium && !process.env.CI)
  console.warn(
    `test/browser/page-settings.test.ts skipped: ${CHROMIUM} is missing (Debian: apt-get install chromium)`,
  );

afterAll(async () => {
  await disposeHosts();
  await cleanupTempDirs();
});

const EXPECTED = {
  en: {
    formats: ['2026-12-09', '2026-12-09 - Wednesday', '09-12-2026', '09-12-2026 - Wednesday'],
    typedDate: '2026-12-09',
    shownDate: '2026-12-09',
    inWords: 'Wednesday, December 9, 2026',
    ambiguous: '09/12/2026',
    external: { stored: '2027-01-20', shown: '2027-01-20' },
  },
  de: {
    formats: ['2026-12-09', '2026-12-09 - Mittwoch', '09-12-2026', '09-12-2026 - Mittwoch'],
    typedDate: '9.12.2026',
    shownDate: '09.12.2026',
    inWords: 'Mittwoch, 9. Dezember 2026',
    ambiguous: '31.02.2026',
    external: { stored: '2027-01-20', shown: '20.01.2027' },
  },
} as const;

for (const lang of ['en', 'de'] as const satisfies readonly Language[]) {
  const s = (key: keyof typeof STRINGS.en, params: Record<string, string | number> = {}) =>
    text(lang, key, params);
  const label = (key: string) => settingLabel(lang, key, key);
  const expected = EXPECTED[lang];

  describe.skipIf(!haveChromium && !process.env.CI)(`the settings view (${lang})`, () => {
    let host: Host;
    let web: WebServer;
    let context: BrowserContext;
    let page: Page;
    const pageErrors: string[] = [];

    const field = (key: string) => page.getByLabel(label(key), { exact: true });
    const frame = (key: string) => page.locator(`[data-field="host-${key.replace(/\./g, '_')}"]`);
    /** A State arrives: the theme changes on the host, the page shows it. */
    const stateArrives = async (theme: string) => {
      host.settings.set('app.theme', theme);
      await page.locator(`html[data-theme="${theme}"]`).waitFor({ state: 'attached' });
    };
    const scrollTop = () => page.locator('.view-scroll').evaluate((e) => e.scrollTop);
    const scrollTo = (top: number) =>
      page.locator('.view-scroll').evaluate((e, y) => {
        e.scrollTop = y;
        return e.scrollTop;
      }, top);
    const open = async (view: 'settings' | 'media') => {
      await page.getByRole('link', { name: s(`nav.${view}`), exact: true }).click();
      await page.locator(`main[data-view="${view}"]`).waitFor();
    };

    beforeAll(async () => {
      if (!haveChromium) throw new Error(`CI: ${CHROMIUM} is missing; .ci/run installs Debian's chromium`);
      const profileDir = await makeTempDir(`cs-settings-profile-${lang}`);
      host = newHost({ profileDir, mediaFolder: path.join(profileDir, 'media'), language: lang });
      const loaded = await host.load(REPO_ROOT);
      if (!loaded.ok) throw new Error(loaded.error);
      // a long media list, so that the media view scrolls
      await host.media.apply(
        Array.from({ length: 40 }, (_, i) => ({
          op: 'upsert' as const,
          item: {
            date: '2026-12-09',
            name: `${String(i + 1).padStart(2, '0')} - Item.jpg`,
            source: 'jw' as const,
            hidden: false,
            recurring: false,
            file: null,
          },
        })),
      );
      web = await startWebServer({ host, registry: new PluginRegistry(profileDir, [REPO_ROOT]) });
      context = await launchChromium(`cs-settings-chromium-${lang}`, { locale: 'en-US' });
      page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(web.url);
      await page.locator('body[data-connected="true"]').waitFor();
      await page.getByRole('heading', { name: s('settings.host') }).waitFor();
    }, 60_000);

    afterAll(async () => {
      await context?.close();
      await web?.close();
    });

    it('typing into a field while States arrive keeps the text and the caret; Enter saves it', async () => {
      const input = field('app.congregationName');
      await input.click();
      await page.keyboard.type('Nord');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      // States arrive: other settings change, and this field's own stored value too
      await stateArrives('dark');
      host.settings.set('app.congregationName', 'Süd');
      await stateArrives('light');
      await stateArrives('system');
      expect(await input.inputValue()).toBe('Nord');
      expect(await input.evaluate((e: HTMLInputElement) => [e.selectionStart, e.selectionEnd])).toEqual([
        2, 2,
      ]);
      expect(await input.evaluate((e) => e === document.activeElement)).toBe(true);
      await page.keyboard.type('X');
      expect(await input.inputValue()).toBe('NoXrd');
      await page.keyboard.press('Enter');
      await frame('app.congregationName')
        .locator('.status', { hasText: s('settings.saved') })
        .waitFor();
      expect(host.settings.get('app.congregationName')).toBe('NoXrd');
      // once saved, the field follows the stored value again
      host.settings.set('app.congregationName', 'Mitte');
      await expect.poll(() => input.inputValue()).toBe('Mitte');
    });

    it('times are on the 24-hour clock: 19:30 is stored and shown as 19:30, never with AM or PM', async () => {
      const input = field('meeting.mwStartTime');
      expect(await input.getAttribute('type')).toBe('text');
      expect(await input.inputValue()).toBe('19:00');
      await input.fill('19:30');
      await input.press('Enter');
      await frame('meeting.mwStartTime')
        .locator('.status', { hasText: s('settings.saved') })
        .waitFor();
      expect(host.settings.get('meeting.mwStartTime')).toBe('19:30');
      await stateArrives('dark');
      expect(await input.inputValue()).toBe('19:30');
      // one digit for the hour is read too, and stored with two
      await input.fill('7:05');
      await input.press('Enter');
      await expect.poll(() => host.settings.get('meeting.mwStartTime')).toBe('07:05');
      await expect.poll(() => input.inputValue()).toBe('07:05');
      // a time that is not one is refused here, in the page's language, and nothing is stored
      await input.fill('7:30 PM');
      await input.press('Enter');
      await frame('meeting.mwStartTime')
        .locator('.error', { hasText: s('settings.invalid', { detail: s('settings.time.invalid') }) })
        .waitFor();
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      expect(host.settings.get('meeting.mwStartTime')).toBe('07:05');
      await input.fill('19:30');
      await input.press('Enter');
      await expect.poll(() => host.settings.get('meeting.mwStartTime')).toBe('19:30');
      await expect.poll(() => input.getAttribute('aria-invalid')).toBeNull();
      expect(await page.locator('input[type="time"], input[type="date"]').count()).toBe(0);
      expect(await page.locator('main').textContent()).not.toMatch(/\d\s?[AP]M\b/i);
      const values = await page
        .locator('main input')
        .evaluateAll((all) => all.map((e) => (e as HTMLInputElement).value));
      expect(values.join(' ')).not.toMatch(/\d\s?[AP]M\b/i);
      await stateArrives('system');
    });

    it(`dates are written ${lang === 'de' ? 'day-month-year' : 'as ISO dates'} and read strictly`, async () => {
      const input = field('meeting.coWeek');
      expect(await input.getAttribute('placeholder')).toBe(s('settings.date.placeholder'));
      await input.fill(expected.typedDate);
      await input.press('Enter');
      await frame('meeting.coWeek')
        .locator('.status', { hasText: s('settings.saved') })
        .waitFor();
      expect(host.settings.get('meeting.coWeek')).toBe('2026-12-09');
      await expect.poll(() => input.inputValue()).toBe(expected.shownDate);
      await frame('meeting.coWeek').getByText(expected.inWords).waitFor();
      // a date the host gets elsewhere is shown the same way
      host.settings.set('meeting.coWeek', expected.external.stored);
      await expect.poll(() => input.inputValue()).toBe(expected.external.shown);
      // not a date of this language, or not a real one: refused, nothing stored
      await input.fill(expected.ambiguous);
      await input.press('Enter');
      const example = lang === 'de' ? '09.12.2026' : '2026-12-09';
      await frame('meeting.coWeek')
        .locator('.error', {
          hasText: s('settings.invalid', { detail: s('settings.date.invalid', { example }) }),
        })
        .waitFor();
      expect(host.settings.get('meeting.coWeek')).toBe(expected.external.stored);
      // an empty field is no date
      await input.fill('');
      await input.press('Enter');
      await expect.poll(() => host.settings.get('meeting.coWeek')).toBe('');
    });

    it('the date-folder formats are shown as examples of a date in the page’s language', async () => {
      const select = field('app.outputFolderDateFormat');
      const options = await select.locator('option').allTextContents();
      expect(options).toEqual(expected.formats);
      expect(options.join(' ')).not.toMatch(/YYYY|DD|dddd/);
      await select.selectOption({ label: expected.formats[3] });
      await frame('app.outputFolderDateFormat')
        .locator('.status', { hasText: s('settings.saved') })
        .waitFor();
      expect(host.settings.get('app.outputFolderDateFormat')).toBe('DD-MM-YYYY - dddd');
      await stateArrives('dark');
      expect(await select.inputValue()).toBe('DD-MM-YYYY - dddd');
      await stateArrives('system');
    });

    it('numbers go through the page’s language: a range in words, a text that is no number refused', async () => {
      const key = 'meeting.musicFadeOutTime';
      await frame(key)
        .getByText(s('settings.range', { min: 5, max: 60 }))
        .waitFor();
      await field(key).fill('zehn');
      await field(key).press('Enter');
      await frame(key)
        .locator('.error', {
          hasText: s('settings.invalid', { detail: s('settings.number.invalid', { example: 5 }) }),
        })
        .waitFor();
      await field(key).fill('12');
      await field(key).press('Enter');
      await expect.poll(() => host.settings.get(key)).toBe(12);
    });

    it('each view keeps its own scroll position: Settings at its top after Media was scrolled down', async () => {
      await page.setViewportSize({ width: 1100, height: 500 });
      await open('settings');
      // Media opened for the first time is at its own top, however far Settings was scrolled
      expect(await scrollTo(300)).toBe(300);
      await open('media');
      expect(await scrollTop()).toBe(0);
      expect(await scrollTo(400)).toBe(400);
      await open('settings');
      expect(await scrollTop()).toBe(300);
      // Settings left at its top opens at its top after Media was scrolled down; Media where it was left
      await scrollTo(0);
      await open('media');
      expect(await scrollTop()).toBe(400);
      await open('settings');
      expect(await scrollTop()).toBe(0);
      await page.setViewportSize({ width: 1100, height: 900 });
      expect(pageErrors).toEqual([]);
    });
  });
}
