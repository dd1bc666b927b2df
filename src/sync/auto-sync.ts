/**
 * The automatic sync: runs a sync at start, every interval and before each meeting (see auto-sync-schedule.ts),
 * one at a time; says in one line what a sync changed, logs the rest; a failed sync is tried again at the next tick.
 * During a meeting's time it runs nothing (the hall's line is the meeting's) and the status says until when; a sync
 * of its own still running when a meeting starts is cancelled. A sync the user asks for is not this one: it always runs.
 */
import type { CancellationToken, IsoDate, Json, MediaItem, PluginContext } from '../../contract/api.js';
import { localToday } from '../../contract/media-folders.js';
import { type MeetingTimes, meetingAt, minutesToMeeting, nextAutoSync } from '../core/auto-sync-schedule.js';
import { t } from '../i18n.js';
import type { SyncReport } from './report.js';
import { publishNext } from './status.js';

export interface AutoSync {
  /** Stops the timer and cancels a running sync; resolves once it has cleaned up. */
  stop(): Promise<void>;
}

/** Starts a sync of the window from `today`; undefined when one is running already. */
type Run = (token: CancellationToken, today: IsoDate) => Promise<SyncReport> | undefined;

export interface AutoSyncOptions {
  /** The wall clock (tests give a fixed or shifted one); the timers stay real. */
  now?: () => Date;
}

/**
 * The sync "at start" waits this long: the host finishes starting (a command line's own options land) first, and a
 * one-shot command of a profile with the setting on is done before it would begin.
 */
const START_DELAY_MS = 1000;

function cancellation() {
  const listeners = new Set<() => void>();
  let cancelled = false;
  const token: CancellationToken = {
    get isCancellationRequested() {
      return cancelled;
    },
    onCancellationRequested: (listener) => {
      const call = () => listener();
      listeners.add(call);
      return { dispose: () => listeners.delete(call) };
    },
  };
  const cancel = () => {
    if (cancelled) return;
    cancelled = true;
    for (const listener of [...listeners]) listener();
  };
  return { token, cancel };
}

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
const clock = (d: Date) => `${localToday(d)} ${hhmm(d)}`;
/** Minutes since the local midnight of `d`'s date. */
const minuteOfDay = (d: Date) =>
  d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60 + d.getMilliseconds() / 60_000;

function meetingTimes(ctx: PluginContext): MeetingTimes {
  const get = <T extends Json>(key: string, fallback: T) => ctx.hostSettings.get<T>(key) ?? fallback;
  return {
    mwDay: Number(get('meeting.mwDay', 2)),
    weDay: Number(get('meeting.weDay', 6)),
    mwStartTime: String(get('meeting.mwStartTime', '19:00')),
    weStartTime: String(get('meeting.weStartTime', '10:00')),
    coWeek: String(get('meeting.coWeek', '')) || null,
  };
}

const snapshot = (items: readonly MediaItem[]) => JSON.stringify(items);

/** Says what a sync did: a line for one that changed something or failed (that one logged too), else the log. */
async function announce(ctx: PluginContext, report: SyncReport, before: string, began: Date) {
  const lang = ctx.env.language;
  const { downloaded, removed } = report.stats;
  const placed = report.export?.placed ?? 0;
  const unplaced = report.export?.removed ?? 0;
  const changed = downloaded + removed + placed + unplaced > 0 || snapshot(ctx.media.items()) !== before;
  const first = report.errors[0];
  const params = { time: clock(began), downloaded, removed, placed, unplaced };
  const meeting = nextMeeting(ctx, localToday(began));
  if (first) {
    const line = t(lang, 'auto.failed', { ...params, count: report.errors.length, first: first.message });
    ctx.window.log.warn(`${line} ${meeting}`);
    await ctx.window.showWarningMessage(`${line} ${meeting}`);
  } else if (changed) {
    await ctx.window.showInformationMessage(`${t(lang, 'auto.changed', params)} ${meeting}`);
  } else ctx.window.log.info(`${t(lang, 'auto.unchanged', params)} ${meeting}`);
}

/** Whether the next meeting date is ready, in one sentence (the status the sync left); empty when none is near. */
function nextMeeting(ctx: PluginContext, today: string): string {
  const next = ctx.status.get()?.dates.find((d) => d.date >= today);
  if (!next) return '';
  const lang = ctx.env.language;
  if (next.ready) return t(lang, 'auto.meetingReady', { date: next.date });
  const names = next.missing.map((m) => `${m.name} (${m.reason})`).join(', ');
  return t(lang, 'auto.meetingMissing', { date: next.date, count: next.missing.length, names });
}

export function startAutoSync(ctx: PluginContext, run: Run, options: AutoSyncOptions = {}): AutoSync {
  const now = options.now ?? (() => new Date());
  const { token, cancel } = cancellation();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let lastBegan: number | null = null;

  const schedule = () => {
    if (token.isCancellationRequested) return;
    const at = now();
    const interval = ctx.configuration.get<number>('autoSyncIntervalSeconds') ?? 600;
    const next = nextAutoSync(
      {
        today: localToday(at),
        now: minuteOfDay(at),
        sinceLast: lastBegan === null ? null : (at.getTime() - lastBegan) / 60_000,
        intervalMinutes: interval / 60,
        times: meetingTimes(ctx),
      },
      lastBegan === null ? START_DELAY_MS / 60_000 : 0,
    );
    const wait = Math.ceil(next.minutes * 60_000);
    const when = new Date(at.getTime() + wait);
    timer = setTimeout(tick, wait);
    publishNext(
      ctx,
      when,
      next.meeting ? t(ctx.env.language, 'auto.meeting', { time: hhmm(when) }) : undefined,
    );
  };

  /** Cancels this run when the next meeting starts (its downloads stop; what landed stays); returns the undo. */
  const stopAtMeeting = (began: Date, cancelRun: () => void) => {
    const minutes = minutesToMeeting(localToday(began), minuteOfDay(began), meetingTimes(ctx));
    if (minutes === null) return () => {};
    const atStart = setTimeout(
      () => {
        ctx.window.log.info(t(ctx.env.language, 'auto.meetingStopped', { time: clock(now()) }));
        cancelRun();
      },
      Math.ceil(minutes * 60_000),
    );
    return () => clearTimeout(atStart);
  };

  const tick = () => {
    const began = now();
    // a timer that fires early, or a clock changed meanwhile: a meeting's time still runs no sync
    if (meetingAt(localToday(began), minuteOfDay(began), meetingTimes(ctx))) return schedule();
    lastBegan = began.getTime();
    const before = snapshot(ctx.media.items());
    const thisRun = cancellation();
    const link = token.onCancellationRequested(thisRun.cancel);
    const sync = run(thisRun.token, localToday(began));
    ctx.window.log.info(t(ctx.env.language, sync ? 'auto.started' : 'auto.busy', { time: clock(began) }));
    if (!sync) {
      link.dispose();
      return schedule();
    }
    const undoStop = stopAtMeeting(began, thisRun.cancel);
    running = sync
      .then((report) =>
        thisRun.token.isCancellationRequested ? undefined : announce(ctx, report, before, began),
      )
      .catch((error: unknown) => {
        const line = t(ctx.env.language, 'auto.failed', {
          time: clock(began),
          count: 1,
          first: error instanceof Error ? error.message : String(error),
        });
        ctx.window.log.error(line);
        return ctx.window.showWarningMessage(line).then(() => undefined);
      })
      .finally(() => {
        undoStop();
        link.dispose();
        running = undefined;
        schedule();
      });
  };

  schedule();
  return {
    async stop() {
      cancel();
      clearTimeout(timer);
      await running;
      publishNext(ctx, null);
    },
  };
}
