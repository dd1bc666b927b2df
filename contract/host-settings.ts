/** The value of a host setting, checked against its schema (HostSettingSchema): by the host when a value is set, by
 * a plugin before it asks the host to enforce one. */
import * as z from 'zod';
import type { HostSettingSchema } from './api.js';

/** Longer text is no setting value, and would lock a presenter's settings page. */
const MAX_TEXT = 200;

/** The zod schema of one host setting's value. */
export function settingValidator(s: HostSettingSchema): z.ZodType {
  switch (s.type) {
    case 'boolean':
      return z.boolean();
    case 'integer':
      return withRange(z.int(), s.minimum, s.maximum);
    case 'number':
      return withRange(z.number(), s.minimum, s.maximum);
    case 'string':
      return stringValidator(s.enum, s.pattern);
    default:
      return z.never();
  }
}

function withRange(base: z.ZodNumber, minimum?: number, maximum?: number): z.ZodNumber {
  const atLeast = minimum === undefined ? base : base.min(minimum);
  return maximum === undefined ? atLeast : atLeast.max(maximum);
}

function stringValidator(choices?: readonly string[], pattern?: string): z.ZodType {
  let regex: RegExp | undefined;
  try {
    regex = pattern === undefined ? undefined : new RegExp(pattern);
  } catch {
    // A broken pattern in the host's schema must not make the whole file unreadable.
    return z.never();
  }
  const base = regex ? z.string().max(MAX_TEXT).regex(regex) : z.string().max(MAX_TEXT);
  return choices ? base.refine((value) => choices.includes(value)) : base;
}

/** A value as the host's settings page shows it: its label where the schema has one, else the value itself. */
export function formatSettingValue(s: Pick<HostSettingSchema, 'valueLabels'>, value: unknown): string {
  const shown = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  return s.valueLabels?.[typeof value === 'string' ? value : String(value)] ?? shown;
}
