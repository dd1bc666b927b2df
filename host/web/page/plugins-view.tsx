/** The installed plugins, each with a switch that enables or disables it at once. */
import { useState } from 'preact/hooks';
import type { PluginView } from '../protocol.js';
import { post } from './api.js';
import { t } from './app.js';
import { idOf } from './dom.js';
import { notify } from './feedback.js';
import { showFirst } from './settings/SettingsView.js';
import { state } from './store.js';

export function PluginsView() {
  const plugins = state.value?.plugins ?? [];
  if (plugins.length === 0) return <p class="muted">{t('plugins.none')}</p>;
  return (
    <ul class="plugin-list">
      {plugins.map((plugin, index) => (
        <Plugin key={plugin.id ?? `invalid-${index}`} plugin={plugin} index={index} />
      ))}
    </ul>
  );
}

function Plugin({ plugin, index }: { plugin: PluginView; index: number }) {
  const id = idOf('plugin', plugin.id ?? String(index));
  const [busy, setBusy] = useState(false);
  const toggle = async (enabled: boolean) => {
    setBusy(true);
    try {
      await post('/api/plugins', { id: plugin.id, enabled });
      if (enabled && plugin.id) showFirst(plugin.id);
    } catch (error) {
      notify('error', (error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const about = [
    plugin.version ? t('plugins.version', { version: plugin.version }) : '',
    // a publisher that only repeats the id names nobody
    plugin.publisher && plugin.publisher !== plugin.id
      ? t('plugins.by', { publisher: plugin.publisher })
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li class="card plugin" data-plugin={plugin.id ?? ''}>
      <h2 id={`${id}-title`}>{plugin.name}</h2>
      <p class="muted" id={`${id}-about`}>
        {about}
      </p>
      {plugin.description ? <p>{plugin.description}</p> : null}
      {plugin.error ? <p class="error">{t('plugins.invalid', { error: plugin.error })}</p> : null}
      <div class="switch">
        <input
          type="checkbox"
          role="switch"
          id={id}
          checked={plugin.enabled}
          aria-checked={plugin.enabled}
          disabled={plugin.id === undefined || busy}
          aria-describedby={`${id}-about`}
          onChange={(event) => void toggle(event.currentTarget.checked)}
        />
        <label for={id}>
          {t('plugins.enabled')}
          <span class="visually-hidden"> ({plugin.name})</span>
        </label>
      </div>
    </li>
  );
}
