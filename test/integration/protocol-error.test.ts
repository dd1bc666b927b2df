/** A server whose answer breaks the HTTP rules is named as the cause, and not retried as if it were the network. */

import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { describeError } from '../../src/describe-error.js';
import { MESSAGES } from '../../src/i18n.js';
import { isTransient, RemoteError } from '../../src/remote/errors.js';
import { Connection } from '../../src/remote/http.js';
import { propfind } from '../../src/remote/propfind.js';

const sockets = new Set<net.Socket>();
const server = net.createServer((socket) => {
  sockets.add(socket);
  socket.once('data', () =>
    socket.end(
      'HTTP/1.1 207 Multi-Status\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ),
  );
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('an answer that breaks the HTTP rules', () => {
  it('is kind protocol, not transient, and says the server needs fixing (en, de)', async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const connection = new Connection({
      base: new URL(`http://127.0.0.1:${port}/dav/`),
      username: 'vo',
      password: 'pw',
      timeoutMs: 5_000,
    });
    const error = await propfind(connection, [], '0').catch((e: unknown) => e);
    connection.close();
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).kind).toBe('protocol');
    expect((error as RemoteError).message).toMatch(/^HPE_/);
    expect(isTransient(error)).toBe(false);
    const en = describeError(error, 'en');
    expect(en).toContain("The server's answer breaks the HTTP rules (HPE_");
    expect(en).toContain('the server needs fixing or another server');
    expect(en).not.toMatch(/try again/i);
    expect(describeError(error, 'de')).toContain('verstößt gegen die HTTP-Regeln');
    expect(MESSAGES.de['error.protocol']).not.toMatch(/erneut/);
  });
});
