/**
 * `npm run bench -- --wan`: the sync over one access line. The shaping proxy of the tests (40 ms round trip,
 * 50 Mbit/s down, 10 up, a round trip per new connection) in front of `rclone serve webdav` and Apache mod_dav, with
 * 400 small files and 3 of 5 MiB over 8 dates; ours against `rclone copy`, alternating per round, and the floor
 * (every byte at the line's rate plus two round trips) beside them. From the proxy's log: the requests, the
 * connections opened and the round trips of each of our syncs.
 */
import { spawnSync } from 'node:child_process';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { bundled } from './bundle.mjs';

export const LINE = { rttMs: 40, downBytesPerSecond: 50e6 / 8, upBytesPerSecond: 10e6 / 8 };
const SMALL = 400;
const LARGE = 3;
const LARGE_BYTES = 5 * 1024 * 1024;
const TARGETS = { fullVsRclone: 0.5, fullVsFloor: 1.2, nothingVsRclone: { rclone: 0.6, apache: 0.8 } };

/** The WAN set: below `Congregation/Media/`, over the first 8 meeting dates of the window. */
export function wanSpec(dates, seeded) {
  const rand = seeded(20300103);
  const files = [];
  for (let i = 0; i < SMALL; i++) {
    const date = dates[i % 8];
    const size = 2048 + Math.floor(rand() * 2049);
    files.push({
      rel: `Congregation/Media/${date}/${String(i).padStart(3, '0')} - Slide ${i}.jpg`,
      size,
      seed: `wan:${i}`,
    });
  }
  for (let v = 0; v < LARGE; v++) {
    const rel = `Congregation/Media/${dates[v * 3]}/${200 + v} - Video ${v + 1}.mp4`;
    files.push({ rel, size: LARGE_BYTES, seed: `wan-video:${v}` });
  }
  return files;
}

/** Runs the WAN part; `h` holds the bench's helpers and state (run.mjs). */
export async function runWan(h) {
  const support = await bundled(path.join(h.root, 'bench/wan-support.ts'), h.workDir);
  const spec = wanSpec(h.dates, h.seeded);
  const set = await h.ensureSet('wan', spec);
  const totalBytes = spec.reduce((sum, f) => sum + f.size, 0);
  const floorMs = (totalBytes / LINE.downBytesPerSecond) * 1000 + 2 * LINE.rttMs;
  const served = path.join(h.workDir, 'wan-served');
  await fsp.mkdir(served);
  if (spawnSync('cp', ['-a', path.join(set.dir, 'Congregation'), served]).status !== 0)
    throw new Error('cp of the WAN data set failed');
  const mediaSpec = spec.map((f) => ({ ...f, rel: f.rel.slice('Congregation/Media/'.length) }));

  const servers = [
    {
      key: 'rclone',
      label: 'rclone serve (Depth: infinity)',
      start: () => h.startRclone('wan', served, h.auth),
    },
  ];
  const apache = support.serverAvailable('apache');
  if (apache.ok)
    servers.push({
      key: 'apache',
      label: 'Apache mod_dav (walk)',
      start: () => support.startApache({ root: served, username: h.auth.user, password: h.auth.pass }),
    });
  else h.log(`bench --wan: no Apache (${apache.why}); rclone serve only`);

  const results = {};
  for (const server of servers) {
    const up = await server.start();
    const proxy = await support.startShapingProxy(
      { host: '127.0.0.1', port: Number(new URL(up.url).port) },
      LINE,
    );
    const url = proxy.urlFor('/');
    const runs = { oursFull: [], rcloneFull: [], oursNothing: [], rcloneNothing: [] };
    /** Ours, with what the proxy saw of it. */
    const ours = async (media, profile) => {
      const from = { requests: proxy.requests.length, connections: proxy.connections.length };
      const result = await h.ourSync({ url, folder: '/Congregation', mediaDir: media, profile });
      const seen = proxy.requests.slice(from.requests);
      return {
        ...result,
        connections: proxy.connections.length - from.connections,
        roundTrips: support.roundTrips(seen),
      };
    };
    for (let round = 0; round < h.repeat; round++) {
      const r = path.join(h.workDir, `wan-${server.key}-${round}`);
      const media = path.join(r, 'media');
      const profile = path.join(r, 'profile');
      const dest = path.join(r, 'rclone-dest');
      const theirs = () => h.rcloneCopy(url, 'Congregation/Media', dest);
      const pair = async (a, b) =>
        round % 2 === 0 ? [await a(), await b()] : [await b(), await a()].reverse();
      const [full, rfull] = await pair(() => ours(media, profile), theirs);
      await h.expectTree(media, mediaSpec, 'our full sync over the line');
      await h.expectTree(dest, mediaSpec, 'rclone copy over the line');
      const [none, rnone] = await pair(() => ours(media, profile), theirs);
      runs.oursFull.push(full);
      runs.rcloneFull.push(rfull);
      runs.oursNothing.push(none);
      runs.rcloneNothing.push(rnone);
      h.log(
        `wan ${server.key} round ${round + 1}: full ours ${h.fmtMs(full.ms)} (${h.fmtReq(full.requests)}, ` +
          `${full.connections} connections, ${full.roundTrips} round trips), rclone ${h.fmtMs(rfull.ms)}; ` +
          `nothing ours ${h.fmtMs(none.ms)} (${h.fmtReq(none.requests)}, ${none.roundTrips} round trips), rclone ${h.fmtMs(rnone.ms)}`,
      );
      await fsp.rm(r, { recursive: true, force: true });
    }
    await proxy.close();
    await up.close?.();
    await up.stop?.();
    results[server.key] = {
      label: server.label,
      runs: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, h.summarise(v)])),
      last: { full: runs.oursFull.at(-1), none: runs.oursNothing.at(-1) },
    };
  }
  await support.stopAllServers();
  return report(h, results, { totalBytes, floorMs, files: spec.length });
}

function report(h, results, { totalBytes, floorMs, files }) {
  const rows = [];
  const targets = [];
  const ratio = (a, b) => a / b;
  for (const [key, { label, runs, last }] of Object.entries(results)) {
    const full = ratio(runs.oursFull.medianMs, runs.rcloneFull.medianMs);
    const none = ratio(runs.oursNothing.medianMs, runs.rcloneNothing.medianMs);
    const overFloor = ratio(runs.oursFull.medianMs, floorMs);
    rows.push([
      label,
      `${h.fmtMs(runs.oursFull.medianMs)} / ${h.fmtMs(runs.rcloneFull.medianMs)} (${full.toFixed(2)}×)`,
      `${overFloor.toFixed(2)}×`,
      `${h.fmtMs(runs.oursNothing.medianMs)} / ${h.fmtMs(runs.rcloneNothing.medianMs)} (${none.toFixed(2)}×)`,
      `${h.fmtReq(last.full.requests)}; ${last.full.connections} conn; ${last.full.roundTrips} RT`,
      `${h.fmtReq(last.none.requests)}; ${last.none.connections} conn; ${last.none.roundTrips} RT`,
    ]);
    targets.push(
      {
        id: `wan-${key}-full-vs-rclone`,
        target: `${label}: full sync ≤ ${TARGETS.fullVsRclone}× rclone copy`,
        measured: `${full.toFixed(2)}×`,
        pass: full <= TARGETS.fullVsRclone,
      },
      {
        id: `wan-${key}-full-vs-floor`,
        target: `${label}: full sync ≤ ${TARGETS.fullVsFloor}× the floor`,
        measured: `${overFloor.toFixed(2)}×`,
        pass: overFloor <= TARGETS.fullVsFloor,
      },
      {
        id: `wan-${key}-nothing-vs-rclone`,
        target: `${label}: nothing changed ≤ ${TARGETS.nothingVsRclone[key]}× rclone copy`,
        measured: `${none.toFixed(2)}×`,
        pass: none <= TARGETS.nothingVsRclone[key],
      },
    );
  }
  const headers = [
    'server',
    'full: ours / rclone',
    '×floor',
    'nothing changed: ours / rclone',
    'full: requests (ours, last round)',
    'nothing: requests',
  ];
  const out = [
    '',
    `WAN: ${files} files (${(totalBytes / 1024 / 1024).toFixed(1)} MiB), ${LINE.rttMs} ms round trip, ` +
      `${(LINE.downBytesPerSecond * 8) / 1e6} Mbit/s down, ${(LINE.upBytesPerSecond * 8) / 1e6} up; ${h.repeat} rounds, medians; ` +
      `floor ${h.fmtMs(floorMs)}`,
    h.table(rows, headers),
    '',
    ...targets.map((t) => `${t.pass ? 'PASS' : 'FAIL'}  ${t.target}: ${t.measured}`),
  ];
  return { text: out.join('\n'), results, targets, floorMs, totalBytes };
}
