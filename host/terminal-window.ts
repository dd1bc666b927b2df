/** The host's window on a terminal: messages and progress on stderr (stdout stays for --json), prompts on a TTY. */
import type {
  CancellationToken,
  InputBoxOptions,
  LogChannel,
  Progress,
  QuickPickItem,
  Window,
} from '../contract/api.js';
import { cancellationSource } from './events.js';
import type { Redactor } from './log.js';
import { ask } from './prompt.js';

export interface WindowOptions {
  interactive: boolean;
  assumeYes: boolean;
  quiet: boolean;
  redactor: Redactor;
}

export interface MessageRecord {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export class TerminalWindow {
  readonly messages: MessageRecord[] = [];

  constructor(private readonly options: WindowOptions) {}

  forPlugin(log: LogChannel): Window {
    return {
      withProgress: (opts, task) => this.withProgress(opts.title, opts.cancellable ?? false, task),
      showInformationMessage: (m, ...a) => this.message('info', m, a),
      showWarningMessage: (m, ...a) => this.message('warning', m, a),
      showErrorMessage: (m, ...a) => this.message('error', m, a),
      showQuickPick: (items, opts) => this.quickPick(items, opts?.canPickMany ?? false, opts?.title) as never,
      showInputBox: (opts) => this.inputBox(opts),
      log,
    };
  }

  private print(text: string): void {
    if (!this.options.quiet) process.stderr.write(`${this.options.redactor.redact(text)}\n`);
  }

  private async message(level: MessageRecord['level'], message: string, actions: string[]) {
    this.messages.push({ level, message: this.options.redactor.redact(message) });
    const mark = level === 'error' ? '✖' : level === 'warning' ? '!' : '•';
    this.print(`${mark} ${message}`);
    if (actions.length === 0) return undefined;
    if (this.options.assumeYes) return actions[0];
    if (!this.options.interactive) return undefined;
    const picked = await this.quickPick(
      actions.map((label) => ({ label })),
      false,
    );
    return (picked as QuickPickItem | undefined)?.label;
  }

  private async quickPick<T extends QuickPickItem>(items: readonly T[], many: boolean, title?: string) {
    if (!this.options.interactive || items.length === 0) return undefined;
    if (title) this.print(title);
    for (const [i, item] of items.entries()) {
      this.print(`  ${i + 1}) ${item.label}${item.description ? `  (${item.description})` : ''}`);
    }
    const answer = await ask(many ? 'Numbers, separated by commas: ' : 'Number: ');
    const chosen = (answer ?? '')
      .split(',')
      .map((s) => items[Number(s.trim()) - 1])
      .filter((item): item is T => item !== undefined);
    return many ? chosen : chosen[0];
  }

  private async inputBox(opts: InputBoxOptions) {
    if (!this.options.interactive) return undefined;
    return ask(`${opts.prompt} `, opts.password);
  }

  private async withProgress<R>(
    title: string,
    cancellable: boolean,
    task: (progress: Progress, token: CancellationToken) => Promise<R>,
  ): Promise<R> {
    const { token, cancel } = cancellationSource();
    const onSigint = () => {
      if (token.isCancellationRequested) process.exit(130);
      this.print('\nCancelling… (press Ctrl+C again to quit at once)');
      cancel();
    };
    if (cancellable) process.on('SIGINT', onSigint);
    const bar = new ProgressLine(title, process.stderr.isTTY === true && !this.options.quiet, (t) =>
      this.print(t),
    );
    try {
      return await task({ report: (v) => bar.report(v) }, token);
    } finally {
      bar.done();
      if (cancellable) process.off('SIGINT', onSigint);
    }
  }
}

/** A progress bar on a terminal; plain lines (at most one per percent step of 10) elsewhere. */
class ProgressLine {
  private percent = 0;
  private lastPrinted = -1;
  private lastDrawn = 0;
  private message = '';

  constructor(
    private readonly title: string,
    private readonly tty: boolean,
    private readonly print: (text: string) => void,
  ) {}

  report(value: { message?: string; increment?: number }): void {
    this.percent = Math.min(100, this.percent + (value.increment ?? 0));
    if (value.message !== undefined) this.message = value.message;
    if (this.tty) {
      // A redraw per downloaded chunk would be thousands a second: at most ten, and always the last.
      const now = Date.now();
      if (now - this.lastDrawn < 100 && this.percent < 100) return;
      this.lastDrawn = now;
      const width = 24;
      const filled = Math.round((this.percent / 100) * width);
      const line = `${this.title} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(this.percent)}% ${this.message}`;
      process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns ?? 100) - 1)}`);
    } else {
      const step = Math.floor(this.percent / 10);
      if (step !== this.lastPrinted) {
        this.lastPrinted = step;
        this.print(`${this.title}: ${Math.round(this.percent)}% ${this.message}`);
      }
    }
  }

  done(): void {
    if (this.tty) process.stderr.write('\r\x1b[2K');
  }
}
