/** The settings page: the host's own settings (locked ones shown locked) and every plugin's panel. */

import type { FieldView, HostSettingView, PanelView, State } from '../protocol.js';
import { post } from './api.js';
import { t } from './app.js';
import { type Child, h, idOf, lockIcon } from './dom.js';
import { arrowKeys, openDialog, run } from './feedback.js';

/** What was typed but not (yet, or not validly) saved, and the reasons a value was refused, by field id. */
const drafts = new Map<string, string>();
const errors = new Map<string, string>();
/** When a field was last saved: "Saved" stays for a few seconds, also across re-drawing. */
const savedAt = new Map<string, number>();
const SAVED_MS = 4000;

const FIRST_KEY = 'settings.first';

/** After the user enabled a plugin: its section comes first on the settings page. */
export function showFirst(pluginId: string): void {
  try {
    window.sessionStorage.setItem(FIRST_KEY, pluginId);
  } catch {
    // without storage the usual order stays
  }
}

function firstPlugin(): string | null {
  try {
    return window.sessionStorage.getItem(FIRST_KEY);
  } catch {
    return null;
  }
}

/** The sections: one per plugin (its panels; the one just enabled first), then the presenter's own settings. */
export function renderSettings(state: State): HTMLElement {
  const first = firstPlugin();
  const plugins = [...new Set(state.panels.map((p) => p.pluginId))].sort(
    (a, b) => Number(b === first) - Number(a === first),
  );
  const sections = [
    ...plugins.map((pluginId) => {
      const panels = state.panels.filter((p) => p.pluginId === pluginId);
      const name = state.plugins.find((p) => p.id === pluginId)?.name ?? panels[0]?.title ?? pluginId;
      return { id: idOf('section', pluginId), name, body: panels.map(panelSection) };
    }),
    {
      id: 'section-host',
      name: t('settings.host'),
      body: [
        h(
          'section',
          { class: 'card', 'aria-labelledby': 'host-settings-title' },
          h('h2', { id: 'host-settings-title' }, t('settings.host')),
          ...state.settings.map(hostSetting),
        ),
      ],
    },
  ];
  const nav = h(
    'nav',
    { class: 'settings-nav', 'aria-label': t('settings.sections') },
    h(
      'ul',
      { class: 'settings-nav-list' },
      ...sections.map((section) =>
        h(
          'li',
          null,
          h(
            'button',
            {
              type: 'button',
              class: 'settings-nav-link',
              'aria-controls': section.id,
              onclick: () => {
                document.getElementById(section.id)?.scrollIntoView({ block: 'start' });
                document
                  .getElementById(section.id)
                  ?.querySelector<HTMLElement>('input, select, button')
                  ?.focus({ preventScroll: true });
              },
            },
            section.name,
          ),
        ),
      ),
    ),
  );
  return h(
    'div',
    { class: 'settings' },
    nav,
    h(
      'div',
      { class: 'settings-sections' },
      ...sections.map((section) => h('div', { id: section.id, class: 'settings-section' }, ...section.body)),
      state.panels.length === 0 ? h('p', { class: 'muted' }, t('settings.none')) : null,
    ),
  );
}

/** A labelled field: label, control, notes, a live status ("Saved") and the refusal, if any. */
function field(
  id: string,
  label: HTMLElement,
  control: HTMLElement,
  notes: Child[],
  className = 'field',
): HTMLElement {
  const recently = Date.now() - (savedAt.get(id) ?? 0) < SAVED_MS;
  const status = h(
    'span',
    { class: 'status', id: `${id}-status`, 'aria-live': 'polite' },
    recently ? t('settings.saved') : '',
  );
  const error = h('p', { class: 'error', id: `${id}-error` }, errors.get(id) ?? '');
  const described = [
    `${id}-error`,
    ...notes.filter((n): n is HTMLElement => n instanceof HTMLElement).map((n) => n.id),
  ];
  // the control may be wrapped together with a button: describe the input itself
  const input = control.id === id ? control : (control.querySelector<HTMLElement>(`[id="${id}"]`) ?? control);
  input.setAttribute('aria-describedby', described.filter(Boolean).join(' '));
  if (errors.has(id)) input.setAttribute('aria-invalid', 'true');
  return h('div', { class: className, 'data-field': id }, label, control, status, ...notes, error);
}

/** Saves a value; shows "Saved" or the reason it was refused next to the field. */
async function save(id: string, url: string, body: Record<string, unknown>): Promise<boolean> {
  // The field as drawn when the answer comes: a re-draw while the request was out replaced the one of the request.
  const field = () => {
    const root = document.querySelector(`[data-field="${id}"]`);
    return {
      status: root?.querySelector('.status'),
      error: root?.querySelector('.error'),
      control: document.getElementById(id),
    };
  };
  try {
    await post(url, body);
    const { status, error, control } = field();
    drafts.delete(id);
    errors.delete(id);
    control?.removeAttribute('aria-invalid');
    if (error) error.textContent = '';
    if (status) status.textContent = t('settings.saved');
    savedAt.set(id, Date.now());
    window.setTimeout(() => {
      const current = document.getElementById(`${id}-status`);
      if (current && Date.now() - (savedAt.get(id) ?? 0) >= SAVED_MS) current.textContent = '';
    }, SAVED_MS);
    return true;
  } catch (e) {
    const { status, error, control } = field();
    const message = t('settings.invalid', { detail: (e as Error).message });
    errors.set(id, message);
    control?.setAttribute('aria-invalid', 'true');
    if (error) error.textContent = message;
    if (status) status.textContent = '';
    savedAt.delete(id);
    return false;
  }
}

/** A text input that remembers what is typed, and saves on change (Enter or leaving the field). */
function boundInput(
  id: string,
  type: string,
  value: string,
  onSave: (value: string) => void,
  extra: Record<string, unknown> = {},
) {
  const input = h('input', { id, type, value: drafts.get(id) ?? value, ...extra });
  input.addEventListener('input', () => drafts.set(id, input.value));
  input.addEventListener('change', () => onSave(input.value));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && drafts.has(id)) onSave(input.value);
  });
  return input;
}

function hostSetting(setting: HostSettingView): HTMLElement {
  const id = idOf('host', setting.key);
  const label = h('label', { for: id }, setting.description);
  const send = (value: unknown) => void save(id, '/api/settings', { key: setting.key, value });
  const locked = setting.locked
    ? h('span', { class: 'locked', id: `${id}-locked` }, lockIcon(), ' ', t('settings.locked'))
    : null;
  let control: HTMLElement;
  if (setting.type === 'boolean') {
    const box = h('input', {
      type: 'checkbox',
      id,
      checked: setting.value === true,
      disabled: setting.locked,
    });
    box.addEventListener('change', () => send(box.checked));
    control = box;
  } else if (setting.valueLabels) {
    const current = String(setting.value ?? '');
    const labels = { ...setting.valueLabels };
    const choices = setting.enum ?? Object.keys(labels).filter((v) => v !== '' || current === '');
    if (!choices.includes(current)) choices.push(current);
    const select = h(
      'select',
      { id, disabled: setting.locked },
      ...choices.map((v) => h('option', { value: v, selected: v === current }, labels[v] ?? v)),
    );
    select.addEventListener('change', () =>
      send(setting.type === 'string' ? select.value : Number(select.value)),
    );
    control = select;
  } else if (setting.format) {
    control = boundInput(id, setting.format, String(setting.value ?? ''), send, { disabled: setting.locked });
  } else {
    const numeric = setting.type !== 'string';
    control = boundInput(id, numeric ? 'number' : 'text', String(setting.value ?? ''), send, {
      disabled: setting.locked,
      ...(numeric ? { inputmode: 'numeric', min: setting.minimum, max: setting.maximum } : {}),
    });
  }
  return field(
    id,
    label,
    control,
    [locked],
    `field${setting.type === 'boolean' ? ' field-check' : ''}${setting.locked ? ' is-locked' : ''}`,
  );
}

function panelSection(panel: PanelView): HTMLElement {
  const titleId = idOf('panel', panel.pluginId, panel.id);
  return h(
    'section',
    { class: 'card panel', 'aria-labelledby': titleId, 'data-panel': `${panel.pluginId}/${panel.id}` },
    h('h2', { id: titleId }, panel.title),
    ...panel.fields.map((f) => panelField(panel, f)),
  );
}

function description(id: string, f: FieldView): HTMLElement | null {
  return f.description ? h('p', { class: 'hint', id: `${id}-hint` }, f.description) : null;
}

function panelField(panel: PanelView, f: FieldView): HTMLElement {
  const id = idOf('field', panel.pluginId, panel.id, String(f.index));
  const config = (key: string) => (value: string) =>
    void save(id, '/api/config', { plugin: panel.pluginId, key, value });
  switch (f.kind) {
    case 'button':
      return h(
        'div',
        { class: `field field-button${f.primary ? ' field-primary' : ''}` },
        h(
          'button',
          { type: 'button', id, class: f.primary ? 'primary' : '', onclick: () => void run(f.command) },
          f.label,
        ),
      );
    case 'secret': {
      const input = h('input', {
        id,
        type: 'password',
        autocomplete: 'new-password',
        value: drafts.get(id) ?? '',
      });
      const store = async () => {
        if (input.value === '') return;
        if (await save(id, '/api/secret', { plugin: panel.pluginId, key: f.secretKey, value: input.value }))
          input.value = '';
      };
      input.addEventListener('input', () => drafts.set(id, input.value));
      input.addEventListener('change', () => void store());
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') void store();
      });
      const state = h(
        'p',
        { class: 'hint secret-state', id: `${id}-stored` },
        f.stored ? t('secret.stored') : t('secret.none'),
      );
      const remove = f.stored
        ? h(
            'button',
            {
              type: 'button',
              class: 'small',
              'aria-label': t('secret.removeLabel', { label: f.label }),
              onclick: () =>
                void save(id, '/api/secret', { plugin: panel.pluginId, key: f.secretKey, value: '' }),
            },
            t('secret.remove'),
          )
        : null;
      return field(id, h('label', { for: id }, f.label), h('div', { class: 'with-button' }, input, remove), [
        state,
        description(id, f),
      ]);
    }
    case 'toggle': {
      const box = h('input', { type: 'checkbox', role: 'switch', id, checked: f.value });
      box.addEventListener(
        'change',
        () => void save(id, '/api/config', { plugin: panel.pluginId, key: f.key, value: box.checked }),
      );
      return field(id, h('label', { for: id }, f.label), box, [description(id, f)]);
    }
    case 'remote-folder': {
      const input = boundInput(id, 'text', String(f.value ?? ''), config(f.key), { spellcheck: 'false' });
      const browse = h(
        'button',
        {
          type: 'button',
          class: 'browse',
          'aria-label': t('browse.buttonLabel', { label: f.label }),
          onclick: () => void browseFolder(panel, f.index, id, f.key, input.value),
        },
        t('browse.button'),
      );
      return field(id, h('label', { for: id }, f.label), h('div', { class: 'with-button' }, input, browse), [
        description(id, f),
      ]);
    }
    default: {
      const type = f.kind === 'url' ? 'url' : f.kind === 'number' ? 'number' : 'text';
      const input = boundInput(id, type, String(f.value ?? ''), config(f.key), { spellcheck: 'false' });
      const command = f.labelCommand;
      const label = command
        ? h(
            'label',
            {
              for: id,
              class: 'label-command',
              onclick: (event: Event) => {
                event.preventDefault();
                void run(command);
              },
            },
            f.label,
          )
        : h('label', { for: id }, f.label);
      return field(id, label, input, [description(id, f)]);
    }
  }
}

function parentOf(folder: string): string {
  const parts = folder.split('/').filter(Boolean);
  return `/${parts.slice(0, -1).join('/')}`;
}

function childOf(folder: string, name: string): string {
  return `${folder.replace(/\/+$/, '')}/${name}`;
}

/** The folder browser: the field's browse(path) on the host; in, up, choose. */
async function browseFolder(panel: PanelView, index: number, id: string, key: string, start: string) {
  let current = `/${start.split('/').filter(Boolean).join('/')}`;
  const heading = h('p', { class: 'current', 'aria-live': 'polite' });
  const problem = h('p', { class: 'error', role: 'alert' });
  const list = h('ul', { class: 'folder-list' });
  arrowKeys(list);
  const opened = openDialog<string>(
    t('browse.title'),
    (finish) => [
      h('h2', { class: 'dialog-title' }, t('browse.title')),
      heading,
      problem,
      list,
      h(
        'div',
        { class: 'buttons' },
        h(
          'button',
          { type: 'button', class: 'primary', id: 'browse-choose', onclick: () => finish(current) },
          t('browse.choose'),
        ),
        h('button', { type: 'button', onclick: () => finish(undefined) }, t('dialog.cancel')),
      ),
    ],
    'browser',
  );
  const load = async (folder: string) => {
    heading.textContent = t('browse.current', { path: folder });
    problem.textContent = '';
    list.setAttribute('aria-busy', 'true');
    list.replaceChildren(h('li', { class: 'muted' }, t('browse.loading')));
    const up =
      folder !== '/'
        ? h(
            'li',
            null,
            h(
              'button',
              { type: 'button', class: 'up', onclick: () => void load(parentOf(folder)) },
              h('span', { 'aria-hidden': 'true' }, '↑ '),
              t('browse.up'),
            ),
          )
        : null;
    try {
      const { folders } = await post<{ folders: string[] }>('/api/browse', {
        plugin: panel.pluginId,
        panel: panel.id,
        field: index,
        path: folder,
      });
      current = folder;
      list.replaceChildren(
        ...(up ? [up] : []),
        ...folders.map((name) =>
          h(
            'li',
            null,
            h(
              'button',
              { type: 'button', class: 'folder', onclick: () => void load(childOf(folder, name)) },

              name,
            ),
          ),
        ),
        ...(folders.length === 0 ? [h('li', { class: 'muted' }, t('browse.empty'))] : []),
      );
    } catch (error) {
      problem.textContent = (error as Error).message;
      list.replaceChildren(...(up ? [up] : []));
    } finally {
      list.removeAttribute('aria-busy');
      if (opened.dialog.open)
        (
          list.querySelector<HTMLElement>('button') ??
          opened.dialog.querySelector<HTMLElement>('#browse-choose')
        )?.focus();
    }
  };
  void load(current);
  const chosen = await opened.result;
  if (chosen !== undefined) {
    drafts.delete(id);
    await save(id, '/api/config', { plugin: panel.pluginId, key, value: chosen });
  }
}
