/** The terminal's progress line: what it says (a pure function that fits a width) and the rate it shows (from the
 * bytes reported over time, or the percentage where a task reports no bytes). */
import { type Language, text } from './i18n.js';

export interface ProgressState {
  title: string;
  percent: number;
  message: string;
  /** Bytes a second, where known. */
  speed?: number;
  /** Seconds left, where known. */
  secondsLeft?: number;
}

const BAR = 20;
const MIN_BAR = 8;

/** A size as a person reads it, its number in the language's way (1.5 MB, 1,5 MB). */
export function formatBytes(bytes: number, language: Language = 'en'): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value < 10 ? 1 : 0;
  const number = new Intl.NumberFormat(language, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${number.format(value)} ${units[unit]}`;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/**
 * One line of at most `columns - 1` characters. What does not fit goes whole, least useful first: the bar shrinks,
 * then the title, the time left, the speed and the message's trailing parts go; a number is never cut.
 */
export function progressText(state: ProgressState, columns: number, language: Language): string {
  const width = Math.max(10, columns - 1);
  const percent = `${Math.round(state.percent)}%`;
  const speed = state.speed === undefined ? '' : `${formatBytes(state.speed, language)}/s`;
  const left =
    state.secondsLeft === undefined
      ? ''
      : text(language, 'progress.left', { time: formatDuration(state.secondsLeft) });
  // parts end at a comma and a space: a decimal comma (1,5 MB) is inside a number
  const parts = state.message.split(/,\s+/).filter(Boolean);
  const bar = (n: number) => {
    const filled = Math.round((Math.min(100, state.percent) / 100) * n);
    return `[${'#'.repeat(filled)}${'-'.repeat(n - filled)}]`;
  };
  const compose = (title: boolean, n: number, shown: string[], withSpeed: boolean, withLeft: boolean) =>
    [
      title ? state.title : '',
      n > 0 ? bar(n) : '',
      percent,
      shown.join(', '),
      withSpeed ? speed : '',
      withLeft ? left : '',
    ]
      .filter(Boolean)
      .join(' ');
  const candidates: string[] = [];
  for (let n = BAR; n >= MIN_BAR; n -= 4) candidates.push(compose(true, n, parts, true, true));
  candidates.push(compose(false, MIN_BAR, parts, true, true));
  candidates.push(compose(false, MIN_BAR, parts, true, false));
  candidates.push(compose(false, MIN_BAR, parts, false, false));
  for (let k = parts.length - 1; k >= 0; k--)
    candidates.push(compose(false, 0, parts.slice(0, k), false, false));
  return candidates.find((line) => line.length <= width) ?? percent;
}

/** Speed and time left from samples of the last few seconds. */
export class Rate {
  private samples: Array<{ at: number; done: number }> = [];

  constructor(private readonly windowMs = 5000) {}

  /** Adds a sample: `done` of `total` units at time `at` (ms); returns the speed (units/s) and seconds left. */
  sample(at: number, done: number, total: number): { speed?: number; secondsLeft?: number } {
    this.samples.push({ at, done });
    while (this.samples.length > 2 && at - (this.samples[0]?.at ?? at) > this.windowMs) this.samples.shift();
    const first = this.samples[0];
    if (!first || at - first.at < 500 || done <= first.done) return {};
    const speed = ((done - first.done) / (at - first.at)) * 1000;
    return { speed, secondsLeft: Math.max(0, total - done) / speed };
  }
}
