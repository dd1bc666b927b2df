import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../contract/api.js';
import { mergeSettings, sameJson } from '../../src/core/merge-settings.js';

describe('mergeSettings (base, mine, theirs)', () => {
  it('keeps a change to a different key from each side', () => {
    const base = { 'meeting.mwDay': 2 };
    const mine = { 'meeting.mwDay': 2, 'media.maxRes': '360p' };
    const theirs = { 'meeting.mwDay': 2, 'media.excludeTh': true };
    expect(mergeSettings(base, mine, theirs)).toEqual({
      values: { 'meeting.mwDay': 2, 'media.maxRes': '360p', 'media.excludeTh': true },
      conflicts: [],
    });
  });

  it('keeps their lift of one key and my push of another', () => {
    const base = { 'meeting.mwDay': 2, 'meeting.weDay': 6 };
    const mine = { 'meeting.mwDay': 2, 'meeting.weDay': 6, 'media.maxRes': '360p' };
    const theirs = { 'meeting.weDay': 6 };
    expect(mergeSettings(base, mine, theirs).values).toEqual({ 'meeting.weDay': 6, 'media.maxRes': '360p' });
  });

  it('names a key both set to different values, and keeps theirs', () => {
    const merged = mergeSettings({}, { 'meeting.mwDay': 2 }, { 'meeting.mwDay': 3, 'media.maxRes': '360p' });
    expect(merged.conflicts).toEqual([{ key: 'meeting.mwDay', mine: 2, theirs: 3 }]);
    expect(merged.values).toEqual({ 'meeting.mwDay': 3, 'media.maxRes': '360p' });
  });

  it('names my change of a key they lifted, and a lift of a key they changed', () => {
    const base = { 'meeting.mwDay': 2, 'media.maxRes': '720p' };
    const merged = mergeSettings(base, { 'meeting.mwDay': 4 }, { 'media.maxRes': '360p' });
    expect(merged.conflicts).toEqual([
      { key: 'media.maxRes', mine: undefined, theirs: '360p' },
      { key: 'meeting.mwDay', mine: 4, theirs: undefined },
    ]);
    expect(merged.values).toEqual({ 'media.maxRes': '360p' });
  });

  it('sees the same change on both sides as no conflict, objects in any key order', () => {
    const value = { a: 1, b: [1, { c: null }] };
    const reordered = { b: [1, { c: null }], a: 1 };
    expect(mergeSettings({}, { 'x.y': value }, { 'x.y': reordered }).conflicts).toEqual([]);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });

  const keys = fc.constantFrom('meeting.mwDay', 'meeting.weDay', 'media.maxRes', 'media.excludeTh', 'app.x');
  const json: fc.Arbitrary<Json> = fc.oneof(
    fc.integer({ min: 0, max: 3 }),
    fc.boolean(),
    fc.constantFrom('240p', '360p'),
    fc.constant(null),
    fc.constant<Json>({ a: [1] }),
  );
  const settings = fc.dictionary(keys, json);
  /** Another side: base with some keys set or lifted. */
  const edit = (base: Record<string, Json>) =>
    fc.tuple(fc.dictionary(keys, json), fc.subarray(Object.keys(base))).map(([set, lift]) => {
      const next: Record<string, Json> = { ...base, ...set };
      for (const key of lift) if (!(key in set)) delete next[key];
      return next;
    });
  const three = settings.chain((base) => fc.tuple(fc.constant(base), edit(base), edit(base)));

  it('without conflicts, every key holds the value of the side that changed it', () => {
    fc.assert(
      fc.property(three, ([base, mine, theirs]) => {
        const merged = mergeSettings(base, mine, theirs);
        for (const key of new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)])) {
          const conflict = merged.conflicts.find((c) => c.key === key);
          const changedByMe = !sameJson(mine[key], base[key]);
          const expected = changedByMe && !conflict ? mine[key] : theirs[key];
          expect(sameJson(merged.values[key], expected)).toBe(true);
          if (conflict) {
            expect(sameJson(conflict.mine, mine[key]) && sameJson(conflict.theirs, theirs[key])).toBe(true);
            expect(changedByMe && !sameJson(theirs[key], base[key])).toBe(true);
          }
        }
      }),
    );
  });

  it('is symmetric in its conflicts, and agrees on the values where there are none', () => {
    fc.assert(
      fc.property(three, ([base, mine, theirs]) => {
        const ab = mergeSettings(base, mine, theirs);
        const ba = mergeSettings(base, theirs, mine);
        expect(ab.conflicts.map((c) => c.key)).toEqual(ba.conflicts.map((c) => c.key));
        if (ab.conflicts.length === 0) expect(ab.values).toEqual(ba.values);
      }),
    );
  });

  it('merging my change into a merged result changes nothing (a write read back is settled)', () => {
    fc.assert(
      fc.property(three, ([base, mine, theirs]) => {
        const merged = mergeSettings(base, mine, theirs);
        if (merged.conflicts.length > 0) return;
        expect(mergeSettings(base, mine, merged.values)).toEqual(merged);
      }),
    );
  });

  it('takes theirs whole when I changed nothing, and mine whole when they changed nothing', () => {
    fc.assert(
      fc.property(three, ([base, mine, theirs]) => {
        expect(mergeSettings(base, base, theirs)).toEqual({ values: sortedCopy(theirs), conflicts: [] });
        expect(mergeSettings(base, mine, base)).toEqual({ values: sortedCopy(mine), conflicts: [] });
      }),
    );
  });
});

const sortedCopy = (values: Record<string, Json>) =>
  Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1)));
