/** The page's shared state: the host's last State, its language and texts. */
import type { Language } from '../../i18n.js';
import { type StringKey, text } from '../../i18n.js';
import type { State } from '../protocol.js';

export const app: { state: State | undefined } = { state: undefined };

export function language(): Language {
  return app.state?.language ?? (document.documentElement.lang === 'de' ? 'de' : 'en');
}

export function t(key: StringKey, params: Record<string, string | number> = {}): string {
  return text(language(), key, params);
}

/** Ctrl+Shift+P (German keyboards: Strg+Umschalt+P), or ⌘⇧P on a Mac. */
export function paletteKeys(): string {
  if (/Mac|iPhone|iPad/.test(navigator.platform)) return '⌘⇧P';
  return language() === 'de' ? 'Strg+Umschalt+P' : 'Ctrl+Shift+P';
}
