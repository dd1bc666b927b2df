/** The host's page: header and navigation, the three views, the command palette, live updates from the host. */
import './style.css';
import type { MessageView, PresentingView, PromptView, TaskView } from '../protocol.js';
import { getState, openEvents } from './api.js';
import { app, language, paletteKeys, t } from './app.js';
import { h } from './dom.js';
import {
  endPrompt,
  endTask,
  notify,
  relabelTasks,
  shownSoFar,
  showPrompt,
  showTask,
  syncPrompts,
  syncTasks,
  toast,
} from './feedback.js';
import { pressReleased } from './held-press.js';
import { renderMedia } from './media-view.js';
import { addPageCommands, openPalette, refreshPalette } from './palette.js';
import { renderPlugins } from './plugins-view.js';
import { applyPresenting, onPresentKey, presentCommands } from './present-control.js';
import { renderSettings } from './settings-view.js';

type ViewName = 'settings' | 'media' | 'plugins';
const VIEWS: ViewName[] = ['settings', 'media', 'plugins'];

const root = document.getElementById('app') ?? document.body;
const header = h('header', { class: 'top' });
const banner = h('p', { class: 'banner', role: 'status', hidden: true });
const tasks = h('div', { id: 'tasks', class: 'tasks' });
const main = h('main', { id: 'view', tabindex: '-1' });
const toasts = h('div', { id: 'toasts', class: 'toasts' });
// The view scrolls between the header and the messages' strip: a message never covers the view's buttons.
const scroller = h('div', { class: 'view-scroll' }, tasks, main);
root.append(header, banner, scroller, toasts);

function currentView(): ViewName {
  const name = location.hash.slice(1) as ViewName;
  return VIEWS.includes(name) ? name : 'settings';
}

let headerLanguage = '';

function renderHeader(): void {
  const view = currentView();
  headerLanguage = language();
  document.documentElement.lang = headerLanguage;
  document.title = t('app.title');
  header.replaceChildren(
    h('h1', null, t('app.title')),
    h(
      'nav',
      { 'aria-label': t('nav.label') },
      h(
        'ul',
        null,
        ...VIEWS.map((name) =>
          h(
            'li',
            null,
            h(
              'a',
              { href: `#${name}`, 'aria-current': name === view ? 'page' : undefined },
              t(`nav.${name}`),
            ),
          ),
        ),
      ),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'open-palette',
        'aria-keyshortcuts': 'Control+Shift+P Meta+Shift+P',
        title: t('nav.commands.shortcut', { keys: paletteKeys() }),
        onclick: () => openPalette(),
      },
      t('nav.commands'),
      h('kbd', { 'aria-hidden': 'true' }, paletteKeys()),
    ),
  );
}

/** Re-draws the view; the focused field (by id), its caret and the scroll position survive. */
function renderView(): void {
  const state = app.state;
  if (!state) return;
  const active = document.activeElement;
  const focusId = active instanceof HTMLElement && main.contains(active) ? active.id : '';
  const caret =
    active instanceof HTMLInputElement && ['text', 'url', 'search', 'password'].includes(active.type)
      ? [active.selectionStart, active.selectionEnd]
      : undefined;
  const scroll = window.scrollY;
  const view = currentView();
  main.replaceChildren(
    view === 'media' ? renderMedia(state) : view === 'plugins' ? renderPlugins(state) : renderSettings(state),
  );
  main.dataset.view = view;
  if (focusId) {
    const again = document.getElementById(focusId);
    again?.focus({ preventScroll: true });
    if (again instanceof HTMLInputElement && caret)
      again.setSelectionRange(caret[0] ?? null, caret[1] ?? null);
  }
  window.scrollTo(0, scroll);
}

let refreshing: Promise<void> | undefined;
let again = false;

/** Fetches the host's state and re-draws; calls while one runs are folded into one more. */
async function refresh(): Promise<void> {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      again = false;
      const asked = shownSoFar();
      try {
        app.state = await getState();
      } catch (error) {
        notify('error', t('error.request', { detail: (error as Error).message }));
        return;
      }
      document.documentElement.dataset.theme = app.state.theme;
      await pressReleased();
      if (headerLanguage !== app.state.language) {
        renderHeader();
        relabelTasks();
      }
      renderView();
      syncTasks(app.state.tasks, asked);
      syncPrompts(app.state.prompts, asked);
      refreshPalette();
    } while (again);
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

let changedTimer: number | undefined;

openEvents(
  (event, data) => {
    if (event === 'changed') {
      clearTimeout(changedTimer);
      changedTimer = window.setTimeout(() => void refresh(), 30);
    } else if (event === 'task') showTask(data as TaskView);
    else if (event === 'task-end') endTask((data as { id: string }).id);
    else if (event === 'message') toast(data as MessageView);
    else if (event === 'prompt') showPrompt(data as PromptView);
    else if (event === 'prompt-end') endPrompt((data as { id: string }).id);
    else if (event === 'presenting') applyPresenting(data as PresentingView);
  },
  (connected) => {
    banner.hidden = connected;
    banner.textContent = connected ? '' : t('error.disconnected');
    document.body.dataset.connected = String(connected);
    // after a reconnection, catch up with what was missed
    if (connected) void refresh();
  },
);

window.addEventListener('hashchange', () => {
  renderHeader();
  renderView();
  main.focus({ preventScroll: true });
});

document.addEventListener('keydown', (event) => {
  if (
    event.key.toLowerCase() === 'p' &&
    event.shiftKey &&
    (event.ctrlKey || event.metaKey) &&
    !event.altKey
  ) {
    event.preventDefault();
    openPalette();
  } else if (currentView() === 'media') onPresentKey(event);
});

addPageCommands(presentCommands);

renderHeader();
void refresh();
