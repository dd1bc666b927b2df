/**
 * The status strip on every view: for each plugin that reports its work, when its last run ended and how, when the
 * next one runs, and whether the next meeting date is ready, in the page's language, times through Intl.
 */
import type { PluginStatus } from '../../../contract/api.js';
import { localToday } from '../../../contract/media-folders.js';
import type { StatusView } from '../protocol.js';
import { t } from './app.js';
import { formatDay, formatWhen } from './format.js';
import { state } from './store.js';

/** When the last run ended (as `when` writes the moment) and how. */
export function lastRun(status: PluginStatus, when: (iso: string) => string = formatWhen): string {
  const last = status.last;
  if (!last) return t('status.never');
  const time = when(last.at);
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

function Strip({ view }: { view: StatusView }) {
  const { status } = view;
  const meeting = nextMeeting(status, localToday(new Date()));
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
