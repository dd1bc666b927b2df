/** The texts' catalogues (the plugin's, the host's, the manifest's): English and German with the same keys, and each
 * German text with the placeholders of its English one. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../host/i18n.js';
import { MESSAGES } from '../../src/i18n.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const manifestTexts = (name: string) =>
  JSON.parse(readFileSync(path.join(ROOT, name), 'utf8')) as Record<string, string>;

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each([
  ['the plugin (src/i18n.ts)', MESSAGES.en, MESSAGES.de],
  ['the host (host/i18n.ts)', STRINGS.en, STRINGS.de],
  [
    'the manifest (manifest.nls*.json)',
    manifestTexts('manifest.nls.json'),
    manifestTexts('manifest.nls.de.json'),
  ],
])('the catalogue of %s', (_what, en: Record<string, string>, de: Record<string, string>) => {
  it('has the same keys in English and German', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('gives each German text the placeholders of its English one, and a text of its own', () => {
    for (const [key, text] of Object.entries(en)) {
      expect(placeholders(de[key] ?? ''), key).toEqual(placeholders(text));
      expect((de[key] ?? '').trim().length, key).toBeGreaterThan(0);
    }
  });
});
