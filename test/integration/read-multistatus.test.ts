/**
 * A PROPFIND answer from a real HTTP server on loopback that sends a multistatus body in small pieces: its entries,
 * parsed as the pieces arrive, and a broken body refused.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/remote/connect.js';
import type { Connection } from '../../src/remote/http.js';
import { propfind } from '../../src/remote/propfind.js';
import { settingsSchema } from '../../src/settings.js';

const response = (href: string, props: string) =>
  `<d:response><d:href>${href}</d:href><d:propstat><d:prop>${props}</d:prop>` +
  '<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>';

const GOOD =
  '<?xml version="1.0" encoding="utf-8"?><d:multistatus xmlns:d="DAV:">' +
  response('/Congregation/', '<d:resourcetype><d:collection/></d:resourcetype>') +
  response('/Congregation/Media/', '<d:resourcetype><d:collection/></d:resourcetype>') +
  response(
    '/Congregation/Media/2026-12-02/S%C3%BCd%20Song.mp3',
    '<d:resourcetype/><d:getcontentlength>1234</d:getcontentlength><d:getetag>"e1"</d:getetag>',
  ) +
  '</d:multistatus>';
const BROKEN = GOOD.slice(0, GOOD.indexOf('</d:multistatus>') - 10);

describe('propfind', () => {
  let server: http.Server;
  let connection: Connection;
  let body = GOOD;

  beforeAll(async () => {
    server = http.createServer(async (_req, res) => {
      res.writeHead(207, { 'content-type': 'application/xml; charset=utf-8' });
      // in pieces of 7 bytes, split inside tags and escapes
      const bytes = Buffer.from(body);
      for (let i = 0; i < bytes.length; i += 7) res.write(bytes.subarray(i, i + 7));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const settings = settingsSchema.parse({
      serverUrl: `http://127.0.0.1:${port}/`,
      folder: '/Congregation',
    });
    connection = await connect(settings, 'secret');
  });

  afterAll(async () => {
    connection.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives the entries of a body sent in pieces', async () => {
    body = GOOD;
    const entries = await propfind(connection, [], 'infinity');
    expect(entries.map((e) => e.path)).toEqual([[], ['Media'], ['Media', '2026-12-02', 'Süd Song.mp3']]);
  });

  it('refuses a broken body, every time', async () => {
    body = BROKEN;
    for (let i = 0; i < 2; i++)
      await expect(propfind(connection, [], 'infinity')).rejects.toMatchObject({ kind: 'not-webdav' });
  });
});
