import { describe, expect, it } from 'vitest';
import { extensionOf, isMediaType, MEDIA_ACCEPT, MEDIA_TYPES } from '../../src/core/media-types.js';

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
