/**
 * The status strip on every view: for each plugin that reports its work, when its last run ended and how, when the
 * next one runs, and whether the next meeting date is ready, in the page's language, times through Intl.
 */
import type { PluginStatus } from '../../../contract/api.js';
import type { StatusView } from '../protocol.js';
import { language, t } from './app.js';
import { state } from './store.js';

const locale = () => (language() === 'de' ? 'de-DE' : 'en-GB');

/** A time of today as 14:05, of another day with its date: 24-hour in both languages. */
export function formatWhen(iso: string, now = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const sameDay = at.toDateString() === now.toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
    : {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      };
  return new Intl.DateTimeFormat(locale(), options).format(at);
}

/** A meeting date (YYYY-MM-DD) as "Wed 9 Dec" / "Mi., 9. Dez.". */
export function formatDay(date: string): string {
  const at = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(at.getTime())) return date;
  return new Intl.DateTimeFormat(locale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(at);
}

function lastRun(status: PluginStatus): string {
  const last = status.last;
  if (!last) return t('status.never');
  const time = formatWhen(last.at);
  if (last.outcome === 'ok') return t('status.last.ok', { time });
  const key = last.outcome === 'failed' ? 'status.last.failed' : 'status.last.problems';
  return t(key, { time, count: last.problems.length, first: last.problems[0] ?? '' });
}

function nextMeeting(status: PluginStatus, today: string) {
  const next = status.dates.find((d) => d.date >= today);
  if (!next) return null;
  const day = formatDay(next.date);
  return next.ready
    ? { ready: true, text: t('status.date.ready', { date: day }) }
    : { ready: false, text: t('status.date.missing', { date: day, count: next.missing.length }) };
}

function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function Strip({ view }: { view: StatusView }) {
  const { status } = view;
  const meeting = nextMeeting(status, localToday());
  const outcome = status.last?.outcome ?? 'never';
  return (
    <p class="status-strip" data-plugin={view.pluginId} data-outcome={outcome} role="status">
      <span class="status-last">{lastRun(status)}</span>
      <span class="status-next">
        {status.next ? t('status.next', { time: formatWhen(status.next) }) : t('status.nextNone')}
        {status.note ? ` (${status.note})` : ''}
      </span>
      {meeting ? (
        <span class={`status-meeting ${meeting.ready ? 'is-ready' : 'is-missing'}`}>{meeting.text}</span>
      ) : null}
    </p>
  );
}

export function StatusStrip() {
  const views = state.value?.status ?? [];
  if (views.length === 0) return null;
  return (
    <section class="status-strips" aria-label={t('status.label')}>
      {views.map((view) => (
        <Strip key={view.pluginId} view={view} />
      ))}
    </section>
  );
}
