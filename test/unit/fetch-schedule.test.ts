import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FetchBudget,
  fetchBudget,
  pickStarts,
  startOrder,
  weightOf,
} from '../../src/core/fetch-schedule.js';

const MiB = 1024 * 1024;
const budget: FetchBudget = { maxRequests: 16, maxBytes: 6 * MiB, largeBytes: MiB, maxHeld: 4 };

/** Runs a whole schedule: starts what is picked, then finishes the oldest in flight; returns the order of starts. */
function simulate(sizes: number[], b: FetchBudget) {
  const waiting = startOrder(sizes.map((size, id) => ({ id, size })));
  const running: Array<{ id: number; size: number }> = [];
  const starts: number[] = [];
  let peak = { requests: 0, bytes: 0, large: 0 };
  while (waiting.length > 0 || running.length > 0) {
    const inFlight = {
      requests: running.length,
      bytes: running.reduce((sum, f) => sum + weightOf(f.size, b), 0),
      held: 0,
    };
    const picked = pickStarts(
      waiting.map((f) => f.size),
      inFlight,
      b,
    );
    for (const i of picked) running.push(waiting[i] as { id: number; size: number });
    for (const i of [...picked].reverse()) waiting.splice(i, 1);
    starts.push(...picked.map((i) => i));
    const bytes = running.reduce((sum, f) => sum + weightOf(f.size, b), 0);
    peak = {
      requests: Math.max(peak.requests, running.length),
      bytes: Math.max(peak.bytes, running.length > 1 ? bytes : 0),
      large: Math.max(peak.large, running.filter((f) => f.size >= b.largeBytes).length),
    };
    if (running.length === 0 && waiting.length > 0)
      throw new Error('stuck: nothing in flight, nothing started');
    running.shift();
  }
  return { peak, starts };
}

describe('startOrder', () => {
  it('starts the largest first and keeps the order of equal sizes', () => {
    const files = [
      { name: 'a', size: 3 },
      { name: 'big', size: 5 * MiB },
      { name: 'b', size: 3 },
      { name: 'mid', size: 40_000 },
      { name: 'c', size: 3 },
    ];
    expect(startOrder(files).map((f) => f.name)).toEqual(['big', 'mid', 'a', 'b', 'c']);
    expect(files.map((f) => f.name)).toEqual(['a', 'big', 'b', 'mid', 'c']);
  });
});

describe('pickStarts: concurrency by bytes in flight', () => {
  it('runs many more small files at once than large ones', () => {
    const small = pickStarts(Array(100).fill(3000), { requests: 0, bytes: 0, held: 0 }, budget);
    const large = pickStarts(Array(100).fill(5 * MiB), { requests: 0, bytes: 0, held: 0 }, budget);
    expect(small).toHaveLength(16);
    expect(large).toHaveLength(6);
  });

  it('fills the line around the large files with small ones', () => {
    const sizes = startOrder([3000, 5 * MiB, 4000, 5 * MiB, 2000, 5 * MiB].map((size) => ({ size }))).map(
      (f) => f.size,
    );
    expect(pickStarts(sizes, { requests: 0, bytes: 0, held: 0 }, { ...budget, maxBytes: 2.5 * MiB })).toEqual(
      [0, 1, 3, 4, 5],
    );
  });

  it('passes over a large file that does not fit for smaller ones after it', () => {
    const inFlight = { requests: 5, bytes: 5.5 * MiB, held: 0 };
    expect(pickStarts([5 * MiB, 100_000, 3000], inFlight, budget)).toEqual([1, 2]);
  });

  it('starts a file larger than the whole budget when nothing else is in flight', () => {
    expect(
      pickStarts([1024 * MiB], { requests: 0, bytes: 0, held: 0 }, { ...budget, maxBytes: MiB / 2 }),
    ).toEqual([0]);
    expect(
      pickStarts([1024 * MiB], { requests: 1, bytes: MiB / 2, held: 0 }, { ...budget, maxBytes: MiB / 2 }),
    ).toEqual([]);
  });

  it('starts nothing while the requests are at their cap', () => {
    expect(pickStarts([1, 1, 1], { requests: 16, bytes: 16, held: 0 }, budget)).toEqual([]);
  });

  it('starts the next small file while one that arrived is written, but not beyond what a slow disk holds', () => {
    // a body received whole no longer counts as a request in flight
    expect(pickStarts(Array(20).fill(3000), { requests: 15, bytes: 15 * 3000, held: 1 }, budget)).toEqual([
      0,
    ]);
    // bodies waiting for their write: new requests only while requests and held ones stay within both caps
    expect(pickStarts(Array(20).fill(3000), { requests: 0, bytes: 0, held: 16 }, budget)).toHaveLength(4);
    expect(pickStarts(Array(20).fill(3000), { requests: 4, bytes: 4 * 3000, held: 16 }, budget)).toEqual([]);
  });

  it('never exceeds the budget, never stalls, and starts every file once (any sizes)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 * MiB }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 16 }),
        (sizes, concurrency) => {
          const b = fetchBudget(concurrency);
          const { peak, starts } = simulate(sizes, b);
          expect(starts).toHaveLength(sizes.length);
          expect(peak.requests).toBeLessThanOrEqual(b.maxRequests);
          expect(peak.bytes).toBeLessThanOrEqual(b.maxBytes);
          expect(peak.large).toBeLessThanOrEqual(concurrency);
        },
      ),
    );
  });
});

describe('fetchBudget', () => {
  it('opens at most 16 connections, and `concurrency` large files at once', () => {
    expect(fetchBudget(6)).toEqual({ maxRequests: 16, maxBytes: 6 * MiB, largeBytes: MiB, maxHeld: 4 });
    expect(fetchBudget(16).maxRequests).toBe(16);
    expect(fetchBudget(1)).toEqual({ maxRequests: 3, maxBytes: MiB, largeBytes: MiB, maxHeld: 4 });
  });
});
