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
    const runs = {
      oursFull: [],
      rcloneFull: [],
      oursNothing: [],
      rcloneNothing: [],
      hostFull: [],
      hostNothing: [],
    };
    /** What the proxy saw of one of our syncs. */
    const seenOf = async (sync) => {
      const from = { requests: proxy.requests.length, connections: proxy.connections.length };
      const result = await sync();
      return {
        ...result,
        connections: proxy.connections.length - from.connections,
        roundTrips: support.roundTrips(proxy.requests.slice(from.requests)),
      };
    };
    for (let round = 0; round < h.repeat; round++) {
      const r = path.join(h.workDir, `wan-${server.key}-${round}`);
      const media = path.join(r, 'media');
      const dest = path.join(r, 'rclone-dest');
      const presenter = await h.presenterSession({
        url,
        folder: '/Congregation',
        mediaDir: path.join(r, 'presenter-media'),
        profile: path.join(r, 'presenter-profile'),
      });
      const cli = () =>
        seenOf(() =>
          h.ourSync({ url, folder: '/Congregation', mediaDir: media, profile: path.join(r, 'profile') }),
        );
      const inHost = () => seenOf(() => presenter.sync());
      const theirs = () => h.rcloneCopy(url, 'Congregation/Media', dest);
      /** Each round starts with another of them; the results come back in the order given. */
      const rotated = async (runners) => {
        const results = [];
        for (let i = 0; i < runners.length; i++) {
          const k = (i + round) % runners.length;
          results[k] = await runners[k]();
        }
        return results;
      };
      const [full, rfull, hfull] = await rotated([cli, theirs, inHost]);
      await h.expectTree(media, mediaSpec, 'our full sync over the line');
      await h.expectTree(
        path.join(r, 'presenter-media'),
        mediaSpec,
        "the presenter's full sync over the line",
      );
      await h.expectTree(dest, mediaSpec, 'rclone copy over the line');
      const [none, rnone, hnone] = await rotated([cli, theirs, inHost]);
      presenter.stop();
      runs.oursFull.push(full);
      runs.rcloneFull.push(rfull);
      runs.hostFull.push(hfull);
      runs.oursNothing.push(none);
      runs.rcloneNothing.push(rnone);
      runs.hostNothing.push(hnone);
      const ours = (run) =>
        `${h.fmtMs(run.ms)} (${h.fmtReq(run.requests)}, ${run.connections} connections, ${run.roundTrips} round trips)`;
      h.log(
        `wan ${server.key} round ${round + 1}: full: presenter ${ours(hfull)}, cli ${ours(full)}, rclone ${h.fmtMs(rfull.ms)}; ` +
          `nothing: presenter ${ours(hnone)}, cli ${ours(none)}, rclone ${h.fmtMs(rnone.ms)}`,
      );
      await fsp.rm(r, { recursive: true, force: true });
    }
    await proxy.close();
    await up.close?.();
    await up.stop?.();
    results[server.key] = {
      label: server.label,
      runs: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, h.summarise(v)])),
      last: { full: runs.hostFull.at(-1), none: runs.hostNothing.at(-1) },
    };
  }
  await support.stopAllServers();
  return report(h, results, { totalBytes, floorMs, files: spec.length });
}

function report(h, results, { totalBytes, floorMs, files }) {
  const rows = [];
  const targets = [];
  for (const [key, { label, runs, last }] of Object.entries(results)) {
    const rclone = { full: runs.rcloneFull.medianMs, none: runs.rcloneNothing.medianMs };
    for (const [how, full, none] of [
      ['presenter', runs.hostFull.medianMs, runs.hostNothing.medianMs],
      ['command line', runs.oursFull.medianMs, runs.oursNothing.medianMs],
    ]) {
      const ratios = { full: full / rclone.full, floor: full / floorMs, none: none / rclone.none };
      rows.push([
        `${label}, ${how}`,
        `${h.fmtMs(full)} / ${h.fmtMs(rclone.full)} (${ratios.full.toFixed(2)}×)`,
        `${ratios.floor.toFixed(2)}×`,
        `${h.fmtMs(none)} / ${h.fmtMs(rclone.none)} (${ratios.none.toFixed(2)}×)`,
      ]);
      if (how !== 'presenter') continue;
      targets.push(
        {
          id: `wan-${key}-full-vs-rclone`,
          target: `${label}: full sync ≤ ${TARGETS.fullVsRclone}× rclone copy`,
          measured: `${ratios.full.toFixed(2)}×`,
          pass: ratios.full <= TARGETS.fullVsRclone,
        },
        {
          id: `wan-${key}-full-vs-floor`,
          target: `${label}: full sync ≤ ${TARGETS.fullVsFloor}× the floor`,
          measured: `${ratios.floor.toFixed(2)}×`,
          pass: ratios.floor <= TARGETS.fullVsFloor,
        },
        {
          id: `wan-${key}-nothing-vs-rclone`,
          target: `${label}: nothing changed ≤ ${TARGETS.nothingVsRclone[key]}× rclone copy`,
          measured: `${ratios.none.toFixed(2)}×`,
          pass: ratios.none <= TARGETS.nothingVsRclone[key],
        },
      );
    }
    rows.push([
      `${label}: the presenter's requests`,
      `${h.fmtReq(last.full.requests)}; ${last.full.connections} conn; ${last.full.roundTrips} RT`,
      '',
      `${h.fmtReq(last.none.requests)}; ${last.none.connections} conn; ${last.none.roundTrips} RT`,
    ]);
  }
  const headers = ['server, sync', 'full: ours / rclone', '×floor', 'nothing changed: ours / rclone'];
  const out = [
    '',
    `WAN: ${files} files (${(totalBytes / 1024 / 1024).toFixed(1)} MiB), ${LINE.rttMs} ms round trip, ` +
      `${(LINE.downBytesPerSecond * 8) / 1e6} Mbit/s down, ${(LINE.upBytesPerSecond * 8) / 1e6} up; ${h.repeat} rounds, medians; ` +
      `floor ${h.fmtMs(floorMs)}`,
    'presenter: "Sync congregation" in a running host (serve), timed from the request to the answer; ' +
      'command line: `bin/host.cjs sync`, timed from spawn to exit (the process start included)',
    h.table(rows, headers),
    '',
    ...targets.map((t) => `${t.pass ? 'PASS' : 'FAIL'}  ${t.target} (presenter): ${t.measured}`),
  ];
  return { text: out.join('\n'), results, targets, floorMs, totalBytes };
}
