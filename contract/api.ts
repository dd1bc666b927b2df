/**
 * The presenter's extension API: the contract between the host and a plugin.
 * Types only. A plugin's bundle exports `activate(ctx)` and optionally `deactivate()`.
 */

/** Something that releases a resource when disposed. */
export interface Disposable {
  /** Releases the resource; calling it twice is harmless. */
  dispose(): void;
}

/** A subscribable event: call it with a listener, dispose the result to unsubscribe. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/** A JSON value as stored in configuration, settings and mementos. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** What a plugin module exports. */
export interface PluginModule {
  /** Called once when the plugin is enabled. */
  activate(ctx: PluginContext): void | Promise<void>;
  /** Called when the plugin is disabled or the host shuts down, before `subscriptions` are disposed. */
  deactivate?(): void | Promise<void>;
}

/** Everything a plugin may touch. */
export interface PluginContext {
  /** The plugin's id from its manifest. */
  readonly id: string;
  /** The folder the plugin was loaded from. */
  readonly extensionPath: string;
  /** Disposed by the host on deactivation, last in first out. */
  readonly subscriptions: Disposable[];
  /** The command registry. */
  readonly commands: Commands;
  /** The plugin's own settings, declared in its manifest. */
  readonly configuration: Configuration;
  /** Credential storage; the only place a password may live. */
  readonly secrets: SecretStorage;
  /** A small persistent key/value store of the plugin's. */
  readonly globalState: Memento;
  /** A folder the plugin owns, created by the host, for records and caches. */
  readonly storagePath: string;
  /** Messages, progress, pickers and the log. */
  readonly window: Window;
  /** Settings panels drawn on the host's settings page. */
  readonly settingsPanel: SettingsPanels;
  /** The host's media list, per meeting date. */
  readonly media: MediaList;
  /** The presenter's own settings, and enforcement of congregation-wide ones. */
  readonly hostSettings: HostSettings;
  /** The host's language and localisation. */
  readonly env: HostEnvironment;
  /** What the plugin says about its work: shown on the host's page and by its status command. */
  readonly status: StatusReporter;
}

/** Where a plugin says how its work stands. */
export interface StatusReporter {
  /** Replaces the plugin's status; the host shows it at once and keeps it in the profile. */
  set(status: PluginStatus): void;
  /** The status last set (also by another process of the same profile), or null. */
  get(): PluginStatus | null;
}

/**
 * How a plugin's work stands, in the user's words: whether the congregation is ready for its meetings. Times are ISO
 * 8601 timestamps; texts are in the host's language.
 */
export interface PluginStatus {
  /** The last run of the plugin's job (a sync): when it ended, how, and its problems; null before the first. */
  last: { at: string; outcome: 'ok' | 'problems' | 'failed'; problems: string[] } | null;
  /** When the next run is planned; null when none is (it runs when asked). */
  next: string | null;
  /** Why runs hold back now (e.g. no downloads during a meeting), if they do. */
  note?: string;
  /** Each meeting date of the window: ready (every visible item there and checked), or what is missing and why. */
  dates: DateStatus[];
}

export interface DateStatus {
  date: IsoDate;
  ready: boolean;
  missing: Array<{ name: string; reason: string }>;
}

/** The host's environment. */
export interface HostEnvironment {
  /** The user interface language, a BCP 47 tag such as `en` or `de`. */
  readonly language: string;
  /** The host's version (semver). */
  readonly hostVersion: string;
  /**
   * True when no person is there to answer a question (a script, --yes/--json, no terminal): `!window.canAsk`, read
   * at the moment it is asked for.
   */
  readonly isHeadless: boolean;
  /**
   * Where the plugin's messages appear now, read at the moment a message is made: `page` while the host serves its
   * page (a person clicks buttons), `terminal` otherwise (a person or a script types commands). A message that names
   * an action names it in the words of that interface: a button on the page, a command or option on the terminal.
   */
  readonly surface: Surface;
}

/** The interface a plugin's messages appear in (`HostEnvironment.surface`). */
export type Surface = 'terminal' | 'page';

/** A command handler; its result is returned by `executeCommand`. */
export type CommandHandler = (...args: unknown[]) => unknown;

/** The command registry. */
export interface Commands {
  /** Registers a command contributed in the manifest; throws when the id is taken. */
  registerCommand(id: string, handler: CommandHandler): Disposable;
  /** Runs a command by id and returns its result; throws for an unknown id. */
  executeCommand<T = unknown>(id: string, ...args: unknown[]): Promise<T>;
  /** The ids of all registered commands. */
  getCommands(): string[];
}

/** A change of configuration keys. */
export interface ConfigurationChange {
  /** True when `key` (or a key below it) changed. */
  affects(key: string): boolean;
}

/** The plugin's settings, validated by the host against the manifest's schema. */
export interface Configuration {
  /** The value of a key, or the schema's default. */
  get<T extends Json = Json>(key: string): T | undefined;
  /** Validates and stores a value (undefined resets it); rejects with the reason when invalid. */
  update(key: string, value: Json | undefined): Promise<void>;
  /** Fires after a change. */
  readonly onDidChange: Event<ConfigurationChange>;
}

/** Credential storage. */
export interface SecretStorage {
  /** The stored secret, or undefined. */
  get(key: string): Promise<string | undefined>;
  /** Stores a secret. */
  store(key: string, value: string): Promise<void>;
  /** Removes a secret. */
  delete(key: string): Promise<void>;
}

/** A small persistent key/value store. */
export interface Memento {
  /** The stored value, or the default. */
  get<T extends Json>(key: string, defaultValue?: T): T | undefined;
  /** Stores a value; undefined removes it. */
  update(key: string, value: Json | undefined): Promise<void>;
}

/** Reports progress of a long task. */
export interface Progress {
  /**
   * Reports a message and/or an increment (of 100) of the whole; with `bytes` (done and total so far) a host can
   * show the speed and the time left.
   */
  report(value: { message?: string; increment?: number; bytes?: { done: number; total: number } }): void;
}

/** Signals that the user asked to cancel. */
export interface CancellationToken {
  /** True once cancellation was requested. */
  readonly isCancellationRequested: boolean;
  /** Fires once when cancellation is requested. */
  readonly onCancellationRequested: Event<void>;
}

/** Options of a progress task. */
export interface ProgressOptions {
  /** The task's title. */
  title: string;
  /** Whether the user may cancel (a cancel button, Ctrl+C). */
  cancellable?: boolean;
}

/** An item of a quick pick. */
export interface QuickPickItem {
  /** The shown text. */
  label: string;
  /** A secondary text. */
  description?: string;
  /** A longer note below. */
  detail?: string;
  /** Preselected in a multi-select. */
  picked?: boolean;
}

/** Options of a quick pick. */
export interface QuickPickOptions {
  /** Shown above the list. */
  title?: string;
  /** Allows choosing several items. */
  canPickMany?: boolean;
}

/** Options of an input box. */
export interface InputBoxOptions {
  /** The question. */
  prompt: string;
  /** Prefilled value. */
  value?: string;
  /** Hides what is typed. */
  password?: boolean;
}

/** Levels of the log channel. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** A log channel; the host redacts known secrets from every line. */
export interface LogChannel {
  /** Logs at trace level. */
  trace(message: string): void;
  /** Logs at debug level. */
  debug(message: string): void;
  /** Logs at info level. */
  info(message: string): void;
  /** Logs at warn level. */
  warn(message: string): void;
  /** Logs at error level. */
  error(message: string): void;
  /** The file the lines are written to, where there is one: a message can say where to read them all. */
  readonly file?: string;
}

/** Messages, progress, pickers and the log. */
export interface Window {
  /** Runs a task with a progress indicator; the token fires when the user cancels. */
  withProgress<R>(
    options: ProgressOptions,
    task: (progress: Progress, token: CancellationToken) => Promise<R>,
  ): Promise<R>;
  /** Shows information; resolves to the chosen action, if any. */
  showInformationMessage(message: string, ...actions: string[]): Promise<string | undefined>;
  /** Shows a warning; resolves to the chosen action, if any (undefined when headless). */
  showWarningMessage(message: string, ...actions: string[]): Promise<string | undefined>;
  /** Shows an error; resolves to the chosen action, if any. */
  showErrorMessage(message: string, ...actions: string[]): Promise<string | undefined>;
  /** Lets the user pick one item (or several with canPickMany); undefined when dismissed. */
  showQuickPick<T extends QuickPickItem>(
    items: readonly T[],
    options?: QuickPickOptions,
  ): Promise<T | T[] | undefined>;
  /** Asks for a line of text; undefined when dismissed. */
  showInputBox(options: InputBoxOptions): Promise<string | undefined>;
  /**
   * Whether a person can answer a question now, read at the moment it is needed: true while a page of the host is
   * there (whatever started the host), or on a terminal the user types into; false for a script, `--json` or
   * `--yes`, or with no terminal. Where it is false, a plugin says instead how to decide on its command line.
   */
  readonly canAsk: boolean;
  /** The plugin's log channel. */
  readonly log: LogChannel;
}

/** A field of a settings panel. */
export type PanelField =
  | {
      kind: 'text' | 'url' | 'number';
      /** The configuration key it is bound to. */
      key: string;
      /** The field's label. */
      label: string;
      /** A hint below the field. */
      description?: string;
      /** A command that the label opens (such as a list of provider presets). */
      labelCommand?: string;
    }
  | {
      /** An on/off switch bound to a boolean setting. */
      kind: 'toggle';
      /** The configuration key it is bound to. */
      key: string;
      /** The field's label. */
      label: string;
      /** A hint below the field. */
      description?: string;
    }
  | {
      kind: 'secret';
      /** The secret key it is bound to. */
      secretKey: string;
      /** The field's label. */
      label: string;
      /** A hint below the field. */
      description?: string;
    }
  | {
      kind: 'remote-folder';
      /** The configuration key it is bound to. */
      key: string;
      /** The field's label. */
      label: string;
      /** A hint below the field. */
      description?: string;
      /** Lists the sub-folders of a folder ('' or '/' is the top). */
      browse(path: string): Promise<string[]>;
    }
  | {
      kind: 'button';
      /** The button's text. */
      label: string;
      /** The command it runs. */
      command: string;
      /** The panel's main action, shown as its primary button. */
      primary?: boolean;
    };

/** A settings panel a plugin registers. */
export interface SettingsPanel {
  /** Unique within the plugin. */
  id: string;
  /** The panel's heading. */
  title: string;
  /** Its fields and buttons, top to bottom. */
  fields: PanelField[];
}

/** Settings panels. */
export interface SettingsPanels {
  /** Adds a panel to the host's settings page. */
  register(panel: SettingsPanel): Disposable;
}

/** Who put a media item there. */
export type MediaSource = 'jw' | 'congregation' | 'local';

/** A meeting date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** One item of the media list. */
export interface MediaItem {
  /** The meeting date. */
  date: IsoDate;
  /** The file name, unique per date. */
  name: string;
  /** Who put it there. */
  source: MediaSource;
  /** Hidden items stay in the list but are not shown in the meeting. */
  hidden: boolean;
  /** True for a congregation's recurring item. */
  recurring: boolean;
  /** The file's absolute path, or null where it has none (yet). */
  file: string | null;
  /** The plugin that owns the item, for `congregation` items. */
  owner?: string;
  /** The part of the meeting the item belongs to; absent: none in particular (after the meeting's parts). */
  section?: MeetingSection;
  /** Before (`start`) or after (`end`) the section's other items; absent: among them, by name. */
  at?: SectionEdge;
}

/**
 * The parts of a meeting, by the ids today's M³ uses: midweek `tgw` (Treasures From God's Word), `ayfm` (Apply
 * Yourself to the Field Ministry), `lac` (Living as Christians); weekend `pt` (Public Talk), `wt` (Watchtower Study);
 * `circuit-overseer` (the circuit overseer's part).
 */
export type MeetingSection = 'tgw' | 'ayfm' | 'lac' | 'pt' | 'wt' | 'circuit-overseer';

/** Where in its section an item goes. */
export type SectionEdge = 'start' | 'end';

/** An edit of the media list. */
export type MediaEdit =
  | { op: 'upsert'; item: Omit<MediaItem, 'owner'> }
  | { op: 'remove'; date: IsoDate; name: string }
  | { op: 'setHidden'; date: IsoDate; name: string; hidden: boolean };

/** The host's media list. */
export interface MediaList {
  /** The folder that holds one sub-folder per meeting date. */
  readonly mediaFolder: string;
  /** The items of one date, or of all dates, ordered by date, place in the meeting (`comparePlaces`), then name. */
  items(date?: IsoDate): MediaItem[];
  /** Applies edits at once and persists them; a plugin may upsert and remove only items of its own. */
  apply(edits: readonly MediaEdit[]): Promise<void>;
  /** The media window's background image (absolute path), or null for the presenter's own. */
  background(): string | null;
  /** Sets the media window's background image; null restores the presenter's own. */
  setBackground(file: string | null): Promise<void>;
  /** Fires after the list changed. */
  readonly onDidChange: Event<void>;
}

/** The type of a host setting. */
export type HostSettingType =
  | { type: 'string'; enum?: string[]; pattern?: string }
  | { type: 'integer'; minimum?: number; maximum?: number }
  | { type: 'boolean' }
  | { type: 'number'; minimum?: number; maximum?: number };

/** A host setting's description. */
export type HostSettingSchema = HostSettingType & {
  /** Dotted key, such as `media.lang`. */
  key: string;
  /** What it means, for pickers: its label, in the host's language. */
  description: string;
  /** How values are shown, by `String(value)` (weekday names, on/off, a language's name), in the host's language;
   * a value without a label is shown as it is. */
  valueLabels?: Record<string, string>;
  /** A string that is a time of day (`HH:MM`) or a date (`YYYY-MM-DD`, or empty). */
  format?: 'time' | 'date';
  /** Whether a congregation may enforce it. */
  enforceable: boolean;
};

/** The presenter's own settings. */
export interface HostSettings {
  /** The description of every setting. */
  schema(): HostSettingSchema[];
  /** The value of a setting (enforced values win). */
  get<T extends Json = Json>(key: string): T | undefined;
  /**
   * Replaces the set of values this plugin enforces: they are applied and locked; keys it enforced before and no
   * longer names are unlocked and go back to the user's value. Rejects, changing nothing, on unknown or
   * non-enforceable keys and invalid values.
   */
  enforce(values: Record<string, Json>): Promise<void>;
  /** The keys enforced (by any plugin). */
  enforced(): Record<string, Json>;
  /** Fires after a change. */
  readonly onDidChange: Event<void>;
}
