/** The host settings' schema in a language: each setting's label, and its values' labels (weekday names, on/off,
 * languages' names, the choices of a list), as the settings page shows them and plugins get them. */
import type { HostSettingSchema } from '../contract/api.js';
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

function valueLabels(s: HostSettingSchema, language: Language): Record<string, string> | undefined {
  if (s.type === 'boolean') return booleanLabels(language);
  if (WEEKDAY_KEYS.has(s.key))
    return Object.fromEntries(weekdayNames(language).map((name, i) => [String(i), name]));
  if (LANGUAGE_KEYS.has(s.key)) return { '': noneLabel(language), ...mediaLanguageNames(language) };
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
