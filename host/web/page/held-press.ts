/**
 * Whether a pointer button is held on the page. A re-draw between a press and its release would replace the element
 * being clicked, and the click would be lost: re-draws wait for the release (and for the click it makes).
 */

/** A release the page never sees (the pointer let go outside the window) holds re-draws back no longer than this. */
const RELEASE_WAIT_MS = 2000;

let held: Promise<void> | undefined;

document.addEventListener(
  'pointerdown',
  () => {
    if (held) return;
    const press: Promise<void> = new Promise((resolve) => {
      const release = () => {
        window.clearTimeout(timer);
        document.removeEventListener('pointerup', release, true);
        document.removeEventListener('pointercancel', release, true);
        // after the click that this release makes
        window.setTimeout(() => {
          if (held === press) held = undefined;
          resolve();
        }, 0);
      };
      const timer = window.setTimeout(release, RELEASE_WAIT_MS);
      document.addEventListener('pointerup', release, true);
      document.addEventListener('pointercancel', release, true);
    });
    held = press;
  },
  true,
);

/** Resolves once no button is held (at once when none is). */
export function pressReleased(): Promise<void> {
  return held ?? Promise.resolve();
}
