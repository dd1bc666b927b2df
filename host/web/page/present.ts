/**
 * The media window (/present?date=D): the date's items one at a time, the background between them. It follows the
 * host's presenting state (`presenting` events) and sends its keys to the host, so that the operator's media list
 * and this window always agree. The element on screen carries `data-media-name` (the background: ""); the others
 * are `hidden` or lack it.
 */
import './present.css';
import type { PresentingView, State } from '../protocol.js';
import { backgroundUrl, getState, mediaUrl, openEvents, present } from './api.js';
import { t } from './app.js';
import { h } from './dom.js';
import { presentActionOf } from './present-keys.js';
import { state } from './store.js';

const date = document.querySelector<HTMLMetaElement>('meta[name="present-date"]')?.content ?? '';
const body = document.body;

let background: HTMLElement = h('div', { class: 'background dark', 'data-media-name': '' });
let backgroundVersion: string | null = null;
/** The item on screen (undefined: the background) and the latest name asked for. */
let current: { name: string; element: HTMLMediaElement | HTMLImageElement } | undefined;
let wanted = '';

const fullscreen = h(
  'button',
  {
    type: 'button',
    class: 'fullscreen',
    title: t('present.fullscreen'),
    onclick: () => void toggleFullscreen(),
  },
  t('present.fullscreen'),
);
body.append(background, fullscreen);

async function toggleFullscreen(): Promise<void> {
  if (document.fullscreenElement) await document.exitFullscreen();
  else await document.documentElement.requestFullscreen().catch(() => undefined);
}

/** Resolves once the element can show its first picture (or failed: its player then says why). */
function ready(element: HTMLImageElement | HTMLMediaElement): Promise<void> {
  if (element instanceof HTMLImageElement) return element.decode().catch(() => undefined);
  return new Promise((resolve) => {
    const done = () => resolve();
    element.addEventListener(element instanceof HTMLVideoElement ? 'loadeddata' : 'loadedmetadata', done, {
      once: true,
    });
    element.addEventListener('error', done, { once: true });
  });
}

function showBackground(): void {
  if (current) {
    if (!(current.element instanceof HTMLImageElement)) current.element.pause();
    current.element.remove();
  }
  current = undefined;
  background.hidden = false;
  background.setAttribute('data-media-name', '');
}

/** Builds the item's element off screen and swaps it in once it can show itself: no black flash between items. */
async function showItem(name: string): Promise<void> {
  let item = state.value?.media.find((m) => m.date === date && m.name === name);
  if (!item) {
    await refreshState();
    item = state.value?.media.find((m) => m.date === date && m.name === name);
  }
  if (!item?.kind || wanted !== name) {
    if (wanted === name) showBackground();
    return;
  }
  const src = mediaUrl(date, name);
  const element =
    item.kind === 'image'
      ? h('img', { src, alt: '' })
      : h(item.kind, { src, controls: true, preload: 'auto', playsinline: true });
  element.className = `item ${item.kind}`;
  element.hidden = true;
  body.insertBefore(element, fullscreen);
  await ready(element);
  if (wanted !== name) {
    element.remove();
    return;
  }
  const before = current;
  element.hidden = false;
  element.setAttribute('data-media-name', name);
  current = { name, element };
  // audio plays over the background picture, which then is decoration only
  background.removeAttribute('data-media-name');
  background.hidden = item.kind !== 'audio';
  if (before) {
    if (!(before.element instanceof HTMLImageElement)) before.element.pause();
    before.element.remove();
  }
}

function follow(view: PresentingView): void {
  const name = view.date === date ? view.name : '';
  if (name === wanted) return;
  wanted = name;
  if (name === '') showBackground();
  else void showItem(name);
}

/** The background image, swapped in once loaded; a plain dark screen where the congregation has none. */
async function updateBackground(version: string | null): Promise<void> {
  if (version === backgroundVersion) return;
  backgroundVersion = version;
  const next =
    version === null
      ? h('div', { class: 'background dark' })
      : h('img', { class: 'background', src: backgroundUrl(version), alt: '' });
  if (next instanceof HTMLImageElement) await next.decode().catch(() => undefined);
  if (backgroundVersion !== version) return;
  next.hidden = background.hidden;
  if (background.hasAttribute('data-media-name')) next.setAttribute('data-media-name', '');
  background.replaceWith(next);
  background = next;
}

async function refreshState(): Promise<State | undefined> {
  let fresh: State;
  try {
    fresh = await getState();
  } catch {
    return undefined;
  }
  state.value = fresh;
  await updateBackground(fresh.background);
  return fresh;
}

function togglePlay(): void {
  const element = current?.element;
  if (!element || element instanceof HTMLImageElement) return;
  if (element.paused) void element.play().catch(() => undefined);
  else element.pause();
}

window.addEventListener(
  'keydown',
  (event) => {
    if (event.key === 'Escape' && document.fullscreenElement) {
      void document.exitFullscreen();
      return;
    }
    if (event.key === 'f' || event.key === 'F') {
      void toggleFullscreen();
      return;
    }
    const action = presentActionOf(event);
    if (!action) return;
    // the players' own keys would act a second time
    event.preventDefault();
    event.stopPropagation();
    if (action === 'toggle') togglePlay();
    else void present(action, date).then(follow, () => undefined);
  },
  true,
);

document.addEventListener('dblclick', () => void toggleFullscreen());

// The pointer and the button show while the mouse moves, never over a still picture.
let idle: number | undefined;
document.addEventListener('mousemove', () => {
  body.classList.add('pointer');
  clearTimeout(idle);
  idle = window.setTimeout(() => body.classList.remove('pointer'), 2500);
});

openEvents(
  (event, data) => {
    if (event === 'presenting') follow(data as PresentingView);
    else if (event === 'present-play') togglePlay();
    else if (event === 'changed') void refreshState();
  },
  (connected) => {
    body.dataset.connected = String(connected);
    // after a reconnection, catch up with what was missed
    if (connected) void start();
  },
);

async function start(): Promise<void> {
  const state = await refreshState();
  document.title = t('present.title', { date });
  fullscreen.textContent = t('present.fullscreen');
  if (state) follow(await present('open', date));
}
