/** The operator's control of the media window: open it for a date, step it (buttons, keys, palette), and say what
 * is on screen. */
import type { PresentAction, PresentingView } from '../../protocol.js';
import { present, presentUrl } from '../api.js';
import { app, t } from '../app.js';
import { notify } from '../feedback.js';
import { formatDate, formatList } from '../format.js';
import type { PageCommand } from '../palette.js';
import { presentActionOf } from '../present-keys.js';
import { presenting, showPresenting } from '../store.js';

/** One named window: Present again (or for another date) reuses the media window on the second screen. */
const WINDOW_NAME = 'presenter-media-window';

export function openMediaWindow(date: string): void {
  const opened = window.open(presentUrl(date), WINDOW_NAME, 'popup,width=960,height=540');
  if (!opened) notify('error', t('media.popupBlocked'));
}

/** Steps the media window; `date` defaults to the date being presented (Show names its item's). */
export function control(action: PresentAction, name?: string, date = presenting.value?.date): void {
  if (!date) return;
  present(action, date, name).then(showPresenting, (error: Error) => notify('error', error.message));
}

/** What the media window shows, in the operator's words. */
export function presentLine(view: PresentingView): string {
  if (view.name) return t('media.nowShowing', { name: view.name });
  return view.end ? t('media.endOfList') : t('media.showingBackground');
}

/** The "now showing" line and the buttons of the date on screen (nothing for the other dates). */
export function PresentingBar({ date }: { date: string }) {
  const view = presenting.value;
  if (view?.date !== date) return null;
  const button = (action: PresentAction, label: string) => (
    <button type="button" class="small" data-present={action} onClick={() => control(action)}>
      {label}
    </button>
  );
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of buttons outside any form, not a fieldset
    <div class="presenting" data-presenting={date} role="group" aria-label={t('present.category')}>
      <p class={view.end ? 'now-showing media-end' : 'now-showing'} role="status">
        {presentLine(view)}
      </p>
      {view.skipped?.length ? (
        <p class="media-skipped" role="status">
          {t('media.skipped', { names: formatList(view.skipped), count: view.skipped.length })}
        </p>
      ) : null}
      <div class="present-buttons">
        {button('previous', t('media.previous'))}
        {button('stop', t('media.stop'))}
        {button('toggle', t('media.playPause'))}
        {button('next', t('media.next'))}
      </div>
      <p class="hint">{t('media.presentKeys')}</p>
    </div>
  );
}

/** The palette's host commands: present a date, and step the window while one is presented. */
export function presentCommands(): PageCommand[] {
  const state = app.state;
  if (!state) return [];
  const category = t('present.category');
  const dates = [...new Set(state.media.map((m) => m.date))];
  const commands: PageCommand[] = dates.map((date) => ({
    id: `host.present:${date}`,
    title: t('present.command', { date }),
    category,
    run: () => openMediaWindow(date),
  }));
  if (presenting.value?.date)
    commands.push(
      { id: 'host.present.next', title: t('present.commandNext'), category, run: () => control('next') },
      {
        id: 'host.present.previous',
        title: t('present.commandPrevious'),
        category,
        run: () => control('previous'),
      },
      { id: 'host.present.stop', title: t('present.commandStop'), category, run: () => control('stop') },
    );
  return commands;
}

/** The media window's keys on the operator's page, while a date is presented and no field or dialog has them. */
export function onPresentKey(event: KeyboardEvent): void {
  const action = presentActionOf(event);
  const target = event.target as HTMLElement | null;
  if (!action || !presenting.value?.date || document.querySelector('dialog[open]')) return;
  if (target?.closest('input, textarea, select, [contenteditable]')) return;
  if (action === 'toggle' && target?.closest('button, a, summary')) return;
  event.preventDefault();
  control(action);
}

/** The label of a date's Present button. */
export const presentLabel = (date: string) => t('media.presentLabel', { date: formatDate(date) });
