/** A sync's problems on one screen: grouped by message, at most so many lines, the rest counted. */
import { describe, expect, it } from 'vitest';
import { summariseProblems } from '../../src/core/problem-summary.js';

const p = (path: string, message: string) => ({ path, message });

describe('summariseProblems', () => {
  it('lists each problem, several paths of one message as one group, in the order they occurred', () => {
    const problems = [
      p('a.jpg', 'unsafe'),
      p('x.mp4', 'HTTP 500'),
      p('b.jpg', 'unsafe'),
      p('/export', 'cannot write'),
    ];
    expect(summariseProblems(problems, 20)).toEqual({
      lines: [
        { kind: 'group', count: 2, message: 'unsafe' },
        { kind: 'path', path: 'a.jpg' },
        { kind: 'path', path: 'b.jpg' },
        { kind: 'one', path: 'x.mp4', message: 'HTTP 500' },
        { kind: 'one', path: '/export', message: 'cannot write' },
      ],
      more: 0,
    });
  });

  it('fills exactly maxLines and counts every problem whose path is not shown', () => {
    const problems = [
      ...Array.from({ length: 30 }, (_, i) => p(`f${i}.jpg`, 'unsafe')),
      p('x.mp4', 'HTTP 500'),
    ];
    const { lines, more } = summariseProblems(problems, 18);
    expect(lines).toHaveLength(18);
    expect(lines[0]).toEqual({ kind: 'group', count: 30, message: 'unsafe' });
    expect(lines.at(-1)).toEqual({ kind: 'path', path: 'f16.jpg' });
    expect(more).toBe(31 - 17);
  });

  it('shows no group without room for one of its paths', () => {
    const problems = [p('a', 'one'), p('b', 'two'), p('c', 'many'), p('d', 'many')];
    expect(summariseProblems(problems, 3)).toEqual({
      lines: [
        { kind: 'one', path: 'a', message: 'one' },
        { kind: 'one', path: 'b', message: 'two' },
      ],
      more: 2,
    });
  });

  it('says nothing of no problems', () => {
    expect(summariseProblems([], 20)).toEqual({ lines: [], more: 0 });
  });
});
