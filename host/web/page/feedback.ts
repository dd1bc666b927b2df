/** Dialogs, messages (toasts) and progress: the host's window in the page, and the page's own questions. */
import type { MessageView, PromptView, TaskView } from '../protocol.js';
import { post, RequestError, runCommand } from './api.js';
import { app, t } from './app.js';
import { type Child, h } from './dom.js';

// ---- modal dialogs

export interface OpenDialog<T> {
  result: Promise<T | undefined>;
  dialog: HTMLDialogElement;
  finish(value: T | undefined): void;
}

/** A modal <dialog> (focus stays inside, Escape cancels); focus returns where it was when it closes. */
export function openDialog<T>(
  label: string,
  build: (finish: (value: T | undefined) => void) => Child[],
  className = '',
): OpenDialog<T> {
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  let settled = false;
  let resolve: (value: T | undefined) => void = () => {};
  const result = new Promise<T | undefined>((r) => {
    resolve = r;
  });
  const dialog = h('dialog', { class: `dialog ${className}`, 'aria-label': label });
  const finish = (value: T | undefined) => {
    if (settled) return;
    settled = true;
    resolve(value);
    dialog.close();
  };
  dialog.append(...(build(finish).filter(Boolean) as Array<Node | string>));
  dialog.addEventListener('close', () => {
    finish(undefined);
    dialog.remove();
    if (previous?.isConnected) previous.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  return { result, dialog, finish };
}

/** Up and down arrows move the focus between the buttons of a list. */
export function arrowKeys(container: HTMLElement, selector = 'button'): void {
  container.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const items = [...container.querySelectorAll<HTMLElement>(selector)];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (index < 0) return;
    event.preventDefault();
    const next = items[(index + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
    next?.focus();
  });
}

function buttons(...children: Child[]): HTMLElement {
  return h('div', { class: 'buttons' }, ...children);
}

/** Asks for a line of text in the page. */
export function inputDialog(prompt: string, value = '', password = false): OpenDialog<string> {
  const input = h('input', { id: 'input-dialog-value', type: password ? 'password' : 'text', value });
  const opened = openDialog<string>(prompt, (finish) => {
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') finish(input.value);
    });
    return [
      h('label', { for: input.id, class: 'dialog-title' }, prompt),
      input,
      buttons(
        h('button', { type: 'button', class: 'primary', onclick: () => finish(input.value) }, t('dialog.ok')),
        h('button', { type: 'button', onclick: () => finish(undefined) }, t('dialog.cancel')),
      ),
    ];
  });
  input.focus();
  input.select();
  return opened;
}

/** Asks yes or no in the page. */
export function confirmDialog(question: string, yes: string): Promise<boolean> {
  const opened = openDialog<boolean>(question, (finish) => [
    h('p', { class: 'dialog-title' }, question),
    buttons(
      h('button', { type: 'button', class: 'primary', onclick: () => finish(true) }, yes),
      h('button', { type: 'button', onclick: () => finish(false) }, t('dialog.cancel')),
    ),
  ]);
  opened.dialog.querySelector('button')?.focus();
  return opened.result.then((answer) => answer === true);
}

/** A quick pick: one item (a list of buttons), or several (check boxes). Resolves to the chosen indices. */
export function quickPickDialog(view: Extract<PromptView, { kind: 'quickPick' }>): OpenDialog<number[]> {
  const title = view.title ?? t('palette.title');
  const filter = h('input', {
    id: `qp-filter-${view.id}`,
    type: 'search',
    class: 'filter',
    autocomplete: 'off',
    'aria-label': t('dialog.filter'),
    placeholder: t('dialog.filter'),
  });
  const list = h('ul', { class: 'pick-list' });
  const opened = openDialog<number[]>(
    title,
    (finish) => {
      const rows = view.items.map((item, index) => {
        const text = [
          h('span', { class: 'pick-label' }, item.label),
          item.description ? h('span', { class: 'pick-description' }, item.description) : null,
          item.detail ? h('span', { class: 'pick-detail' }, item.detail) : null,
        ];
        if (!view.canPickMany)
          return h(
            'li',
            null,
            h('button', { type: 'button', class: 'pick', onclick: () => finish([index]) }, ...text),
          );
        const id = `qp-${view.id}-${index}`;
        return h(
          'li',
          { class: 'pick-check' },
          h('input', { type: 'checkbox', id, 'data-index': index, checked: item.picked === true }),
          h('label', { for: id }, ...text),
        );
      });
      list.append(...rows);
      filter.addEventListener('input', () => {
        const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
        rows.forEach((row) => {
          row.hidden = !words.every((w) => (row.textContent ?? '').toLowerCase().includes(w));
        });
      });
      filter.addEventListener('keydown', (event) => {
        if (event.key === 'ArrowDown') {
          event.preventDefault();
          list.querySelector<HTMLElement>('li:not([hidden]) button, li:not([hidden]) input')?.focus();
        } else if (event.key === 'Enter' && !view.canPickMany) {
          const first = [...list.querySelectorAll<HTMLButtonElement>('li:not([hidden]) button')][0];
          first?.click();
        }
      });
      const many = () =>
        finish(
          [...list.querySelectorAll<HTMLInputElement>('input:checked')].map((box) =>
            Number(box.dataset.index),
          ),
        );
      return [
        h('h2', { class: 'dialog-title' }, title),
        view.items.length > 7 ? filter : null,
        list,
        buttons(
          view.canPickMany
            ? h('button', { type: 'button', class: 'primary', onclick: many }, t('dialog.ok'))
            : null,
          h('button', { type: 'button', onclick: () => finish(undefined) }, t('dialog.cancel')),
        ),
      ];
    },
    'quick-pick',
  );
  arrowKeys(list, view.canPickMany ? 'li:not([hidden]) input' : 'li:not([hidden]) button');
  (view.items.length > 7 ? filter : list.querySelector<HTMLElement>('button, input'))?.focus();
  return opened;
}

// ---- what a State may end: only what was shown before it was asked for

/**
 * Events show tasks and questions at once; a State asked for before an event cannot know what it showed, and must
 * not end it. (A question asked while a re-draw waited for a click's release was closed so, and its command hung.)
 */
let shownCount = 0;
const shownAt = new Map<string, number>();
const noteShown = (key: string) => shownAt.set(key, ++shownCount);
const knownTo = (key: string, asked: number) => (shownAt.get(key) ?? 0) <= asked;

/** What has been shown so far: ask for a State, then pass this count taken just before to syncTasks and syncPrompts. */
export const shownSoFar = (): number => shownCount;

// ---- the host's questions (quick picks, input boxes, messages with actions), one modal at a time

const shownPrompts = new Map<string, { close(): void }>();
const endedPrompts = new Set<string>();
const queue: PromptView[] = [];
let modalOpen = false;

export function showPrompt(view: PromptView): void {
  if (shownPrompts.has(view.id) || queue.some((p) => p.id === view.id) || endedPrompts.has(view.id)) return;
  noteShown(`prompt:${view.id}`);
  if (view.kind === 'message') {
    const element = toast(view, (answer) => answerPrompt(view.id, answer ?? null));
    shownPrompts.set(view.id, { close: () => element.remove() });
    return;
  }
  queue.push(view);
  nextPrompt();
}

export function endPrompt(id: string): void {
  endedPrompts.add(id);
  shownAt.delete(`prompt:${id}`);
  const index = queue.findIndex((p) => p.id === id);
  if (index >= 0) queue.splice(index, 1);
  shownPrompts.get(id)?.close();
  shownPrompts.delete(id);
}

/** After a fresh State: shows questions not shown yet, and closes those that are gone (see shownSoFar). */
export function syncPrompts(views: PromptView[], asked: number): void {
  for (const id of [...shownPrompts.keys()])
    if (!views.some((v) => v.id === id) && knownTo(`prompt:${id}`, asked)) endPrompt(id);
  for (const view of views) showPrompt(view);
}

function answerPrompt(id: string, answer: unknown): void {
  shownPrompts.delete(id);
  shownAt.delete(`prompt:${id}`);
  if (endedPrompts.has(id)) return;
  endedPrompts.add(id);
  post('/api/answer', { prompt: id, answer }).catch((error: Error) => notify('error', error.message));
}

function nextPrompt(): void {
  if (modalOpen) return;
  const view = queue.shift();
  if (!view || view.kind === 'message') return;
  modalOpen = true;
  const opened =
    view.kind === 'quickPick'
      ? quickPickDialog(view)
      : inputDialog(view.prompt, view.value ?? '', view.password === true);
  shownPrompts.set(view.id, { close: () => opened.dialog.close() });
  opened.result.then((value) => {
    modalOpen = false;
    if (view.kind === 'quickPick')
      answerPrompt(view.id, value === undefined ? null : view.canPickMany ? value : value[0]);
    else answerPrompt(view.id, value ?? null);
    nextPrompt();
  });
}

// ---- messages: a strip below the view (it never covers the view's buttons), at most a few at once

const MAX_TOASTS = 3;
const SUCCESS_MS = 5000;

/** The page's region of that id (and class), made at the end or the start of the body the first time. */
function region(id: 'toasts' | 'tasks', at: 'append' | 'prepend'): HTMLElement {
  let found = document.getElementById(id);
  if (!found) {
    found = h('div', { id, class: id });
    document.body[at](found);
  }
  return found;
}

const toastRegion = () => region('toasts', 'append');

/** The toast of the action that runs now: a plugin's message while it runs replaces that toast's text. */
const runningActions: ActionToast[] = [];

/** Shows a message; with actions, `onAnswer` gets the chosen one (undefined when dismissed). */
export function toast(
  view: Omit<MessageView, 'id'>,
  onAnswer?: (answer: string | undefined) => void,
): HTMLElement {
  const running = runningActions.at(-1);
  if (running && view.actions.length === 0) {
    running.show(view.level, view.message);
    return running.element;
  }
  return newToast(view, onAnswer);
}

function newToast(
  view: Omit<MessageView, 'id'>,
  onAnswer?: (answer: string | undefined) => void,
): HTMLElement {
  const region = toastRegion();
  const close = (answer: string | undefined) => {
    element.remove();
    onAnswer?.(answer);
  };
  const text = h('span', { class: 'toast-message' }, view.message);
  // A message with choices is a question, whatever its level: it is drawn and announced as one, never as an error.
  const asks = view.actions.length > 0;
  const element = h(
    'div',
    {
      class: asks ? 'toast toast-question' : `toast toast-${view.level}`,
      role: asks ? 'alertdialog' : view.level === 'error' ? 'alert' : 'status',
      ...(asks ? { 'aria-label': t('message.question') } : {}),
    },
    h(
      'p',
      { class: 'toast-text' },
      h(
        'span',
        { class: 'visually-hidden toast-level' },
        `${t(asks ? 'message.question' : `message.${view.level}`)}: `,
      ),
      text,
    ),
    view.actions.length > 0
      ? buttons(
          ...view.actions.map((action, i) =>
            h(
              'button',
              { type: 'button', class: i === 0 ? 'primary' : '', onclick: () => close(action) },
              action,
            ),
          ),
        )
      : null,
    h(
      'button',
      {
        type: 'button',
        class: 'toast-close',
        'aria-label': t('message.dismiss'),
        onclick: () => close(undefined),
      },
      '×',
    ),
  );
  region.append(element);
  if (view.level === 'info' && view.actions.length === 0) fadeLater(element);
  const plain = [...region.querySelectorAll<HTMLElement>('.toast')].filter(
    (el) => !el.querySelector('.buttons'),
  );
  for (const old of plain.slice(0, Math.max(0, plain.length - MAX_TOASTS))) old.remove();
  return element;
}

/** A success goes away by itself after a few seconds, but not while the pointer or the focus is on it. */
function fadeLater(element: HTMLElement): void {
  const due = Date.now() + SUCCESS_MS;
  element.dataset.fadeAt = String(due);
  window.setTimeout(() => {
    if (!element.isConnected || element.dataset.fadeAt !== String(due)) return;
    if (element.matches(':hover, :focus-within')) fadeLater(element);
    else element.remove();
  }, SUCCESS_MS);
}

/** Escape (with no dialog open) dismisses the newest message. */
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape' || document.querySelector('dialog[open]')) return;
  const newest = [...toastRegion().querySelectorAll<HTMLElement>('.toast')].at(-1);
  newest?.querySelector<HTMLButtonElement>('.toast-close')?.click();
});

export function notify(level: MessageView['level'], message: string): void {
  toast({ level, message, actions: [] });
}

/** One toast for one action, replaced in place as it goes: started, then done (goes) or failed (stays). */
export interface ActionToast {
  element: HTMLElement;
  show(level: MessageView['level'], message: string): void;
  /** The action ended; its last message stays as it is (a success fades, an error stays). */
  end(): void;
}

export function actionToast(message: string): ActionToast {
  const element = newToast({ level: 'info', message, actions: [] });
  element.classList.add('toast-running');
  element.setAttribute('aria-busy', 'true');
  delete element.dataset.fadeAt;
  let level: MessageView['level'] = 'info';
  const action: ActionToast = {
    element,
    show(next, text) {
      level = next;
      element.className = `toast toast-${next}${element.classList.contains('toast-running') ? ' toast-running' : ''}`;
      element.setAttribute('role', next === 'error' ? 'alert' : 'status');
      const levelText = element.querySelector('.toast-level');
      if (levelText) levelText.textContent = `${t(`message.${next}`)}: `;
      const body = element.querySelector('.toast-message');
      if (body) body.textContent = text;
      // a dismissed toast comes back only for an error: that must be seen
      if (!element.isConnected && next === 'error') toastRegion().append(element);
    },
    end() {
      element.classList.remove('toast-running');
      element.removeAttribute('aria-busy');
      const at = runningActions.indexOf(action);
      if (at >= 0) runningActions.splice(at, 1);
      if (level === 'info') fadeLater(element);
    },
  };
  return action;
}

function commandTitle(command: string): string {
  return app.state?.commands.find((c) => c.id === command)?.title ?? command;
}

/** How long after its answer an action's toast still takes the plugin's message: the message comes over the
 * event stream, which may arrive after the command's answer. */
const LATE_MESSAGE_MS = 1500;

/** Runs a command on the host in one toast: "… started", then the plugin's own message or "done", or the error. */
export async function run(
  command: string,
  args: unknown[] = [],
  started: ActionToast | undefined = undefined,
): Promise<boolean> {
  const title = commandTitle(command);
  const action = started ?? actionToast(t('action.started', { title }));
  if (started) started.show('info', t('action.started', { title }));
  runningActions.push(action);
  const text = () => action.element.querySelector('.toast-message')?.textContent;
  const before = text();
  let ok = false;
  try {
    const result = await runCommand(command, args);
    ok = result.ok;
    if (!result.ok) action.show('error', result.error);
  } catch (error) {
    action.show(
      'error',
      t('error.request', { detail: error instanceof RequestError ? error.message : String(error) }),
    );
  }
  if (!ok || text() !== before) action.end();
  else
    window.setTimeout(() => {
      if (text() === before) action.show('info', t('action.done', { title }));
      action.end();
    }, LATE_MESSAGE_MS);
  return ok;
}

// ---- progress

const tasks = new Map<
  string,
  { element: HTMLElement; bar: HTMLProgressElement; message: HTMLElement; cancel?: HTMLButtonElement }
>();
// A state fetched before a task ended may still list it; it must not come back.
const endedTasks = new Set<string>();

const taskRegion = () => region('tasks', 'prepend');

export function showTask(view: TaskView): void {
  if (endedTasks.has(view.id)) return;
  let task = tasks.get(view.id);
  if (!task) {
    const titleId = `task-title-${view.id}`;
    const bar = h('progress', { max: 100, 'aria-labelledby': titleId });
    const message = h('span', { class: 'task-message', 'aria-live': 'polite' });
    const cancel = view.cancellable
      ? h(
          'button',
          {
            type: 'button',
            class: 'task-cancel',
            onclick: () => {
              if (cancel) cancel.disabled = true;
              post('/api/cancel', { task: view.id }).catch((error: Error) => notify('error', error.message));
            },
          },
          t('task.cancel'),
        )
      : undefined;
    const element = h(
      'div',
      { class: 'task', role: 'group', 'aria-labelledby': titleId, 'data-task': view.id },
      h('span', { class: 'task-title', id: titleId }, view.title),
      bar,
      message,
      cancel,
    );
    task = { element, bar, message, cancel };
    tasks.set(view.id, task);
    noteShown(`task:${view.id}`);
    taskRegion().append(element);
  }
  task.bar.value = view.percent;
  task.bar.textContent = `${Math.round(view.percent)}%`;
  task.message.textContent = view.cancelling ? t('task.cancelling') : view.message;
  if (task.cancel && view.cancelling) task.cancel.disabled = true;
}

export function endTask(id: string): void {
  endedTasks.add(id);
  shownAt.delete(`task:${id}`);
  tasks.get(id)?.element.remove();
  tasks.delete(id);
}

export function syncTasks(views: TaskView[], asked: number): void {
  for (const id of [...tasks.keys()])
    if (!views.some((v) => v.id === id) && knownTo(`task:${id}`, asked)) endTask(id);
  for (const view of views) showTask(view);
}

/** Texts that depend on the language, after it changed. */
export function relabelTasks(): void {
  for (const task of tasks.values()) if (task.cancel) task.cancel.textContent = t('task.cancel');
}
