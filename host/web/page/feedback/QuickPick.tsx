/** A quick pick of the host: one item (a list of buttons), or several (check boxes); a filter when it is long. */
import { useRef, useState } from 'preact/hooks';
import type { PromptView } from '../../protocol.js';
import { t } from '../app.js';
import { DialogButtons, moveByArrows } from './Modal.js';

type QuickPickView = Extract<PromptView, { kind: 'quickPick' }>;

/** More items than this get a filter. */
const FILTER_FROM = 8;

interface Props {
  view: QuickPickView;
  /** The chosen indices; undefined when dismissed. */
  finish: (picked: number[] | undefined) => void;
}

export function QuickPick({ view, finish }: Props) {
  const [filter, setFilter] = useState('');
  const [checked, setChecked] = useState<ReadonlySet<number>>(
    () => new Set(view.items.flatMap((item, index) => (item.picked ? [index] : []))),
  );
  const list = useRef<HTMLUListElement>(null);
  const title = view.title ?? t('palette.title');
  const filtered = view.items.length >= FILTER_FROM;
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = view.items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => {
      const text = [item.label, item.description, item.detail].join(' ').toLowerCase();
      return words.every((word) => text.includes(word));
    });
  const focusable = view.canPickMany ? 'input' : 'button';
  const toggle = (index: number, on: boolean) => {
    const next = new Set(checked);
    if (on) next.add(index);
    else next.delete(index);
    setChecked(next);
  };
  return (
    <>
      <h2 class="dialog-title">{title}</h2>
      {filtered ? (
        <input
          id={`qp-filter-${view.id}`}
          type="search"
          class="filter"
          autocomplete="off"
          autofocus
          aria-label={t('dialog.filter')}
          placeholder={t('dialog.filter')}
          value={filter}
          onInput={(event) => setFilter(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              list.current?.querySelector<HTMLElement>(focusable)?.focus();
            } else if (event.key === 'Enter' && !view.canPickMany) {
              event.preventDefault();
              const first = shown[0];
              if (first) finish([first.index]);
            }
          }}
        />
      ) : null}
      <ul
        class="pick-list"
        ref={list}
        onKeyDown={(event) => list.current && moveByArrows(event, list.current, focusable)}
      >
        {shown.map(({ item, index }, at) => {
          const text = (
            <>
              <span class="pick-label">{item.label}</span>
              {item.description ? <span class="pick-description">{item.description}</span> : null}
              {item.detail ? <span class="pick-detail">{item.detail}</span> : null}
            </>
          );
          if (!view.canPickMany)
            return (
              <li key={index}>
                <button
                  type="button"
                  class="pick"
                  autofocus={!filtered && at === 0}
                  onClick={() => finish([index])}
                >
                  {text}
                </button>
              </li>
            );
          const id = `qp-${view.id}-${index}`;
          return (
            <li key={index} class="pick-check">
              <input
                type="checkbox"
                id={id}
                autofocus={!filtered && at === 0}
                checked={checked.has(index)}
                onChange={(event) => toggle(index, event.currentTarget.checked)}
              />
              <label for={id}>{text}</label>
            </li>
          );
        })}
      </ul>
      <DialogButtons
        primary={
          view.canPickMany
            ? {
                label: t('dialog.ok'),
                onClick: () => finish(view.items.flatMap((_, index) => (checked.has(index) ? [index] : []))),
              }
            : undefined
        }
        onCancel={() => finish(undefined)}
      />
    </>
  );
}
