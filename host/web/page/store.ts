/**
 * The page's one store: the host's State and what its event stream says between two States, as signals that the
 * components read. Components re-render when a signal they read changes; nothing else re-draws the page.
 *
 * Tasks and questions arrive as events and also in every State. A State fetched before an event arrived does not
 * hold what the event showed; so a task or question leaves only by its own end (`task-end`, `prompt-end`, or an
 * answer given here), never because a State lacks it.
 */
import { batch, computed, signal } from '@preact/signals';
import { supersedes } from '../presenting.js';
import type { MessageView, PresentingView, PromptView, State, TaskView } from '../protocol.js';
import { getState, openEvents, RequestError } from './api.js';

export const state = signal<State | undefined>(undefined);
export const connected = signal(false);
/** A request to the host that failed (shown as a message by the feedback components). */
export const requestFailure = signal<string | undefined>(undefined);

const liveTasks = signal<ReadonlyMap<string, TaskView>>(new Map());
const endedTasks = new Set<string>();
const livePrompts = signal<ReadonlyMap<string, PromptView>>(new Map());
const endedPrompts = new Set<string>();

/** Running tasks with their progress, in the order they started. */
export const tasks = computed(() => [...liveTasks.value.values()]);
/** Pending questions, oldest first. */
export const prompts = computed(() => [...livePrompts.value.values()]);
/** What the media window shows now: the newest view of a State, a `presenting` event or a step's answer. */
export const presenting = signal<PresentingView | undefined>(undefined);

/** Keeps `view` unless the page already has a newer one (`PresentingView.version`). */
export function showPresenting(view: PresentingView): void {
  if (supersedes(view, presenting.peek())) presenting.value = view;
}

/** Messages of the host (`message` events) for the feedback components, each with a key of its own. */
export const messages = signal<ReadonlyArray<MessageView & { key: number }>>([]);
let messageKey = 0;

/** Listeners of the `present-play` event (the media window's own page uses it; the operator's page may). */
const playListeners = new Set<() => void>();
export const onPresentPlay = (listener: () => void) => {
  playListeners.add(listener);
  return () => playListeners.delete(listener);
};

function withTask(view: TaskView) {
  if (endedTasks.has(view.id)) return;
  liveTasks.value = new Map(liveTasks.value).set(view.id, view);
}

export function endTask(id: string): void {
  endedTasks.add(id);
  if (!liveTasks.value.has(id)) return;
  const next = new Map(liveTasks.value);
  next.delete(id);
  liveTasks.value = next;
}

function withPrompt(view: PromptView) {
  if (endedPrompts.has(view.id) || livePrompts.value.has(view.id)) return;
  livePrompts.value = new Map(livePrompts.value).set(view.id, view);
}

/** A question answered here, or ended by the host: it leaves the page and never comes back. */
export function endPrompt(id: string): void {
  endedPrompts.add(id);
  if (!livePrompts.value.has(id)) return;
  const next = new Map(livePrompts.value);
  next.delete(id);
  livePrompts.value = next;
}

/** Adds a message of the page itself (a failed request, a command's outcome). */
export function addMessage(view: MessageView): void {
  messages.value = [...messages.value, { ...view, key: ++messageKey }];
}

export function dismissMessage(key: number): void {
  messages.value = messages.value.filter((m) => m.key !== key);
}

let fetching: Promise<void> | undefined;
let again = false;
/** After a (re)connection the next State's view is taken whatever its version: the host may have restarted. */
let catchingUp = false;

/** Fetches the host's State; calls while one is on its way are folded into one more. */
export function refresh(): Promise<void> {
  if (fetching) {
    again = true;
    return fetching;
  }
  fetching = (async () => {
    do {
      again = false;
      try {
        const next = await getState();
        batch(() => {
          state.value = next;
          if (catchingUp) presenting.value = next.presenting;
          else showPresenting(next.presenting);
          catchingUp = false;
          for (const task of next.tasks) withTask(task);
          for (const prompt of next.prompts) withPrompt(prompt);
        });
        document.documentElement.dataset.theme = next.theme;
        document.documentElement.lang = next.language;
      } catch (error) {
        requestFailure.value = error instanceof RequestError ? error.message : String(error);
      }
    } while (again);
  })().finally(() => {
    fetching = undefined;
  });
  return fetching;
}

/** Opens the host's event stream into the store: at once, and again after every reconnection. */
export function startStore(): void {
  let changed: number | undefined;
  openEvents(
    (event, data) => {
      if (event === 'changed') {
        clearTimeout(changed);
        changed = window.setTimeout(() => void refresh(), 30);
      } else if (event === 'task') withTask(data as TaskView);
      else if (event === 'task-end') endTask((data as { id: string }).id);
      else if (event === 'message') addMessage(data as MessageView);
      else if (event === 'prompt') withPrompt(data as PromptView);
      else if (event === 'prompt-end') endPrompt((data as { id: string }).id);
      else if (event === 'presenting') showPresenting(data as PresentingView);
      else if (event === 'present-play') for (const listener of playListeners) listener();
    },
    (isConnected) => {
      connected.value = isConnected;
      document.body.dataset.connected = String(isConnected);
      // after a reconnection, catch up with what was missed
      if (isConnected) {
        catchingUp = true;
        void refresh();
      }
    },
  );
}
