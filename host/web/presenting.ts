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
}

export const NOT_PRESENTING: PresentingView = { date: null, name: '', last: '' };

/**
 * The next state. `next`/`previous` from an item go to the neighbouring visible item, past either end to the
 * background (before the first, as at the start); from the background, `next` goes on after the item last shown and
 * `previous` back to it. `stop` shows
 * the background; `show` one visible item; `open` starts on a date (the background), unless that date is on already.
 */
export function step(
  current: PresentingView,
  items: readonly PresentItem[],
  action: PresentAction,
  date: string,
  name = '',
): PresentingView {
  const on = current.date === date ? current : { date, name: '', last: '' };
  const visible = (i: number) => items[i] !== undefined && !(items[i] as PresentItem).hidden;
  const show = (i: number): PresentingView => {
    const item = items[i] as PresentItem;
    return { date, name: item.name, last: item.name };
  };
  const background: PresentingView = { date, name: '', last: on.last };
  const at = items.findIndex((i) => i.name === (on.name || on.last));
  switch (action) {
    case 'open':
    case 'toggle': // plays or pauses what is on screen: the media window's business, not a step
      return on;
    case 'stop':
      return background;
    case 'show': {
      const index = items.findIndex((i) => i.name === name);
      return visible(index) ? show(index) : on;
    }
    case 'next': {
      for (let i = at + 1; i < items.length; i++) if (visible(i)) return show(i);
      return background;
    }
    case 'previous': {
      if (on.name === '' && visible(at)) return show(at);
      for (let i = at - 1; i >= 0; i--) if (visible(i)) return show(i);
      // before the first item: the background as at the start, so that next begins again
      return { date, name: '', last: '' };
    }
  }
}

/** The state after the media list changed: the item on screen stays unless it is gone or hidden. */
export function reconcile(current: PresentingView, items: readonly PresentItem[]): PresentingView {
  if (current.name === '' || items.some((i) => i.name === current.name && !i.hidden)) return current;
  return { ...current, name: '' };
}

export class Presenting {
  private state: PresentingView = NOT_PRESENTING;
  private readonly changed = new Emitter<PresentingView>();
  readonly onDidChange: Event<PresentingView> = this.changed.event;

  get view(): PresentingView {
    return this.state;
  }

  set(next: PresentingView): void {
    const before = this.state;
    this.state = next;
    if (before.date !== next.date || before.name !== next.name || before.last !== next.last)
      this.changed.fire(next);
  }
}
