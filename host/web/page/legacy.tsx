/**
 * Parts of the page still drawn by hand (an element per call), mounted into the component tree until each is a
 * component of its own: the element is replaced whenever the State changes.
 */
import { useSignalEffect } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { State } from '../protocol.js';
import { showPrompt, showTask, syncPrompts, syncTasks, toast } from './feedback.js';
import { pressReleased } from './held-press.js';
import { messages, prompts, state, tasks } from './store.js';

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

/** The hand-drawn tasks, questions and messages, fed from the store. */
export function LegacyFeedback() {
  const shown = useRef(new Set<number>());
  useSignalEffect(() => {
    const list = tasks.value;
    for (const task of list) showTask(task);
    syncTasks(list, Number.MAX_SAFE_INTEGER);
  });
  useSignalEffect(() => {
    const list = prompts.value;
    for (const prompt of list) showPrompt(prompt);
    syncPrompts(list, Number.MAX_SAFE_INTEGER);
  });
  useSignalEffect(() => {
    for (const message of messages.value) {
      if (shown.current.has(message.key)) continue;
      shown.current.add(message.key);
      toast(message);
    }
  });
  return null;
}
