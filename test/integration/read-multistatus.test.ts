/**
 * A PROPFIND answer (readMultistatus) from a real HTTP server on loopback that sends a multistatus body in small
 * pieces: the digest of the body as sent, its entries parsed when asked for, and a broken body refused.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/remote/connect.js';
import type { Connection } from '../../src/remote/http.js';
import { readMultistatus } from '../../src/remote/propfind.js';
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

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('base64');

describe('readMultistatus', () => {
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

  it('gives the digest of the body as sent in pieces, and its entries', async () => {
    body = GOOD;
    const answer = await readMultistatus(connection, [], 'infinity');
    expect(answer.digest).toBe(sha256(GOOD));
    expect(answer.entries().map((e) => e.path)).toEqual([
      [],
      ['Media'],
      ['Media', '2026-12-02', 'Süd Song.mp3'],
    ]);
  });

  it('a broken body: its digest is known, asking for its entries fails, every time', async () => {
    body = BROKEN;
    const answer = await readMultistatus(connection, [], 'infinity');
    expect(answer.digest).toBe(sha256(BROKEN));
    expect(() => answer.entries()).toThrow(expect.objectContaining({ kind: 'not-webdav' }));
    expect(() => answer.entries()).toThrow(expect.objectContaining({ kind: 'not-webdav' }));
  });
});
