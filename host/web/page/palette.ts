/** The command palette (Ctrl+Shift+P, ⌘⇧P): the host's own commands and the plugins', filtered as you type, run
 * with Enter. */
import type { CommandView } from '../protocol.js';
import { app, t } from './app.js';
import { h } from './dom.js';
import { openDialog, run } from './feedback.js';
import { rankCommands, usedCommand } from './palette-match.js';

let refreshOpen: (() => void) | undefined;

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

export function openPalette(): void {
  if (refreshOpen) return;
  let active = 0;
  let matches: CommandView[] = [];
  const input = h('input', {
    id: 'palette-input',
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-expanded': 'true',
    'aria-controls': 'palette-list',
    'aria-autocomplete': 'list',
    placeholder: t('palette.input'),
  });
  const list = h('ul', { id: 'palette-list', role: 'listbox', 'aria-label': t('palette.title') });
  const opened = openDialog<CommandView>(
    t('palette.title'),
    () => [h('label', { for: input.id, class: 'visually-hidden' }, t('palette.input')), input, list],
    'palette',
  );
  const render = () => {
    const own = pageCommandSources.flatMap((source) => source());
    matches = matchCommands([...own, ...(app.state?.commands ?? [])], input.value);
    active = Math.min(active, Math.max(0, matches.length - 1));
    list.replaceChildren(
      ...matches.map((command, index) =>
        h(
          'li',
          {
            id: `palette-item-${index}`,
            role: 'option',
            class: index === active ? 'active' : '',
            'aria-selected': index === active ? 'true' : 'false',
            'data-command': command.id,
            onclick: () => opened.finish(command),
            onmousemove: () => {
              if (active !== index) {
                active = index;
                render();
              }
            },
          },
          command.category ? h('span', { class: 'category' }, `${command.category}: `) : null,
          h('span', { class: 'title' }, command.title),
        ),
      ),
    );
    if (matches.length === 0)
      list.append(h('li', { class: 'empty', role: 'presentation' }, t('palette.empty')));
    if (matches.length > 0) input.setAttribute('aria-activedescendant', `palette-item-${active}`);
    else input.removeAttribute('aria-activedescendant');
    list.querySelector('.active')?.scrollIntoView({ block: 'nearest' });
  };
  input.addEventListener('input', () => {
    active = 0;
    render();
  });
  input.addEventListener('keydown', (event) => {
    const count = matches.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (count > 0) active = (active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
      render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const command = matches[active];
      if (command) opened.finish(command);
    }
  });
  refreshOpen = render;
  render();
  input.focus();
  opened.result.then((command) => {
    refreshOpen = undefined;
    if (command) remember(command.id);
    if (command && 'run' in command) (command as PageCommand).run();
    else if (command) void run(command.id);
  });
}

/** Re-draws an open palette after the commands changed (a plugin was enabled or disabled). */
export function refreshPalette(): void {
  refreshOpen?.();
}
