#!/usr/bin/env node
/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by original source file (through the bundles'
 * source maps), the top functions, and a timeline of what ran when. No dependencies: node:module's SourceMap.
 *
 *   node bench/cpuprofile.mjs FILE.cpuprofile
 */
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const maps = new Map();
function sourceMapOf(url) {
  if (maps.has(url)) return maps.get(url);
  let map = null;
  try {
    const file = url.startsWith('file:') ? fileURLToPath(url) : url;
    const mapFile = `${file}.map`;
    if (fs.existsSync(mapFile))
      map = { map: new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8'))), file };
  } catch {
    map = null;
  }
  maps.set(url, map);
  return map;
}

/** Where a profile node's code came from: an original source file (via the source map) or the runtime. */
function origin(callFrame) {
  const { url, functionName, lineNumber, columnNumber } = callFrame;
  if (!url) return { module: `(${functionName || 'native'})`, where: functionName || '(anonymous)' };
  if (url.startsWith('node:'))
    return { module: 'node: (runtime)', where: `${functionName || '(anonymous)'} ${url}` };
  const sm = sourceMapOf(url);
  if (sm) {
    const entry = sm.map.findEntry(lineNumber, columnNumber);
    if (entry?.originalSource) {
      const source = entry.originalSource.replace(/^.*?(node_modules\/|src\/|host\/|bench\/)/, '$1');
      const module = source.startsWith('node_modules/')
        ? source
            .split('/')
            .slice(0, source.split('/')[1]?.startsWith('@') ? 3 : 2)
            .join('/')
        : source;
      return {
        module,
        where: `${functionName || '(anonymous)'} ${source}:${(entry.originalLine ?? 0) + 1}`,
      };
    }
  }
  const rel = url.replace(/^file:\/\//, '');
  return { module: path.basename(rel), where: `${functionName || '(anonymous)'} ${rel}:${lineNumber + 1}` };
}

export function summariseProfile(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const info = new Map(profile.nodes.map((n) => [n.id, origin(n.callFrame)]));
  const selfUs = new Map();
  const timeline = [];
  let t = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
    timeline.push({ t, id, dt });
  }
  const totalUs = profile.endTime - profile.startTime;
  const moduleUs = new Map();
  const whereUs = new Map();
  for (const [id, us] of selfUs) {
    const o = info.get(id);
    if (!o || !byId.has(id)) continue;
    moduleUs.set(o.module, (moduleUs.get(o.module) ?? 0) + us);
    whereUs.set(o.where, (whereUs.get(o.where) ?? 0) + us);
  }
  const ms = (us) => Math.round(us / 100) / 10;
  const byModule = [...moduleUs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([module, us]) => ({ module, ms: ms(us) }));
  const top = [...whereUs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .map(([where, us]) => ({ where, ms: ms(us) }));
  // what ran when: slices of the run, each with its busiest modules
  const slices = 12;
  const sliceUs = totalUs / slices;
  const phases = [];
  for (let s = 0; s < slices; s++) {
    const inSlice = new Map();
    for (const sample of timeline) {
      if (sample.t < s * sliceUs || sample.t >= (s + 1) * sliceUs) continue;
      const m = info.get(sample.id)?.module ?? '?';
      inSlice.set(m, (inSlice.get(m) ?? 0) + sample.dt);
    }
    const busiest = [...inSlice]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([m, us]) => `${m} ${ms(us)}`)
      .join(', ');
    phases.push({ fromMs: ms(s * sliceUs), toMs: ms((s + 1) * sliceUs), busiest });
  }
  const text = [
    `  profiled ${ms(totalUs)} ms (from V8 start; process exec before it is not included)`,
    '  self time by source:',
    ...byModule.map((m) => `    ${String(m.ms).padStart(8)} ms  ${m.module}`),
    '  top functions (self):',
    ...top.map((f) => `    ${String(f.ms).padStart(8)} ms  ${f.where}`),
    '  timeline (ms: busiest sources):',
    ...phases.map((p) => `    ${String(p.fromMs).padStart(7)}–${String(p.toMs).padEnd(7)} ${p.busiest}`),
  ].join('\n');
  return { totalMs: ms(totalUs), byModule, top, phases, text };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node bench/cpuprofile.mjs FILE.cpuprofile\n');
    process.exit(2);
  }
  process.stdout.write(`${summariseProfile(file).text}\n`);
}
