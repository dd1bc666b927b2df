/**
 * The command palette (Ctrl+Shift+P, ⌘⇧P): the host's own commands and the plugins', filtered as you type; arrows
 * move the highlight, Enter runs the highlighted command, Escape closes it and gives the focus back.
 */
import { signal } from '@preact/signals';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CommandView } from '../../protocol.js';
import { t } from '../app.js';
import { rankCommands, usedCommand } from '../palette-match.js';
import { state } from '../store.js';
import { Modal } from './Modal.js';
import { run } from './run.js';

/** A command of the host itself: the page runs it (no plugin, no request to /api/run). */
export interface PageCommand extends CommandView {
  run(): void;
}

const pageCommandSources: Array<() => PageCommand[]> = [];

/** Adds the host's own commands to the palette; `source` is asked each time the palette is drawn. */
export function addPageCommands(source: () => PageCommand[]): void {
  pageCommandSources.push(source);
}

const RECENT_KEY = 'palette.recent';

function recentCommands(): string[] {
  try {
    const stored = JSON.parse(window.localStorage.getItem(RECENT_KEY) ?? '[]') as unknown;
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function remember(id: string): void {
  try {
    window.localStorage.setItem(RECENT_KEY, JSON.stringify(usedCommand(recentCommands(), id)));
  } catch {
    // a browser without storage forgets: the palette still works
  }
}

/** The commands that match what was typed, best first (see palette-match.ts). */
export function matchCommands(commands: CommandView[], query: string): CommandView[] {
  return rankCommands(commands, query, recentCommands());
}

const isOpen = signal(false);

export function openPalette(): void {
  isOpen.value = true;
}

function choose(command: CommandView): void {
  isOpen.value = false;
  remember(command.id);
  if ('run' in command) (command as PageCommand).run();
  else void run(command.id);
}

export function Palette() {
  return isOpen.value ? <PaletteDialog /> : null;
}

function PaletteDialog() {
  const [query, setQuery] = useState('');
  const [wanted, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const own = pageCommandSources.flatMap((source) => source());
  const matches = matchCommands([...own, ...(state.value?.commands ?? [])], query);
  const active = Math.min(wanted, Math.max(0, matches.length - 1));
  useLayoutEffect(() => {
    list.current?.querySelector('.active')?.scrollIntoView({ block: 'nearest' });
  }, [active, query]);
  const onKeyDown = (event: KeyboardEvent) => {
    const count = matches.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (count > 0) setActive((active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const command = matches[active];
      if (command) choose(command);
    }
  };
  return (
    <Modal
      label={t('palette.title')}
      className="palette"
      onDismiss={() => {
        isOpen.value = false;
      }}
    >
      <label for="palette-input" class="visually-hidden">
        {t('palette.input')}
      </label>
      <input
        id="palette-input"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        autofocus
        aria-expanded="true"
        aria-controls="palette-list"
        aria-autocomplete="list"
        aria-activedescendant={matches.length > 0 ? `palette-item-${active}` : undefined}
        placeholder={t('palette.input')}
        value={query}
        onInput={(event) => {
          setQuery(event.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the combobox's list of options (ARIA's pattern) */}
      <ul id="palette-list" role="listbox" aria-label={t('palette.title')} ref={list}>
        {matches.map((command, index) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useFocusableInteractive: an option of the combobox's list; the combobox keeps the focus and the keys (arrows, Enter)
          <li
            key={command.id}
            id={`palette-item-${index}`}
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the combobox's list
            role="option"
            class={index === active ? 'active' : ''}
            aria-selected={index === active ? 'true' : 'false'}
            data-command={command.id}
            onClick={() => choose(command)}
            onMouseMove={() => index !== active && setActive(index)}
          >
            {command.category ? <span class="category">{`${command.category}: `}</span> : null}
            <span class="title">{command.title}</span>
          </li>
        ))}
        {matches.length === 0 ? (
          <li class="empty" role="presentation">
            {t('palette.empty')}
          </li>
        ) : null}
      </ul>
    </Modal>
  );
}
