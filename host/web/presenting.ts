/**
 * What the media window shows: one date's items, one of them on screen or the background between them. Steps are
 * pure (`step`); `Presenting` holds the host's one current state and tells the pages when it changes.
 */
import type { Event } from '../../contract/api.js';
import { Emitter } from '../events.js';
import type { PresentAction, PresentingView } from './protocol.js';

/** A date's items in the media list's order, hidden ones included (they keep the place of what was shown). */
export interface PresentItem {
  name: string;
  hidden: boolean;
  /** It cannot be shown (no file, or none the media window shows): stepped over, and the step names it. */
  missing?: boolean;
}

export const NOT_PRESENTING: PresentingView = { date: null, name: '', last: '' };

/**
 * The next state. `next`/`previous` from an item go to the neighbouring visible item, naming in `skipped` the items
 * they stepped over that cannot be shown (hidden ones are passed silently). Past the last item `next` shows the
 * background at the end of the list (`end`), where `next` starts again at the first item and `previous` goes back to
 * the last one; before the first item `previous` shows the background as at the start. From the background, `next`
 * goes on after the item last shown and `previous` back to it. `stop` shows the background; `show` one visible item;
 * `open` starts on a date (the background), unless that date is on already.
 */
export function step(
  current: PresentingView,
  items: readonly PresentItem[],
  action: PresentAction,
  date: string,
  name = '',
): PresentingView {
  const on = current.date === date ? current : { date, name: '', last: '' };
  const visible = (i: number) => {
    const item = items[i];
    return item !== undefined && !item.hidden && !item.missing;
  };
  const show = (i: number, skipped: string[] = []): PresentingView => {
    const item = items[i] as PresentItem;
    return { date, name: item.name, last: item.name, ...(skipped.length > 0 ? { skipped } : {}) };
  };
  /** The first visible item from `from` in `direction`, with the unshowable ones passed on the way. */
  const seek = (from: number, direction: 1 | -1): { index: number; skipped: string[] } => {
    const skipped: string[] = [];
    for (let i = from; i >= 0 && i < items.length; i += direction) {
      if (visible(i)) return { index: i, skipped };
      const item = items[i] as PresentItem;
      if (item.missing && !item.hidden) skipped.push(item.name);
    }
    return { index: -1, skipped };
  };
  const at = on.end ? -1 : items.findIndex((i) => i.name === (on.name || on.last));
  switch (action) {
    case 'open':
    case 'toggle': // plays or pauses what is on screen: the media window's business, not a step
      return on;
    case 'stop':
      return { date, name: '', last: on.last };
    case 'show': {
      const index = items.findIndex((i) => i.name === name);
      return visible(index) ? show(index) : on;
    }
    case 'next': {
      const found = seek(at + 1, 1);
      if (found.index >= 0) return show(found.index, found.skipped);
      const skipped = found.skipped.length > 0 ? { skipped: found.skipped } : {};
      return { date, name: '', last: on.last, end: true, ...skipped };
    }
    case 'previous': {
      const back = on.end ? items.findIndex((i) => i.name === on.last) : at;
      if (on.name === '' && visible(back)) return show(back);
      const found = seek(back - 1, -1);
      if (found.index >= 0) return show(found.index, found.skipped);
      // before the first item: the background as at the start, so that next begins again
      return { date, name: '', last: '', ...(found.skipped.length > 0 ? { skipped: found.skipped } : {}) };
    }
  }
}

/** The state after the media list changed: the item on screen stays unless it is gone or hidden. */
export function reconcile(current: PresentingView, items: readonly PresentItem[]): PresentingView {
  if (current.name === '' || items.some((i) => i.name === current.name && !i.hidden && !i.missing))
    return current;
  return { date: current.date, name: '', last: current.last };
}

/** Whether a view that arrives may replace the one a page has: not when the page's is newer (`version`). */
export function supersedes(arriving: PresentingView, current: PresentingView | undefined): boolean {
  return (
    current?.version === undefined || arriving.version === undefined || arriving.version >= current.version
  );
}

export class Presenting {
  private state: PresentingView = NOT_PRESENTING;
  private version = 0;
  private readonly changed = new Emitter<PresentingView>();
  readonly onDidChange: Event<PresentingView> = this.changed.event;

  get view(): PresentingView {
    return this.state;
  }

  set(next: PresentingView): void {
    const before = this.state;
    const same =
      before.date === next.date &&
      before.name === next.name &&
      before.last === next.last &&
      before.end === next.end &&
      (before.skipped ?? []).join('/') === (next.skipped ?? []).join('/');
    if (same) return;
    // from the clock, so that a restarted host starts above what its pages hold
    this.version = Math.max(this.version + 1, Date.now());
    this.state = { ...next, version: this.version };
    this.changed.fire(this.state);
  }
}
