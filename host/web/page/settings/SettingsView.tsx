/** The settings view: every plugin's panels (the plugin enabled last first), then the presenter's own settings. */
import { t } from '../app.js';
import { idOf } from '../dom.js';
import { state } from '../store.js';
import { HostSettings } from './HostSettings.js';
import { PluginPanel } from './PluginPanel.js';

const FIRST_KEY = 'settings.first';

/** After the user enabled a plugin: its section comes first in the settings view. */
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

interface Section {
  id: string;
  name: string;
  /** The plugin whose panels the section holds; none for the presenter's own settings. */
  pluginId?: string;
}

export function SettingsView() {
  const current = state.value;
  if (!current) return null;
  const first = firstPlugin();
  const plugins = [...new Set(current.panels.map((p) => p.pluginId))].sort(
    (a, b) => Number(b === first) - Number(a === first),
  );
  const sections: Section[] = [
    ...plugins.map((pluginId) => ({
      id: idOf('section', pluginId),
      pluginId,
      name:
        current.plugins.find((p) => p.id === pluginId)?.name ??
        current.panels.find((p) => p.pluginId === pluginId)?.title ??
        pluginId,
    })),
    { id: 'section-host', name: t('settings.host') },
  ];
  return (
    <div class="settings">
      <nav class="settings-nav" aria-label={t('settings.sections')}>
        <ul class="settings-nav-list">
          {sections.map((section) => (
            <li key={section.id}>
              <button
                type="button"
                class="settings-nav-link"
                aria-controls={section.id}
                onClick={() => goTo(section.id)}
              >
                {section.name}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div class="settings-sections">
        {sections.map((section) => (
          <div key={section.id} id={section.id} class="settings-section">
            {section.pluginId === undefined ? (
              <HostSettings />
            ) : (
              current.panels
                .filter((panel) => panel.pluginId === section.pluginId)
                .map((panel) => <PluginPanel key={panel.id} panel={panel} />)
            )}
          </div>
        ))}
        {current.panels.length === 0 ? <p class="muted">{t('settings.none')}</p> : null}
      </div>
    </div>
  );
}

/** A section brought to the top of the view, its first control focused. */
function goTo(id: string) {
  const section = document.getElementById(id);
  section?.scrollIntoView({ block: 'start' });
  section?.querySelector<HTMLElement>('input, select, button')?.focus({ preventScroll: true });
}
