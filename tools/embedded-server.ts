/** The embedded WebDAV server (npm `webdav-server`) on loopback: for the demo, and reused by the tests. */
import type { AddressInfo } from 'node:net';
import { v2 as webdav } from 'webdav-server';

export interface EmbeddedServer {
  url: string;
  close(): Promise<void>;
}

export async function startEmbeddedWebdav(options: {
  root: string;
  username: string;
  password: string;
}): Promise<EmbeddedServer> {
  const users = new webdav.SimpleUserManager();
  const user = users.addUser(options.username, options.password, false);
  const privileges = new webdav.SimplePathPrivilegeManager();
  privileges.setRights(user, '/', ['all']);
  const server = new webdav.WebDAVServer({
    hostname: '127.0.0.1',
    port: 0, // a free port: start(0) alone would mean the library's default
    requireAuthentification: true,
    httpAuthentication: new webdav.HTTPBasicAuthentication(users, 'Congregation Sync'),
    privilegeManager: privileges,
    rootFileSystem: new webdav.PhysicalFileSystem(options.root),
  });
  const http = await server.startAsync(0);
  const { port } = http.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => {
      closed ??= (async () => {
        http.closeAllConnections();
        await server.stopAsync();
      })();
      return closed;
    },
  };
}
