import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { extensionOf, isMediaType, MEDIA_ACCEPT, MEDIA_TYPES } from '../../src/core/media-types.js';
import { freeName } from '../../src/core/names.js';

describe('media types', () => {
  it('accepts what a presenter shows, in any case, and refuses the rest', () => {
    for (const name of ['a.PNG', 'Talk.mp4', 'Song.m4a', 'x.y.jpeg', 'Program.pdf', 'List.JWLplaylist']) {
      expect(isMediaType(name), name).toBe(true);
    }
    for (const name of ['notes.txt', 'mp4', '.png', 'archive.zip', 'Talk.mp4.exe', 'noext']) {
      expect(isMediaType(name), name).toBe(false);
    }
  });

  it('has the 24 types of the list, and gives them as an accept value', () => {
    expect(MEDIA_TYPES.size).toBe(24);
    expect(MEDIA_ACCEPT.split(',')).toHaveLength(24);
    expect(MEDIA_ACCEPT).toContain('.jwlplaylist');
    expect(extensionOf('a.tar.GZ')).toBe('gz');
  });
});

describe('the upload menu entries', () => {
  it('offer exactly these types to the page’s file picker', async () => {
    const manifest = JSON.parse(await readFile(new URL('../../manifest.json', import.meta.url), 'utf8'));
    const entries = Object.values(manifest.contributes.menus as Record<string, Array<Record<string, string>>>)
      .flat()
      .filter((entry) => entry.input === 'files');
    expect(entries.map((e) => e.command).sort()).toEqual([
      'congregation-sync.upload',
      'congregation-sync.uploadRecurring',
    ]);
    for (const entry of entries) expect(entry.accept).toBe(MEDIA_ACCEPT);
  });
});

describe('freeName', () => {
  it('numbers a taken name, keeping its extension, and skips numbers taken too (any case)', () => {
    expect(freeName('Talk.mp4', new Set(['talk.mp4']))).toBe('Talk (2).mp4');
    expect(freeName('Talk.mp4', new Set(['talk.mp4', 'talk (2).mp4']))).toBe('Talk (3).mp4');
    expect(freeName('README', new Set(['readme']))).toBe('README (2)');
    expect(freeName('.hidden', new Set(['.hidden']))).toBe('.hidden (2)');
  });
});
