import type { HostSettingSchema, Json } from '../../contract/api.js';
import { settingValidator } from '../../contract/host-settings.js';
import { utf8Bytes } from './utf8.js';

/** A key of forcedPrefs.json that is not applied, with why. */
export interface Rejected {
  key: string;
  reason: string;
}

/** The applicable settings of forcedPrefs.json (dotted keys) and what was rejected. */
export interface ForcedPrefs {
  values: Record<string, Json>;
  rejected: Rejected[];
}

export type ForcedPrefsErrorReason = 'too-large' | 'not-json' | 'not-object';

/** The whole file is unusable. */
export class ForcedPrefsError extends Error {
  constructor(
    public readonly reason: ForcedPrefsErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'ForcedPrefsError';
  }
}

/** Flat preference names of M³ before v22, mapped to today's dotted keys. */
export const LEGACY_KEYS: Record<string, string> = Object.freeze({
  congName: 'app.congregationName',
  localAppLang: 'app.localAppLang',
  outputFolderDateFormat: 'app.outputFolderDateFormat',
  localOutputFolderDateFormat: 'app.outputFolderDateFormat',
  lang: 'media.lang',
  langFallback: 'media.langFallback',
  langSubs: 'media.langSubs',
  enableSubtitles: 'media.enableSubtitles',
  maxRes: 'media.maxRes',
  enableMp4Conversion: 'media.enableMp4Conversion',
  keepOriginalsAfterConversion: 'media.keepOriginalsAfterConversion',
  excludeTh: 'media.excludeTh',
  excludeLffImages: 'media.excludeLffImages',
  includePrinted: 'media.includePrinted',
  mwDay: 'meeting.mwDay',
  weDay: 'meeting.weDay',
  mwStartTime: 'meeting.mwStartTime',
  weStartTime: 'meeting.weStartTime',
  coWeek: 'meeting.coWeek',
  enableMusicButton: 'meeting.enableMusicButton',
  musicVolume: 'meeting.musicVolume',
  autoStartMusic: 'meeting.autoStartMusic',
  musicFadeOutTime: 'meeting.musicFadeOutTime',
  musicFadeOutType: 'meeting.musicFadeOutType',
  specialCong: 'meeting.specialCong',
});

const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** One key of the file, before validation. */
interface Candidate {
  /** The key as written in the file (dotted for nested groups). */
  fileKey: string;
  settingKey: string;
  value: Json;
  legacy: boolean;
}

/** Reads forcedPrefs.json; throws ForcedPrefsError only when the file as a whole is unusable. */
export function parseForcedPrefs(
  text: string,
  schema: readonly HostSettingSchema[],
  maxBytes = 1 << 20,
): ForcedPrefs {
  const root = readRoot(text, maxBytes);
  const settings = new Map(schema.map((setting) => [setting.key, setting]));
  const maxLevels = Math.max(1, ...schema.map((setting) => setting.key.split('.').length));
  const values = new Map<string, Json>();
  const rejected: Rejected[] = [];
  const candidates = collect(root, maxLevels);
  // New-format keys win over legacy ones naming the same setting.
  candidates.sort((a, b) => Number(a.legacy) - Number(b.legacy));
  for (const candidate of candidates) {
    const reason = checkCandidate(candidate, settings, values);
    if (typeof reason === 'string') rejected.push({ key: candidate.fileKey, reason });
    else values.set(candidate.settingKey, reason.value);
  }
  return { values: Object.fromEntries(values), rejected };
}

function readRoot(text: string, maxBytes: number): Record<string, Json> {
  if (typeof text !== 'string') throw new ForcedPrefsError('not-json', 'forcedPrefs.json is not text');
  // A string's UTF-8 size is never below its length, so huge files are refused without counting.
  if (text.length > maxBytes || utf8Bytes(text) > maxBytes) {
    throw new ForcedPrefsError('too-large', `forcedPrefs.json is larger than ${maxBytes} bytes`);
  }
  let root: unknown;
  try {
    root = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new ForcedPrefsError('not-json', `forcedPrefs.json is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(root)) {
    throw new ForcedPrefsError('not-object', `forcedPrefs.json holds ${describeJson(root)}, not an object`);
  }
  return root;
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Flattens nested groups to dotted keys and maps top-level flat keys through LEGACY_KEYS. */
function collect(root: Record<string, Json>, maxLevels: number): Candidate[] {
  const candidates: Candidate[] = [];
  const walk = (key: string, value: Json, level: number): void => {
    // Below the deepest setting key an object can only be a (wrong) value; this also bounds the recursion.
    if (!isObject(value) || level >= maxLevels) {
      candidates.push({ fileKey: key, settingKey: key, value, legacy: false });
    } else {
      for (const [name, child] of Object.entries(value)) walk(`${key}.${name}`, child, level + 1);
    }
  };
  for (const [key, value] of Object.entries(root)) {
    if (isObject(value)) walk(key, value, 1);
    else if (!key.includes('.') && Object.hasOwn(LEGACY_KEYS, key)) {
      candidates.push({ fileKey: key, settingKey: LEGACY_KEYS[key] as string, value, legacy: true });
    } else candidates.push({ fileKey: key, settingKey: key, value, legacy: false });
  }
  return candidates;
}

/** The value to apply, or why the candidate is rejected. */
function checkCandidate(
  candidate: Candidate,
  settings: ReadonlyMap<string, HostSettingSchema>,
  values: ReadonlyMap<string, Json>,
): { value: Json } | string {
  const { fileKey, settingKey, value } = candidate;
  if (fileKey.split('.').some((name) => FORBIDDEN_NAMES.has(name))) return 'forbidden key name';
  const setting = settings.get(settingKey);
  if (!setting) return 'not a setting of this presenter';
  if (!setting.enforceable) return 'not enforceable';
  if (values.has(settingKey)) return `${settingKey} is already set by another key`;
  const coerced = coerce(value, setting);
  if (!settingValidator(setting).safeParse(coerced).success) {
    return `expected ${expectation(setting)}, got ${describeJson(value)}`;
  }
  return { value: coerced };
}

/** Old files stored numbers and booleans as strings; only exact literals are converted. */
function coerce(value: Json, setting: HostSettingSchema): Json {
  if (typeof value !== 'string') return value;
  switch (setting.type) {
    case 'integer':
      return /^-?\d+$/.test(value) ? Number(value) : value;
    case 'number':
      return /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(value) ? Number(value) : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    default:
      return value;
  }
}

/** "an integer from 0 to 6", for reasons. */
function expectation(s: HostSettingSchema): string {
  switch (s.type) {
    case 'boolean':
      return 'true or false';
    case 'integer':
      return `an integer${range(s.minimum, s.maximum)}`;
    case 'number':
      return `a number${range(s.minimum, s.maximum)}`;
    case 'string': {
      if (s.enum) return `one of ${s.enum.map((choice) => JSON.stringify(choice)).join(', ')}`;
      return s.pattern === undefined ? 'a string' : `a string matching ${s.pattern}`;
    }
    default:
      return 'a value this presenter knows';
  }
}

function range(minimum?: number, maximum?: number): string {
  if (minimum !== undefined && maximum !== undefined) return ` from ${minimum} to ${maximum}`;
  if (minimum !== undefined) return ` of at least ${minimum}`;
  return maximum === undefined ? '' : ` of at most ${maximum}`;
}

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (isObject(value)) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The nested format, keys sorted at every level, 2-space indent, trailing newline. */
export function serializeForcedPrefs(values: Record<string, Json>): string {
  const tree: Record<string, Json> = Object.create(null);
  for (const key of Object.keys(values).sort()) {
    if (!insert(tree, key.split('.'), values[key] as Json)) tree[key] = values[key] as Json;
  }
  return `${JSON.stringify(sortKeys(tree), null, 2)}\n`;
}

/** Places a value at a path of groups; false when a group and a value would collide there. */
function insert(tree: Record<string, Json>, names: string[], value: Json): boolean {
  let node = tree;
  for (const name of names.slice(0, -1)) {
    if (!Object.hasOwn(node, name)) node[name] = Object.create(null);
    const next = node[name];
    if (!isObject(next)) return false;
    node = next;
  }
  const last = names[names.length - 1] as string;
  if (Object.hasOwn(node, last)) return false;
  node[last] = value;
  return true;
}

function sortKeys(value: Json): Json {
  if (!isObject(value)) return value;
  const sorted: Record<string, Json> = Object.create(null);
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key] as Json);
  return sorted;
}
