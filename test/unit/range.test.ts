import { describe, expect, it } from 'vitest';
import { contentRange, decideRange } from '../../host/web/range.js';

const SIZE = 1000;

describe('decideRange', () => {
  it('serves the whole file without a Range header', () => {
    expect(decideRange(undefined, SIZE)).toEqual({ status: 200 });
    expect(decideRange('', SIZE)).toEqual({ status: 200 });
  });

  it('answers one closed range with 206, cut at the end of the file', () => {
    expect(decideRange('bytes=0-99', SIZE)).toEqual({ status: 206, start: 0, end: 99 });
    expect(decideRange('bytes=500-999', SIZE)).toEqual({ status: 206, start: 500, end: 999 });
    expect(decideRange('bytes=990-5000', SIZE)).toEqual({ status: 206, start: 990, end: 999 });
    expect(decideRange('BYTES=7-7', SIZE)).toEqual({ status: 206, start: 7, end: 7 });
  });

  it('answers open-ended and suffix ranges', () => {
    expect(decideRange('bytes=500-', SIZE)).toEqual({ status: 206, start: 500, end: 999 });
    expect(decideRange('bytes=0-', SIZE)).toEqual({ status: 206, start: 0, end: 999 });
    expect(decideRange('bytes=-100', SIZE)).toEqual({ status: 206, start: 900, end: 999 });
    expect(decideRange('bytes=-5000', SIZE)).toEqual({ status: 206, start: 0, end: 999 });
  });

  it('refuses ranges that start at or past the end with 416', () => {
    expect(decideRange('bytes=1000-', SIZE)).toEqual({ status: 416 });
    expect(decideRange('bytes=1000-2000', SIZE)).toEqual({ status: 416 });
    expect(decideRange('bytes=5000-5001', SIZE)).toEqual({ status: 416 });
    expect(decideRange('bytes=-0', SIZE)).toEqual({ status: 416 });
    expect(decideRange('bytes=0-', 0)).toEqual({ status: 416 });
    expect(decideRange('bytes=-10', 0)).toEqual({ status: 416 });
  });

  it('ignores a header that does not parse, or another unit, and serves the whole file', () => {
    for (const header of [
      'bytes=',
      'bytes=-',
      'bytes=abc',
      'bytes=5-2',
      'bytes=1-2-3',
      'bytes= -',
      'items=0-5',
      '0-5',
      'bytes=0x10-20',
    ])
      expect(decideRange(header, SIZE), header).toEqual({ status: 200 });
  });

  it('serves the whole file for several ranges', () => {
    expect(decideRange('bytes=0-1,5-9', SIZE)).toEqual({ status: 200 });
    expect(decideRange('bytes=0-1, -5', SIZE)).toEqual({ status: 200 });
    expect(decideRange('bytes=2000-3000,4000-', SIZE)).toEqual({ status: 200 });
  });
});

describe('contentRange', () => {
  it('names the bytes sent, or the size for a 416', () => {
    expect(contentRange({ status: 206, start: 500, end: 999 }, SIZE)).toBe('bytes 500-999/1000');
    expect(contentRange({ status: 416 }, SIZE)).toBe('bytes */1000');
    expect(contentRange({ status: 200 }, SIZE)).toBeUndefined();
  });
});
