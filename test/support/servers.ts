/**
 * Real WebDAV servers for integration tests: the in-process `webdav-server` (npm), `rclone serve webdav`,
 * Apache httpd with mod_dav_fs (Basic, or Digest only with mod_auth_digest) and lighttpd with mod_webdav. Each binds
 * 127.0.0.1 on a free port, serves a real folder on disk and requires a login (default user `vo`, random password
 * `pw-<hex>`).
 *
 * Child processes are started in their own process group and are killed (the whole group) on close,
 * on process exit and on SIGINT/SIGTERM/SIGHUP, so no server survives the test worker.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { v2 as webdav } from 'webdav-server';
import { rawRequest } from './http.js';

export type ServerName = 'webdav-server' | 'rclone' | 'apache' | 'apache-digest' | 'lighttpd';

export interface TestServer {
  name: ServerName;
  /** Base URL of the WebDAV root, e.g. `http://127.0.0.1:PORT/`; always ends with '/'. */
  url: string;
  username: string;
  password: string;
  /** PEM file of the CA that signed the server's certificate (rclone with `https: true`). */
  caFile?: string;
  /** The folder on disk that is served. */
  root: string | null;
  /** Pid of the server process (leader of its own process group); absent for the in-process server. */
  pid?: number;
  /** The access log, one line per request ending in its status (Apache, lighttpd). */
  accessLog?: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  root?: string;
  username?: string;
  password?: string;
}

export interface RcloneOptions extends ServerOptions {
  https?: boolean;
  /** rclone `--dir-cache-time`; default '0s' so that changes on disk are seen at once. */
  dirCacheTime?: string;
}

export const DEFAULT_USERNAME = 'vo';
const START_TIMEOUT_MS = 10_000;
const APACHE_BIN_CANDIDATES = ['/usr/sbin/apache2', '/usr/sbin/httpd', '/usr/local/apache2/bin/httpd'];
const APACHE_MODULE_DIRS = ['/usr/lib/apache2/modules', '/usr/lib64/httpd/modules', '/usr/lib/httpd/modules'];

// ---------------------------------------------------------------------------------------------------------
// temp dirs, child processes, cleanup

const tempDirs = new Set<string>();
const children = new Set<ChildProcess>();
const openServers = new Set<TestServer>();

/** A fresh folder under os.tmpdir(); removed by `cleanupTempDirs()` or at process exit. */
export async function makeTempDir(prefix: string): Promise<string> {
  installExitHooks();
  const safe = prefix.replace(/[^\w.-]+/g, '-') || 'tmp';
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), `${safe}-`));
  tempDirs.add(dir);
  return dir;
}

/** Removes every folder made by `makeTempDir` (set KEEP_TEST_DIRS=1 to keep them for inspection). */
export async function cleanupTempDirs(): Promise<void> {
  if (process.env.KEEP_TEST_DIRS) return;
  const dirs = [...tempDirs];
  tempDirs.clear();
  await Promise.all(dirs.map((dir) => fsp.rm(dir, { recursive: true, force: true })));
}

/** Closes every server started by this module that is still open. */
export async function stopAllServers(): Promise<void> {
  await Promise.allSettled([...openServers].map((server) => server.close()));
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function killAllChildrenSync(): void {
  for (const child of children) killGroup(child, 'SIGKILL');
  children.clear();
}

let exitHooksInstalled = false;
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const finalCleanup = (): void => {
    killAllChildrenSync();
    if (process.env.KEEP_TEST_DIRS) return;
    for (const dir of tempDirs) {
      try {
        fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        // best effort
      }
    }
    tempDirs.clear();
  };
  process.once('exit', finalCleanup);
  // A forked test worker whose parent died (e.g. vitest killed) loses its IPC channel: stop servers now.
  if (process.connected) process.once('disconnect', killAllChildrenSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      finalCleanup();
      // Restore the default behaviour (terminate) unless somebody else handles the signal.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

interface TrackedChild {
  child: ChildProcess;
  output(): string;
  exited: Promise<void>;
}

function spawnTracked(command: string, args: string[], env: NodeJS.ProcessEnv): TrackedChild {
  installExitHooks();
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  children.add(child);
  let output = '';
  const append = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    if (output.length > 64_000) output = output.slice(-64_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      children.delete(child);
      resolve();
    });
    child.once('error', (error) => {
      append(Buffer.from(`\nspawn error: ${error.message}\n`));
      children.delete(child);
      resolve();
    });
  });
  return { child, output: () => output, exited };
}

async function stopChild(tracked: TrackedChild, signal: NodeJS.Signals, graceMs = 5_000): Promise<void> {
  const { child } = tracked;
  if (child.exitCode === null && child.signalCode === null) {
    try {
      child.kill(signal);
    } catch {
      // gone
    }
    const timedOut = await Promise.race([
      tracked.exited.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref()),
    ]);
    if (timedOut) killGroup(child, 'SIGKILL');
    await tracked.exited;
  }
  // Whatever the leader left behind in its process group (apache workers) goes too.
  killGroup(child, 'SIGKILL');
}

// ---------------------------------------------------------------------------------------------------------
// helpers

export function randomPassword(): string {
  return `pw-${crypto.randomBytes(12).toString('hex')}`;
}

/** A port that was free a moment ago on 127.0.0.1 (listen on 0, read it, release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function findOnPath(binary: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, binary);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  return null;
}

function findApache(): { bin: string; modules: string } | null {
  const bin =
    APACHE_BIN_CANDIDATES.find((candidate) => {
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    }) ??
    findOnPath('apache2') ??
    findOnPath('httpd');
  if (!bin) return null;
  const modules = APACHE_MODULE_DIRS.find((dir) => fs.existsSync(path.join(dir, 'mod_dav_fs.so')));
  if (!modules) return null;
  return { bin, modules };
}

function run(command: string, args: string[], input?: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

/** Environment for child servers: ours minus any RCLONE_* settings of the machine. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('RCLONE_')) env[key] = value;
  }
  return { ...env, ...extra };
}

async function ensureRoot(root: string | undefined, prefix: string): Promise<string> {
  if (root === undefined) return makeTempDir(prefix);
  await fsp.mkdir(root, { recursive: true });
  return root;
}

async function waitForDav(
  url: string,
  auth: { username: string; password: string },
  tracked: TrackedChild | null,
  ca: string | undefined,
  what: string,
  readyStatus = 207,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (tracked && (tracked.child.exitCode !== null || tracked.child.signalCode !== null)) {
      throw new Error(
        `${what} exited early (code ${tracked.child.exitCode}, signal ${tracked.child.signalCode}):\n${tracked.output()}`,
      );
    }
    try {
      const res = await rawRequest(url, {
        method: 'PROPFIND',
        headers: { depth: '0' },
        auth,
        ca,
        timeoutMs: 1_000,
      });
      if (res.status === readyStatus) return;
      last = `HTTP ${res.status}: ${res.body.toString('utf8').slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${what} did not answer PROPFIND Depth 0 with ${readyStatus} within ${START_TIMEOUT_MS} ms (last: ${last})\n${tracked?.output() ?? ''}`,
  );
}

function register(server: TestServer): TestServer {
  openServers.add(server);
  return server;
}

/**
 * A server that runs as a child process (rclone, Apache, lighttpd): registered, stopped with SIGTERM on close, and
 * returned once it answers PROPFIND with `ready.status`; one that does not is stopped, its error log in the error.
 */
async function serverOf(
  tracked: TrackedChild,
  server: Omit<TestServer, 'close' | 'pid'>,
  ready: { what: string; ca?: string; status?: number; errorLog?: string },
): Promise<TestServer> {
  const testServer: TestServer = {
    ...server,
    close: once(async () => {
      openServers.delete(testServer);
      await stopChild(tracked, 'SIGTERM');
    }),
  };
  if (tracked.child.pid !== undefined) testServer.pid = tracked.child.pid;
  register(testServer);
  try {
    const auth = { username: server.username, password: server.password };
    await waitForDav(server.url, auth, tracked, ready.ca, ready.what, ready.status);
  } catch (error) {
    const log = ready.errorLog && (await fsp.readFile(ready.errorLog, 'utf8').catch(() => ''));
    await testServer.close();
    if (log === undefined) throw error;
    throw new Error(`${(error as Error).message}\n--- error.log ---\n${log}`);
  }
  return testServer;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let pending: Promise<void> | null = null;
  return () => {
    pending ??= fn();
    return pending;
  };
}

// ---------------------------------------------------------------------------------------------------------
// TLS

/**
 * openssl: a self-signed CA and a server certificate for 127.0.0.1/localhost
 * (subjectAltName IP:127.0.0.1,DNS:localhost) signed by it. Files are written into `dir`.
 */
export async function createCa(dir: string): Promise<{ caFile: string; certFile: string; keyFile: string }> {
  await fsp.mkdir(dir, { recursive: true });
  const caFile = path.join(dir, 'ca.pem');
  const caKey = path.join(dir, 'ca.key');
  const csrFile = path.join(dir, 'server.csr');
  const certFile = path.join(dir, 'server.pem');
  const keyFile = path.join(dir, 'server.key');
  const extFile = path.join(dir, 'server.ext');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    caKey,
    '-out',
    caFile,
    '-days',
    '7',
    '-subj',
    '/CN=Congregation Sync Test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await run('openssl', [
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    csrFile,
    '-subj',
    '/CN=127.0.0.1',
  ]);
  await fsp.writeFile(
    extFile,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '',
    ].join('\n'),
  );
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    csrFile,
    '-CA',
    caFile,
    '-CAkey',
    caKey,
    '-set_serial',
    `0x${crypto.randomBytes(8).toString('hex')}`,
    '-days',
    '7',
    '-extfile',
    extFile,
    '-out',
    certFile,
  ]);
  return { caFile, certFile, keyFile };
}

// ---------------------------------------------------------------------------------------------------------
// availability

export function serverAvailable(name: 'rclone' | 'apache'): { ok: true } | { ok: false; why: string } {
  if (name === 'rclone') {
    if (!findOnPath('rclone')) return { ok: false, why: 'rclone not installed: apt-get install rclone' };
    // describeServers() runs rclone with HTTPS, whose certificates come from openssl.
    if (!findOnPath('openssl')) return { ok: false, why: 'openssl not installed: apt-get install openssl' };
    return { ok: true };
  }
  const apache = findApache();
  if (!apache) {
    return {
      ok: false,
      why: 'apache2 with mod_dav_fs not installed: apt-get install apache2 apache2-utils',
    };
  }
  return { ok: true };
}

/**
 * The servers every integration test should run against. `skip` is null when the server is available, or
 * always when CI is set (so a missing server fails the run loudly instead of being skipped).
 * rclone is started with HTTPS (own CA, see `caFile`) so that the TLS path is covered too.
 */
export function describeServers(): Array<{
  name: ServerName;
  start: (root: string) => Promise<TestServer>;
  skip: string | null;
}> {
  const skipFor = (name: 'rclone' | 'apache'): string | null => {
    if (process.env.CI) return null;
    const available = serverAvailable(name);
    return available.ok ? null : available.why;
  };
  return [
    { name: 'webdav-server', start: (root) => startWebdavServer({ root }), skip: null },
    { name: 'rclone', start: (root) => startRclone({ root, https: true }), skip: skipFor('rclone') },
    { name: 'apache', start: (root) => startApache({ root }), skip: skipFor('apache') },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// webdav-server (in-process)

export async function startWebdavServer(opts: ServerOptions = {}): Promise<TestServer> {
  const root = await ensureRoot(opts.root, 'cs-webdav-server-root');
  const username = opts.username ?? DEFAULT_USERNAME;
  const password = opts.password ?? randomPassword();
  const userManager = new webdav.SimpleUserManager();
  const user = userManager.addUser(username, password, false);
  const privilegeManager = new webdav.SimplePathPrivilegeManager();
  privilegeManager.setRights(user, '/', ['all']);
  const server = new webdav.WebDAVServer({
    hostname: '127.0.0.1',
    port: 0,
    requireAuthentification: true,
    httpAuthentication: new webdav.HTTPBasicAuthentication(userManager, 'Congregation Sync test'),
    privilegeManager,
    rootFileSystem: new webdav.PhysicalFileSystem(root),
  });
  const httpServer = await server.startAsync(0);
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  const testServer: TestServer = {
    name: 'webdav-server',
    url,
    username,
    password,
    root,
    close: once(async () => {
      openServers.delete(testServer);
      httpServer.closeAllConnections();
      await server.stopAsync();
    }),
  };
  register(testServer);
  try {
    await waitForDav(url, { username, password }, null, undefined, 'webdav-server');
  } catch (error) {
    await testServer.close();
    throw error;
  }
  return testServer;
}

// ---------------------------------------------------------------------------------------------------------
// rclone serve webdav

export async function startRclone(opts: RcloneOptions = {}): Promise<TestServer> {
  const rclone = findOnPath('rclone');
  if (!rclone)
    throw new Error('rclone not installed (apt-get install rclone): cannot start the rclone test server');
  const root = await ensureRoot(opts.root, 'cs-rclone-root');
  const username = opts.username ?? DEFAULT_USERNAME;
  const password = opts.password ?? randomPassword();
  const work = await makeTempDir('cs-rclone-work');
  const configFile = path.join(work, 'rclone.conf');
  await fsp.writeFile(configFile, '');
  const port = await freePort();
  const args = [
    'serve',
    'webdav',
    root,
    '--addr',
    `127.0.0.1:${port}`,
    '--user',
    username,
    '--dir-cache-time',
    opts.dirCacheTime ?? '0s',
    '--poll-interval',
    '0',
    '--config',
    configFile,
    '--cache-dir',
    path.join(work, 'cache'),
  ];
  let caFile: string | undefined;
  let ca: string | undefined;
  if (opts.https) {
    const tls = await createCa(path.join(work, 'tls'));
    args.push('--cert', tls.certFile, '--key', tls.keyFile);
    caFile = tls.caFile;
    ca = await fsp.readFile(caFile, 'utf8');
  }
  // The password goes through the environment (RCLONE_PASS), so it is not visible in `ps`.
  const tracked = spawnTracked(
    rclone,
    args,
    cleanEnv({ RCLONE_PASS: password, XDG_CACHE_HOME: path.join(work, 'xdg-cache') }),
  );
  const url = `${opts.https ? 'https' : 'http'}://127.0.0.1:${port}/`;
  return serverOf(
    tracked,
    { name: 'rclone', url, username, password, root, ...(caFile ? { caFile } : {}) },
    { what: `rclone serve webdav (${url})`, ca },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Apache httpd + mod_dav_fs

function lookupAccount(names: string[], file: string): number | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  for (const name of names) {
    const line = text.split('\n').find((l) => l.startsWith(`${name}:`));
    const id = line?.split(':')[2];
    if (id !== undefined && /^\d+$/.test(id)) return Number(id);
  }
  return null;
}

/**
 * Apache refuses to serve as root, so when we are root its workers run as www-data (or nobody). Then the
 * served tree must be writable for them: folders 0777, files 0666, and every ancestor traversable.
 */
async function makeWorldWritable(root: string): Promise<void> {
  const walk = async (dir: string): Promise<void> => {
    await fsp.chmod(dir, 0o777);
    for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) await fsp.chmod(full, 0o666);
    }
  };
  await walk(root);
  const tmp = path.resolve(os.tmpdir());
  for (let dir = path.dirname(path.resolve(root)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const { mode } = await fsp.stat(dir);
    if ((mode & 0o001) !== 0) continue;
    if (dir.startsWith(`${tmp}${path.sep}`)) await fsp.chmod(dir, (mode & 0o7777) | 0o011);
    else throw new Error(`apache (running as an unprivileged user) cannot traverse ${dir} to reach ${root}`);
  }
}

async function writeHtpasswd(file: string, username: string, password: string): Promise<void> {
  if (findOnPath('htpasswd')) {
    // -i: password from stdin, so it does not show up in the process list.
    await run('htpasswd', ['-ci', file, username], `${password}\n`);
  } else {
    const hash = crypto.createHash('sha1').update(password).digest('base64');
    await fsp.writeFile(file, `${username}:{SHA}${hash}\n`);
  }
  await fsp.chmod(file, 0o644);
}

const REALM = 'Congregation Sync test';

/** htdigest's format: `user:realm:MD5(user:realm:password)`. */
async function writeHtdigest(file: string, username: string, password: string): Promise<void> {
  const hash = crypto.createHash('md5').update(`${username}:${REALM}:${password}`).digest('hex');
  await fsp.writeFile(file, `${username}:${REALM}:${hash}\n`);
  await fsp.chmod(file, 0o644);
}

export interface ApacheOptions extends ServerOptions {
  /** Digest authentication only (mod_auth_digest), as some NAS and router firmwares do. */
  digest?: boolean;
  /** Seconds a Digest nonce is good for (Apache's default: 300); older ones are answered `stale=true`. */
  nonceLifetime?: number;
}

export async function startApache(opts: ApacheOptions = {}): Promise<TestServer> {
  const apache = findApache();
  if (!apache) {
    throw new Error(
      'apache2 with mod_dav_fs not installed (apt-get install apache2): cannot start the apache test server',
    );
  }
  const root = path.resolve(await ensureRoot(opts.root, 'cs-apache-root'));
  const username = opts.username ?? DEFAULT_USERNAME;
  const password = opts.password ?? randomPassword();
  const conf = await makeTempDir('cs-apache-conf');
  await fsp.mkdir(path.join(conf, 'run'));
  await fsp.mkdir(path.join(conf, 'lock'));
  const htpasswd = path.join(conf, 'htpasswd');
  if (opts.digest) await writeHtdigest(htpasswd, username, password);
  else await writeHtpasswd(htpasswd, username, password);
  const accessLog = path.join(conf, 'access.log');

  const isRoot = process.getuid?.() === 0;
  const userLines: string[] = [];
  if (isRoot) {
    const uid = lookupAccount(['www-data', 'nobody'], '/etc/passwd') ?? 65534;
    const gid = lookupAccount(['www-data', 'nogroup', 'nobody'], '/etc/group') ?? 65534;
    userLines.push(`User #${uid}`, `Group #${gid}`);
    // Workers must reach the lock database and the htpasswd file, and write the served tree.
    await fsp.chmod(conf, 0o755);
    await fsp.chmod(path.join(conf, 'lock'), 0o777);
    await makeWorldWritable(root);
  }

  const port = await freePort();
  const mod = (name: string, file: string): string =>
    `LoadModule ${name} "${path.join(apache.modules, file)}"`;
  const config = [
    `ServerRoot "${conf}"`,
    'ServerName 127.0.0.1',
    `Listen 127.0.0.1:${port}`,
    `PidFile "${path.join(conf, 'httpd.pid')}"`,
    `ErrorLog "${path.join(conf, 'error.log')}"`,
    opts.digest ? 'LogLevel warn auth_digest:info' : 'LogLevel warn',
    `CustomLog "${accessLog}" "%m %U %>s"`,
    `DefaultRuntimeDir "${path.join(conf, 'run')}"`,
    mod('mpm_event_module', 'mod_mpm_event.so'),
    mod('authz_core_module', 'mod_authz_core.so'),
    mod('authn_core_module', 'mod_authn_core.so'),
    mod('authn_file_module', 'mod_authn_file.so'),
    mod('authz_user_module', 'mod_authz_user.so'),
    opts.digest
      ? mod('auth_digest_module', 'mod_auth_digest.so')
      : mod('auth_basic_module', 'mod_auth_basic.so'),
    mod('dav_module', 'mod_dav.so'),
    mod('dav_fs_module', 'mod_dav_fs.so'),
    mod('mime_module', 'mod_mime.so'),
    ...userLines,
    fs.existsSync('/etc/mime.types') ? 'TypesConfig /etc/mime.types' : '',
    'StartServers 1',
    'ServerLimit 4',
    'ThreadsPerChild 16',
    'MinSpareThreads 8',
    'MaxSpareThreads 32',
    'MaxRequestWorkers 64',
    'Timeout 30',
    'KeepAlive On',
    'LimitRequestBody 0',
    `DavLockDB "${path.join(conf, 'lock', 'DavLock')}"`,
    `DocumentRoot "${root}"`,
    '<Directory />',
    '  AllowOverride None',
    '  Require all denied',
    '</Directory>',
    `<Directory "${root}">`,
    '  Options None',
    '  AllowOverride None',
    '  Dav On',
    '  DavDepthInfinity Off',
    ...(opts.digest
      ? [
          '  AuthType Digest',
          `  AuthName "${REALM}"`,
          '  AuthDigestProvider file',
          '  AuthDigestDomain /',
          `  AuthDigestNonceLifetime ${opts.nonceLifetime ?? 300}`,
        ]
      : ['  AuthType Basic', `  AuthName "${REALM}"`, '  AuthBasicProvider file']),
    `  AuthUserFile "${htpasswd}"`,
    '  Require valid-user',
    '</Directory>',
    '',
  ].join('\n');
  const confFile = path.join(conf, 'httpd.conf');
  await fsp.writeFile(confFile, config);

  const tracked = spawnTracked(apache.bin, ['-d', conf, '-f', confFile, '-DFOREGROUND'], cleanEnv({}));
  const url = `http://127.0.0.1:${port}/`;
  // SIGTERM on close: the parent stops its workers and exits; the group is SIGKILLed after 5 s if needed.
  return serverOf(
    tracked,
    { name: opts.digest ? 'apache-digest' : 'apache', url, username, password, root, accessLog },
    // Digest: a Basic login is refused (401), which tells that the server is up.
    { what: `apache (${url})`, status: opts.digest ? 401 : 207, errorLog: path.join(conf, 'error.log') },
  );
}

// ---------------------------------------------------------------------------------------------------------
// lighttpd + mod_webdav

function findLighttpd(): { bin: string; modules: string } | null {
  const bin = ['/usr/sbin/lighttpd'].find((c) => fs.existsSync(c)) ?? findOnPath('lighttpd');
  const modules = ['/usr/lib/lighttpd', '/usr/lib64/lighttpd'].find((dir) =>
    fs.existsSync(path.join(dir, 'mod_webdav.so')),
  );
  return bin && modules ? { bin, modules } : null;
}

export function lighttpdAvailable(): { ok: true } | { ok: false; why: string } {
  return findLighttpd()
    ? { ok: true }
    : {
        ok: false,
        why: 'lighttpd with mod_webdav not installed: apt-get install lighttpd lighttpd-mod-webdav',
      };
}

export async function startLighttpd(opts: ServerOptions = {}): Promise<TestServer> {
  const lighttpd = findLighttpd();
  if (!lighttpd)
    throw new Error('lighttpd with mod_webdav not installed (apt-get install lighttpd lighttpd-mod-webdav)');
  const root = path.resolve(await ensureRoot(opts.root, 'cs-lighttpd-root'));
  const username = opts.username ?? DEFAULT_USERNAME;
  const password = opts.password ?? randomPassword();
  const conf = await makeTempDir('cs-lighttpd-conf');
  const htpasswd = path.join(conf, 'htpasswd');
  await writeHtpasswd(htpasswd, username, password);
  const accessLog = path.join(conf, 'access.log');
  const port = await freePort();
  const quoted = (text: string) => JSON.stringify(text);
  const config = [
    `server.modules = ("mod_auth", "mod_authn_file", "mod_webdav", "mod_accesslog")`,
    `server.module-dir = ${quoted(lighttpd.modules)}`,
    `server.document-root = ${quoted(root)}`,
    'server.bind = "127.0.0.1"',
    `server.port = ${port}`,
    `server.errorlog = ${quoted(path.join(conf, 'error.log'))}`,
    // A file is written in large buffered blocks; a pipe gets each line when the request is done.
    `accesslog.filename = ${quoted(`|exec cat >> '${accessLog}'`)}`,
    'accesslog.format = "%m %U %s"',
    'webdav.activate = "enable"',
    'webdav.is-readonly = "disable"',
    'auth.backend = "htpasswd"',
    `auth.backend.htpasswd.userfile = ${quoted(htpasswd)}`,
    'auth.require = ( "/" => ( "method" => "basic", "realm" => "Congregation Sync test", "require" => "valid-user" ) )',
    'mimetype.assign = ( "" => "application/octet-stream" )',
    '',
  ].join('\n');
  const confFile = path.join(conf, 'lighttpd.conf');
  await fsp.writeFile(confFile, config);
  const tracked = spawnTracked(lighttpd.bin, ['-D', '-f', confFile], cleanEnv({}));
  const url = `http://127.0.0.1:${port}/`;
  return serverOf(
    tracked,
    { name: 'lighttpd', url, username, password, root, accessLog },
    { what: `lighttpd (${url})`, errorLog: path.join(conf, 'error.log') },
  );
}

/** How many requests the server answered with `status`, from its access log. */
export async function answeredWith(server: TestServer, status: number): Promise<number> {
  if (!server.accessLog) throw new Error(`${server.name} keeps no access log`);
  const text = await fsp.readFile(server.accessLog, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line.endsWith(` ${status}`)).length;
}
