/** The host's plugin lifecycle: manifest validation, localisation, activation/deactivation, command routing. */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HOST_VERSION, type Host } from '../../host/runtime.js';
import { COMMANDS } from '../../src/commands.js';
import { configurationJsonSchema } from '../../src/settings.js';
import { disposeHosts, newHost, openHost, PLUGIN_ID, REPO_ROOT } from '../support/host-harness.js';
import { cleanupTempDirs, makeTempDir } from '../support/servers.js';

type ManifestJson = Record<string, unknown>;

function manifestOf(id: string, overrides: ManifestJson = {}): ManifestJson {
  return {
    id,
    name: 'Tiny test plugin',
    version: '0.1.0',
    publisher: 'tests',
    main: 'plugin.cjs',
    engines: { presenter: '^1.0.0' },
    contributes: {
      commands: [
        { command: `${id}.echo`, title: 'Echo' },
        { command: `${id}.double`, title: 'Double' },
      ],
    },
    ...overrides,
  };
}

/** A CommonJS bundle that records its lifecycle in `globalThis[journal]`. */
function goodBundle(id: string, journal: string): string {
  return `
const log = (globalThis[${JSON.stringify(journal)}] = []);
exports.activate = (ctx) => {
  log.push('activate');
  ctx.subscriptions.push({ dispose: () => log.push('dispose:first') });
  ctx.subscriptions.push(ctx.commands.registerCommand('${id}.echo', (...args) => ({ args })));
  ctx.subscriptions.push(
    ctx.commands.registerCommand('${id}.double', async (x) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return x * 2;
    }),
  );
  ctx.subscriptions.push({ dispose: () => log.push('dispose:last') });
};
exports.deactivate = () => { log.push('deactivate'); };
`;
}

let root: string;
let counter = 0;

/** Writes a plugin folder: manifest.json (an object, or raw text), a bundle and extra files. */
async function writePlugin(
  manifest: ManifestJson | string,
  bundle?: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const dir = path.join(root, `plugin-${++counter}`);
  await fsp.mkdir(dir, { recursive: true });
  await fsp.writeFile(
    path.join(dir, 'manifest.json'),
    typeof manifest === 'string' ? manifest : JSON.stringify(manifest, null, 2),
  );
  if (bundle !== undefined) await fsp.writeFile(path.join(dir, 'plugin.cjs'), bundle);
  for (const [name, text] of Object.entries(extra)) await fsp.writeFile(path.join(dir, name), text);
  return dir;
}

async function freshProfile(): Promise<string> {
  return makeTempDir('cs-host-plugins-profile');
}

beforeAll(async () => {
  root = await makeTempDir('cs-host-plugins');
});

afterEach(async () => {
  await disposeHosts();
});

afterAll(async () => {
  await disposeHosts();
  await cleanupTempDirs();
});

describe('manifest validation', () => {
  const bad: Array<{ name: string; make: () => Promise<string>; error: RegExp }> = [
    {
      name: 'a missing field (publisher)',
      make: () => {
        const { publisher: _gone, ...rest } = manifestOf('no-publisher');
        return writePlugin(rest, goodBundle('no-publisher', '__unused'));
      },
      error: /not a valid plugin manifest: publisher: /,
    },
    {
      name: 'a bad id',
      make: () => writePlugin(manifestOf('Bad_ID!'), goodBundle('Bad_ID!', '__unused')),
      error: /not a valid plugin manifest: id: lower-case letters, digits and dashes/,
    },
    {
      name: 'a bad version',
      make: () =>
        writePlugin(manifestOf('bad-version', { version: '1.0' }), goodBundle('bad-version', '__u')),
      error: /not a valid plugin manifest: version: not a semantic version such as 1\.2\.3/,
    },
    {
      name: 'an invalid engines range',
      make: () =>
        writePlugin(
          manifestOf('bad-range', { engines: { presenter: 'soon' } }),
          goodBundle('bad-range', '__u'),
        ),
      error: /engines\.presenter: not a version range such as \^1\.0\.0/,
    },
    {
      name: 'an engines range this host does not satisfy',
      make: () =>
        writePlugin(
          manifestOf('needs-two', { engines: { presenter: '^2.0.0' } }),
          goodBundle('needs-two', '__u'),
        ),
      error: new RegExp(`^needs-two needs presenter \\^2\\.0\\.0, but this presenter is ${HOST_VERSION}$`),
    },
    {
      name: 'invalid JSON',
      make: () => writePlugin('{ "id": "broken", ', goodBundle('broken', '__u')),
      error: /manifest\.json is not JSON: /,
    },
    {
      name: 'no manifest at all',
      make: async () => {
        const dir = path.join(root, `empty-${++counter}`);
        await fsp.mkdir(dir);
        return dir;
      },
      error: /cannot read .*manifest\.json: ENOENT/,
    },
    {
      name: 'a missing bundle',
      make: () => writePlugin(manifestOf('no-bundle')),
      error: /^no-bundle: its bundle .*plugin\.cjs is missing \(build it first: npm run build\)$/,
    },
    {
      name: 'a bundle that cannot be loaded',
      make: () => writePlugin(manifestOf('syntax-error'), 'exports.activate = () => {'),
      error: /^syntax-error: its bundle could not be loaded: /,
    },
    {
      name: 'a bundle without activate',
      make: () => writePlugin(manifestOf('no-activate'), 'exports.deactivate = () => {};'),
      error: /^no-activate: .*plugin\.cjs exports no activate\(\)$/,
    },
    {
      name: 'a bundle whose activate throws',
      make: () =>
        writePlugin(
          manifestOf('throws'),
          `exports.activate = (ctx) => {
             ctx.subscriptions.push(ctx.commands.registerCommand('throws.echo', () => 1));
             throw new Error('boom on purpose');
           };`,
        ),
      error: /^throws: activate\(\) failed: boom on purpose$/,
    },
  ];

  it.each(bad)('refuses $name with a message naming the cause', async ({ make, error }) => {
    const profileDir = await freshProfile();
    const host = newHost({ profileDir });
    const folder = await make();
    const result = await host.load(folder);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(error);
    // Nothing of the failed plugin stays behind: no plugin, no command, no panel.
    expect(host.plugins.size).toBe(0);
    expect(host.commandIds()).toEqual([]);
    expect(host.panels.size).toBe(0);
    // The failure is logged.
    const log = await fsp.readFile(host.log.file, 'utf8');
    expect(log).toContain('ERROR [host]');
  });

  it('keeps running after every kind of failure: a good plugin loads afterwards on the same host', async () => {
    const host = newHost({ profileDir: await freshProfile() });
    const errors: string[] = [];
    for (const { make } of bad) {
      const result = await host.load(await make());
      expect(result.ok).toBe(false);
      if (!result.ok) errors.push(result.error);
    }
    expect(errors).toHaveLength(bad.length);

    const good = await writePlugin(
      manifestOf('tiny-good'),
      goodBundle('tiny-good', '__tinyGoodAfterFailures'),
    );
    const result = await host.load(good);
    expect(result.ok).toBe(true);
    expect(host.commandIds()).toEqual(['tiny-good.double', 'tiny-good.echo']);
    await expect(host.executeCommand('tiny-good.double', 21)).resolves.toBe(42);

    // And the real plugin too.
    const real = await host.load(REPO_ROOT);
    expect(real.ok).toBe(true);
    expect([...host.plugins.keys()].sort()).toEqual([PLUGIN_ID, 'tiny-good']);
  });

  it('refuses to enable the same plugin twice', async () => {
    const host = newHost({ profileDir: await freshProfile() });
    const folder = await writePlugin(manifestOf('twice'), goodBundle('twice', '__twice'));
    expect((await host.load(folder)).ok).toBe(true);
    const again = await host.load(folder);
    expect(again).toEqual({ ok: false, error: 'twice is already enabled' });
    expect(host.commandIds()).toEqual(['twice.double', 'twice.echo']);
  });
});

describe('localised manifest', () => {
  const titleOf = async (language: string, command: string) => {
    const { plugin } = await openHost({ profileDir: await freshProfile(), language });
    return plugin.manifest.contributes.commands.find((c) => c.command === command)?.title;
  };

  it('gives German command titles with language de (manifest.nls.de.json)', async () => {
    expect(await titleOf('de', COMMANDS.sync)).toBe('Medienordner aktualisieren');
    expect(await titleOf('de', COMMANDS.testConnection)).toBe('Verbindung testen');
  });

  it('gives English titles (manifest.nls.json) otherwise, and for a language without a file', async () => {
    expect(await titleOf('en', COMMANDS.sync)).toBe('Sync congregation');
    expect(await titleOf('fr', COMMANDS.sync)).toBe('Sync congregation');
  });

  it('localises a temp plugin and falls back to manifest.nls.json for keys missing in the language file', async () => {
    const manifest = manifestOf('nls-test', {
      name: '%name%',
      contributes: {
        commands: [
          { command: 'nls-test.echo', title: '%echo%' },
          { command: 'nls-test.double', title: '%double%' },
        ],
      },
    });
    const folder = await writePlugin(manifest, goodBundle('nls-test', '__nls'), {
      'manifest.nls.json': JSON.stringify({ name: 'NLS test', echo: 'Echo', double: 'Double' }),
      'manifest.nls.de.json': JSON.stringify({ echo: 'Echo auf Deutsch' }),
    });
    const host = newHost({ profileDir: await freshProfile(), language: 'de' });
    const result = await host.load(folder);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plugin.manifest.name).toBe('NLS test');
    expect(result.plugin.manifest.contributes.commands.map((c) => c.title)).toEqual([
      'Echo auf Deutsch',
      'Double',
    ]);
  });
});

describe('activation and deactivation', () => {
  let host: Host;

  it('the real plugin registers its 17 commands and a settings panel', async () => {
    ({ host } = await openHost({ profileDir: await freshProfile() }));
    expect(host.commandIds()).toEqual(Object.values(COMMANDS).sort());
    expect(host.commandIds()).toHaveLength(17);
    const panels = host.panels.get(PLUGIN_ID) ?? [];
    expect(panels.map((p) => p.id)).toEqual(['connection']);
    const panel = panels[0];
    expect(panel?.title).toBe('Congregation Sync');
    expect(panel?.fields.map((f) => f.kind)).toEqual([
      'url',
      'text',
      'secret',
      'remote-folder',
      'button',
      'button',
      'button',
      'text',
      'toggle',
      'text',
      'button',
    ]);
    // Every button runs a registered command.
    for (const field of panel?.fields ?? [])
      if (field.kind === 'button') expect(host.commandIds()).toContain(field.command);
  });

  it('host.deactivate(id) disposes its commands and panel; running a gone command rejects naming it', async () => {
    ({ host } = await openHost({ profileDir: await freshProfile() }));
    await host.deactivate(PLUGIN_ID);
    expect(host.commandIds()).toEqual([]);
    expect(host.panels.has(PLUGIN_ID)).toBe(false);
    expect(host.plugins.has(PLUGIN_ID)).toBe(false);
    await expect(host.executeCommand(COMMANDS.sync)).rejects.toThrow(
      `unknown command "${COMMANDS.sync}" (known: none)`,
    );
    // It can be enabled again afterwards.
    const again = await host.load(REPO_ROOT);
    expect(again.ok).toBe(true);
    expect(host.commandIds()).toHaveLength(17);
  });

  it('calls deactivate() first, then disposes subscriptions last in first out, each once', async () => {
    host = newHost({ profileDir: await freshProfile() });
    const journal = '__tinyLifecycle';
    const folder = await writePlugin(manifestOf('tiny-life'), goodBundle('tiny-life', journal));
    expect((await host.load(folder)).ok).toBe(true);
    const log = (globalThis as unknown as Record<string, string[]>)[journal];
    expect(log).toEqual(['activate']);
    await host.deactivate('tiny-life');
    expect(log).toEqual(['activate', 'deactivate', 'dispose:last', 'dispose:first']);
    // A second deactivation of a plugin that is gone is harmless and disposes nothing again.
    await host.deactivate('tiny-life');
    expect(log).toEqual(['activate', 'deactivate', 'dispose:last', 'dispose:first']);
    expect(host.commandIds()).toEqual([]);
  });

  it('a deactivate() that throws is logged, and the subscriptions are disposed all the same', async () => {
    host = newHost({ profileDir: await freshProfile() });
    const journal = '__tinyThrowingDeactivate';
    const bundle = `${goodBundle('tiny-bad-off', journal)}
exports.deactivate = () => { throw new Error('cannot stop'); };`;
    const folder = await writePlugin(manifestOf('tiny-bad-off'), bundle);
    expect((await host.load(folder)).ok).toBe(true);
    await host.deactivate('tiny-bad-off');
    expect((globalThis as unknown as Record<string, string[]>)[journal]).toEqual([
      'activate',
      'dispose:last',
      'dispose:first',
    ]);
    expect(host.commandIds()).toEqual([]);
    const log = await fsp.readFile(host.log.file, 'utf8');
    expect(log).toContain('ERROR [host] tiny-bad-off: deactivate() failed: cannot stop');
  });

  it('host.dispose() deactivates every plugin', async () => {
    host = newHost({ profileDir: await freshProfile() });
    const journal = '__tinyDispose';
    const folder = await writePlugin(manifestOf('tiny-dispose'), goodBundle('tiny-dispose', journal));
    expect((await host.load(folder)).ok).toBe(true);
    expect((await host.load(REPO_ROOT)).ok).toBe(true);
    await host.dispose();
    expect(host.plugins.size).toBe(0);
    expect(host.commandIds()).toEqual([]);
    expect((globalThis as unknown as Record<string, string[]>)[journal]).toContain('dispose:first');
  });

  it('refuses to register a command the manifest does not contribute, or one already registered', async () => {
    host = newHost({ profileDir: await freshProfile() });
    const folder = await writePlugin(manifestOf('tiny-reg'), goodBundle('tiny-reg', '__tinyReg'));
    const result = await host.load(folder);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { commands } = result.plugin.context;
    expect(() => commands.registerCommand('tiny-reg.unknown', () => 1)).toThrow(
      "tiny-reg.unknown is not contributed by tiny-reg's manifest",
    );
    expect(() => commands.registerCommand(COMMANDS.sync, () => 1)).toThrow(/is not contributed by tiny-reg/);
    expect(() => commands.registerCommand('tiny-reg.echo', () => 1)).toThrow(
      'command tiny-reg.echo is already registered',
    );
    expect(host.commandIds()).toEqual(['tiny-reg.double', 'tiny-reg.echo']);
  });

  it('disposing a command registration twice is harmless: a later registration of the id stays', async () => {
    host = newHost({ profileDir: await freshProfile() });
    const manifest = manifestOf('tiny-twice');
    const contributes = manifest.contributes as { commands: Array<{ command: string; title: string }> };
    contributes.commands.push({ command: 'tiny-twice.spare', title: 'Spare' });
    const result = await host.load(await writePlugin(manifest, goodBundle('tiny-twice', '__tinyTwice')));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { commands } = result.plugin.context;
    const first = commands.registerCommand('tiny-twice.spare', () => 'first');
    first.dispose();
    expect(host.commandIds()).not.toContain('tiny-twice.spare');
    const second = commands.registerCommand('tiny-twice.spare', () => 'second');
    first.dispose(); // again: the contract says this is harmless
    await expect(host.executeCommand('tiny-twice.spare')).resolves.toBe('second');
    second.dispose();
    expect(host.commandIds()).toEqual(['tiny-twice.double', 'tiny-twice.echo']);
  });

  it('an activate() that registers a foreign command fails to load', async () => {
    host = newHost({ profileDir: await freshProfile() });
    const folder = await writePlugin(
      manifestOf('tiny-foreign'),
      `exports.activate = (ctx) => { ctx.commands.registerCommand('${COMMANDS.sync}', () => 1); };`,
    );
    const result = await host.load(folder);
    expect(result).toEqual({
      ok: false,
      error: `tiny-foreign: activate() failed: ${COMMANDS.sync} is not contributed by tiny-foreign's manifest`,
    });
  });
});

describe('command routing', () => {
  it('executeCommand returns the handler’s result (sync and async) and rejects an unknown id', async () => {
    const host = newHost({ profileDir: await freshProfile() });
    const folder = await writePlugin(manifestOf('tiny-route'), goodBundle('tiny-route', '__tinyRoute'));
    const result = await host.load(folder);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    await expect(host.executeCommand('tiny-route.echo', 1, 'two', { three: 3 })).resolves.toEqual({
      args: [1, 'two', { three: 3 }],
    });
    await expect(host.executeCommand('tiny-route.double', 4)).resolves.toBe(8);
    // Through the plugin's own API as well.
    await expect(result.plugin.context.commands.executeCommand('tiny-route.double', 5)).resolves.toBe(10);
    expect(result.plugin.context.commands.getCommands()).toEqual(['tiny-route.double', 'tiny-route.echo']);
    await expect(host.executeCommand('tiny-route.nope')).rejects.toThrow(
      'unknown command "tiny-route.nope" (known: tiny-route.double, tiny-route.echo)',
    );
  });

  it('routes arguments to the real plugin and returns its result', async () => {
    const { host } = await openHost({ profileDir: await freshProfile() });
    await expect(host.executeCommand(COMMANDS.choosePreset, 'koofr')).resolves.toEqual({
      id: 'koofr',
      serverUrl: 'https://app.koofr.net/dav/Koofr/',
    });
    await expect(host.executeCommand(COMMANDS.browseFolder, '/A/B/')).resolves.toBe('/A/B');
  });
});

describe('manifest.json agrees with the sources', () => {
  it('contributes exactly the commands of src/commands.ts', async () => {
    const manifest = JSON.parse(await fsp.readFile(path.join(REPO_ROOT, 'manifest.json'), 'utf8'));
    const ids = (manifest.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    expect(ids.sort()).toEqual(Object.values(COMMANDS).sort());
  });

  it('contributes.configuration equals configurationJsonSchema() of src/settings.ts', async () => {
    const manifest = JSON.parse(await fsp.readFile(path.join(REPO_ROOT, 'manifest.json'), 'utf8'));
    expect(
      manifest.contributes.configuration,
      'manifest.json is out of date with src/settings.ts: run npm run manifest',
    ).toEqual(configurationJsonSchema());
  });

  it('every %key% of manifest.json has an English and a German text', async () => {
    const read = async (name: string) => JSON.parse(await fsp.readFile(path.join(REPO_ROOT, name), 'utf8'));
    const text = JSON.stringify(await read('manifest.json'));
    const keys = [...text.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1] as string);
    expect(keys.length).toBeGreaterThan(10);
    const en = await read('manifest.nls.json');
    const de = await read('manifest.nls.de.json');
    for (const key of keys) {
      expect(en, `manifest.nls.json lacks ${key}`).toHaveProperty([key]);
      expect(de, `manifest.nls.de.json lacks ${key}`).toHaveProperty([key]);
    }
  });
});
