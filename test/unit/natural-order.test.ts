import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naturalCompare } from '../../src/core/natural-order.js';

const sorted = (names: string[]) => [...names].sort(naturalCompare);

describe('naturalCompare', () => {
  it('compares digit runs by value, leading zeros aside', () => {
    expect(sorted(['img10.jpg', 'img2.jpg', 'img1.jpg', 'img02.jpg'])).toEqual([
      'img1.jpg',
      'img02.jpg',
      'img2.jpg',
      'img10.jpg',
    ]);
    expect(sorted(['Lied 100', 'Lied 99', 'Lied 9'])).toEqual(['Lied 9', 'Lied 99', 'Lied 100']);
  });

  it('orders letters by their base letter: case and accents decide only ties, lower case first', () => {
    expect(sorted(['b', 'B', 'A', 'a', 'Zebra', 'Übung', 'Uhr', 'Ufer', 'Äpfel'])).toEqual([
      'a',
      'A',
      'Äpfel',
      'b',
      'B',
      'Übung',
      'Ufer',
      'Uhr',
      'Zebra',
    ]);
    expect(sorted(['б', 'А', 'а', 'Б'])).toEqual(['а', 'А', 'б', 'Б']);
  });

  it('puts other characters before digits and digits before letters', () => {
    expect(sorted(['a', '1', '-', ' x'])).toEqual([' x', '-', '1', 'a']);
  });

  it('weighs a combining mark as nothing at first: a decomposed é sorts with the composed one', () => {
    expect(sorted(['Cafe\u0301 2', 'Café 1', 'Cafes'])).toEqual(['Café 1', 'Cafe\u0301 2', 'Cafes']);
  });

  it('agrees with a locale collator on names of letters, umlauts, digits and spaces', () => {
    const collator = new Intl.Collator('en', { numeric: true });
    const name = fc.string({ unit: fc.constantFrom(...'aAbBzZäÄöÖüÜ 0159'.split('')), maxLength: 8 });
    fc.assert(
      fc.property(name, name, (a, b) => {
        const expected = collator.compare(a, b);
        if (expected !== 0) expect(naturalCompare(a, b)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('is a total order: antisymmetric, transitive, zero only for the same name', () => {
    const name = fc.string({ unit: 'binary', maxLength: 8 });
    fc.assert(
      fc.property(name, name, name, (a, b, c) => {
        expect(naturalCompare(a, b)).toBe(-naturalCompare(b, a) || 0);
        expect(naturalCompare(a, b) === 0).toBe(a === b);
        if (naturalCompare(a, b) < 0 && naturalCompare(b, c) < 0) expect(naturalCompare(a, c)).toBe(-1);
      }),
      { numRuns: 5000 },
    );
  });
});
