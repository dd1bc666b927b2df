/** The page's language and texts, from the host's State in the store. */
import type { Language } from '../../i18n.js';
import { type StringKey, text } from '../../i18n.js';
import type { State } from '../protocol.js';
import { state } from './store.js';

/** The host's last State (read it in a component to re-render when it changes). */
export const app = {
  get state(): State | undefined {
    return state.value;
  },
};

export function language(): Language {
  return state.value?.language ?? (document.documentElement.lang === 'de' ? 'de' : 'en');
}

export function t(key: StringKey, params: Record<string, string | number> = {}): string {
  return text(language(), key, params);
}

/** Ctrl+Shift+P (German keyboards: Strg+Umschalt+P), or ⌘⇧P on a Mac. */
export function paletteKeys(): string {
  if (/Mac|iPhone|iPad/.test(navigator.platform)) return '⌘⇧P';
  return language() === 'de' ? 'Strg+Umschalt+P' : 'Ctrl+Shift+P';
}
