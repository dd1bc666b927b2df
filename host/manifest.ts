/** Loading and validating a plugin's manifest.json, with its localisation files (manifest.nls[.<lang>].json). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
// The three functions only: all of semver takes milliseconds to load, at every start.
import satisfies from 'semver/functions/satisfies.js';
import valid from 'semver/functions/valid.js';
import validRange from 'semver/ranges/valid.js';
import * as z from 'zod';

const commandContribution = z.object({
  command: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/i, 'a command id uses letters, digits, dots and dashes'),
  title: z.string().min(1),
  /** A short title for a button (menus). */
  shortTitle: z.string().min(1).optional(),
  category: z.string().optional(),
});

/** A command offered at a place of the host's media list (a button per date, for the list, or per item). */
const menuEntry = z.object({
  command: z.string(),
  /** Which items show it (media/item): `key`, `!key`, `key == value`, `key != value`, joined by `&&`. */
  when: z.string().optional(),
  /** What the host asks before it runs the command: files to upload, or a new name for the item. */
  input: z.enum(['files', 'newName']).optional(),
  /** For `files`: the file types the picker offers, as an HTML `accept` value (`.png,.mp4`). */
  accept: z.string().optional(),
  /** The host asks for a yes first. */
  confirm: z.boolean().optional(),
});

export type MenuEntry = z.infer<typeof menuEntry>;

export const MENU_PLACES = ['media/date', 'media/list', 'media/item'] as const;

const configurationContribution = z
  .object({
    title: z.string().optional(),
    type: z.literal('object'),
    properties: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .loose();

export const manifestSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  version: z.string().refine((v) => valid(v) !== null, 'not a semantic version such as 1.2.3'),
  publisher: z.string().min(1),
  description: z.string().default(''),
  main: z.string().min(1),
  engines: z.object({
    presenter: z.string().refine((r) => validRange(r) !== null, 'not a version range such as ^1.0.0'),
  }),
  contributes: z
    .object({
      commands: z.array(commandContribution).default([]),
      configuration: configurationContribution.optional(),
      menus: z.partialRecord(z.enum(MENU_PLACES), z.array(menuEntry)).default({}),
    })
    .default({ commands: [], menus: {} }),
});

export type Manifest = z.infer<typeof manifestSchema>;

export class ManifestError extends Error {}

/** Reads, localises and validates `<folder>/manifest.json`; throws ManifestError with a readable reason. */
export async function loadManifest(folder: string, hostVersion: string, language: string): Promise<Manifest> {
  const file = path.join(folder, 'manifest.json');
  const raw = await readJson(file);
  const base = language.split('-')[0]?.toLowerCase() ?? language;
  const names = ['manifest.nls.json', `manifest.nls.${base}.json`];
  if (base !== language) names.push(`manifest.nls.${language}.json`);
  const nls = Object.assign({}, ...(await Promise.all(names.map((name) => readNls(folder, name)))));
  const parsed = manifestSchema.safeParse(localise(raw, nls));
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new ManifestError(`${file} is not a valid plugin manifest: ${why}`);
  }
  const manifest = parsed.data;
  if (!satisfies(hostVersion, manifest.engines.presenter)) {
    throw new ManifestError(
      `${manifest.id} needs presenter ${manifest.engines.presenter}, but this presenter is ${hostVersion}`,
    );
  }
  return manifest;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ManifestError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

async function readNls(folder: string, name: string): Promise<Record<string, string>> {
  try {
    const value = JSON.parse(await readFile(path.join(folder, name), 'utf8'));
    return z.record(z.string(), z.string()).parse(value);
  } catch {
    return {};
  }
}

/** Replaces `%key%` strings by their localised text, as editor extensions do. */
export function localise(value: unknown, nls: Record<string, string>): unknown {
  if (typeof value === 'string') {
    const key = /^%([^%]+)%$/.exec(value)?.[1];
    return key !== undefined && key in nls ? nls[key] : value;
  }
  if (Array.isArray(value)) return value.map((v) => localise(v, nls));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localise(v, nls)]));
  }
  return value;
}
