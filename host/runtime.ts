/** The reference host's runtime: loads plugins from their manifests, activates them, routes commands. */
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type {
  CommandHandler,
  Disposable,
  LogChannel,
  PluginContext,
  PluginModule,
  SettingsPanel,
  Window,
} from '../contract/api.js';
import { ConfigurationStore } from './configuration.js';
import { disposeAll, Emitter } from './events.js';
import { HostSettingsStore } from './host-settings.js';
import { languageOf } from './i18n.js';
import { HostLog, Redactor } from './log.js';
import { loadManifest, type Manifest, ManifestError } from './manifest.js';
import { MediaListStore } from './media-list.js';
import { FileMemento } from './memento.js';
import { SecretStore } from './secrets.js';
import { StatusStore } from './status.js';
import { TerminalWindow } from './terminal-window.js';

export const HOST_VERSION = '1.0.0';

export interface HostOptions {
  profileDir: string;
  mediaFolder?: string;
  language?: string;
  interactive?: boolean;
  assumeYes?: boolean;
  quiet?: boolean;
  headless?: boolean;
}

export interface LoadedPlugin {
  manifest: Manifest;
  folder: string;
  module: PluginModule;
  context: PluginContext;
  configuration: ConfigurationStore;
}

export type LoadResult = { ok: true; plugin: LoadedPlugin } | { ok: false; error: string };

/** Where a plugin's messages, progress and pickers appear: the terminal, or a web page (host/web/). */
export interface WindowProvider {
  forPlugin(log: LogChannel): Window;
}

export class Host {
  readonly secrets: SecretStore;
  readonly settings: HostSettingsStore;
  readonly media: MediaListStore;
  readonly status: StatusStore;
  readonly log: HostLog;
  readonly window: TerminalWindow;
  readonly redactor: Redactor;
  readonly plugins = new Map<string, LoadedPlugin>();
  readonly panels = new Map<string, SettingsPanel[]>();
  private readonly commands = new Map<string, { handler: CommandHandler; pluginId: string }>();
  /** The window in use instead of the terminal one (see useWindow). */
  private windowOverride: WindowProvider | undefined;
  private readonly pluginsChanged = new Emitter<void>();
  /** Fires after a plugin was enabled or disabled, or its panels changed. */
  readonly onDidChangePlugins = this.pluginsChanged.event;

  constructor(readonly options: HostOptions) {
    mkdirSync(options.profileDir, { recursive: true, mode: 0o700 });
    this.secrets = new SecretStore(options.profileDir);
    this.redactor = new Redactor(() => this.secrets.values());
    this.settings = new HostSettingsStore(options.profileDir);
    this.status = new StatusStore(options.profileDir);
    this.media = new MediaListStore(
      options.profileDir,
      options.mediaFolder ?? path.join(options.profileDir, 'media'),
    );
    this.window = new TerminalWindow({
      interactive: options.interactive ?? false,
      canAsk: !(options.headless ?? !options.interactive),
      assumeYes: options.assumeYes ?? false,
      quiet: options.quiet ?? false,
      redactor: this.redactor,
      language: () => languageOf(this.language),
    });
    this.log = new HostLog(options.profileDir, this.redactor);
  }

  /** Shows plugins' windows through `provider` (undefined: the terminal again), also for plugins already enabled. */
  useWindow(provider: WindowProvider | undefined): void {
    this.windowOverride = provider;
  }

  get language(): string {
    return this.options.language ?? this.settings.get<string>('app.localAppLang') ?? 'en';
  }

  /**
   * Loads and activates the plugin in `folder` (`known`: its manifest, when the caller just read it). Every failure
   * is a message, never a crash of the host.
   */
  async load(folder: string, known?: Manifest): Promise<LoadResult> {
    const fail = (error: string): LoadResult => {
      this.log.write('error', 'host', error);
      return { ok: false, error };
    };
    let manifest: Manifest;
    try {
      manifest = known ?? (await loadManifest(folder, HOST_VERSION, this.language));
    } catch (error) {
      return fail(error instanceof ManifestError ? error.message : String(error));
    }
    if (this.plugins.has(manifest.id)) return fail(`${manifest.id} is already enabled`);
    const main = path.resolve(folder, manifest.main);
    if (!existsSync(main))
      return fail(`${manifest.id}: its bundle ${main} is missing (build it first: npm run build)`);
    let module: PluginModule;
    try {
      // Each load runs the bundle afresh: a plugin enabled again, or by another host, starts from its own state.
      const require = createRequire(import.meta.url);
      delete require.cache[main];
      module = require(main) as PluginModule;
    } catch (error) {
      return fail(`${manifest.id}: its bundle could not be loaded: ${(error as Error).message}`);
    }
    if (typeof module?.activate !== 'function') return fail(`${manifest.id}: ${main} exports no activate()`);
    const plugin = this.createContext(manifest, folder, module);
    this.plugins.set(manifest.id, plugin);
    try {
      await module.activate(plugin.context);
    } catch (error) {
      await this.deactivate(manifest.id);
      return fail(`${manifest.id}: activate() failed: ${(error as Error).message}`);
    }
    this.log.write('info', 'host', `enabled ${manifest.id} ${manifest.version}`);
    this.pluginsChanged.fire();
    return { ok: true, plugin };
  }

  /** Deactivates a plugin; `disable` also lifts what it enforced (a shutdown keeps it for the next start). */
  async deactivate(id: string, disable = true): Promise<void> {
    const plugin = this.plugins.get(id);
    if (!plugin) return;
    try {
      await plugin.module.deactivate?.();
    } catch (error) {
      this.log.write('error', 'host', `${id}: deactivate() failed: ${(error as Error).message}`);
    }
    disposeAll(plugin.context.subscriptions);
    for (const [commandId, entry] of this.commands)
      if (entry.pluginId === id) this.commands.delete(commandId);
    this.panels.delete(id);
    if (disable) this.settings.enforceFor(id, {});
    this.plugins.delete(id);
    this.log.write('info', 'host', `disabled ${id}`);
    this.pluginsChanged.fire();
  }

  async dispose(): Promise<void> {
    for (const id of [...this.plugins.keys()]) await this.deactivate(id, false);
  }

  commandIds(): string[] {
    return [...this.commands.keys()].sort();
  }

  async executeCommand<T = unknown>(id: string, ...args: unknown[]): Promise<T> {
    const entry = this.commands.get(id);
    if (!entry) {
      const known = this.commandIds().join(', ') || 'none';
      throw new Error(`unknown command "${id}" (known: ${known})`);
    }
    return (await entry.handler(...args)) as T;
  }

  private createContext(manifest: Manifest, folder: string, module: PluginModule): LoadedPlugin {
    const id = manifest.id;
    const storagePath = path.join(this.options.profileDir, 'plugin-storage', id);
    mkdirSync(storagePath, { recursive: true, mode: 0o700 });
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    const configuration = ConfigurationStore.forPlugin(
      this.options.profileDir,
      id,
      manifest.contributes.configuration?.properties ?? {},
      () => languageOf(this.language),
    );
    const host = this;
    const context: PluginContext = {
      id,
      extensionPath: folder,
      subscriptions: [],
      commands: {
        registerCommand(commandId, handler): Disposable {
          if (!contributed.has(commandId))
            throw new Error(`${commandId} is not contributed by ${id}'s manifest`);
          if (host.commands.has(commandId)) throw new Error(`command ${commandId} is already registered`);
          const entry = { handler, pluginId: id };
          host.commands.set(commandId, entry);
          // Removes this registration only: disposing twice must not remove a later one of the same id.
          return {
            dispose: () => {
              if (host.commands.get(commandId) === entry) host.commands.delete(commandId);
            },
          };
        },
        executeCommand: (commandId, ...args) => host.executeCommand(commandId, ...args),
        getCommands: () => host.commandIds(),
      },
      configuration,
      secrets: this.secrets.forPlugin(id),
      globalState: new FileMemento(path.join(this.options.profileDir, 'state', `${id}.json`)),
      storagePath,
      window: this.pluginWindow(this.log.channel(id)),
      settingsPanel: {
        register(panel): Disposable {
          const list = host.panels.get(id) ?? [];
          host.panels.set(id, [...list.filter((p) => p.id !== panel.id), panel]);
          host.pluginsChanged.fire();
          return {
            dispose: () => {
              host.panels.set(
                id,
                (host.panels.get(id) ?? []).filter((p) => p !== panel),
              );
              host.pluginsChanged.fire();
            },
          };
        },
      },
      media: this.media.forPlugin(id),
      status: this.status.forPlugin(id),
      hostSettings: this.settings.forPlugin(id, () => languageOf(this.language)),
      env: {
        language: this.language,
        hostVersion: HOST_VERSION,
        // Per question: the page's window can ask whatever the process's standard input is.
        get isHeadless() {
          return !context.window.canAsk;
        },
        // The page shows the plugins' messages while the host serves it (useWindow), whoever started the host.
        get surface() {
          return host.windowOverride ? 'page' : 'terminal';
        },
      },
    };
    return { manifest, folder, module, context, configuration };
  }

  /** A plugin's window that asks, at each call, which window is in use (the terminal, or a web page). */
  private pluginWindow(log: LogChannel): Window {
    const current = () => (this.windowOverride ?? this.window).forPlugin(log);
    return {
      withProgress: (options, task) => current().withProgress(options, task),
      showInformationMessage: (message, ...actions) => current().showInformationMessage(message, ...actions),
      showWarningMessage: (message, ...actions) => current().showWarningMessage(message, ...actions),
      showErrorMessage: (message, ...actions) => current().showErrorMessage(message, ...actions),
      showQuickPick: (items, options) => current().showQuickPick(items, options),
      showInputBox: (options) => current().showInputBox(options),
      get canAsk() {
        return current().canAsk;
      },
      log,
    };
  }
}
