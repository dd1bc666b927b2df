/** The presenter's own settings: a schema of which keys exist, user values, and values enforced by plugins. */
import path from 'node:path';
import type { HostSettingSchema, HostSettings, Json } from '../contract/api.js';
import { settingValidator } from '../contract/host-settings.js';
import { Emitter } from './events.js';
import type { Language } from './i18n.js';
import { readJsonFile, writeJsonFile } from './json-file.js';
import { localisedSchema } from './setting-labels.js';

const LANG = { type: 'string', pattern: '^[A-Z]{1,5}$' } as const;
const DAY = { type: 'integer', minimum: 0, maximum: 6 } as const;
const TIME = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', format: 'time' } as const;

/** What this presenter has, in M³'s names; `enforceable` marks what a congregation shares. */
export const HOST_SETTINGS: readonly HostSettingSchema[] = [
  { key: 'app.congregationName', type: 'string', description: 'Congregation name', enforceable: true },
  {
    key: 'app.localAppLang',
    type: 'string',
    enum: ['en', 'de'],
    description: 'Display language',
    enforceable: false,
  },
  {
    key: 'app.outputFolderDateFormat',
    type: 'string',
    enum: ['YYYY-MM-DD', 'YYYY-MM-DD - dddd', 'DD-MM-YYYY', 'DD-MM-YYYY - dddd'],
    description: 'Date folder format',
    enforceable: true,
  },
  {
    key: 'app.theme',
    type: 'string',
    enum: ['light', 'dark', 'system'],
    description: 'Theme',
    enforceable: false,
  },
  { key: 'media.lang', ...LANG, description: 'Media language (code)', enforceable: true },
  { key: 'media.langFallback', ...LANG, description: 'Fallback media language', enforceable: true },
  { key: 'media.langSubs', ...LANG, description: 'Subtitle language', enforceable: true },
  { key: 'media.enableSubtitles', type: 'boolean', description: 'Subtitles on', enforceable: true },
  {
    key: 'media.maxRes',
    type: 'string',
    enum: ['240p', '360p', '480p', '720p'],
    description: 'Maximum video resolution',
    enforceable: true,
  },
  {
    key: 'media.excludeTh',
    type: 'boolean',
    description: 'Leave out Teaching brochure images',
    enforceable: true,
  },
  { key: 'meeting.mwDay', ...DAY, description: 'Midweek meeting day (0 = Monday)', enforceable: true },
  { key: 'meeting.weDay', ...DAY, description: 'Weekend meeting day (0 = Monday)', enforceable: true },
  { key: 'meeting.mwStartTime', ...TIME, description: 'Midweek meeting start time', enforceable: true },
  { key: 'meeting.weStartTime', ...TIME, description: 'Weekend meeting start time', enforceable: true },
  {
    key: 'meeting.coWeek',
    type: 'string',
    pattern: '^(\\d{4}-\\d{2}-\\d{2})?$',
    format: 'date',
    description: "Circuit overseer's visit (a date in that week)",
    enforceable: true,
  },
  {
    key: 'meeting.enableMusicButton',
    type: 'boolean',
    description: 'Background music button',
    enforceable: true,
  },
  {
    key: 'meeting.autoStartMusic',
    type: 'boolean',
    description: 'Start music before meetings',
    enforceable: true,
  },
  {
    key: 'meeting.musicVolume',
    type: 'integer',
    minimum: 1,
    maximum: 100,
    description: 'Music volume (%)',
    enforceable: true,
  },
  {
    key: 'meeting.musicFadeOutTime',
    type: 'integer',
    minimum: 5,
    maximum: 60,
    description: 'Music fade-out (seconds)',
    enforceable: true,
  },
];

export const HOST_DEFAULTS: Record<string, Json> = {
  'app.congregationName': '',
  'app.localAppLang': 'en',
  'app.outputFolderDateFormat': 'YYYY-MM-DD',
  'app.theme': 'system',
  'media.lang': 'E',
  'media.langFallback': '',
  'media.langSubs': '',
  'media.enableSubtitles': false,
  'media.maxRes': '720p',
  'media.excludeTh': true,
  'meeting.mwDay': 2,
  'meeting.weDay': 6,
  'meeting.mwStartTime': '19:00',
  'meeting.weStartTime': '10:00',
  'meeting.coWeek': '',
  'meeting.enableMusicButton': true,
  'meeting.autoStartMusic': true,
  'meeting.musicVolume': 100,
  'meeting.musicFadeOutTime': 30,
};

interface Stored {
  values: Record<string, Json>;
  enforced: Record<string, Record<string, Json>>;
}

export class SettingsError extends Error {}

/** The host's settings store; `forPlugin` gives the contract's view, where `enforce` replaces that plugin's set. */
export class HostSettingsStore {
  private readonly file: string;
  private stored: Stored;
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(profileDir: string) {
    this.file = path.join(profileDir, 'settings.json');
    this.stored = { values: {}, enforced: {}, ...readJsonFile<Partial<Stored>>(this.file, {}) };
  }

  schema(): HostSettingSchema[] {
    return [...HOST_SETTINGS];
  }

  get<T extends Json = Json>(key: string): T | undefined {
    return (this.enforced()[key] ?? this.stored.values[key] ?? HOST_DEFAULTS[key]) as T | undefined;
  }

  enforced(): Record<string, Json> {
    return Object.assign({}, ...Object.values(this.stored.enforced));
  }

  /** The plugin that locked a key, if any. */
  lockedBy(key: string): string | undefined {
    return Object.entries(this.stored.enforced).find(([, values]) => key in values)?.[0];
  }

  /** Sets the user's own value; refused for an unknown key, an invalid value or a key that is locked. */
  set(key: string, value: Json): void {
    this.check(key, value);
    const owner = this.lockedBy(key);
    if (owner)
      throw new SettingsError(
        `${key} is enforced by your congregation (${owner}) and cannot be changed here`,
      );
    this.stored.values[key] = value;
    this.save();
  }

  enforceFor(pluginId: string, values: Record<string, Json>): void {
    for (const [key, value] of Object.entries(values)) {
      const schema = this.check(key, value);
      if (!schema.enforceable) throw new SettingsError(`${key} cannot be enforced`);
    }
    const next = Object.keys(values).length === 0 ? undefined : { ...values };
    // Each sync enforces what it enforced before: the same set is no change, written nowhere.
    if (JSON.stringify(this.stored.enforced[pluginId]) === JSON.stringify(next)) return;
    if (next) this.stored.enforced[pluginId] = next;
    else delete this.stored.enforced[pluginId];
    this.save();
  }

  forPlugin(pluginId: string, language: () => Language = () => 'en'): HostSettings {
    return {
      schema: () => localisedSchema(this.schema(), language()),
      get: (key) => this.get(key),
      enforce: async (values) => this.enforceFor(pluginId, values),
      enforced: () => this.enforced(),
      onDidChange: this.onDidChange,
    };
  }

  private check(key: string, value: Json): HostSettingSchema {
    const schema = HOST_SETTINGS.find((s) => s.key === key);
    if (!schema) throw new SettingsError(`unknown setting "${key}"`);
    const result = settingValidator(schema).safeParse(value);
    if (!result.success) {
      throw new SettingsError(`${key}: ${result.error.issues.map((i) => i.message).join('; ')}`);
    }
    return schema;
  }

  private save(): void {
    writeJsonFile(this.file, this.stored);
    this.changed.fire();
  }
}
