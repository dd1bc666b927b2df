/** The media window's routes without a browser: items' files with Range, their types, the media folder check,
 * the background image, the media window's page and the presenting control. */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaItem } from '../../contract/api.js';
import { PluginRegistry } from '../../host/plugins.js';
import type { Host } from '../../host/runtime.js';
import type { PresentingView, State } from '../../host/web/protocol.js';
import { startWebServer, type WebServer } from '../../host/web/server.js';
import { disposeHosts, newHost } from '../support/host-harness.js';
import { rawRequest } from '../support/http.js';
import { cleanupTempDirs, makeTempDir } from '../support/servers.js';

const DATE = '2030-02-05';
const CLIP = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));

let host: Host;
let server: WebServer;
let mediaFolder: string;

const get = (route: string, headers: Record<string, string> = {}) =>
  rawRequest(`${server.origin}${route}`, { headers: { 'x-session-token': server.token, ...headers } });
const media = (name: string, headers: Record<string, string> = {}) =>
  get(`/api/media?date=${DATE}&name=${encodeURIComponent(name)}`, headers);
const present = async (body: Record<string, unknown>) => {
  const response = await rawRequest(`${server.origin}/api/present`, {
    method: 'POST',
    headers: { 'x-session-token': server.token, origin: server.origin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, view: JSON.parse(response.body.toString('utf8')) as PresentingView };
};
const item = (name: string, file: string | null, hidden = false): MediaItem => ({
  date: DATE,
  name,
  source: 'jw',
  hidden,
  recurring: false,
  file,
});

beforeAll(async () => {
  const profileDir = await makeTempDir('cs-media-routes');
  mediaFolder = path.join(profileDir, 'media');
  const dir = path.join(mediaFolder, DATE);
  await fsp.mkdir(dir, { recursive: true });
  await fsp.writeFile(path.join(dir, '01 Clip.webm'), CLIP);
  await fsp.writeFile(path.join(dir, '02 Song.mp3'), Buffer.alloc(100, 1));
  await fsp.writeFile(path.join(dir, '03 Drawing.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await fsp.writeFile(path.join(dir, '04 Notes.txt'), 'not media');
  await fsp.writeFile(path.join(dir, '05 Hidden.jpg'), Buffer.alloc(10, 2));
  await fsp.writeFile(path.join(dir, '06 Last.png'), Buffer.alloc(10, 3));
  const outside = path.join(await makeTempDir('cs-media-outside'), 'Outside.mp4');
  await fsp.writeFile(outside, Buffer.alloc(10));
  await fsp.symlink(outside, path.join(dir, '07 Link.mp4'));
  host = newHost({ profileDir, mediaFolder });
  await host.media.apply([
    { op: 'upsert', item: item('00 Outside.mp4', outside) },
    { op: 'upsert', item: item('00 Not downloaded.mp4', null) },
    { op: 'setHidden', date: DATE, name: '05 Hidden.jpg', hidden: true },
  ]);
  server = await startWebServer({ host, registry: new PluginRegistry(profileDir, []) });
});

afterAll(async () => {
  await server?.close();
  await disposeHosts();
  await cleanupTempDirs();
});

describe('GET /api/media', () => {
  it('serves the whole file with Accept-Ranges, one range with 206, a range past the end with 416', async () => {
    const whole = await media('01 Clip.webm');
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-type']).toBe('video/webm');
    expect(whole.headers['x-content-type-options']).toBe('nosniff');
    expect(whole.body.equals(CLIP)).toBe(true);

    const part = await media('01 Clip.webm', { range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 1000-1999/5000');
    expect(part.headers['content-length']).toBe('1000');
    expect(part.body.equals(CLIP.subarray(1000, 2000))).toBe(true);

    const open = await media('01 Clip.webm', { range: 'bytes=4500-' });
    expect(open.status).toBe(206);
    expect(open.body.equals(CLIP.subarray(4500))).toBe(true);
    const suffix = await media('01 Clip.webm', { range: 'bytes=-100' });
    expect(suffix.headers['content-range']).toBe('bytes 4900-4999/5000');

    const past = await media('01 Clip.webm', { range: 'bytes=5000-' });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe('bytes */5000');
    expect(past.body.length).toBe(0);

    const several = await media('01 Clip.webm', { range: 'bytes=0-9,20-29' });
    expect(several.status).toBe(200);
    expect(several.body.length).toBe(5000);
  });

  it('gives audio and SVG their types; an SVG opened on its own runs nothing', async () => {
    expect((await media('02 Song.mp3')).headers['content-type']).toBe('audio/mpeg');
    const svg = await media('03 Drawing.svg');
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.headers['content-security-policy']).toContain('sandbox');
    expect(svg.headers['content-security-policy']).not.toContain('script-src');
  });

  it('serves only files of the list inside the media folder, of a type a presenter shows', async () => {
    for (const name of [
      '04 Notes.txt',
      '00 Outside.mp4',
      '07 Link.mp4',
      '00 Not downloaded.mp4',
      'Missing.mp4',
    ])
      expect((await media(name)).status, name).toBe(404);
    const kinds = Object.fromEntries(
      (JSON.parse((await get('/api/state')).body.toString('utf8')) as State).media.map((m) => [
        m.name,
        m.kind,
      ]),
    );
    expect(kinds).toMatchObject({
      '01 Clip.webm': 'video',
      '02 Song.mp3': 'audio',
      '03 Drawing.svg': 'image',
      '04 Notes.txt': null,
      '00 Outside.mp4': null,
      '00 Not downloaded.mp4': null,
    });
    expect((await rawRequest(`${server.origin}/api/media?date=${DATE}&name=02%20Song.mp3`)).status).toBe(403);
  });
});

describe('the background and the media window', () => {
  it('serves the background image the host names, 404 while there is none', async () => {
    expect((await get('/api/background')).status).toBe(404);
    const file = path.join(await makeTempDir('cs-media-background'), 'custom-background-image-Demo.jpg');
    await fsp.writeFile(file, Buffer.alloc(64, 9));
    await host.media.setBackground(file);
    const background = await get('/api/background');
    expect(background.status).toBe(200);
    expect(background.headers['content-type']).toBe('image/jpeg');
    expect(background.body.length).toBe(64);
    const state = JSON.parse((await get('/api/state')).body.toString('utf8')) as State;
    expect(state.background).toMatch(/^64-\d+$/);
    await host.media.setBackground(null);
  });

  it('serves the media window for a date, with a policy that allows its media', async () => {
    const page = await get(`/present?date=${DATE}`);
    expect(page.status).toBe(200);
    expect(page.body.toString('utf8')).toContain(`<meta name="present-date" content="${DATE}">`);
    expect(page.headers['content-security-policy']).toContain("media-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await get('/present?date=%22%3E%3Cscript%3E')).status).toBe(400);
    expect((await rawRequest(`${server.origin}/present?date=${DATE}`)).status).toBe(403);
  });

  it('steps through the visible items that have a file, and refuses what is not an action', async () => {
    expect((await present({ action: 'open', date: DATE })).view).toMatchObject({
      date: DATE,
      name: '',
      last: '',
    });
    const names: string[] = [];
    for (let i = 0; i < 5; i++) names.push((await present({ action: 'next', date: DATE })).view.name);
    expect(names).toEqual(['01 Clip.webm', '02 Song.mp3', '03 Drawing.svg', '06 Last.png', '']);
    expect((await present({ action: 'show', date: DATE, name: '05 Hidden.jpg' })).view.name).toBe('');
    expect((await present({ action: 'show', date: DATE, name: '02 Song.mp3' })).view.name).toBe(
      '02 Song.mp3',
    );
    // the item on screen is hidden: the background
    await host.media.apply([{ op: 'setHidden', date: DATE, name: '02 Song.mp3', hidden: true }]);
    const state = JSON.parse((await get('/api/state')).body.toString('utf8')) as State;
    expect(state.presenting).toMatchObject({ date: DATE, name: '', last: '02 Song.mp3' });
    expect((await present({ action: 'jump', date: DATE })).status).toBe(400);
    expect((await present({ action: 'next', date: 'tomorrow' })).status).toBe(400);
  });
});
