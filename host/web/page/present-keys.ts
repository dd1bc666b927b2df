/** The keys that step the media window, in either window: arrows and Page Up/Down (what a presentation clicker
 * sends), Space for play/pause, `.` or `B` for the background (a clicker's "black screen" key). */
import type { PresentAction } from '../protocol.js';

const KEYS: Record<string, PresentAction> = {
  ArrowRight: 'next',
  PageDown: 'next',
  ArrowLeft: 'previous',
  PageUp: 'previous',
  ' ': 'toggle',
  '.': 'stop',
  b: 'stop',
  B: 'stop',
};

export function presentActionOf(event: KeyboardEvent): PresentAction | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  return KEYS[event.key];
}
