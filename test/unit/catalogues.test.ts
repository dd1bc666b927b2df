/** Both catalogues, the host's and the plugin's (and the manifest's), have the same keys in English and German,
 * with the same placeholders and real plurals; every host setting has a German label and German value labels. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_SETTINGS } from '../../host/host-settings.js';
import { STRINGS } from '../../host/i18n.js';
import { localisedSchema } from '../../host/setting-labels.js';
import { MESSAGES } from '../../src/i18n.js';
import { REPO_ROOT } from '../support/host-harness.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const nls = (file: string) =>
  JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as Record<string, string>;

describe.each([
  ['host', STRINGS.en as Record<string, string>, STRINGS.de as Record<string, string>],
  ['plugin', MESSAGES.en as Record<string, string>, MESSAGES.de as Record<string, string>],
  ['manifest', nls('manifest.nls.json'), nls('manifest.nls.de.json')],
])('the %s catalogue', (_, en, de) => {
  it('has the same keys in English and German', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('has the same placeholders in both', () => {
    for (const key of Object.keys(en))
      expect({ key, placeholders: placeholders(de[key] ?? '') }).toEqual({
        key,
        placeholders: placeholders(en[key] ?? ''),
      });
  });

  it('has no empty text', () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(de)])
      expect({ key, text }).not.toEqual({ key, text: '' });
  });

  it('has real plurals ({count:one|other}), never "file(s)", "Problem(e)" or "Änderung(en)"', () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(de)])
      expect({ key, fakePlural: /\p{L}\((?:s|e|en|n|es)\)/u.exec(text)?.[0] }).toEqual({
        key,
        fakePlural: undefined,
      });
  });
});

describe('the host settings in German', () => {
  const english = localisedSchema(HOST_SETTINGS, 'en');
  const german = localisedSchema(HOST_SETTINGS, 'de');

  it('have a German label each', () => {
    for (const [i, setting] of german.entries())
      expect(setting.description).not.toBe(english[i]?.description);
  });

  it('show weekdays, on/off and languages by name', () => {
    const de = Object.fromEntries(german.map((s) => [s.key, s.valueLabels]));
    expect(de['meeting.mwDay']).toMatchObject({ 0: 'Montag', 2: 'Mittwoch', 6: 'Sonntag' });
    expect(de['media.enableSubtitles']).toEqual({ true: 'an', false: 'aus' });
    expect(de['media.lang']).toMatchObject({ E: 'Englisch', X: 'Deutsch' });
    expect(de['app.theme']).toMatchObject({ dark: 'Dunkel' });
  });
});
