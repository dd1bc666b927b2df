/** A plugin's configuration in the profile, validated against the JSON schema of its manifest. */
import path from 'node:path';
import * as z from 'zod';
import type { Configuration, ConfigurationChange, Json } from '../contract/api.js';
import { Emitter } from './events.js';
import { type Language, text } from './i18n.js';
import { readJsonFile, writeJsonFile } from './json-file.js';
import { valueProblem } from './value-problem.js';

type PropertySchema = Record<string, unknown>;

export class ConfigurationError extends Error {}

export class ConfigurationStore implements Configuration {
  private readonly changed = new Emitter<ConfigurationChange>();
  readonly onDidChange = this.changed.event;
  private values: Record<string, Json>;
  private readonly overrides: Record<string, Json> = {};

  constructor(
    private readonly file: string,
    private readonly properties: Record<string, PropertySchema>,
    private readonly language: () => Language = () => 'en',
  ) {
    this.values = readJsonFile<Record<string, Json>>(file, {});
  }

  static forPlugin(
    profileDir: string,
    pluginId: string,
    properties: Record<string, PropertySchema>,
    language?: () => Language,
  ) {
    return new ConfigurationStore(path.join(profileDir, 'config', `${pluginId}.json`), properties, language);
  }

  get<T extends Json = Json>(key: string): T | undefined {
    const value =
      this.overrides[key] ?? this.values[key] ?? (this.properties[key]?.default as Json | undefined);
    return value as T | undefined;
  }

  keys(): string[] {
    return Object.keys(this.properties);
  }

  async update(key: string, value: Json | undefined): Promise<void> {
    if (value === undefined) delete this.values[key];
    else this.values[key] = this.validate(key, value);
    writeJsonFile(this.file, this.values);
    this.changed.fire({ affects: (k) => k === key });
  }

  /** Values for this process only (the CLI's flags): validated, never written to the profile. */
  override(key: string, value: Json): void {
    this.overrides[key] = this.validate(key, value);
    this.changed.fire({ affects: (k) => k === key });
  }

  validate(key: string, value: Json): Json {
    const schema = this.properties[key];
    const language = this.language();
    if (!schema)
      throw new ConfigurationError(text(language, 'config.unknown', { key, known: this.keys().join(', ') }));
    const result = z.fromJSONSchema(schema as never).safeParse(value);
    if (result.success) return value;
    const reason = valueProblem(schema, value, language);
    // An address with user:password@ is refused; the password in it must not be echoed back.
    const shown = JSON.stringify(value).replace(/(\/\/)[^/@\s"]*@/g, '$1***@');
    throw new ConfigurationError(`${key}: ${reason} ${text(language, 'config.got', { value: shown })}`);
  }
}

/** Parses a value typed on the command line by the schema's type: numbers and booleans as such, else text. */
export function parseCliValue(schema: PropertySchema | undefined, text: string): Json {
  const type = schema?.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}
