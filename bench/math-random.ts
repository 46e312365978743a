// Cost of one Math.random() call: V8's own, ours (mathRandom.install), and seedrandom's
// `{ global: true }`, in one run. Targets: ours ≤ 1.5× native, ≥ 3× faster than seedrandom.
import { mathRandom } from '../lib/index';
import { median, table } from './_util';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const seedrandom = require('seedrandom') as (seed: string, opts: { global: boolean }) => unknown;

const N = 20_000_000;
const ROUNDS = 7;

function perCall(): number {
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) sink += Math.random();
  const ns = Number(process.hrtime.bigint() - t0) / N;
  if (sink < 0) console.log(sink);
  return ns;
}

const native = Math.random;
const results: Record<string, number[]> = { native: [], 'seed-everything': [], seedrandom: [] };
for (let round = 0; round < ROUNDS; round++) {
  Math.random = native;
  results.native.push(perCall());
  mathRandom.install(42);
  results['seed-everything'].push(perCall());
  mathRandom.restore();
  seedrandom('42', { global: true });
  results.seedrandom.push(perCall());
  Math.random = native;
}
const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
console.log(
  table([
    ['Math.random()', 'ns/call (median)', 'vs native', 'vs seedrandom'],
    ...Object.entries(m).map(([k, v]) => [k, v.toFixed(2), (v / m.native).toFixed(2), (v / m.seedrandom).toFixed(2)]),
  ]),
);
const vsNative = m['seed-everything'] / m.native;
const vsSeedrandom = m.seedrandom / m['seed-everything'];
console.log(`\nseed-everything costs ${vsNative.toFixed(2)}× native (target ≤ 1.5×: ${vsNative <= 1.5 ? 'met' : 'NOT MET'}); ` + `${vsSeedrandom.toFixed(1)}× faster than seedrandom (target ≥ 3×: ${vsSeedrandom >= 3 ? 'met' : 'NOT MET'})`);
