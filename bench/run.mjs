#!/usr/bin/env node
/**
 * `npm run bench`: the sync CLI against `rclone copy` and a local `cp -r`, on a deterministic congregation folder
 * served by `rclone serve webdav` (default directory cache) on 127.0.0.1 with basic auth.
 *
 *   Part 1  2,000 files of 2–4 KB across 16 meeting dates plus 10 videos of 20 MiB, alternating per round:
 *           (a) full sync into an empty media folder and a fresh profile vs `rclone copy` into an empty folder,
 *           (b) nothing changed vs `rclone copy` with nothing to copy, (c) one file changed (a PUT through WebDAV),
 *           (d) the floor: `cp -r` of the served tree.
 *   Part 2  one 1 GiB file and one 100 MiB file (separate folders), peak RSS of each.
 *   Part 3  parseMultistatus + planSync of a 10,000-entry listing, in-process (bench/listing.ts, bundled by esbuild).
 *   --wan   on its own: over one access line (the tests' shaping proxy) in front of rclone serve and Apache
 *           (bench/wan.mjs), with its own small data set; writes bench/results-wan.json.
 *
 * Every timed command is a child process (process start included), run through `/usr/bin/time -f %M` for its peak
 * RSS (or, without it, by polling /proc/<pid>/status VmHWM). Prints a table and PASS/FAIL per target (never fails
 * the run for a target) and writes bench/results.json.
 *
 * Environment: BENCH_REPEAT (rounds, default 5), BENCH_CPU_PROF=1 (one extra full sync under `node --cpu-prof`,
 * summarised by bench/cpuprofile.mjs), BENCH_KEEP=1 (keep the work folder), BENCH_CACHE (data set folder,
 * default <tmpdir>/congsync-bench-v1).
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundled } from './bundle.mjs';
import { runBwlimit } from './bwlimit.mjs';
import { summariseProfile } from './cpuprofile.mjs';
import { runWan } from './wan.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPEAT = Math.max(1, Number.parseInt(process.env.BENCH_REPEAT ?? '5', 10) || 5);
const CACHE = process.env.BENCH_CACHE ?? path.join(os.tmpdir(), 'congsync-bench-v1');
const TODAY = '2030-01-02'; // a Wednesday: with mwDay=2 (Wednesday) and weDay=6 (Sunday), 8 weeks = 16 dates
const WEEKS = 8;
const SMALL_FILES = 2000;
const VIDEOS = 10;
const VIDEO_BYTES = 20 * 1024 * 1024;
const LARGE = [
  { key: '100MiB', folder: 'Large-100MiB', name: 'Big video 100MiB.mp4', bytes: 100 * 1024 * 1024 },
  { key: '1GiB', folder: 'Large-1GiB', name: 'Big video 1GiB.mp4', bytes: 1024 * 1024 * 1024 },
];
const CHILD_TIMEOUT_MS = 240_000;
const MiB = 1024 * 1024;
const TIME_BIN = '/usr/bin/time';
const hasTime = (() => {
  try {
    fs.accessSync(TIME_BIN, fs.constants.X_OK);
    return spawnSync(TIME_BIN, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;
  } catch {
    return false;
  }
})();

const TARGETS = {
  fullVsRclone: 0.2,
  nothingVsRclone: 1.25,
  rssMiB: 150,
  largeRssDeltaMiB: 20,
  listingMs: 1000,
};

// ---------------------------------------------------------------------------------------------------------------
// processes and cleanup

const children = new Set();
let workDir = null;

function killGroup(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // gone
    }
  }
}

function cleanupSync() {
  for (const child of children) killGroup(child, 'SIGKILL');
  children.clear();
  if (workDir && !process.env.BENCH_KEEP) fs.rmSync(workDir, { recursive: true, force: true });
}

process.once('exit', cleanupSync);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    process.stderr.write(`\nbench: ${signal}, stopping servers and children\n`);
    cleanupSync();
    process.exit(130);
  });
}

/**
 * A setting of the caller's environment that changes how every Node process starts, which a user's computer does not
 * have: Node reads the certificate file it names at each start (on this project's machine a bundle of 140
 * certificates, about 40 ms of a 100 ms `node -e 0`). The children run without it; `node -e 0` with it is printed
 * apart.
 */
const EXTRA_CA = 'NODE_EXTRA_CA_CERTS';

/** Child environment without our own or rclone's variables from the caller, nor its EXTRA_CA. */
function baseEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('RCLONE_') && !k.startsWith('CONGSYNC_') && k !== EXTRA_CA) env[k] = v;
  return { ...env, ...extra };
}

/**
 * Runs a command to completion, timing it from spawn to exit, with its peak RSS (KiB).
 * Every child gets its own process group, so a timeout or our exit kills all of it.
 */
function runTimed(command, args, { env = baseEnv(), cwd = root, timeoutMs = CHILD_TIMEOUT_MS, input } = {}) {
  return new Promise((resolve, reject) => {
    const rssFile = path.join(workDir ?? os.tmpdir(), `rss-${process.pid}-${crypto.randomUUID()}.txt`);
    const argv = hasTime ? ['-f', '%M %U %S', '-o', rssFile, command, ...args] : args;
    const started = process.hrtime.bigint();
    const child = spawn(hasTime ? TIME_BIN : command, argv, {
      cwd,
      env,
      detached: true,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    children.add(child);
    if (input !== undefined) child.stdin.end(input);
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    let hwm = 0;
    let poller;
    if (!hasTime) {
      const poll = () => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) hwm = Math.max(hwm, Number(m[1]));
        } catch {
          // exited
        }
      };
      poll();
      poller = setInterval(poll, 5);
    }
    let ended;
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
    child.once('exit', () => {
      ended = process.hrtime.bigint();
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      clearInterval(poller);
      children.delete(child);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(poller);
      children.delete(child);
      let rssKiB = hwm;
      let cpuMs = Number.NaN;
      if (hasTime) {
        try {
          const lines = fs.readFileSync(rssFile, 'utf8').trim().split('\n');
          const [rss, user, sys] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
          rssKiB = rss;
          cpuMs = (user + sys) * 1000;
          fs.rmSync(rssFile, { force: true });
        } catch {
          rssKiB = Number.NaN;
        }
      }
      resolve({
        ms: Number((ended ?? process.hrtime.bigint()) - started) / 1e6,
        rssKiB,
        cpuMs,
        code: code ?? (signal ? 128 : 0),
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function request(url, { method, auth, headers = {}, body, timeoutMs = 10_000 }) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        headers: {
          ...headers,
          ...(auth
            ? { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.pass}`).toString('base64')}` }
            : {}),
          ...(body ? { 'content-length': body.length } : {}),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: timeout`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function startRclone(name, servedRoot, auth) {
  const port = await freePort();
  const dir = path.join(workDir, `rclone-${name}`);
  await fsp.mkdir(dir, { recursive: true });
  const config = path.join(dir, 'rclone.conf');
  await fsp.writeFile(config, '');
  // Default directory cache: no --dir-cache-time. Changes go through WebDAV only.
  const args = ['serve', 'webdav', servedRoot, '--addr', `127.0.0.1:${port}`, '--user', auth.user];
  args.push('--config', config, '--cache-dir', path.join(dir, 'cache'));
  const child = spawn('rclone', args, {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: baseEnv({ RCLONE_PASS: auth.pass, XDG_CACHE_HOME: path.join(dir, 'xdg') }),
  });
  children.add(child);
  let log = '';
  child.stderr.on('data', (c) => {
    log = (log + c.toString('utf8')).slice(-8000);
  });
  child.once('exit', () => children.delete(child));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`rclone serve webdav exited early:\n${log}`);
    try {
      const res = await request(url, { method: 'PROPFIND', auth, headers: { depth: '0' } });
      if (res.status === 207) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`rclone serve webdav did not come up:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      killGroup(child, 'SIGTERM');
      const t = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// the deterministic data set

/** mulberry32: a small seeded generator for sizes and names. */
function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic pseudo-random bytes: the AES-256-CTR keystream of a key derived from `seed` (fast for GiBs). */
function keystream(seed) {
  const key = crypto.createHash('sha256').update(`congsync-bench:${seed}`).digest();
  return crypto.createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
}

function bytesOf(seed, length) {
  return keystream(seed).update(Buffer.alloc(length));
}

async function writeStreamed(file, seed, length) {
  const cipher = keystream(seed);
  const fh = await fsp.open(file, 'w');
  try {
    const zeros = Buffer.alloc(8 * MiB);
    for (let done = 0; done < length; ) {
      const n = Math.min(zeros.length, length - done);
      await fh.write(cipher.update(n === zeros.length ? zeros : zeros.subarray(0, n)));
      done += n;
    }
  } finally {
    await fh.close();
  }
}

function addDays(iso, n) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The meeting dates of the window: Wednesdays and Sundays (the presenter's defaults) from TODAY for WEEKS. */
function meetingDates() {
  const dates = [];
  for (let i = 0; i < WEEKS * 7; i++) {
    const d = addDays(TODAY, i);
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay(); // 0 = Sunday, 3 = Wednesday
    if (wd === 3 || wd === 0) dates.push(d);
  }
  return dates;
}

const DATES = meetingDates();
const WORDS = ['Lied', 'Begrüßung', 'Bild', 'Slide', 'Übung', 'Karte', 'Photo', 'Café', 'Chart', 'Szene'];
const EXTS = ['jpg', 'png', 'jpeg', 'webp'];

/** The main set: relative paths below the cache's `main` folder, with sizes and content seeds. */
function mainSpec() {
  const rand = seeded(20300102);
  const files = [];
  for (let i = 0; i < SMALL_FILES; i++) {
    const date = DATES[i % DATES.length];
    const n = Math.floor(i / DATES.length) + 1;
    const word = WORDS[Math.floor(rand() * WORDS.length)];
    const ext = EXTS[Math.floor(rand() * EXTS.length)];
    const size = 2048 + Math.floor(rand() * 2049);
    const name = `${String(n).padStart(3, '0')} - ${word} ${i}.${ext}`;
    files.push({ rel: `Congregation/Media/${date}/${name}`, size, seed: `small:${i}` });
  }
  for (let v = 0; v < VIDEOS; v++) {
    const date = DATES[v % DATES.length];
    const name = `${String(200 + v)} - Video ${String(v + 1).padStart(2, '0')}.mp4`;
    files.push({ rel: `Congregation/Media/${date}/${name}`, size: VIDEO_BYTES, seed: `video:${v}` });
  }
  return files;
}

function largeSpec() {
  return LARGE.map((l) => ({
    rel: `${l.folder}/Media/${DATES[0]}/${l.name}`,
    size: l.bytes,
    seed: `large:${l.key}`,
  }));
}

async function walkFiles(dir, prefix = '') {
  const found = [];
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const e of entries) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) found.push(...(await walkFiles(path.join(dir, e.name), rel)));
    else if (e.isFile()) found.push({ rel, size: (await fsp.stat(path.join(dir, e.name))).size });
  }
  return found;
}

/** Generates a set once into CACHE/<name>; reuses it when its manifest is there and every file matches it. */
async function ensureSet(name, spec) {
  const dir = path.join(CACHE, name);
  const manifestFile = path.join(CACHE, `${name}.manifest.json`);
  const wanted = JSON.stringify(spec.map(({ rel, size, seed }) => [rel, size, seed]));
  try {
    const manifest = await fsp.readFile(manifestFile, 'utf8');
    if (manifest === wanted) {
      const present = new Map((await walkFiles(dir)).map((f) => [f.rel.normalize('NFC'), f.size]));
      if (present.size === spec.length && spec.every((f) => present.get(f.rel.normalize('NFC')) === f.size))
        return { dir, generated: false, ms: 0 };
    }
  } catch {
    // absent: generate
  }
  const started = performance.now();
  process.stderr.write(`bench: generating the ${name} data set into ${dir} …\n`);
  await fsp.rm(manifestFile, { force: true });
  await fsp.rm(dir, { recursive: true, force: true });
  for (const f of spec) {
    const file = path.join(dir, f.rel);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    if (f.size > 4 * MiB) await writeStreamed(file, f.seed, f.size);
    else await fsp.writeFile(file, bytesOf(f.seed, f.size));
  }
  // mtimes fixed too, so rclone's size+modtime comparison is the same from run to run
  const mtime = new Date(`${TODAY}T08:00:00Z`);
  for (const f of spec) await fsp.utimes(path.join(dir, f.rel), mtime, mtime);
  await fsp.writeFile(manifestFile, wanted);
  return { dir, generated: true, ms: performance.now() - started };
}

// ---------------------------------------------------------------------------------------------------------------
// build

/**
 * Builds once, then runs every sync from a frozen copy of the built app (bin/, dist/, src/, host/, manifests), so
 * that edits to the working tree during the run neither trigger bin/host.cjs's rebuild inside a timed run nor mix
 * two versions in one set of medians. The copy is what a user has after a build: `node <app>/bin/host.cjs sync …`.
 */
let app = root;
/** BENCH_BASELINE: another checkout (an older commit) whose sync runs beside ours in (a) and (b), round by round. */
const BASELINE = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : undefined;
let baselineApp;

/** Builds `checkout` as users get it (--production) and copies what runs into `<workDir>/<name>`. */
function buildAndFreeze(checkout = root, name = 'app') {
  const result = spawnSync(process.execPath, [path.join(checkout, 'esbuild.config.mjs'), '--production'], {
    cwd: checkout,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`the build of ${checkout} failed (node esbuild.config.mjs)`);
  const copy = path.join(workDir, name);
  fs.mkdirSync(copy);
  const parts = ['bin', 'dist', 'contract', 'src', 'host', 'tools', 'package.json'].filter((p) =>
    fs.existsSync(path.join(checkout, p)),
  );
  parts.push(...fs.readdirSync(checkout).filter((f) => /^manifest.*\.json$/.test(f)));
  if (spawnSync('cp', ['-a', ...parts.map((p) => path.join(checkout, p)), copy]).status !== 0)
    throw new Error('copying the built app failed');
  const modules = path.join(checkout, 'node_modules');
  fs.symlinkSync(
    fs.existsSync(modules) ? modules : path.join(root, 'node_modules'),
    path.join(copy, 'node_modules'),
  );
  if (checkout === root) app = copy;
  else baselineApp = copy;
  // the bundles are newer than every source in the copy, so bin/host.cjs never rebuilds there
  const now = new Date(Date.now() + 60_000);
  const touch = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) touch(full);
      else fs.utimesSync(full, now, now);
    }
  };
  touch(path.join(copy, 'dist'));
}

// ---------------------------------------------------------------------------------------------------------------
// the commands under test

let auth;
let rcloneObscured;

function ourSync({ url, folder, mediaDir, profile, extra = [], nodeArgs = [], from = app }) {
  const args = [...nodeArgs, path.join(from, 'bin/host.cjs'), 'sync', '--url', url, '--user', auth.user];
  args.push('--folder', folder, '--media-dir', mediaDir, '--profile', profile);
  args.push('--today', TODAY, '--weeks', String(WEEKS), '--json', ...extra);
  return runTimed(process.execPath, args, { env: baseEnv({ CONGSYNC_PASSWORD: auth.pass }) }).then((r) => {
    let report = null;
    try {
      report = JSON.parse(r.stdout);
    } catch {
      // reported below
    }
    if (r.code !== 0 || !report) {
      throw new Error(
        `our sync exited ${r.code}${r.signal ? ` (${r.signal})` : ''}: ${r.stderr.slice(-2000)}`,
      );
    }
    return { ...r, report, requests: report.stats?.requests ?? {} };
  });
}

/**
 * A sync as the presenter runs it: the host is running (`serve`, with the plugin active) and the user presses "Sync
 * congregation"; timed from the page's request to its answer. `sync()` may be called again and again.
 */
async function presenterSession({ url, folder, mediaDir, profile }) {
  const host = (args) =>
    spawnSync(process.execPath, [path.join(app, 'bin/host.cjs'), ...args, '--profile', profile], {
      env: baseEnv({ BENCH_PASSWORD: auth.pass }),
      encoding: 'utf8',
    });
  const secret = host(['secret', 'set', 'password', '--from-env', 'BENCH_PASSWORD']);
  if (secret.status !== 0) throw new Error(`secret set password: ${secret.stderr}`);
  for (const [key, value] of [
    ['serverUrl', url],
    ['username', auth.user],
    ['folder', folder],
    ['syncWindowWeeks', String(WEEKS)],
  ]) {
    const set = host(['config', 'set', key, value]);
    if (set.status !== 0) throw new Error(`config set ${key}: ${set.stderr}`);
  }
  const args = [path.join(app, 'bin/host.cjs'), 'serve', '--profile', profile, '--media-dir', mediaDir];
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: baseEnv(),
  });
  children.add(child);
  const page = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000);
    child.stdout.on('data', (c) => {
      out += c;
      const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve(new URL(found[0]));
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  const run = async (body) => {
    const answer = await request(new URL('/api/run', page.origin), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: page.origin,
        'x-session-token': page.searchParams.get('token'),
      },
      body: Buffer.from(JSON.stringify(body)),
      timeoutMs: CHILD_TIMEOUT_MS,
    });
    return JSON.parse(answer.body.toString('utf8'));
  };
  return {
    async sync() {
      const started = process.hrtime.bigint();
      const answer = await run({ command: 'congregation-sync.sync', args: [{ today: TODAY }] });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (!answer.ok || !answer.result?.ok)
        throw new Error(`the presenter's sync failed: ${JSON.stringify(answer).slice(0, 2000)}`);
      return { ms, report: answer.result, requests: answer.result.stats?.requests ?? {} };
    },
    stop() {
      killGroup(child, 'SIGTERM');
    },
  };
}

function rcloneCopy(url, source, dest) {
  const dir = path.join(workDir, 'rclone-client');
  fs.mkdirSync(dir, { recursive: true });
  const config = path.join(dir, 'rclone.conf');
  fs.writeFileSync(config, '');
  return runTimed('rclone', ['copy', `bench:${source}`, dest, '--config', config], {
    env: baseEnv({
      RCLONE_CONFIG_BENCH_TYPE: 'webdav',
      RCLONE_CONFIG_BENCH_URL: url,
      RCLONE_CONFIG_BENCH_USER: auth.user,
      RCLONE_CONFIG_BENCH_PASS: rcloneObscured,
      XDG_CACHE_HOME: path.join(dir, 'xdg'),
    }),
  }).then((r) => {
    if (r.code !== 0) throw new Error(`rclone copy exited ${r.code}: ${r.stderr.slice(-2000)}`);
    return r;
  });
}

async function putFile(url, rel, body) {
  const href = new URL(rel.split('/').map(encodeURIComponent).join('/'), url);
  const res = await request(href, { method: 'PUT', auth, body });
  if (res.status < 200 || res.status >= 300) throw new Error(`PUT ${rel}: HTTP ${res.status}`);
}

async function expectTree(dir, spec, what) {
  const present = new Map((await walkFiles(dir)).map((f) => [f.rel.normalize('NFC'), f.size]));
  const missing = spec.filter((f) => present.get(f.rel.normalize('NFC')) !== f.size);
  if (present.size !== spec.length || missing.length > 0) {
    throw new Error(
      `${what}: ${present.size} files, expected ${spec.length}; wrong or missing: ${missing
        .slice(0, 3)
        .map((f) => f.rel)
        .join(', ')}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// statistics and report

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const fmtCpu = (ms) => (Number.isFinite(ms) ? fmtMs(ms) : '?');
const fmtMiB = (kib) => (Number.isFinite(kib) ? (kib / 1024).toFixed(1) : '?');
const fmtReq = (r) =>
  r
    ? Object.entries(r)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')
    : '';

function summarise(runs) {
  const ms = runs.map((r) => r.ms);
  const rss = runs.map((r) => r.rssKiB);
  return {
    runs: runs.length,
    medianMs: median(ms),
    minMs: Math.min(...ms),
    maxMs: Math.max(...ms),
    allMs: ms.map((x) => Math.round(x * 10) / 10),
    medianCpuMs: median(runs.map((r) => r.cpuMs)),
    peakRssKiB: Math.max(...rss),
    medianRssKiB: median(rss),
    ...(runs[0]?.requests ? { requests: runs.map((r) => r.requests) } : {}),
  };
}

function table(rows, headers) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

// ---------------------------------------------------------------------------------------------------------------
// part 3: the 10,000-entry listing, in-process

async function listingBench() {
  const { runListingBench } = await bundled(path.join(root, 'bench/listing.ts'), workDir);
  return runListingBench({ count: 10_000, today: TODAY, weeks: WEEKS, repeat: Math.max(5, REPEAT * 2) });
}

// ---------------------------------------------------------------------------------------------------------------
// main

/** The tools, the work folder and the credentials every part needs. */
async function setup() {
  for (const tool of ['rclone', 'cp']) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0)
      throw new Error(`${tool} is needed (apt-get install ${tool === 'cp' ? 'coreutils' : tool})`);
  }
  await fsp.mkdir(CACHE, { recursive: true });
  workDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'congsync-bench-work-'));
  auth = { user: 'bench', pass: `pw-${crypto.randomBytes(8).toString('hex')}` };
  rcloneObscured = spawnSync('rclone', ['obscure', '-'], {
    input: auth.pass,
    encoding: 'utf8',
  }).stdout.trim();
  if (!rcloneObscured) throw new Error('rclone obscure failed');
}

/** `--wan`: the part over one access line (bench/wan.mjs), on its own. */
async function wanMain() {
  const began = performance.now();
  await setup();
  buildAndFreeze();
  const loadAtStart = os.loadavg();
  const log = (s) => process.stderr.write(`${s}\n`);
  const wan = await runWan({
    root,
    workDir,
    auth,
    repeat: REPEAT,
    dates: DATES,
    seeded,
    ensureSet,
    startRclone,
    ourSync,
    presenterSession,
    rcloneCopy,
    expectTree,
    summarise,
    table,
    fmtMs,
    fmtReq,
    log,
  });
  const loadAtEnd = os.loadavg();
  const load = `load average (1 min) ${loadAtStart[0].toFixed(2)} at start, ${loadAtEnd[0].toFixed(2)} at the end, ${os.cpus().length} cores`;
  process.stdout.write(
    `${wan.text}\n${load}\nbench --wan took ${((performance.now() - began) / 1000).toFixed(0)} s\n`,
  );
  const { text, ...results } = wan;
  const file = path.join(root, 'bench/results-wan.json');
  await fsp.writeFile(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), loadAverage: { start: loadAtStart, end: loadAtEnd }, ...results }, null, 2)}\n`,
  );
  process.stdout.write('wrote bench/results-wan.json\n');
}

/** `--bwlimit`: the bandwidth limit's achieved rate (bench/bwlimit.mjs), on its own. */
async function bwlimitMain() {
  await setup();
  buildAndFreeze();
  const log = (s) => process.stderr.write(`${s}\n`);
  const bw = await runBwlimit({
    workDir,
    auth,
    repeat: Math.min(REPEAT, 3),
    dates: DATES,
    seeded,
    ensureSet,
    startRclone,
    ourSync,
    expectTree,
    table,
    fmtMs,
    log,
  });
  const load = os.loadavg()[0].toFixed(2);
  process.stdout.write(`${bw.text}\nload average (1 min) ${load}, ${os.cpus().length} cores\n`);
  const { text, ...results } = bw;
  const file = path.join(root, 'bench/results-bwlimit.json');
  await fsp.writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), ...results }, null, 2)}\n`);
  process.stdout.write('wrote bench/results-bwlimit.json\n');
}

async function main() {
  const began = performance.now();
  await setup();

  const spec = mainSpec();
  const mainSet = await ensureSet('main', spec);
  const largeSet = await ensureSet('large', largeSpec());
  buildAndFreeze();
  if (BASELINE) buildAndFreeze(BASELINE, 'baseline');
  const loadAtStart = os.loadavg();
  if (loadAtStart[0] > os.cpus().length * 0.5)
    process.stderr.write(
      `bench: warning: load average ${loadAtStart[0].toFixed(2)} on ${os.cpus().length} cores; timings will be noisy\n`,
    );
  const git = (...args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
  const source = {
    commit: git('rev-parse', 'HEAD'),
    changedFiles: git('status', '--porcelain').split('\n').filter(Boolean).length,
  };
  const versions = {
    node: process.version,
    rclone: spawnSync('rclone', ['version'], { encoding: 'utf8' }).stdout.split('\n')[0],
  };
  process.stderr.write(
    `bench: ${versions.node}, ${versions.rclone}, ${os.cpus().length} cores, rounds ${REPEAT}, ` +
      `peak RSS via ${hasTime ? '/usr/bin/time -f %M' : '/proc/<pid>/status VmHWM polling'}\n`,
  );

  // The served tree is a working copy: the changes of (c) go through WebDAV into it, never into the cache.
  const served = path.join(workDir, 'served');
  await fsp.mkdir(served);
  const copyStart = performance.now();
  if (spawnSync('cp', ['-a', path.join(mainSet.dir, 'Congregation'), served]).status !== 0)
    throw new Error('cp of the data set failed');
  const copyMs = performance.now() - copyStart;
  const serverMain = await startRclone('main', served, auth);
  const serverLarge = await startRclone('large', largeSet.dir, auth);
  const url = serverMain.url;
  const folder = '/Congregation';
  const mediaSpec = spec.map((f) => ({ ...f, rel: f.rel.slice('Congregation/Media/'.length) }));
  const totalBytes = spec.reduce((s, f) => s + f.size, 0);

  const runs = {
    oursFull: [],
    rcloneFull: [],
    oursNothing: [],
    rcloneNothing: [],
    oursChanged: [],
    rcloneChanged: [],
    baselineFull: [],
    baselineNothing: [],
    floor: [],
    nodeStart: [],
    nodeStartExtraCa: [],
    hostBundle: [],
    dryRun: [],
  };
  const checks = { nothingOnePropfindNoGet: [], changedOneGet: [], changedContentOk: [] };
  const log = (s) => process.stderr.write(`${s}\n`);

  for (let round = 0; round < REPEAT; round++) {
    const r = path.join(workDir, `round-${round}`);
    const media = path.join(r, 'media');
    const profile = path.join(r, 'profile');
    const dest = path.join(r, 'rclone-dest');
    const floorDest = path.join(r, 'floor');
    await fsp.mkdir(r, { recursive: true });
    const ours = () => ourSync({ url, folder, mediaDir: media, profile });
    const baseline = () =>
      ourSync({
        url,
        folder,
        mediaDir: path.join(r, 'baseline-media'),
        profile: path.join(r, 'baseline-profile'),
        from: baselineApp,
      });
    const theirs = () => rcloneCopy(url, 'Congregation/Media', dest);
    const pair = async (a, b) =>
      round % 2 === 0 ? [await a(), await b()] : [await b(), await a()].reverse();

    // (a) full
    if (baselineApp) runs.baselineFull.push(await baseline());
    const [full, rfull] = await pair(ours, theirs);
    await expectTree(media, mediaSpec, 'our full sync');
    await expectTree(dest, mediaSpec, 'rclone copy');
    runs.oursFull.push(full);
    runs.rcloneFull.push(rfull);
    log(
      `round ${round + 1}: full ours ${fmtMs(full.ms)} (${fmtReq(full.requests)}), rclone ${fmtMs(rfull.ms)}`,
    );

    // (b) nothing changed
    if (baselineApp) runs.baselineNothing.push(await baseline());
    const [none, rnone] = await pair(ours, theirs);
    runs.oursNothing.push(none);
    runs.rcloneNothing.push(rnone);
    checks.nothingOnePropfindNoGet.push(
      none.requests.PROPFIND === 1 && !none.requests.GET && Object.keys(none.requests).length === 1,
    );
    log(
      `round ${round + 1}: nothing ours ${fmtMs(none.ms)} (${fmtReq(none.requests)}), rclone ${fmtMs(rnone.ms)}`,
    );

    // (c) one file changed, through WebDAV
    const victimIndex = (round * 37) % SMALL_FILES;
    const victim = spec[victimIndex];
    const content = bytesOf(`changed:${round}`, victim.size + 1 + round);
    await putFile(url, victim.rel, content);
    mediaSpec[victimIndex] = { ...mediaSpec[victimIndex], size: content.length }; // the served tree now has it
    const changed = await ours();
    runs.oursChanged.push(changed);
    const local = path.join(media, victim.rel.slice('Congregation/Media/'.length));
    checks.changedOneGet.push(changed.requests.GET === 1);
    checks.changedContentOk.push(Buffer.compare(await fsp.readFile(local), content) === 0);
    const rchanged = await theirs();
    runs.rcloneChanged.push(rchanged);
    log(
      `round ${round + 1}: changed ours ${fmtMs(changed.ms)} (${fmtReq(changed.requests)}), rclone ${fmtMs(rchanged.ms)}`,
    );

    // (d) the floor
    const floor = await runTimed('cp', ['-r', path.join(served, 'Congregation/Media'), floorDest]);
    if (floor.code !== 0) throw new Error(`cp -r failed: ${floor.stderr}`);
    runs.floor.push(floor);
    log(`round ${round + 1}: floor cp -r ${fmtMs(floor.ms)}`);

    // where a sync's time starts: process start, the host bundle, listing + planning without downloads
    runs.nodeStart.push(await runTimed(process.execPath, ['-e', '0']));
    if (process.env[EXTRA_CA])
      runs.nodeStartExtraCa.push(
        await runTimed(process.execPath, ['-e', '0'], {
          env: baseEnv({ [EXTRA_CA]: process.env[EXTRA_CA] }),
        }),
      );
    runs.hostBundle.push(await runTimed(process.execPath, [path.join(app, 'bin/host.cjs'), '--help']));
    runs.dryRun.push(
      await ourSync({
        url,
        folder,
        mediaDir: path.join(r, 'dry-media'),
        profile: path.join(r, 'dry-profile'),
        extra: ['--dry-run'],
      }),
    );
    await fsp.rm(r, { recursive: true, force: true });
  }

  // part 2: one large file per folder; peak RSS of each
  const large = Object.fromEntries(LARGE.map((l) => [l.key, []]));
  for (let round = 0; round < REPEAT; round++) {
    for (const l of round % 2 === 0 ? LARGE : [...LARGE].reverse()) {
      const r = path.join(workDir, `large-${l.key}-${round}`);
      const result = await ourSync({
        url: serverLarge.url,
        folder: `/${l.folder}`,
        mediaDir: path.join(r, 'media'),
        profile: path.join(r, 'profile'),
      });
      const size = (await fsp.stat(path.join(r, 'media', DATES[0], l.name))).size;
      if (size !== l.bytes) throw new Error(`${l.key}: ${size} bytes placed, expected ${l.bytes}`);
      large[l.key].push(result);
      log(`large ${l.key}: ${fmtMs(result.ms)}, peak RSS ${fmtMiB(result.rssKiB)} MiB`);
      await fsp.rm(r, { recursive: true, force: true });
    }
  }

  // optional: CPU profiles of one full sync and of the nothing-changed sync after it
  const profiles = [];
  if (process.env.BENCH_CPU_PROF) {
    const r = path.join(workDir, 'cpu-prof');
    const dir = path.join(root, 'bench', 'profiles');
    await fsp.mkdir(dir, { recursive: true });
    for (const what of ['full sync', 'nothing changed']) {
      const before = new Set(await fsp.readdir(dir));
      const result = await ourSync({
        url,
        folder,
        mediaDir: path.join(r, 'media'),
        profile: path.join(r, 'profile'),
        nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir],
      });
      const file = (await fsp.readdir(dir)).find((f) => !before.has(f) && f.endsWith('.cpuprofile'));
      if (file) {
        profiles.push({
          what,
          file: path.join('bench/profiles', file),
          ms: result.ms,
          ...summariseProfile(path.join(dir, file)),
        });
        log(`cpu profile (${what}): bench/profiles/${file}`);
      }
    }
    await fsp.rm(r, { recursive: true, force: true });
  }

  await serverMain.stop();
  await serverLarge.stop();

  // part 3
  const listing = await listingBench();

  // ---- report
  const s = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, summarise(v)]));
  const ls = Object.fromEntries(Object.entries(large).map(([k, v]) => [k, summarise(v)]));
  const floorMs = s.floor.medianMs;
  const ratio = (a, b) => (b > 0 ? a / b : Number.NaN);
  const reqOf = (runsOf) => fmtReq(runsOf[runsOf.length - 1]?.requests);
  const row = (label, key, rclone, requests) => [
    label,
    fmtMs(s[key].medianMs),
    `${fmtMs(s[key].minMs)}–${fmtMs(s[key].maxMs)}`,
    rclone ? `${ratio(s[key].medianMs, s[rclone].medianMs).toFixed(2)}×` : '',
    `${ratio(s[key].medianMs, floorMs).toFixed(1)}×`,
    fmtCpu(s[key].medianCpuMs),
    requests ?? '',
    fmtMiB(s[key].peakRssKiB),
  ];
  const rows = [
    row('(a) full sync: ours', 'oursFull', 'rcloneFull', reqOf(runs.oursFull)),
    row('(a) full: rclone copy', 'rcloneFull'),
    row('(b) nothing changed: ours', 'oursNothing', 'rcloneNothing', reqOf(runs.oursNothing)),
    row('(b) nothing: rclone copy', 'rcloneNothing'),
    row('(c) one file changed: ours', 'oursChanged', 'rcloneChanged', reqOf(runs.oursChanged)),
    row('(c) one changed: rclone copy', 'rcloneChanged'),
    ...(baselineApp
      ? [
          row('(a) full sync: baseline', 'baselineFull', 'rcloneFull', reqOf(runs.baselineFull)),
          row(
            '(b) nothing changed: baseline',
            'baselineNothing',
            'rcloneNothing',
            reqOf(runs.baselineNothing),
          ),
        ]
      : []),
    row('(d) floor: cp -r', 'floor'),
    row('node -e 0 (process start)', 'nodeStart'),
    ...(runs.nodeStartExtraCa.length > 0
      ? [row(`node -e 0 with the caller's ${EXTRA_CA}`, 'nodeStartExtraCa')]
      : []),
    row('bin/host.cjs --help (host bundle)', 'hostBundle'),
    row('sync --dry-run, fresh (list+plan)', 'dryRun', null, reqOf(runs.dryRun)),
  ];
  for (const l of LARGE) {
    const x = ls[l.key];
    rows.push([
      `large ${l.key}: ours`,
      fmtMs(x.medianMs),
      `${fmtMs(x.minMs)}–${fmtMs(x.maxMs)}`,
      '',
      '',
      fmtCpu(x.medianCpuMs),
      `${((l.bytes / MiB / x.medianMs) * 1000).toFixed(0)} MiB/s`,
      fmtMiB(x.peakRssKiB),
    ]);
  }
  const headers = [
    'scenario',
    'median',
    'min–max',
    '×rclone',
    '×floor',
    'CPU (u+s)',
    'requests (ours)',
    'peak RSS MiB',
  ];
  const oursAll = [...runs.oursFull, ...runs.oursNothing, ...runs.oursChanged];
  const peakOursKiB = Math.max(...oursAll.map((r) => r.rssKiB));
  const peakLargeKiB = Math.max(...Object.values(large).flatMap((v) => v.map((r) => r.rssKiB)));
  const largeDeltaMiB = (ls['1GiB'].peakRssKiB - ls['100MiB'].peakRssKiB) / 1024;
  const listingCold = listing.cold.parseMs + Math.max(listing.cold.planFirstMs, listing.cold.planUnchangedMs);
  const fullRatio = ratio(s.oursFull.medianMs, s.rcloneFull.medianMs);
  const nothingRatio = ratio(s.oursNothing.medianMs, s.rcloneNothing.medianMs);
  const targets = [
    {
      id: 'full-sync-vs-rclone',
      target: `full sync ≤ ${TARGETS.fullVsRclone}× rclone copy`,
      measured: `${fullRatio.toFixed(2)}× (${fmtMs(s.oursFull.medianMs)} vs ${fmtMs(s.rcloneFull.medianMs)})`,
      pass: fullRatio <= TARGETS.fullVsRclone,
    },
    {
      id: 'nothing-changed-vs-rclone',
      target: `nothing changed ≤ ${TARGETS.nothingVsRclone}× rclone copy`,
      measured: `${nothingRatio.toFixed(2)}× (${fmtMs(s.oursNothing.medianMs)} vs ${fmtMs(s.rcloneNothing.medianMs)})`,
      pass: nothingRatio <= TARGETS.nothingVsRclone,
    },
    {
      id: 'nothing-changed-requests',
      target: 'nothing changed: exactly one PROPFIND and no GET (every round)',
      measured: runs.oursNothing.map((r) => fmtReq(r.requests)).join(' | '),
      pass: checks.nothingOnePropfindNoGet.every(Boolean),
    },
    {
      id: 'one-changed-one-get',
      target: 'one changed file: exactly that file fetched, GET = 1 (every round)',
      measured: `${runs.oursChanged.map((r) => fmtReq(r.requests)).join(' | ')}; content ${
        checks.changedContentOk.every(Boolean) ? 'matches' : 'DIFFERS'
      }`,
      pass: checks.changedOneGet.every(Boolean) && checks.changedContentOk.every(Boolean),
    },
    {
      id: 'peak-rss',
      target: `peak RSS < ${TARGETS.rssMiB} MiB (every sync of parts 1 and 2)`,
      measured: `part 1 max ${fmtMiB(peakOursKiB)} MiB, large files max ${fmtMiB(peakLargeKiB)} MiB`,
      pass: Math.max(peakOursKiB, peakLargeKiB) < TARGETS.rssMiB * 1024,
    },
    {
      id: 'large-file-rss',
      target: `1 GiB file's peak RSS within ${TARGETS.largeRssDeltaMiB} MiB of the 100 MiB file's`,
      measured:
        `worst of ${REPEAT}: ${fmtMiB(ls['1GiB'].peakRssKiB)} vs ${fmtMiB(ls['100MiB'].peakRssKiB)} MiB ` +
        `(Δ ${largeDeltaMiB.toFixed(1)} MiB); medians ${fmtMiB(ls['1GiB'].medianRssKiB)} vs ` +
        `${fmtMiB(ls['100MiB'].medianRssKiB)} MiB (Δ ${((ls['1GiB'].medianRssKiB - ls['100MiB'].medianRssKiB) / 1024).toFixed(1)} MiB); ` +
        `each run: ${large['1GiB'].map((r) => fmtMiB(r.rssKiB)).join('/')} vs ${large['100MiB'].map((r) => fmtMiB(r.rssKiB)).join('/')}`,
      pass: Math.abs(largeDeltaMiB) <= TARGETS.largeRssDeltaMiB,
    },
    {
      id: 'listing-10k',
      target: `10,000-entry listing parsed + planned < ${TARGETS.listingMs} ms (first call in a fresh process)`,
      measured: `${fmtMs(listingCold)} (parse ${fmtMs(listing.cold.parseMs)}, plan first sync ${fmtMs(
        listing.cold.planFirstMs,
      )}, plan unchanged ${fmtMs(listing.cold.planUnchangedMs)}; warm medians ${fmtMs(listing.warm.parseMs)} + ${fmtMs(
        listing.warm.planFirstMs,
      )} / ${fmtMs(listing.warm.planUnchangedMs)})`,
      pass: listingCold < TARGETS.listingMs,
    },
  ];

  const out = [];
  out.push('');
  out.push(
    `Congregation Sync bench — ${spec.length} files (${(totalBytes / MiB).toFixed(0)} MiB) over ${DATES.length} dates, ` +
      `${REPEAT} rounds, today ${TODAY}, ${WEEKS} weeks, ${versions.node}, ${versions.rclone}`,
  );
  out.push(table(rows, headers));
  out.push('');
  out.push(
    `10,000-entry listing (${(listing.xmlBytes / MiB).toFixed(1)} MiB XML, ${listing.entries} entries, ` +
      `${listing.fetchTargets} targets): cold parse ${fmtMs(listing.cold.parseMs)}, plan (first sync) ${fmtMs(
        listing.cold.planFirstMs,
      )}, plan (unchanged) ${fmtMs(listing.cold.planUnchangedMs)}; warm medians parse ${fmtMs(
        listing.warm.parseMs,
      )}, plan ${fmtMs(listing.warm.planFirstMs)} / ${fmtMs(listing.warm.planUnchangedMs)}`,
  );
  out.push('');
  for (const t of targets) out.push(`${t.pass ? 'PASS' : 'FAIL'}  ${t.target}: ${t.measured}`);
  if (baselineApp) {
    const against = (key, base) => ratio(s[key].medianMs, s[base].medianMs).toFixed(2);
    out.push(
      `ours / baseline (${BASELINE}), same rounds: full ${against('oursFull', 'baselineFull')}×, ` +
        `nothing changed ${against('oursNothing', 'baselineNothing')}×`,
    );
  }
  for (const profile of profiles) {
    out.push('');
    out.push(`CPU profile of one ${profile.what} (${fmtMs(profile.ms)} wall, ${profile.file}):`);
    out.push(profile.text);
  }
  const elapsed = (performance.now() - began) / 1000;
  const loadAtEnd = os.loadavg();
  out.push(
    `load average (1 min) ${loadAtStart[0].toFixed(2)} at start, ${loadAtEnd[0].toFixed(2)} at the end, ${os.cpus().length} cores; ` +
      `source ${source.commit.slice(0, 10)} with ${source.changedFiles} changed file(s)`,
  );
  out.push(
    `\nbench took ${elapsed.toFixed(0)} s (data set ${mainSet.generated || largeSet.generated ? 'generated' : 'reused'}: ${CACHE}; served copy made in ${fmtMs(copyMs)})`,
  );
  process.stdout.write(`${out.join('\n')}\n`);

  const results = {
    date: new Date().toISOString(),
    versions,
    machine: { cores: os.cpus().length, memoryMiB: Math.round(os.totalmem() / MiB) },
    source,
    loadAverage: { start: loadAtStart, end: os.loadavg() },
    config: {
      repeat: REPEAT,
      today: TODAY,
      weeks: WEEKS,
      dates: DATES,
      cache: CACHE,
      rssVia: hasTime ? 'time' : 'proc',
    },
    dataSet: {
      files: spec.length,
      bytes: totalBytes,
      smallFiles: SMALL_FILES,
      videos: VIDEOS,
      videoBytes: VIDEO_BYTES,
    },
    scenarios: s,
    large: ls,
    listing,
    ratios: {
      fullVsRclone: fullRatio,
      nothingVsRclone: nothingRatio,
      changedVsRclone: ratio(s.oursChanged.medianMs, s.rcloneChanged.medianMs),
      fullVsFloor: ratio(s.oursFull.medianMs, floorMs),
      rcloneFullVsFloor: ratio(s.rcloneFull.medianMs, floorMs),
    },
    checks,
    targets,
    cpuProfiles: profiles.map(({ what, file, ms, top, byModule, phases }) => ({
      what,
      file,
      ms,
      top,
      byModule,
      phases,
    })),
    elapsedSeconds: elapsed,
  };
  await fsp.writeFile(path.join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write('wrote bench/results.json\n');
}

try {
  if (process.argv.includes('--wan')) await wanMain();
  else if (process.argv.includes('--bwlimit')) await bwlimitMain();
  else await main();
} catch (error) {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  cleanupSync();
}
