/** The page's POST routes: settings, configuration, secrets, the folder browser, commands, prompts, plugins. */
import type { Json, PanelField } from '../../../contract/api.js';
import { parseCliValue } from '../../configuration.js';
import { type Language, text } from '../../i18n.js';
import type { PluginRegistry } from '../../plugins.js';
import type { Host } from '../../runtime.js';
import { valueProblem } from '../../value-problem.js';
import { HttpError } from '../http-error.js';
import type { RunResult } from '../protocol.js';
import type { WebWindow } from '../web-window.js';
import type { PresentRoutes } from './present.js';
import { menusOf } from './state.js';
import type { Uploads } from './uploads.js';

export interface ActionSources {
  host: Host;
  registry: PluginRegistry;
  window: WebWindow;
  present: PresentRoutes;
  uploads: Uploads;
  language(): Language;
  /** Tells the pages that the state changed. */
  changed(): void;
}

/** The POST routes; `post(route, body)` answers one. */
export function actionRoutes(sources: ActionSources) {
  const { host, registry, window, present, uploads, language, changed } = sources;

  const pluginOf = (id: unknown) => {
    const plugin = typeof id === 'string' ? host.plugins.get(id) : undefined;
    if (!plugin) throw new HttpError(400, `the plugin "${String(id)}" is not enabled`);
    return plugin;
  };

  const panelField = (pluginId: string, panelId: unknown, index: unknown): PanelField | undefined =>
    host.panels.get(pluginId)?.find((p) => p.id === panelId)?.fields[Number(index)];

  /** The host's own plugins, reloaded so that they take the host's new language. */
  const reloadPlugins = async () => {
    const folders = [...host.plugins.values()].map((p) => ({ id: p.manifest.id, folder: p.folder }));
    for (const { id } of [...folders].reverse()) await host.deactivate(id, false);
    for (const { folder } of folders) {
      const result = await host.load(folder);
      if (!result.ok) throw new HttpError(500, result.error);
    }
  };

  const run = async (command: unknown, args: unknown): Promise<RunResult> => {
    if (typeof command !== 'string' || !host.commandIds().includes(command))
      throw new HttpError(400, `unknown command "${String(command)}"`);
    const list = Array.isArray(args) ? args : [];
    const isUpload = Object.values(menusOf(host))
      .flat()
      .some((entry) => entry.command === command && entry.input === 'files');
    const handed = isUpload ? uploads.handedOver(list) : [];
    try {
      const result = await host.executeCommand(command, ...list);
      let json: Json = null;
      try {
        json = JSON.parse(host.redactor.redact(JSON.stringify(result ?? null))) as Json;
      } catch {
        json = null;
      }
      return { ok: true, result: json };
    } catch (error) {
      return {
        ok: false,
        error: host.redactor.redact(error instanceof Error ? error.message : String(error)),
      };
    } finally {
      uploads.remove(handed);
    }
  };

  const post = async (route: string, body: Record<string, unknown>): Promise<unknown> => {
    switch (route) {
      case '/api/settings': {
        const key = String(body.key);
        const schema = host.settings.schema().find((s) => s.key === key);
        if (!schema) throw new HttpError(400, `unknown setting "${key}"`);
        const value =
          typeof body.value === 'string' ? parseCliValue(schema, body.value) : (body.value as Json);
        const before = host.language;
        if (host.settings.lockedBy(key)) throw new HttpError(400, text(language(), 'server.locked'));
        try {
          host.settings.set(key, value);
        } catch {
          throw new HttpError(400, valueProblem(schema, value, language()));
        }
        if (key === 'app.localAppLang') {
          delete host.options.language; // the setting now decides, also over --lang
          if (host.language !== before) await reloadPlugins();
        }
        return {};
      }
      case '/api/config': {
        const plugin = pluginOf(body.plugin);
        const key = String(body.key);
        const schema = plugin.manifest.contributes.configuration?.properties[key];
        if (!schema) throw new HttpError(400, `unknown setting "${key}"`);
        const raw = body.value;
        const numeric = schema.type === 'integer' || schema.type === 'number';
        const value =
          raw === null || (numeric && raw === '')
            ? undefined
            : typeof raw === 'string'
              ? parseCliValue(schema, raw)
              : (raw as Json);
        try {
          await plugin.configuration.update(key, value);
        } catch (error) {
          throw new HttpError(400, stripKey(key, (error as Error).message));
        }
        return {};
      }
      case '/api/secret': {
        const plugin = pluginOf(body.plugin);
        const key = String(body.key);
        const declared = (host.panels.get(plugin.manifest.id) ?? []).some((p) =>
          p.fields.some((f) => f.kind === 'secret' && f.secretKey === key),
        );
        if (!declared) throw new HttpError(400, `"${key}" is not a secret of a settings panel`);
        if (typeof body.value !== 'string') throw new HttpError(400, 'a secret is text');
        if (body.value === '') await plugin.context.secrets.delete(key);
        else await plugin.context.secrets.store(key, body.value);
        changed();
        return { stored: body.value !== '' };
      }
      case '/api/browse': {
        const plugin = pluginOf(body.plugin);
        const field = panelField(plugin.manifest.id, body.panel, body.field);
        if (field?.kind !== 'remote-folder') throw new HttpError(400, 'not a folder field');
        try {
          return { folders: await field.browse(typeof body.path === 'string' ? body.path : '/') };
        } catch (error) {
          throw new HttpError(400, host.redactor.redact((error as Error).message));
        }
      }
      case '/api/run':
        return run(body.command, body.args);
      case '/api/present':
        return present.post(body);
      case '/api/cancel':
        if (!window.cancel(String(body.task))) throw new HttpError(400, 'no such task');
        return {};
      case '/api/answer':
        if (!window.answer(String(body.prompt), body.answer)) throw new HttpError(400, 'no such question');
        return {};
      case '/api/plugins': {
        const id = String(body.id);
        try {
          if (body.enabled === true) {
            await registry.setEnabled(id, true);
            if (!host.plugins.has(id)) {
              const result = await host.load(await registry.folderOf(id));
              if (!result.ok) throw new Error(result.error);
            }
          } else {
            await registry.setEnabled(id, false);
            await host.deactivate(id);
          }
        } catch (error) {
          throw new HttpError(400, host.redactor.redact((error as Error).message));
        }
        changed();
        return {};
      }
      default:
        throw new HttpError(404, text(language(), 'server.notFound'));
    }
  };

  return { post };
}

function stripKey(key: string, message: string): string {
  return message.startsWith(`${key}: `) ? message.slice(key.length + 2) : message;
}
