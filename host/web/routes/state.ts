/** GET /api/state: what the page shows (settings, panels, plugins, commands, menus, media, tasks, prompts). */
import path from 'node:path';
import type { MediaItem, PanelField } from '../../../contract/api.js';
import type { Language } from '../../i18n.js';
import type { PluginRegistry } from '../../plugins.js';
import { HOST_VERSION, type Host } from '../../runtime.js';
import { localisedSchema } from '../../setting-labels.js';
import { itemFile, itemKind } from '../media-file.js';
import type { FieldView, MenuView, PanelView, PluginView, State } from '../protocol.js';
import type { WebWindow } from '../web-window.js';
import { itemProblem, type PresentRoutes } from './present.js';

export interface StateSources {
  host: Host;
  registry: PluginRegistry;
  window: WebWindow;
  present: PresentRoutes;
  language(): Language;
}

export async function pageState(sources: StateSources): Promise<State> {
  const { host, registry, window, present, language } = sources;
  const installed = await registry.list(host.language);
  const plugins: PluginView[] = installed.map((p) => ({
    id: p.id,
    name: p.manifest?.name ?? path.basename(p.folder),
    version: p.manifest?.version ?? '',
    publisher: p.manifest?.publisher ?? '',
    description: p.manifest?.description ?? '',
    enabled: p.id !== undefined && host.plugins.has(p.id),
    ...(p.error ? { error: host.redactor.redact(p.error) } : {}),
  }));
  for (const loaded of host.plugins.values()) {
    if (plugins.some((p) => p.id === loaded.manifest.id)) continue;
    const m = loaded.manifest;
    plugins.push({
      id: m.id,
      name: m.name,
      version: m.version,
      publisher: m.publisher,
      description: m.description,
      enabled: true,
    });
  }
  const registered = new Set(host.commandIds());
  const panels: PanelView[] = [];
  for (const [pluginId, list] of host.panels) {
    for (const panel of list)
      panels.push({
        pluginId,
        id: panel.id,
        title: panel.title,
        fields: panel.fields.map((field, index) => fieldView(host, pluginId, field, index)),
      });
  }
  return {
    language: language(),
    theme: String(host.settings.get('app.theme') ?? 'system'),
    hostVersion: HOST_VERSION,
    mediaFolder: host.media.mediaFolder,
    settings: localisedSchema(host.settings.schema(), language()).map((s) => ({
      key: s.key,
      description: s.description,
      valueLabels: s.valueLabels,
      format: s.format,
      type: s.type,
      ...('enum' in s && s.enum ? { enum: s.enum } : {}),
      ...('minimum' in s && s.minimum !== undefined ? { minimum: s.minimum } : {}),
      ...('maximum' in s && s.maximum !== undefined ? { maximum: s.maximum } : {}),
      value: host.settings.get(s.key) ?? null,
      locked: host.settings.lockedBy(s.key) !== undefined,
    })),
    plugins,
    commands: [...host.plugins.values()].flatMap((p) =>
      p.manifest.contributes.commands
        .filter((c) => registered.has(c.command))
        .map((c) => ({
          id: c.command,
          title: c.title,
          category: c.category,
          pluginId: p.manifest.id,
        })),
    ),
    panels,
    menus: menusOf(host),
    media: host.media.items().map((item) => {
      const { problem, version } = itemProblem(item, host.media.mediaFolder);
      return {
        date: item.date,
        name: item.name,
        source: item.source,
        hidden: item.hidden,
        recurring: item.recurring,
        thumb: problem === undefined && thumbOf(host, item) !== undefined,
        kind: problem === undefined ? itemKind(item, host.media.mediaFolder) : null,
        ...(problem ? { problem } : { version }),
        ...(item.section ? { section: item.section } : {}),
        ...(item.at ? { at: item.at } : {}),
      };
    }),
    tasks: window.taskViews(),
    prompts: window.promptViews(),
    presenting: present.presenting(),
    background: present.background(),
    status: [...host.plugins.values()].flatMap(({ manifest }) => {
      const status = host.status.get(manifest.id);
      return status ? [{ pluginId: manifest.id, name: manifest.name, status }] : [];
    }),
  };
}

function fieldView(host: Host, pluginId: string, field: PanelField, index: number): FieldView {
  const plugin = host.plugins.get(pluginId);
  const base = {
    index,
    label: field.label,
    ...('description' in field && field.description ? { description: field.description } : {}),
  };
  switch (field.kind) {
    case 'button':
      return { ...base, kind: 'button', command: field.command, primary: field.primary === true };
    case 'secret':
      return {
        ...base,
        kind: 'secret',
        secretKey: field.secretKey,
        stored: host.secrets.keys().includes(`${pluginId}/${field.secretKey}`),
      };
    case 'toggle':
      return {
        ...base,
        kind: 'toggle',
        key: field.key,
        value: plugin?.configuration.get(field.key) === true,
      };
    case 'remote-folder':
      return {
        ...base,
        kind: 'remote-folder',
        key: field.key,
        value: plugin?.configuration.get(field.key) ?? '',
      };
    default:
      return {
        ...base,
        kind: field.kind,
        key: field.key,
        value: plugin?.configuration.get(field.key) ?? '',
        labelCommand: field.labelCommand,
      };
  }
}

function thumbOf(host: Host, item: MediaItem): string | undefined {
  const folder = host.media.mediaFolder;
  return itemKind(item, folder) === 'image' ? itemFile(item, folder) : undefined;
}

/** The menu entries of registered commands, by place. */
export function menusOf(host: Host): Record<string, MenuView[]> {
  const registered = new Set(host.commandIds());
  const byPlace: Record<string, MenuView[]> = {};
  for (const plugin of host.plugins.values()) {
    const { commands, menus: places } = plugin.manifest.contributes;
    for (const [place, entries] of Object.entries(places)) {
      for (const entry of entries ?? []) {
        const command = commands.find((c) => c.command === entry.command);
        if (!command || !registered.has(entry.command)) continue;
        const list = byPlace[place] ?? [];
        list.push({ ...entry, title: command.shortTitle ?? command.title });
        byPlace[place] = list;
      }
    }
  }
  return byPlace;
}
