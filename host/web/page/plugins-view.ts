/** The installed plugins, each with a switch that enables or disables it at once. */
import type { State } from '../protocol.js';
import { post } from './api.js';
import { t } from './app.js';
import { h, idOf } from './dom.js';
import { notify } from './feedback.js';
import { showFirst } from './settings-view.js';

export function renderPlugins(state: State): HTMLElement {
  if (state.plugins.length === 0) return h('p', { class: 'muted' }, t('plugins.none'));
  return h(
    'ul',
    { class: 'plugin-list' },
    ...state.plugins.map((plugin, index) => {
      const id = idOf('plugin', plugin.id ?? String(index));
      const titleId = `${id}-title`;
      const toggle = h('input', {
        type: 'checkbox',
        role: 'switch',
        id,
        checked: plugin.enabled,
        disabled: plugin.id === undefined,
        'aria-describedby': `${id}-about`,
        onchange: async () => {
          toggle.disabled = true;
          try {
            await post('/api/plugins', { id: plugin.id, enabled: toggle.checked });
            if (toggle.checked && plugin.id) showFirst(plugin.id);
          } catch (error) {
            toggle.checked = !toggle.checked;
            notify('error', (error as Error).message);
          } finally {
            toggle.disabled = false;
          }
        },
      });
      return h(
        'li',
        { class: 'card plugin', 'data-plugin': plugin.id ?? '' },
        h('h2', { id: titleId }, plugin.name),
        h(
          'p',
          { class: 'muted', id: `${id}-about` },
          [
            plugin.version ? t('plugins.version', { version: plugin.version }) : '',
            // a publisher that only repeats the id names nobody
            plugin.publisher && plugin.publisher !== plugin.id
              ? t('plugins.by', { publisher: plugin.publisher })
              : '',
          ]
            .filter(Boolean)
            .join(' · '),
        ),
        plugin.description ? h('p', null, plugin.description) : null,
        plugin.error ? h('p', { class: 'error' }, t('plugins.invalid', { error: plugin.error })) : null,
        h(
          'div',
          { class: 'switch' },
          toggle,
          h(
            'label',
            { for: id },
            t('plugins.enabled'),
            h('span', { class: 'visually-hidden' }, ` (${plugin.name})`),
          ),
        ),
      );
    }),
  );
}
