/**
 * The three-way merge of congregation-wide settings (forcedPrefs.json, by dotted key), so that two organisers who
 * change different settings at the same time both keep their change. `base` is what this organiser's change was
 * made against, `mine` is `base` with the change applied, `theirs` is what the server holds now. A key absent from
 * a side is a setting that side does not enforce.
 */
import type { Json } from '../../contract/api.js';

/** A setting both sides changed from `base`, to different values (undefined: not enforced). */
export interface SettingConflict {
  key: string;
  mine: Json | undefined;
  theirs: Json | undefined;
}

export interface MergedSettings {
  /** The merged settings; where a key conflicts it keeps `theirs`, so the file never holds a mixture. */
  values: Record<string, Json>;
  conflicts: SettingConflict[];
}

/** Per key: a side that did not change it takes the other side's value; both changed it alike is no conflict. */
export function mergeSettings(
  base: Readonly<Record<string, Json>>,
  mine: Readonly<Record<string, Json>>,
  theirs: Readonly<Record<string, Json>>,
): MergedSettings {
  const values: Record<string, Json> = {};
  const conflicts: SettingConflict[] = [];
  const keys = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
  for (const key of [...keys].sort()) {
    const b = valueAt(base, key);
    const m = valueAt(mine, key);
    const t = valueAt(theirs, key);
    const mineChanged = !sameJson(m, b);
    const conflict = mineChanged && !sameJson(t, b) && !sameJson(m, t);
    if (conflict) conflicts.push({ key, mine: m, theirs: t });
    const value = mineChanged && !conflict ? m : t;
    if (value !== undefined) values[key] = value;
  }
  return { values, conflicts };
}

function valueAt(values: Readonly<Record<string, Json>>, key: string): Json | undefined {
  return Object.hasOwn(values, key) ? values[key] : undefined;
}

/** Equal as JSON values: objects compared by their keys' values, whatever their order. */
export function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameJson(item, b[i]));
  }
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
}
