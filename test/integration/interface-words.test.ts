/**
 * Messages that name an action say it in the words of the interface they appear in: the sync CLI (a child process)
 * with a folder missing on the server names the command line's way to choose one, in English and German, never the
 * page's button; the same sync in a host serving its page names the button.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluginRegistry } from '../../host/plugins.js';
import { startWebServer } from '../../host/web/server.js';
import { MESSAGES } from '../../src/i18n.js';
import { messagesOf, syncCli } from '../support/headless-cli.js';
import { disposeHosts, REPO_ROOT } from '../support/host-harness.js';
import {
  cleanupTempDirs,
  makeTempDir,
  startWebdavServer,
  stopAllServers,
  type TestServer,
} from '../support/servers.js';
import { presenter } from '../support/sync-harness.js';

const MISSING = '/No such folder';
let server: TestServer;

beforeAll(async () => {
  server = await startWebdavServer();
});

afterAll(async () => {
  await disposeHosts();
  await stopAllServers();
  await cleanupTempDirs();
});

const filled = (text: string) => text.replace('{folder}', MISSING).replace('{status}', '404');

describe('a folder missing on the server', () => {
  it.each(['en', 'de'] as const)('the sync CLI names the command line’s way (%s)', async (language) => {
    const run = await syncCli({
      url: server.url,
      password: server.password,
      mediaDir: await makeTempDir('cs-words-media'),
      profile: await makeTempDir('cs-words-profile'),
      folder: MISSING,
      extra: ['--lang', language],
    });
    expect(run.code, messagesOf(run)).toBe(2);
    expect(run.json.errors.map((e) => e.message)).toEqual([
      filled(MESSAGES[language]['error.not-found.terminal']),
    ]);
    expect(messagesOf(run)).toContain('run congregation-sync.browseFolder');
    expect(messagesOf(run)).toContain('--folder');
    expect(messagesOf(run)).not.toContain(language === 'en' ? 'Browse folder' : 'Ordner durchsuchen');
  });

  it('a host serving its page names the page’s button', async () => {
    const p = await presenter(server, { settings: { folder: MISSING } });
    expect((await p.sync()).errors.map((e) => e.message)).toEqual([
      filled(MESSAGES.en['error.not-found.terminal']),
    ]);
    const page = await startWebServer({
      host: p.host,
      registry: new PluginRegistry(p.profileDir, [REPO_ROOT]),
    });
    try {
      expect((await p.sync()).errors.map((e) => e.message)).toEqual([filled(MESSAGES.en['error.not-found'])]);
      expect(MESSAGES.en['error.not-found']).toContain('"Browse folder"');
    } finally {
      await page.close();
    }
  });
});
