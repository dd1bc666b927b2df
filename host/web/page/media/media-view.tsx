/** The media list per meeting date: the plugins' status, sources, hidden and recurring items, thumbnails, the media
 * window's control, uploads, and the commands plugins offer there (their menus, see protocol.ts). */
import { useSignalEffect } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { t } from '../app.js';
import { refresh, state, tasks } from '../store.js';
import { DateSection, PlaceEntry } from './date-section.js';
import { StatusSection } from './status.js';

export { onPresentKey, presentCommands } from './present-control.js';

/** A task's end may have changed files without changing the list (a sync brought new content under the same
 * name): the State is fetched again, so that thumbnails follow the content. */
function useRefreshAfterTasks(): void {
  const running = useRef<ReadonlySet<string>>(new Set());
  useSignalEffect(() => {
    const now = new Set(tasks.value.map((task) => task.id));
    const ended = [...running.current].some((id) => !now.has(id));
    running.current = now;
    if (ended) void refresh();
  });
}

export function MediaView() {
  useRefreshAfterTasks();
  const current = state.value;
  if (!current) return null;
  const dates = [...new Set(current.media.map((m) => m.date))];
  const dateEntries = current.menus['media/date'] ?? [];
  const itemEntries = current.menus['media/item'] ?? [];
  return (
    <div class="media">
      <StatusSection />
      <div class="media-head">
        <p class="muted">{t('media.folder', { folder: current.mediaFolder })}</p>
        {(current.menus['media/list'] ?? []).map((entry) => (
          <PlaceEntry key={entry.command} entry={entry} />
        ))}
      </div>
      {dates.length > 0 ? (
        dates.map((date) => (
          <DateSection
            key={date}
            date={date}
            items={current.media.filter((m) => m.date === date)}
            dateEntries={dateEntries}
            itemEntries={itemEntries}
          />
        ))
      ) : (
        <p class="muted">{t('media.empty')}</p>
      )}
    </div>
  );
}
