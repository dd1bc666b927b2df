/**
 * `npm run bench -- --bwlimit`: the bandwidth limit measured. Syncs a data set of small files and videos from
 * `rclone serve` on loopback with `--bwlimit` at a few rates, and reports the rate achieved (the bytes fetched over
 * the sync's time, less the time of the same sync finding nothing to fetch: the process's start, the listing and
 * planning) against the limit. The tests prove the limiter's schedule on a fake clock and that a limited sync
 * delivers every byte; how close the wire comes to the limit is measured only here.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';

const MiB = 1024 * 1024;
const SMALL = 200;
const VIDEOS = 4;
const VIDEO_BYTES = 3 * MiB;
/** The rates measured, as a user writes them, with the bytes per second they mean. */
const RATES = [
  { text: '1M', bytes: MiB },
  { text: '4M', bytes: 4 * MiB },
];

function bwSpec(dates, seeded) {
  const rand = seeded(512);
  const files = [];
  for (let i = 0; i < SMALL; i++) {
    const size = 2048 + Math.floor(rand() * 30_000);
    files.push({
      rel: `Congregation/Media/${dates[i % 8]}/${String(i).padStart(3, '0')} - Slide.jpg`,
      size,
      seed: `bw:${i}`,
    });
  }
  for (let v = 0; v < VIDEOS; v++) {
    files.push({
      rel: `Congregation/Media/${dates[v]}/${200 + v} - Video.mp4`,
      size: VIDEO_BYTES,
      seed: `bw-video:${v}`,
    });
  }
  return files;
}

/** Runs the bandwidth part; `h` holds the bench's helpers and state (run.mjs). */
export async function runBwlimit(h) {
  const spec = bwSpec(h.dates, h.seeded);
  const set = await h.ensureSet('bwlimit', spec);
  const totalBytes = spec.reduce((sum, f) => sum + f.size, 0);
  const mediaSpec = spec.map((f) => ({ ...f, rel: f.rel.slice('Congregation/Media/'.length) }));
  const server = await h.startRclone('bwlimit', set.dir, h.auth);
  const rows = [];
  const results = [];
  try {
    for (const rate of RATES) {
      const achieved = [];
      for (let round = 0; round < h.repeat; round++) {
        const r = path.join(h.workDir, `bw-${rate.text}-${round}`);
        await fsp.mkdir(r);
        const run = {
          url: server.url,
          folder: '/Congregation',
          mediaDir: path.join(r, 'media'),
          profile: path.join(r, 'profile'),
        };
        const full = await h.ourSync({ ...run, extra: ['--bwlimit', rate.text] });
        await h.expectTree(run.mediaDir, mediaSpec, `bwlimit ${rate.text}`);
        const nothing = await h.ourSync({ ...run, extra: ['--bwlimit', rate.text] });
        const transferMs = Math.max(1, full.ms - nothing.ms);
        achieved.push(totalBytes / (transferMs / 1000));
        h.log(
          `bench --bwlimit ${rate.text}: round ${round + 1}: full ${h.fmtMs(full.ms)}, nothing changed ${h.fmtMs(nothing.ms)}`,
        );
      }
      const median = [...achieved].sort((a, b) => a - b)[Math.floor(achieved.length / 2)];
      const ratio = median / rate.bytes;
      results.push({
        limit: rate.text,
        limitBytesPerSecond: rate.bytes,
        achievedBytesPerSecond: median,
        ratio,
      });
      rows.push([`--bwlimit ${rate.text}`, `${(median / MiB).toFixed(2)} MiB/s`, `${ratio.toFixed(2)}×`]);
    }
  } finally {
    await server.stop();
  }
  const text = [
    `Bandwidth limit: ${spec.length} files, ${(totalBytes / MiB).toFixed(1)} MiB, rclone serve on loopback, median of ${h.repeat}`,
    h.table(rows, ['sync', 'achieved', 'achieved ÷ limit']),
  ].join('\n');
  return { text, totalBytes, results };
}
