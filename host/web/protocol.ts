/**
 * The web page's protocol with the host (types only, shared by host/web/server.ts and host/web/page/).
 *
 * Every request carries the session token: `X-Session-Token: T` (or `?token=T` where a header cannot be sent:
 * the page itself, its script and style, the event stream, thumbnails). Non-GET requests must come from the
 * page's own origin. JSON in, JSON out; a refused request answers 4xx with `{ "error": "…" }`.
 *
 *   GET  /                         the page                      GET /app.js, /app.css   its code and style
 *   GET  /api/state                State                         GET /api/events         server-sent events
 *   GET  /api/thumb?date=D&name=N  an image of the media list (only files inside the media folder)
 *   GET  /present?date=D           the media window for a date    GET /present.js, /present.css
 *   GET  /api/media?date=D&name=N  an item's file (image, video, audio; Range requests answered with 206)
 *   GET  /api/background           the media window's background image (404 when there is none)
 *   POST /api/present   { action, date, name? }       -> PresentingView  steps the media window (PresentAction)
 *   POST /api/settings  { key, value }                the host's own settings (app.localAppLang re-activates plugins)
 *   POST /api/config    { plugin, key, value }        a plugin's configuration; value is the field's text
 *   POST /api/secret    { plugin, key, value }        stores ('' deletes) a secret; the page never gets one back
 *   POST /api/browse    { plugin, panel, field, path } -> { folders }   a remote-folder field's browse(path)
 *   POST /api/run       { command, args }             -> RunResult       runs a command, waits for its end
 *   POST /api/cancel    { task }                      cancels a progress task's token
 *   POST /api/answer    { prompt, answer }            answers a message's actions, a quick pick or an input box
 *   POST /api/plugins   { id, enabled }               disables (host.deactivate) or enables (host.load) at once
 *   PUT  /api/upload?name=N  (the file's bytes)       -> { file }        streamed to a temporary folder of the host
 *
 * Events (`event:` name, `data:` JSON): `changed` (settings, configuration, secrets, media list or plugins changed:
 * fetch /api/state again), `task` (TaskView, on start and each report), `task-end` ({ id }), `message` (MessageView),
 * `prompt` (PromptView), `prompt-end` ({ id }), `presenting` (PresentingView: what the media window shows now),
 * `present-play` ({}: play or pause the video or audio on screen).
 *
 * Menus: plugins offer commands at places of the media list (manifest `contributes.menus`, see host/manifest.ts);
 * State.menus lists those whose command is registered. The page calls an item's entry with `{ date, name }` (plus
 * `newName` where it asks for one), a date's with `{ date, files }` and the list's with `{ files }`, where `files` are
 * the paths PUT /api/upload answered; the host removes those temporary files after the command has finished.
 */
import type { Json, MediaSource, MeetingSection, PluginStatus, SectionEdge } from '../../contract/api.js';
import type { Language } from '../i18n.js';
import type { MediaKind } from './media-types.js';

/** A menu entry of a registered command, with the button's text. */
export interface MenuView {
  command: string;
  title: string;
  when?: string;
  input?: 'files' | 'newName';
  accept?: string;
  confirm?: boolean;
}

export interface HostSettingView {
  key: string;
  /** The setting's label in the page's language. */
  description: string;
  /** The values' labels in the page's language (weekday names, on/off, languages' names, a list's choices). */
  valueLabels?: Record<string, string>;
  format?: 'time' | 'date';
  type: 'string' | 'integer' | 'boolean' | 'number';
  enum?: string[];
  minimum?: number;
  maximum?: number;
  value: Json;
  /** Enforced by a plugin (the congregation): shown, not editable. */
  locked: boolean;
}

interface FieldBase {
  /** The field's position in its panel (the browse request names it). */
  index: number;
  label: string;
  description?: string;
}

export type FieldView =
  | (FieldBase & { kind: 'text' | 'url' | 'number'; key: string; labelCommand?: string; value: Json })
  | (FieldBase & { kind: 'toggle'; key: string; value: boolean })
  | (FieldBase & { kind: 'secret'; secretKey: string; stored: boolean })
  | (FieldBase & { kind: 'remote-folder'; key: string; value: Json })
  | (FieldBase & { kind: 'button'; command: string; primary?: boolean });

export interface PanelView {
  pluginId: string;
  id: string;
  title: string;
  fields: FieldView[];
}

export interface CommandView {
  id: string;
  title: string;
  category?: string;
  /** Missing for the host's own commands, which the page runs itself. */
  pluginId?: string;
}

export interface PluginView {
  /** Missing when the manifest is invalid. */
  id?: string;
  name: string;
  version: string;
  publisher: string;
  description: string;
  enabled: boolean;
  error?: string;
}

export interface MediaView {
  date: string;
  name: string;
  source: MediaSource;
  hidden: boolean;
  recurring: boolean;
  /** A thumbnail is available at /api/thumb. */
  thumb: boolean;
  /** The file can be shown in the media window (GET /api/media); null for an item without a file or of no type. */
  kind: MediaKind | null;
  /** Why the media window cannot show it (kind null): no file, a file outside the media folder, a type it does not
   * show, a file no longer on disk. */
  problem?: MediaProblem;
  /** The file's version (size and modification time): thumbnail and poster addresses carry it, so that new content
   * shows at once. */
  version?: string;
  /** Its part of the meeting, and whether at that part's start or end (absent: none in particular). */
  section?: MeetingSection;
  at?: SectionEdge;
}

export interface TaskView {
  id: string;
  title: string;
  cancellable: boolean;
  /** 0 to 100. */
  percent: number;
  message: string;
  cancelling: boolean;
}

export interface MessageView {
  id: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  /** When not empty, the message waits for an answer (POST /api/answer with the chosen action or null). */
  actions: string[];
}

export interface QuickPickItemView {
  label: string;
  description?: string;
  detail?: string;
  picked?: boolean;
}

export type PromptView =
  | ({ kind: 'message' } & MessageView)
  | {
      kind: 'quickPick';
      id: string;
      title?: string;
      items: QuickPickItemView[];
      /** Answer: an array of indices; else one index. null dismisses. */
      canPickMany: boolean;
    }
  | { kind: 'inputBox'; id: string; prompt: string; value?: string; password?: boolean };

export type MediaProblem = 'noFile' | 'outside' | 'type' | 'gone';

/** What the media window shows: `name` '' is the background; `last` the item shown last (where `next` goes on). */
export interface PresentingView {
  /** null: nothing is being presented. */
  date: string | null;
  name: string;
  last: string;
  /** The background past the last item: `next` starts again at the first, `previous` goes back to the last. */
  end?: boolean;
  /** Items the last step went over because they cannot be shown (MediaView.problem). */
  skipped?: string[];
  /**
   * Grows with every change, also across restarts of the host (it starts from the clock). A page keeps the view with
   * the highest one: a State fetched before a step may arrive after the step's own event.
   */
  version?: number;
}

/** `toggle` plays or pauses the video or audio on screen. */
export type PresentAction = 'open' | 'next' | 'previous' | 'stop' | 'show' | 'toggle';

export interface State {
  language: Language;
  theme: string;
  hostVersion: string;
  mediaFolder: string;
  settings: HostSettingView[];
  plugins: PluginView[];
  commands: CommandView[];
  panels: PanelView[];
  /** By place: `media/date`, `media/list`, `media/item`. */
  menus: Record<string, MenuView[]>;
  media: MediaView[];
  tasks: TaskView[];
  /** Pending questions (messages with actions, quick picks, input boxes), oldest first. */
  prompts: PromptView[];
  presenting: PresentingView;
  /** A version of the media window's background image at /api/background (it changes with the file); null: none. */
  background: string | null;
  /** What each enabled plugin says about its work (the status strip, the media view's status section). */
  status: StatusView[];
}

/** A plugin's status (contract PluginStatus), with the plugin's name. */
export interface StatusView {
  pluginId: string;
  name: string;
  status: PluginStatus;
}

export type RunResult = { ok: true; result: Json } | { ok: false; error: string };
