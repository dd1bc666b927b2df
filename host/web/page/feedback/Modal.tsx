/**
 * A modal <dialog>: focus stays inside while it is open, and goes back where it was when it closes. Escape (the
 * dialog's cancel) dismisses it. Enter and Escape end in the dialog: they never reach the page behind it, where an
 * Enter would press the button that gets the focus back.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../app.js';

interface Props {
  label: string;
  className?: string;
  /** Escape, or the browser closing the dialog; also called as it closes after an answer: owners ignore a second
   * call. */
  onDismiss: () => void;
  children: ComponentChildren;
}

export function Modal({ label, className = '', onDismiss, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement;
    dialog.showModal();
    return () => {
      dialog.close();
      const lost = document.activeElement === document.body || dialog.contains(document.activeElement);
      if (lost && before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class={`dialog ${className}`.trim()}
      aria-label={label}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === 'Escape') event.stopPropagation();
      }}
      onCancel={(event) => {
        event.preventDefault();
        onDismiss();
      }}
      onClose={onDismiss}
    >
      {children}
    </dialog>
  );
}

/** Up and down arrows move the focus between the elements of a list that `selector` finds in `container`. */
export function moveByArrows(event: KeyboardEvent, container: HTMLElement, selector = 'button'): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const items = [...container.querySelectorAll<HTMLElement>(selector)];
  const index = items.indexOf(document.activeElement as HTMLElement);
  if (index < 0) return;
  event.preventDefault();
  items[(index + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
}

interface ButtonsProps {
  /** The dialog's answer, first and marked primary; none where choosing is the answer (a quick pick of one). */
  primary?: { label: string; onClick: () => void; id?: string; autofocus?: boolean } | undefined;
  onCancel: () => void;
}

/** A dialog's buttons: its answer, then Cancel. */
export function DialogButtons({ primary, onCancel }: ButtonsProps) {
  return (
    <div class="buttons">
      {primary ? (
        <button
          type="button"
          class="primary"
          id={primary.id}
          autofocus={primary.autofocus}
          onClick={primary.onClick}
        >
          {primary.label}
        </button>
      ) : null}
      <button type="button" onClick={onCancel}>
        {t('dialog.cancel')}
      </button>
    </div>
  );
}
