/**
 * Parts of the page still drawn by hand (an element per call), mounted into the component tree until each is a
 * component of its own: the element is replaced whenever the State changes.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { State } from '../protocol.js';
import { pressReleased } from './held-press.js';
import { state } from './store.js';

export function Legacy({ draw }: { draw: (state: State) => HTMLElement }) {
  const host = useRef<HTMLDivElement>(null);
  const current = state.value;
  useEffect(() => {
    // a re-draw waits while a mouse button is held, or the click would land on a replaced element
    void pressReleased().then(() => {
      if (host.current && current) host.current.replaceChildren(draw(current));
    });
  });
  return <div ref={host} />;
}

/** The media window's state on the hand-drawn media view, as each `presenting` event says it. */
export function LegacyPresenting() {
  return null;
}
