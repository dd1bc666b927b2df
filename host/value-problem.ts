/** Why a value was refused, in the host's language, from the schema it failed (a plugin's JSON schema property or a
 * host setting): what to enter instead, never a validator's wording. */
import { type Language, text } from './i18n.js';

export interface ValueSchema {
  type?: unknown;
  enum?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  maxLength?: unknown;
  patternErrorMessage?: unknown;
}

export function valueProblem(schema: ValueSchema, value: unknown, language: Language): string {
  const { type, minimum: min, maximum: max } = schema;
  const bounded = typeof min === 'number' && typeof max === 'number';
  if (Array.isArray(schema.enum)) return text(language, 'server.oneOf', { values: schema.enum.join(', ') });
  if (type === 'integer')
    return bounded ? text(language, 'server.range', { min, max }) : text(language, 'server.integer');
  if (type === 'number')
    return bounded ? text(language, 'server.numberRange', { min, max }) : text(language, 'server.number');
  if (type === 'boolean') return text(language, 'server.boolean');
  if (type === 'string') {
    if (typeof value !== 'string') return text(language, 'server.text');
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      return text(language, 'server.maxLength', { max: schema.maxLength });
    if (typeof schema.patternErrorMessage === 'string') return schema.patternErrorMessage;
  }
  return text(language, 'server.form');
}
