import { describe, expect, it, vi } from 'vitest';
import {
  NOT_PRESENTING,
  type PresentItem,
  Presenting,
  reconcile,
  step,
  supersedes,
} from '../../host/web/presenting.js';
import type { PresentAction, PresentingView } from '../../host/web/protocol.js';

const DATE = '2026-12-09';
const ITEMS: PresentItem[] = [
  { name: 'a.jpg', hidden: false },
  { name: 'b.jpg', hidden: true },
  { name: 'c.webm', hidden: false },
  { name: 'd.jpg', hidden: false },
];

/** The names on screen after each action, from the start. */
function walk(actions: PresentAction[], items = ITEMS): string[] {
  let view: PresentingView = NOT_PRESENTING;
  return actions.map((action) => {
    view = step(view, items, action, DATE);
    return view.name;
  });
}

describe('step', () => {
  it('opens a date on the background and walks its visible items, past the end back to the background', () => {
    expect(walk(['open', 'next', 'next', 'next', 'next'])).toEqual(['', 'a.jpg', 'c.webm', 'd.jpg', '']);
  });

  it('goes back, and from the first item to the background as at the start', () => {
    expect(walk(['open', 'next', 'next', 'previous', 'previous', 'previous', 'next'])).toEqual([
      '',
      'a.jpg',
      'c.webm',
      'a.jpg',
      '',
      '',
      'a.jpg',
    ]);
  });

  it('after stop, next goes on after the item last shown and previous returns to it', () => {
    expect(walk(['open', 'next', 'next', 'stop', 'next'])).toEqual(['', 'a.jpg', 'c.webm', '', 'd.jpg']);
    expect(walk(['open', 'next', 'next', 'stop', 'previous'])).toEqual(['', 'a.jpg', 'c.webm', '', 'c.webm']);
  });

  it('shows a visible item by name, never a hidden one', () => {
    const shown = step(NOT_PRESENTING, ITEMS, 'show', DATE, 'd.jpg');
    expect(shown).toEqual({ date: DATE, name: 'd.jpg', last: 'd.jpg' });
    expect(step(shown, ITEMS, 'show', DATE, 'b.jpg')).toBe(shown);
  });

  it('opening the date on screen keeps it; another date starts on its background', () => {
    const shown = step(NOT_PRESENTING, ITEMS, 'show', DATE, 'c.webm');
    expect(step(shown, ITEMS, 'open', DATE)).toBe(shown);
    expect(step(shown, ITEMS, 'open', '2026-12-12')).toEqual({ date: '2026-12-12', name: '', last: '' });
  });
});

describe('reconcile', () => {
  const onScreen: PresentingView = { date: DATE, name: 'c.webm', last: 'c.webm' };

  it('keeps the item on screen while it is listed and visible', () => {
    expect(reconcile(onScreen, ITEMS)).toBe(onScreen);
  });

  it('falls back to the background when the item was hidden or removed; next goes on after it', () => {
    const hidden = ITEMS.map((i) => (i.name === 'c.webm' ? { ...i, hidden: true } : i));
    const fallen = reconcile(onScreen, hidden);
    expect(fallen).toEqual({ date: DATE, name: '', last: 'c.webm' });
    expect(step(fallen, hidden, 'next', DATE).name).toBe('d.jpg');
    expect(
      reconcile(
        onScreen,
        ITEMS.filter((i) => i.name !== 'c.webm'),
      ).name,
    ).toBe('');
  });
});

describe('the end of the list and items that cannot be shown', () => {
  const WITH_MISSING: PresentItem[] = [
    { name: 'a.jpg', hidden: false },
    { name: 'b.mp4', hidden: false, missing: true },
    { name: 'c.webm', hidden: false },
  ];

  it('past the last item: the background at the end; next starts again, previous goes back', () => {
    let view = step(NOT_PRESENTING, WITH_MISSING, 'show', DATE, 'c.webm');
    view = step(view, WITH_MISSING, 'next', DATE);
    expect(view).toEqual({ date: DATE, name: '', last: 'c.webm', end: true });
    expect(step(view, WITH_MISSING, 'previous', DATE).name).toBe('c.webm');
    expect(step(view, WITH_MISSING, 'next', DATE).name).toBe('a.jpg');
  });

  it('steps over an item that cannot be shown, both ways, and names it', () => {
    const first = step(NOT_PRESENTING, WITH_MISSING, 'show', DATE, 'a.jpg');
    const second = step(first, WITH_MISSING, 'next', DATE);
    expect(second).toEqual({ date: DATE, name: 'c.webm', last: 'c.webm', skipped: ['b.mp4'] });
    expect(step(second, WITH_MISSING, 'previous', DATE).skipped).toEqual(['b.mp4']);
    expect(step(first, WITH_MISSING, 'show', DATE, 'b.mp4')).toBe(first);
  });
});

describe('versions: a page keeps the newest view', () => {
  it('each change has a higher version, across a restart of the host too; no change, no event', () => {
    vi.useFakeTimers({ now: Date.now() });
    const presenting = new Presenting();
    const fired: PresentingView[] = [];
    presenting.onDidChange((view) => fired.push(view));
    presenting.set(step(presenting.view, ITEMS, 'open', DATE));
    presenting.set(step(presenting.view, ITEMS, 'next', DATE));
    presenting.set(step(presenting.view, ITEMS, 'next', DATE));
    presenting.set(step(presenting.view, ITEMS, 'show', DATE, 'c.webm'));
    expect(fired.map((view) => view.name)).toEqual(['', 'a.jpg', 'c.webm']);
    const versions = fired.map((view) => view.version ?? 0);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(3);
    expect(presenting.view).toBe(fired[2]);
    vi.setSystemTime(Date.now() + 1000);
    const restarted = new Presenting();
    restarted.set(step(restarted.view, ITEMS, 'open', DATE));
    expect(restarted.view.version ?? 0).toBeGreaterThan(versions[2] as number);
    vi.useRealTimers();
  });

  it('a State fetched before a step does not undo the step on the page', () => {
    const presenting = new Presenting();
    presenting.set(step(presenting.view, ITEMS, 'open', DATE));
    const fetchedBefore = presenting.view;
    presenting.set(step(presenting.view, ITEMS, 'next', DATE));
    const stepped = presenting.view;
    expect(supersedes(stepped, fetchedBefore)).toBe(true);
    expect(supersedes(fetchedBefore, stepped)).toBe(false);
    expect(supersedes(stepped, stepped)).toBe(true);
    expect(supersedes(fetchedBefore, undefined)).toBe(true);
  });
});
