/**
 * The page's messages, kept in the store's `messages`: the host's (its `message` events), the page's own, and one
 * card per action that changes in place as the action goes ("… started", then the plugin's message, "done" or the
 * error). While an action runs, a plugin's message without choices becomes the text of the action's card.
 */
import { effect, signal } from '@preact/signals';
import type { MessageView } from '../../protocol.js';
import { t } from '../app.js';
import { addMessage, dismissMessage, messages, requestFailure } from '../store.js';

type Level = MessageView['level'];

/** At most this many cards at once; the oldest go first. */
const MAX_CARDS = 3;

/** The cards of actions that still run (drawn busy; they do not go by themselves). */
export const runningCards = signal<ReadonlySet<number>>(new Set());
/** The actions that run, the newest last: the newest takes a plugin's message. */
const runningActions: ActionToast[] = [];
let adding = false;
let seen = 0;

/** Adds a card; returns its key. */
function addCard(level: Level, message: string): number {
  adding = true;
  try {
    addMessage({ id: '', level, message, actions: [] });
  } finally {
    adding = false;
  }
  return messages.value.at(-1)?.key ?? 0;
}

function setCard(key: number, level: Level, message: string): boolean {
  if (!messages.value.some((m) => m.key === key)) return false;
  messages.value = messages.value.map((m) => (m.key === key ? { ...m, level, message } : m));
  return true;
}

function setRunning(key: number, on: boolean) {
  const next = new Set(runningCards.value);
  if (on) next.add(key);
  else next.delete(key);
  runningCards.value = next;
}

// A plugin's message while an action runs takes the action's card; then the oldest beyond the limit go.
effect(() => {
  const list = messages.value;
  const fresh = list.filter((m) => m.key > seen);
  if (fresh.length === 0) return;
  seen = list.at(-1)?.key ?? seen;
  const action = runningActions.at(-1);
  if (!adding && action)
    for (const m of fresh)
      if (m.actions.length === 0) {
        dismissMessage(m.key);
        action.show(m.level, m.message);
      }
  const over = messages.value.length - MAX_CARDS;
  if (over > 0) {
    const old = messages.value.filter((m) => !runningCards.value.has(m.key)).slice(0, over);
    for (const m of old) dismissMessage(m.key);
  }
});

// A request to the host that failed is an error message of its own.
effect(() => {
  const failure = requestFailure.value;
  if (failure === undefined) return;
  requestFailure.value = undefined;
  notify('error', t('error.request', { detail: failure }));
});

export function notify(level: Level, message: string): void {
  addCard(level, message);
}

/** One card for one action, replaced in place as it goes: started, then done (goes) or failed (stays). */
export interface ActionToast {
  show(level: Level, message: string): void;
  /** The action ended; its last message stays as it is (a success goes after a while, an error stays). */
  end(): void;
  /** The action ended without a word: its card goes. */
  remove(): void;
  /** The card's text now. */
  text(): string;
}

export function actionToast(message: string): ActionToast {
  let key = addCard('info', message);
  let text = message;
  setRunning(key, true);
  const action: ActionToast = {
    show(level, next) {
      text = next;
      if (setCard(key, level, next)) return;
      // a dismissed card comes back only for an error: that must be seen
      if (level !== 'error') return;
      const running = runningCards.value.has(key);
      setRunning(key, false);
      key = addCard(level, next);
      setRunning(key, running);
    },
    end() {
      setRunning(key, false);
      const at = runningActions.indexOf(action);
      if (at >= 0) runningActions.splice(at, 1);
    },
    remove() {
      action.end();
      dismissMessage(key);
    },
    text: () => text,
  };
  runningActions.push(action);
  return action;
}
