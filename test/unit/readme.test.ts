/**
 * The README is the volunteers' manual: at most 20,000 bytes (what `wc -c` counts), its sections in order, the test
 * command CI runs near the top, every heading the code names present, and every relative link of the README, of
 * COMMANDS.md, of TROUBLESHOOTING.md, of docs/*.md and of bench/README.md pointing at a file that exists (and at a heading there, for a
 * `#anchor`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const README = read('README.md');

/** The text without its fenced code blocks (links and headings there are examples, not links). */
const prose = (text: string) => text.replace(/^```[^\n]*\n[\s\S]*?^```[^\n]*$/gm, '');

const headings = (text: string) =>
  prose(text)
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) => line.replace(/^#{1,6} /, '').trim());

/** GitHub's anchors of a file's headings: lower case, punctuation left out, spaces as '-', repeats numbered. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const heading of headings(text)) {
    const base = heading
      .replace(/[`*]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

describe('README.md, the manual for volunteers', () => {
  it('is at most 20,000 bytes', () => {
    expect(Buffer.byteLength(README, 'utf8')).toBeLessThanOrEqual(20_000);
  });

  it('starts with the two commands, `npm test` literally as the test command', () => {
    const top = README.slice(0, README.indexOf('\n## '));
    const block = /```sh\n([\s\S]*?)```/.exec(top)?.[1] ?? '';
    expect(block).toMatch(/^npm install && npm start\b/m);
    expect(block).toMatch(/^npm test\b/m);
  });

  it('has its sections in order', () => {
    const wanted = [
      /^Try it/,
      /^Point it at your server$/,
      /^Using it with M³$/,
      /^For the organiser$/,
      /^Presenting a meeting$/,
      /^Security$/,
      /^Troubleshooting$/,
      /^For developers$/,
    ];
    const sections = headings(README.replace(/^#{3,6} .*$/gm, '')).slice(1);
    const found = wanted.map((pattern) => sections.findIndex((heading) => pattern.test(heading)));
    expect(
      found.every((index) => index >= 0),
      `sections: ${sections.join(' | ')}`,
    ).toBe(true);
    expect([...found].sort((a, b) => a - b)).toEqual(found);
  });

  it('has every heading the code names ("see README, …")', () => {
    const named = new Set<string>();
    for (const file of ['src/i18n.ts', 'host/i18n.ts']) {
      for (const m of read(file).matchAll(/README, ["„]([^"“]+)["“]/g)) named.add(m[1] as string);
    }
    const own = headings(README);
    for (const heading of named) expect(own, heading).toContain(heading);
  });
});

describe('relative links in the documentation', () => {
  const files = [
    'README.md',
    'COMMANDS.md',
    'TROUBLESHOOTING.md',
    'bench/README.md',
    ...readdirSync(path.join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];

  for (const file of files) {
    it(`${file}: every relative link points at an existing file and heading`, () => {
      const text = read(file);
      const links = [...prose(text).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] as string);
      for (const link of links) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:
        const [target = '', anchor] = link.split('#');
        const resolved = target ? path.join(path.dirname(file), decodeURIComponent(target)) : file;
        expect(existsSync(path.join(ROOT, resolved)), `${file}: ${link}`).toBe(true);
        if (anchor && resolved.endsWith('.md')) {
          expect([...anchors(read(resolved))], `${file}: ${link}`).toContain(anchor);
        }
      }
    });
  }
});
