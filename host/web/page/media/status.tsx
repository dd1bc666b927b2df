/**
 * What the plugins say about their work (State.status), at the top of the media view: the last run, the next one, a
 * note; and beside each date's heading whether it is ready or what is missing there and why. Nothing when empty.
 */
import type { DateStatus } from '../../../../contract/api.js';
import { t } from '../app.js';
import { idOf } from '../dom.js';
import { formatMoment } from '../format.js';
import { lastRun } from '../status-strip.js';
import { state } from '../store.js';

export function StatusSection() {
  const list = state.value?.status ?? [];
  if (list.length === 0) return null;
  return (
    <div class="media-status">
      {list.map(({ pluginId, name, status }) => {
        const titleId = idOf('media-status', pluginId);
        return (
          <section key={pluginId} class="card media-status-plugin" aria-labelledby={titleId}>
            <h2 id={titleId} class="media-status-title">
              {t('media.status.title', { name })}
            </h2>
            <p class="media-status-last">{lastRun(status, formatMoment)}</p>
            <p class="media-status-next">
              {status.next ? t('status.next', { time: formatMoment(status.next) }) : t('status.nextNone')}
            </p>
            {status.note ? (
              <p class="media-status-note">{t('media.status.note', { note: status.note })}</p>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}

/** What the plugins say about one date (every plugin that reports on it). */
function statusOf(date: string): DateStatus[] {
  return (state.value?.status ?? []).flatMap(({ status }) => status.dates.filter((d) => d.date === date));
}

/** The small mark beside a date's heading: ready, or how many items are missing. */
export function DateMark({ date }: { date: string }) {
  const found = statusOf(date);
  if (found.length === 0) return null;
  const missing = found.flatMap((d) => d.missing);
  const ready = found.every((d) => d.ready) && missing.length === 0;
  return (
    <span class={ready ? 'media-mark media-mark-ready' : 'media-mark media-mark-missing'}>
      {ready ? t('media.status.ready') : t('media.status.missing', { count: missing.length })}
    </span>
  );
}

/** The reasons of what is missing on a date, below its heading. */
export function DateMissing({ date }: { date: string }) {
  const missing = statusOf(date).flatMap((d) => d.missing);
  if (missing.length === 0) return null;
  return (
    <ul class="media-missing">
      {missing.map((m) => (
        <li key={m.name}>{t('media.status.missingItem', { name: m.name, reason: m.reason })}</li>
      ))}
    </ul>
  );
}
