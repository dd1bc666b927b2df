/** The host settings' schema in a language: each setting's label, and its values' labels (weekday names, on/off,
 * languages' names, the choices of a list), as the settings page shows them and plugins get them. */
import type { HostSettingSchema, IsoDate } from '../contract/api.js';
import { DATE_FORMATS, formatDateFolder } from '../contract/media-folders.js';
import {
  booleanLabels,
  enumLabel,
  type Language,
  mediaLanguageNames,
  noneLabel,
  settingLabel,
  weekdayNames,
} from './i18n.js';

const WEEKDAY_KEYS = new Set(['meeting.mwDay', 'meeting.weDay']);
const LANGUAGE_KEYS = new Set(['media.lang', 'media.langFallback', 'media.langSubs']);
/** The date-folder formats are shown as the folder of this one date would be named: a fixed Wednesday, so that a
 * choice reads the same on any day and wherever a picker shows it (the settings page, a plugin's list). */
const EXAMPLE_DATE: IsoDate = '2026-12-09';

function valueLabels(s: HostSettingSchema, language: Language): Record<string, string> | undefined {
  if (s.type === 'boolean') return booleanLabels(language);
  if (WEEKDAY_KEYS.has(s.key))
    return Object.fromEntries(weekdayNames(language).map((name, i) => [String(i), name]));
  if (LANGUAGE_KEYS.has(s.key)) return { '': noneLabel(language), ...mediaLanguageNames(language) };
  if (s.key === 'app.outputFolderDateFormat')
    return Object.fromEntries(DATE_FORMATS.map((f) => [f, formatDateFolder(EXAMPLE_DATE, f, language)]));
  if (s.type === 'string' && s.enum)
    return Object.fromEntries(s.enum.map((v) => [v, enumLabel(language, s.key, v)]));
  return undefined;
}

export function localisedSetting(s: HostSettingSchema, language: Language): HostSettingSchema {
  return {
    ...s,
    description: settingLabel(language, s.key, s.description),
    valueLabels: valueLabels(s, language),
  };
}

export function localisedSchema(
  schema: readonly HostSettingSchema[],
  language: Language,
): HostSettingSchema[] {
  return schema.map((s) => localisedSetting(s, language));
}
