/**
 * The page's frame: header and navigation, the connection banner, the status strip, the view of the address's
 * `#hash` (each view opens at its top, or where it was left), the running tasks and the messages.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { paletteKeys, t } from './app.js';
import { Dialogs, Messages, Tasks } from './feedback/index.js';
import { MediaView, onPresentKey, presentCommands } from './media/media-view.js';
import { addPageCommands, openPalette } from './palette.js';
import { PluginsView } from './plugins-view.js';
import { SettingsView } from './settings/SettingsView.js';
import { StatusStrip } from './status-strip.js';
import { connected, state } from './store.js';

type ViewName = 'settings' | 'media' | 'plugins';
const VIEWS: ViewName[] = ['settings', 'media', 'plugins'];

const viewOf = (hash: string): ViewName => {
  const name = hash.slice(1) as ViewName;
  return VIEWS.includes(name) ? name : 'settings';
};

addPageCommands(presentCommands);

export function Shell() {
  const view = useSignal(viewOf(location.hash));
  const scroller = useRef<HTMLDivElement>(null);
  const main = useRef<HTMLElement>(null);
  const positions = useRef(new Map<ViewName, number>());
  useEffect(() => {
    const onHash = () => {
      positions.current.set(view.value, scroller.current?.scrollTop ?? 0);
      view.value = viewOf(location.hash);
      main.current?.focus({ preventScroll: true });
    };
    const onKey = (event: KeyboardEvent) => {
      if (
        event.key.toLowerCase() === 'p' &&
        event.shiftKey &&
        (event.ctrlKey || event.metaKey) &&
        !event.altKey
      ) {
        event.preventDefault();
        openPalette();
      } else if (view.value === 'media') onPresentKey(event);
    };
    window.addEventListener('hashchange', onHash);
    document.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('hashchange', onHash);
      document.removeEventListener('keydown', onKey);
    };
  }, []);
  // a view opens where it was left, or at its top: never at another view's position
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = positions.current.get(view.value) ?? 0;
  }, [view.value]);
  useEffect(() => {
    document.title = t('app.title');
  });
  const current = state.value;
  return (
    <>
      <Header view={view.value} />
      {connected.value ? null : (
        <p class="banner" role="status">
          {t('error.disconnected')}
        </p>
      )}
      <StatusStrip />
      <div class="view-scroll" ref={scroller}>
        <Tasks />
        <main id="view" tabIndex={-1} data-view={view.value} ref={main}>
          {!current ? null : view.value === 'media' ? (
            <MediaView />
          ) : view.value === 'plugins' ? (
            <PluginsView />
          ) : (
            <SettingsView />
          )}
        </main>
      </div>
      <Messages />
      <Dialogs />
    </>
  );
}

function Header({ view }: { view: ViewName }) {
  return (
    <header class="top">
      <h1>{t('app.title')}</h1>
      <nav aria-label={t('nav.label')}>
        <ul>
          {VIEWS.map((name) => (
            <li key={name}>
              <a href={`#${name}`} aria-current={name === view ? 'page' : undefined}>
                {t(`nav.${name}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <button
        type="button"
        class="open-palette"
        aria-keyshortcuts="Control+Shift+P Meta+Shift+P"
        title={t('nav.commands.shortcut', { keys: paletteKeys() })}
        onClick={() => openPalette()}
      >
        {t('nav.commands')}
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a kbd is not focusable; the title names the keys */}
        <kbd aria-hidden="true">{paletteKeys()}</kbd>
      </button>
    </header>
  );
}
