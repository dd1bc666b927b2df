/**
 * The host's window in a web page: progress, messages, quick picks and input boxes are sent to the connected
 * pages as events and answered by them. With no page connected, the fallback (the terminal) is used.
 */
import { randomUUID } from 'node:crypto';
import type { CancellationToken, LogChannel, Progress, QuickPickItem, Window } from '../../contract/api.js';
import { cancellationSource, Emitter } from '../events.js';
import type { Redactor } from '../log.js';
import type { WindowProvider } from '../runtime.js';
import type { MessageRecord } from '../terminal-window.js';
import type { MessageView, PromptView, TaskView } from './protocol.js';

export interface WindowEvent {
  event: 'task' | 'task-end' | 'message' | 'prompt' | 'prompt-end';
  data: unknown;
}

interface Pending {
  view: PromptView;
  resolve(answer: unknown): void;
}

/** How long pending questions wait for a page to come back before they are dismissed. */
const ORPHAN_MS = 30_000;

export class WebWindow implements WindowProvider {
  readonly messages: MessageRecord[] = [];
  private readonly emitter = new Emitter<WindowEvent>();
  readonly onEvent = this.emitter.event;
  private readonly tasks = new Map<string, { view: TaskView; cancel(): void }>();
  private readonly pending = new Map<string, Pending>();
  private pages = 0;
  private orphanTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly fallback: WindowProvider,
    private readonly redactor: Redactor,
  ) {}

  /** Called by the server when an event stream opens (+1) or closes (-1). */
  pageConnected(delta: 1 | -1): void {
    this.pages = Math.max(0, this.pages + delta);
    clearTimeout(this.orphanTimer);
    if (this.pages === 0 && this.pending.size > 0) {
      this.orphanTimer = setTimeout(() => this.dismissAll(), ORPHAN_MS);
      this.orphanTimer.unref();
    }
  }

  get connected(): boolean {
    return this.pages > 0;
  }

  taskViews(): TaskView[] {
    return [...this.tasks.values()].map((t) => t.view);
  }

  promptViews(): PromptView[] {
    return [...this.pending.values()].map((p) => p.view);
  }

  /** Cancels a task's token; false when there is no such cancellable task. */
  cancel(id: string): boolean {
    const task = this.tasks.get(id);
    if (!task?.view.cancellable) return false;
    task.cancel();
    return true;
  }

  /** Answers a pending question; false when it is unknown or the answer does not fit it. */
  answer(id: string, answer: unknown): boolean {
    const pending = this.pending.get(id);
    if (!pending) return false;
    const view = pending.view;
    let value: unknown;
    if (answer === null || answer === undefined) value = undefined;
    else if (view.kind === 'message') {
      if (typeof answer !== 'string' || !view.actions.includes(answer)) return false;
      value = answer;
    } else if (view.kind === 'inputBox') {
      if (typeof answer !== 'string') return false;
      value = answer;
    } else {
      const indices = Array.isArray(answer) ? answer : [answer];
      const valid = indices.every((i) => Number.isInteger(i) && i >= 0 && i < view.items.length);
      if (!valid || (!view.canPickMany && indices.length !== 1)) return false;
      value = view.canPickMany ? [...new Set(indices as number[])].sort((a, b) => a - b) : indices[0];
    }
    this.pending.delete(id);
    this.emit('prompt-end', { id });
    pending.resolve(value);
    return true;
  }

  /** Dismisses every pending question (the server stops, or no page came back). */
  dismissAll(): void {
    for (const id of [...this.pending.keys()]) {
      const pending = this.pending.get(id);
      this.pending.delete(id);
      this.emit('prompt-end', { id });
      pending?.resolve(undefined);
    }
  }

  forPlugin(log: LogChannel): Window {
    const terminal = () => this.fallback.forPlugin(log);
    const pageThere = () => this.connected;
    return {
      withProgress: (options, task) =>
        this.connected
          ? this.withProgress(options.title, options.cancellable ?? false, task)
          : terminal().withProgress(options, task),
      showInformationMessage: (m, ...a) =>
        this.connected ? this.message('info', m, a) : terminal().showInformationMessage(m, ...a),
      showWarningMessage: (m, ...a) =>
        this.connected ? this.message('warning', m, a) : terminal().showWarningMessage(m, ...a),
      showErrorMessage: (m, ...a) =>
        this.connected ? this.message('error', m, a) : terminal().showErrorMessage(m, ...a),
      showQuickPick: ((
        items: readonly QuickPickItem[],
        options?: { title?: string; canPickMany?: boolean },
      ) =>
        this.connected
          ? this.quickPick(items, options?.canPickMany ?? false, options?.title)
          : terminal().showQuickPick(items, options)) as Window['showQuickPick'],
      showInputBox: (options) =>
        this.connected
          ? (this.ask({
              kind: 'inputBox',
              id: randomUUID(),
              prompt: this.redact(options.prompt),
              value: options.value,
              ...(options.password ? { password: true } : {}),
            }) as Promise<string | undefined>)
          : terminal().showInputBox(options),
      // The page answers whatever started the host (a launcher, a service, `npm start` with no terminal).
      get canAsk() {
        return pageThere() || terminal().canAsk;
      },
      log,
    };
  }

  private redact(text: string): string {
    return this.redactor.redact(text);
  }

  private emit(event: WindowEvent['event'], data: unknown): void {
    this.emitter.fire({ event, data });
  }

  private ask(view: PromptView): Promise<unknown> {
    return new Promise((resolve) => {
      this.pending.set(view.id, { view, resolve });
      this.emit('prompt', view);
    });
  }

  private async message(level: MessageView['level'], text: string, actions: string[]) {
    const message = this.redact(text);
    this.messages.push({ level, message });
    const view: MessageView = {
      id: randomUUID(),
      level,
      message,
      actions: actions.map((a) => this.redact(a)),
    };
    if (actions.length === 0) {
      this.emit('message', view);
      return undefined;
    }
    const answer = (await this.ask({ kind: 'message', ...view })) as string | undefined;
    // The page shows redacted actions; map the answer back to the plugin's own text.
    return answer === undefined ? undefined : actions[view.actions.indexOf(answer)];
  }

  private async quickPick<T extends QuickPickItem>(items: readonly T[], many: boolean, title?: string) {
    if (items.length === 0) return undefined;
    const view: PromptView = {
      kind: 'quickPick',
      id: randomUUID(),
      ...(title ? { title: this.redact(title) } : {}),
      canPickMany: many,
      items: items.map((item) => ({
        label: this.redact(item.label),
        ...(item.description ? { description: this.redact(item.description) } : {}),
        ...(item.detail ? { detail: this.redact(item.detail) } : {}),
        ...(item.picked ? { picked: true } : {}),
      })),
    };
    const answer = await this.ask(view);
    if (answer === undefined) return undefined;
    return many ? (answer as number[]).map((i) => items[i] as T) : (items[answer as number] as T);
  }

  private async withProgress<R>(
    title: string,
    cancellable: boolean,
    task: (progress: Progress, token: CancellationToken) => Promise<R>,
  ): Promise<R> {
    const { token, cancel } = cancellationSource();
    const view: TaskView = {
      id: randomUUID(),
      title: this.redact(title),
      cancellable,
      percent: 0,
      message: '',
      cancelling: false,
    };
    this.tasks.set(view.id, {
      view,
      cancel: () => {
        if (token.isCancellationRequested) return;
        view.cancelling = true;
        this.emit('task', view);
        cancel();
      },
    });
    this.emit('task', view);
    // At most about ten updates a second reach the page; the last one always does.
    let last = 0;
    let trailing: NodeJS.Timeout | undefined;
    const send = () => {
      trailing = undefined;
      last = Date.now();
      this.emit('task', view);
    };
    const progress: Progress = {
      report: (value) => {
        view.percent = Math.max(0, Math.min(100, view.percent + (value.increment ?? 0)));
        if (value.message !== undefined) view.message = this.redact(value.message);
        if (Date.now() - last >= 100) send();
        else trailing ??= setTimeout(send, 100);
      },
    };
    try {
      return await task(progress, token);
    } finally {
      clearTimeout(trailing);
      this.tasks.delete(view.id);
      this.emit('task-end', { id: view.id });
    }
  }
}
