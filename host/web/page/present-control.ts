/** The operator's control of the media window: open it for a date, step it (buttons, keys, palette), and show in
 * the media list what is on screen. */
import type { PresentAction, PresentingView } from '../protocol.js';
import { present, presentUrl } from './api.js';
import { app, t } from './app.js';
import { h } from './dom.js';
import { notify } from './feedback.js';
import type { PageCommand } from './palette.js';
import { presentActionOf } from './present-keys.js';
import { presenting } from './store.js';

/** One named window: Present again (or for another date) reuses the media window on the second screen. */
const WINDOW_NAME = 'presenter-media-window';

export function openMediaWindow(date: string): void {
  const opened = window.open(presentUrl(date), WINDOW_NAME, 'popup,width=960,height=540');
  if (!opened) notify('error', t('media.popupBlocked'));
}

/** Steps the media window; `date` defaults to the date being presented (Show names its item's). */
export function control(action: PresentAction, name?: string, date = presenting.value?.date): void {
  if (!date) return;
  present(action, date, name).then(applyPresenting, (error: Error) => notify('error', error.message));
}

/** The "now showing" line and the buttons of a date; applyPresenting shows it for the date on screen. */
export function presentingBar(date: string): HTMLElement {
  const button = (action: PresentAction, label: string) =>
    h(
      'button',
      { type: 'button', class: 'small', 'data-present': action, onclick: () => control(action) },
      label,
    );
  return h(
    'div',
    {
      class: 'presenting',
      'data-presenting': date,
      role: 'group',
      'aria-label': t('present.category'),
      hidden: true,
    },
    h('p', { class: 'now-showing', role: 'status' }),
    h(
      'div',
      { class: 'present-buttons' },
      button('previous', t('media.previous')),
      button('stop', t('media.stop')),
      button('toggle', t('media.playPause')),
      button('next', t('media.next')),
    ),
    h('p', { class: 'hint' }, t('media.presentKeys')),
  );
}

/** Marks what the media window shows, in place (the media list is not re-drawn, so its video posters stay). */
export function applyPresenting(view: PresentingView, root: ParentNode = document): void {
  for (const bar of root.querySelectorAll<HTMLElement>('[data-presenting]')) {
    const on = bar.dataset.presenting === view.date;
    bar.hidden = !on;
    const line = bar.querySelector('.now-showing');
    const text = view.name ? t('media.nowShowing', { name: view.name }) : t('media.showingBackground');
    if (line && line.textContent !== text) line.textContent = on ? text : '';
  }
  for (const item of root.querySelectorAll<HTMLElement>('li.media-item')) {
    const showing = view.name !== '' && item.dataset.date === view.date && item.dataset.name === view.name;
    item.classList.toggle('is-showing', showing);
    if (showing) item.setAttribute('aria-current', 'true');
    else item.removeAttribute('aria-current');
    const badge = item.querySelector<HTMLElement>('.badge-showing');
    if (badge) badge.hidden = !showing;
  }
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
