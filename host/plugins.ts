/**
 * The installed plugins of a profile (`plugins.json`: their folders and which are disabled), and installing a
 * plugin's release artifact (a .tgz made by `npm run package`) into `<profile>/plugins/<id>/`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readJsonFile, writeJsonFile } from './json-file.js';
import { loadManifest, type Manifest, ManifestError } from './manifest.js';
import { HOST_VERSION, type Host, type LoadResult } from './runtime.js';

interface PluginsFile {
  /** Plugin folders, in load order. */
  folders: string[];
  /** Ids of plugins that stay installed but are not enabled. */
  disabled: string[];
}

export interface InstalledPlugin {
  folder: string;
  /** Known when the manifest is valid. */
  id?: string;
  manifest?: Manifest;
  /** Why the manifest could not be read. */
  error?: string;
  enabled: boolean;
}

export class PluginRegistryError extends Error {}

export class PluginRegistry {
  readonly file: string;
  readonly pluginsDir: string;

  /** `defaultFolders` are the plugins of a profile that has no plugins.json yet. */
  constructor(
    readonly profileDir: string,
    private readonly defaultFolders: string[],
  ) {
    this.file = path.join(profileDir, 'plugins.json');
    this.pluginsDir = path.join(profileDir, 'plugins');
  }

  private read(): PluginsFile {
    const saved = readJsonFile<Partial<PluginsFile>>(this.file, {});
    return {
      folders: Array.isArray(saved.folders) ? saved.folders.filter((f) => typeof f === 'string') : [],
      disabled: Array.isArray(saved.disabled) ? saved.disabled.filter((d) => typeof d === 'string') : [],
      ...(existsSync(this.file) ? {} : { folders: this.defaultFolders.map((f) => path.resolve(f)) }),
    };
  }

  private write(value: PluginsFile): void {
    writeJsonFile(this.file, value);
  }

  folders(): string[] {
    return this.read().folders;
  }

  isDisabled(id: string): boolean {
    return this.read().disabled.includes(id);
  }

  /** Every installed plugin with its manifest (in `language`), also the disabled ones. */
  async list(language: string): Promise<InstalledPlugin[]> {
    const { folders, disabled } = this.read();
    return Promise.all(
      folders.map(async (folder): Promise<InstalledPlugin> => {
        try {
          const manifest = await loadManifest(folder, HOST_VERSION, language);
          return { folder, id: manifest.id, manifest, enabled: !disabled.includes(manifest.id) };
        } catch (error) {
          return { folder, error: (error as Error).message, enabled: false };
        }
      }),
    );
  }

  /** The folder of an installed plugin. */
  async folderOf(id: string): Promise<string> {
    const found = (await this.list('en')).find((p) => p.id === id);
    if (!found) throw new PluginRegistryError(`no plugin "${id}" is installed`);
    return found.folder;
  }

  /** Records that a plugin is enabled or disabled (it must be installed). */
  async setEnabled(id: string, enabled: boolean): Promise<void> {
    await this.folderOf(id);
    const value = this.read();
    const disabled = value.disabled.filter((d) => d !== id);
    this.write({ ...value, disabled: enabled ? disabled : [...disabled, id] });
  }

  /** Adds a plugin folder; a folder of another plugin with the same id is replaced. */
  async add(folder: string, id: string): Promise<void> {
    const others = (await this.list('en')).filter((p) => p.id !== id && path.resolve(p.folder) !== folder);
    const value = this.read();
    const kept = value.folders.filter((f) => others.some((o) => o.folder === f));
    this.write({ ...value, folders: [...kept, path.resolve(folder)] });
  }

  /** Installs a release artifact into `<profile>/plugins/<id>/` and records it; returns the installed plugin. */
  async install(artifact: string, language: string): Promise<InstalledPlugin> {
    const entries = readArtifact(artifact);
    mkdirSync(this.pluginsDir, { recursive: true, mode: 0o700 });
    const staging = path.join(this.pluginsDir, `.install-${randomBytes(6).toString('hex')}`);
    try {
      for (const entry of entries) {
        const target = path.join(staging, ...entry.name.split('/'));
        if (!isInside(staging, target))
          throw new PluginRegistryError(`${entry.name}: outside the plugin folder`);
        if (entry.type === 'dir') mkdirSync(target, { recursive: true });
        else {
          mkdirSync(path.dirname(target), { recursive: true });
          writeFileSync(target, entry.data, { mode: 0o644 });
        }
      }
      let manifest: Manifest;
      try {
        manifest = await loadManifest(staging, HOST_VERSION, language);
      } catch (error) {
        const why = error instanceof ManifestError ? error.message.replaceAll(staging, '') : String(error);
        throw new PluginRegistryError(`${path.basename(artifact)} is not a valid plugin: ${why}`);
      }
      const main = path.resolve(staging, manifest.main);
      if (!isInside(staging, main) || !existsSync(main))
        throw new PluginRegistryError(`${path.basename(artifact)} lacks its bundle ${manifest.main}`);
      const folder = path.join(this.pluginsDir, manifest.id);
      rmSync(folder, { recursive: true, force: true });
      renameSync(staging, folder);
      await this.add(folder, manifest.id);
      return { folder, id: manifest.id, manifest, enabled: !this.isDisabled(manifest.id) };
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
}

/** Loads every enabled plugin of the registry into the host; a failure is reported, the others still load. */
export async function loadEnabledPlugins(host: Host, registry: PluginRegistry): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  for (const plugin of await registry.list(host.language)) {
    if (plugin.error) results.push({ ok: false, error: plugin.error });
    else if (plugin.enabled) results.push(await host.load(plugin.folder, plugin.manifest));
  }
  return results;
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

const MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

export interface ArtifactEntry {
  name: string;
  type: 'file' | 'dir';
  data: Buffer;
}

/**
 * Reads a gzip'd tar (ustar, with pax path records) into memory and checks every entry: only files and folders,
 * relative names without `..`, no absolute paths, no links or devices. Throws before anything touches the disk.
 */
export function readArtifact(file: string): ArtifactEntry[] {
  const size = statSync(file).size;
  if (size > MAX_ARTIFACT_BYTES) throw new PluginRegistryError(`${path.basename(file)} is too large`);
  let tar: Buffer;
  try {
    tar = gunzipSync(readFileSync(file), { maxOutputLength: MAX_UNPACKED_BYTES });
  } catch (error) {
    throw new PluginRegistryError(`${path.basename(file)} is not a .tgz: ${(error as Error).message}`);
  }
  const entries: ArtifactEntry[] = [];
  let offset = 0;
  let paxPath: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const bytes = Number.parseInt(field(124, 12).trim() || '0', 8);
    if (!Number.isFinite(bytes) || bytes < 0) throw new PluginRegistryError('a damaged tar header');
    const type = field(156, 1) || '0';
    const prefix = field(345, 155);
    const data = tar.subarray(offset + 512, offset + 512 + bytes);
    if (data.length !== bytes) throw new PluginRegistryError('the artifact is cut short');
    offset += 512 + Math.ceil(bytes / 512) * 512;
    if (type === 'x') {
      paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))?.[1];
      continue;
    }
    if (type === 'g') continue;
    const rawName = paxPath ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    paxPath = undefined;
    if (type !== '0' && type !== '5')
      throw new PluginRegistryError(`${rawName}: only files and folders are allowed in a plugin`);
    const name = checkEntryName(rawName);
    if (name === '') continue; // the archive's own top folder "./"
    entries.push({ name, type: type === '5' ? 'dir' : 'file', data: Buffer.from(data) });
  }
  if (entries.length === 0) throw new PluginRegistryError(`${path.basename(file)} is empty`);
  return entries;
}

/** A safe relative name (forward slashes, no `.`/`..` segments), or throws. */
function checkEntryName(raw: string): string {
  if (raw.includes('\\') || raw.includes('\0') || raw.startsWith('/') || /^[a-z]:/i.test(raw))
    throw new PluginRegistryError(`${raw}: an absolute path is not allowed in a plugin`);
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new PluginRegistryError(`${raw}: ".." is not allowed in a plugin`);
  return segments.join('/');
}
