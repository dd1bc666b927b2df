/**
 * The media window (/present?date=D): the date's items one at a time, the background between them. It follows the
 * host's presenting state and sends its keys to the host, so that the operator's media list and this window always
 * agree. The full-screen button, like the pointer, shows only while the mouse moves.
 */
import { effect } from '@preact/signals';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { present } from '../api.js';
import { t } from '../app.js';
import { presentActionOf } from '../present-keys.js';
import { connected, onPresentPlay, refresh, showPresenting, state } from '../store.js';
import { exitFullscreen, toggleFullscreen } from './fullscreen.js';
import type { ItemElement } from './item.js';
import { Screen } from './screen.js';

/** How long the pointer and the button stay after the mouse stopped, in milliseconds. */
const POINTER_TIME = 2500;

/** Tells the host that this window shows `date`, once the State is here; again after every reconnection. */
async function open(date: string): Promise<void> {
  await refresh();
  if (!state.peek()) return;
  showPresenting(await present('open', date));
}

export function PresentWindow({ date }: { date: string }) {
  const onScreen = useRef<ItemElement | null>(null);
  const onShown = useCallback((element: ItemElement | null) => {
    onScreen.current = element;
  }, []);
  const togglePlay = useCallback(() => {
    const element = onScreen.current;
    if (!element || element instanceof HTMLImageElement) return;
    if (element.paused) void element.play().catch(() => undefined);
    else element.pause();
  }, []);

  useEffect(
    () =>
      effect(() => {
        if (connected.value) void open(date).catch(() => undefined);
      }),
    [date],
  );
  useEffect(() => onPresentPlay(togglePlay), [togglePlay]);
  usePresentKeys(date, togglePlay);
  const pointer = usePointer();

  const language = state.value?.language;
  useEffect(() => {
    document.title = t('present.title', { date });
  }, [date, language]);
  useEffect(() => {
    document.body.classList.toggle('pointer', pointer);
  }, [pointer]);

  return (
    <>
      <Screen date={date} onShown={onShown} />
      <button
        type="button"
        class="fullscreen"
        title={t('present.fullscreen')}
        onClick={() => void toggleFullscreen()}
      >
        {t('present.fullscreen')}
      </button>
    </>
  );
}

/** The window's keys, before its players see them: they would act a second time. */
function usePresentKeys(date: string, togglePlay: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && document.fullscreenElement) {
        exitFullscreen();
        return;
      }
      if (event.key === 'f' || event.key === 'F') {
        void toggleFullscreen();
        return;
      }
      const action = presentActionOf(event);
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      if (action === 'toggle') togglePlay();
      else void present(action, date).then(showPresenting, () => undefined);
    };
    const onDoubleClick = () => void toggleFullscreen();
    window.addEventListener('keydown', onKey, true);
    document.addEventListener('dblclick', onDoubleClick);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      document.removeEventListener('dblclick', onDoubleClick);
    };
  }, [date, togglePlay]);
}

/** Whether the mouse moved lately: the pointer and the button show then, never over a still picture. */
function usePointer(): boolean {
  const [moving, setMoving] = useState(false);
  useEffect(() => {
    let idle: number | undefined;
    const onMove = () => {
      setMoving(true);
      clearTimeout(idle);
      idle = window.setTimeout(() => setMoving(false), POINTER_TIME);
    };
    document.addEventListener('mousemove', onMove);
    return () => {
      document.removeEventListener('mousemove', onMove);
      clearTimeout(idle);
    };
  }, []);
  return moving;
}
