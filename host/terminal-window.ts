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
import type { Language } from './i18n.js';
import { text } from './i18n.js';
import type { Redactor } from './log.js';
import { progressText, Rate } from './progress-line.js';
import { ask } from './prompt.js';

type ProgressReport = Parameters<Progress['report']>[0];

export interface WindowOptions {
  interactive: boolean;
  /** Whether a plugin may put a question here (`Window.canAsk`): a terminal typed into, or a host told so. */
  canAsk: boolean;
  assumeYes: boolean;
  quiet: boolean;
  redactor: Redactor;
  /** The language of the host's own words (prompts, time left). */
  language: () => Language;
}

export interface MessageRecord {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export class TerminalWindow {
  readonly messages: MessageRecord[] = [];
  /** The progress line on the terminal, if one is drawn: other lines clear it first. */
  private bar: ProgressLine | undefined;

  constructor(private readonly options: WindowOptions) {}

  forPlugin(log: LogChannel): Window {
    return {
      withProgress: (opts, task) => this.withProgress(opts.title, opts.cancellable ?? false, task),
      showInformationMessage: (m, ...a) => this.message('info', m, a),
      showWarningMessage: (m, ...a) => this.message('warning', m, a),
      showErrorMessage: (m, ...a) => this.message('error', m, a),
      showQuickPick: (items, opts) => this.quickPick(items, opts?.canPickMany ?? false, opts?.title) as never,
      showInputBox: (opts) => this.inputBox(opts),
      canAsk: this.options.canAsk,
      log,
    };
  }

  private print(line: string): void {
    if (this.options.quiet) return;
    this.bar?.clear();
    process.stderr.write(`${this.options.redactor.redact(line)}\n`);
    this.bar?.redraw();
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
    this.bar?.clear();
    const answer = await ask(text(this.options.language(), many ? 'prompt.numbers' : 'prompt.number'));
    const chosen = (answer ?? '')
      .split(',')
      .map((s) => items[Number(s.trim()) - 1])
      .filter((item): item is T => item !== undefined);
    return many ? chosen : chosen[0];
  }

  private async inputBox(opts: InputBoxOptions) {
    if (!this.options.interactive) return undefined;
    this.bar?.clear();
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
      this.print(`\n${text(this.options.language(), 'progress.cancelling')}`);
      cancel();
    };
    if (cancellable) process.on('SIGINT', onSigint);
    const tty = process.stderr.isTTY === true && !this.options.quiet;
    const bar = new ProgressLine(title, tty, this.options.language(), (line) => this.print(line));
    const outer = this.bar;
    if (tty) this.bar = bar;
    try {
      return await task({ report: (v) => bar.report(v) }, token);
    } finally {
      bar.clear();
      this.bar = outer;
      if (cancellable) process.off('SIGINT', onSigint);
    }
  }
}

/** A progress line on a terminal (redrawn in place, at most ten times a second); plain lines (at most one per
 * step of 10%) elsewhere. */
class ProgressLine {
  private percent = 0;
  private lastPrinted = -1;
  private lastDrawn = 0;
  private message = '';
  private rate = new Rate();
  private estimate: { speed?: number; secondsLeft?: number } = {};
  private drawn = false;

  constructor(
    private readonly title: string,
    private readonly tty: boolean,
    private readonly language: Language,
    private readonly print: (text: string) => void,
  ) {}

  report(value: ProgressReport): void {
    this.percent = Math.min(100, this.percent + (value.increment ?? 0));
    if (value.message !== undefined) this.message = value.message;
    const now = Date.now();
    this.estimate = value.bytes
      ? this.rate.sample(now, value.bytes.done, value.bytes.total)
      : { secondsLeft: this.rate.sample(now, this.percent, 100).secondsLeft };
    if (this.tty) {
      // A redraw per downloaded chunk would be thousands a second: at most ten, and always the last.
      if (now - this.lastDrawn < 100 && this.percent < 100) return;
      this.lastDrawn = now;
      this.draw();
    } else {
      const step = Math.floor(this.percent / 10);
      if (step !== this.lastPrinted) {
        this.lastPrinted = step;
        this.print(`${this.title}: ${Math.round(this.percent)}% ${this.message}`);
      }
    }
  }

  private draw(): void {
    const line = progressText(
      { title: this.title, percent: this.percent, message: this.message, ...this.estimate },
      process.stderr.columns ?? 80,
      this.language,
    );
    process.stderr.write(`\r\x1b[2K${line}`);
    this.drawn = true;
  }

  /** Takes the line away so that another line starts at the left; `redraw` puts it back below. */
  clear(): void {
    if (this.tty && this.drawn) process.stderr.write('\r\x1b[2K');
    this.drawn = false;
  }

  redraw(): void {
    if (this.tty) this.draw();
  }
}
