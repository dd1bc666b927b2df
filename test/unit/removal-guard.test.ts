/** The mass-removal rule at its edges: more than half AND more than ten distinct sources. */
import { describe, expect, it } from 'vitest';
import { removalNeedsConfirmation } from '../../src/core/removal-guard.js';

describe('removalNeedsConfirmation', () => {
  it.each([
    // [removing, managed, asks]
    [0, 0, false],
    [3, 5, false], // more than half of a small folder: an organiser's ordinary clean-up
    [10, 10, false], // all of them, but only ten
    [10, 19, false],
    [11, 11, true], // all of eleven
    [11, 21, true], // just more than half, just more than ten
    [11, 22, false], // exactly half
    [12, 20, true],
    [12, 24, false],
    [13, 24, true],
    [100, 1000, false],
    [501, 1000, true],
  ])('removing %i of %i asks: %s', (removing, managed, asks) => {
    expect(removalNeedsConfirmation(removing, managed)).toBe(asks);
  });
});
