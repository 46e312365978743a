// npm run bench -- philox
// 2^26 float32 uniforms: our engine on one thread and on all threads, libcurand's host Philox
// generator (through curand.Generator, when libcurand loads) and crypto.getRandomValues in
// 64 KiB chunks for scale. Median of several runs; M floats/s and the ratio to libcurand.
// Targets: >= 5x libcurand on one thread, >= 10x on all threads.
import { getRandomValues } from 'node:crypto';
import { Philox, philoxInfo, philoxThreads } from '../lib/philox/philox';
import * as curand from '../lib/curand';
import { median, table, timeRuns } from './_util';

const N = 1 << 26;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const out = new Float32Array(N);

function rate(fn: () => void): number {
  return N / median(timeRuns(fn, RUNS)) / 1e3;  // ms -> M/s
}

const rows: { name: string; mps: number }[] = [];
const info = philoxInfo();

philoxThreads(1);
const one = new Philox(42);
rows.push({ name: `Philox, 1 thread (${info.simd})`, mps: rate(() => one.uniform(out)) });
philoxThreads(0);
const all = new Philox(42);
rows.push({ name: `Philox, ${info.hardwareThreads} threads (${info.simd})`, mps: rate(() => all.uniform(out)) });

let curandRate: number | undefined;
if (curand.isAvailable()) {
  const g = new curand.Generator('PHILOX4_32_10', { device: 'host', seed: 42 });
  curandRate = rate(() => g.uniform(out));
  g.close();
  rows.push({ name: 'libcurand host Philox', mps: curandRate });
} else {
  console.log('libcurand not found: no libcurand row (see `npx seed-everything doctor`)');
}

rows.push({
  name: 'crypto.getRandomValues, 64 KiB chunks',
  mps: rate(() => {
    for (let off = 0; off < out.byteLength; off += 65536) getRandomValues(new Uint8Array(out.buffer, off, 65536));
  }),
});

console.log(`${N} float32 per run, median of ${RUNS}`);
console.log(
  table([
    ['', 'M floats/s', 'vs libcurand'],
    ...rows.map((r) => [r.name, r.mps.toFixed(1), curandRate ? `${(r.mps / curandRate).toFixed(2)}x` : '-']),
  ]),
);
