// npm run bench -- math-random
// Cost of one Math.random() call, each generator installed as Math.random in turn, in one run:
// V8's own, ours (mathRandom.install), seedrandom's alea and its default ARC4, and pure-rand's
// xoroshiro128+ (53-bit doubles from two 32-bit outputs, as ours and V8's are 53-bit).
// Each generator gets its own copy of the loop, so no call site sees more than one function.
// Targets: ours <= 1.00x native and cheaper than alea. The refill (4096 doubles made natively,
// philoxFillRes53) is timed alone too, so ours splits into refill and the JS call itself.
import { loadavg } from 'node:os';
import { mathRandom } from '../lib/index';
import { binding } from '../lib/core/binding';
import { median, table } from './_util';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const seedrandom = require('seedrandom') as ((seed: string) => () => number) & { alea: (seed: string) => () => number };
// eslint-disable-next-line @typescript-eslint/no-var-requires
const pureRand = require('pure-rand') as { xoroshiro128plus: (seed: number) => { unsafeNext(): number } };

const N = 20_000_000;
const ROUNDS = Number(process.env.BENCH_RUNS ?? 9);

function xoroshiro(seed: number): () => number {
  const g = pureRand.xoroshiro128plus(seed);
  return () => ((g.unsafeNext() >>> 5) * 67108864 + (g.unsafeNext() >>> 6)) / 9007199254740992;
}

const native = Math.random;
// ours: the function mathRandom.install puts on Math.random.
function ours(): () => number {
  mathRandom.install(42);
  const f = Math.random;
  mathRandom.restore();
  return f;
}
const candidates: { name: string; make: () => () => number }[] = [
  { name: 'V8 native', make: () => native },
  { name: 'seed-everything', make: ours },
  { name: 'seedrandom alea', make: () => seedrandom.alea('42') },
  { name: 'seedrandom ARC4', make: () => seedrandom('42') },
  { name: 'pure-rand xoroshiro128+', make: () => xoroshiro(42) },
];
// Each generator is made once and swapped in for its rounds, as a program installs one once: a
// new closure every round would make each loop deoptimise on its new target (V8's own never
// changes), which costs every JS generator alike and is no part of a call's price.
const generators = candidates.map((c) => c.make());
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const loops = candidates.map(() => new Function('n', 'let s = 0; for (let i = 0; i < n; i++) s += Math.random(); return s;') as (n: number) => number);

const results = candidates.map(() => [] as number[]);
let sink = 0;
for (let round = 0; round < ROUNDS; round++) {
  candidates.forEach((_, k) => {
    Math.random = generators[k];
    const t0 = process.hrtime.bigint();
    sink += loops[k](N);
    results[k].push(Number(process.hrtime.bigint() - t0) / N);
    Math.random = native;
  });
}
if (sink < 0) console.log(sink);

const refill = binding<{ philoxFillRes53(out: Float64Array, seed: bigint, offset: bigint): void }>().philoxFillRes53;
const block = new Float64Array(4096);
const refillNs = median(
  Array.from({ length: ROUNDS }, (_, r) => {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < 2000; k++) refill(block, 42n, BigInt(r * 2000 + k) * 8192n);
    return Number(process.hrtime.bigint() - t0) / 2000 / 4096;
  }),
);
const m = results.map(median);
const [nat, own, alea] = [m[0], m[1], m[2]];
console.log(`${N} calls per round, median of ${ROUNDS} rounds (first round included: each loop warms up within it); load average ${loadavg()[0].toFixed(2)}`);
console.log(table([['Math.random()', 'ns/call', 'vs native', 'vs ours'], ...candidates.map((c, k) => [c.name, m[k].toFixed(2), `${(m[k] / nat).toFixed(2)}x`, `${(m[k] / own).toFixed(2)}x`])]));
console.log(`\nrefill: ${refillNs.toFixed(2)} ns per draw (${((100 * refillNs) / own).toFixed(0)}% of ours); the JS call itself: ${(own - refillNs).toFixed(2)} ns`);
console.log(`seed-everything costs ${(own / nat).toFixed(2)}x native (target <= 1.00x: ${own <= nat ? 'met' : 'NOT MET'}) and ${(own / alea).toFixed(2)}x alea (target < 1: ${own < alea ? 'met' : 'NOT MET'})`);
