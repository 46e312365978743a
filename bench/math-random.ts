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
const candidates: { name: string; install: () => void }[] = [
  { name: 'V8 native', install: () => (Math.random = native) },
  { name: 'seed-everything', install: () => mathRandom.install(42) },
  { name: 'seedrandom alea', install: () => (Math.random = seedrandom.alea('42')) },
  { name: 'seedrandom ARC4', install: () => (Math.random = seedrandom('42')) },
  { name: 'pure-rand xoroshiro128+', install: () => (Math.random = xoroshiro(42)) },
];
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const loops = candidates.map(() => new Function('n', 'let s = 0; for (let i = 0; i < n; i++) s += Math.random(); return s;') as (n: number) => number);

const results = candidates.map(() => [] as number[]);
let sink = 0;
for (let round = 0; round < ROUNDS; round++) {
  candidates.forEach((c, k) => {
    c.install();
    const t0 = process.hrtime.bigint();
    sink += loops[k](N);
    results[k].push(Number(process.hrtime.bigint() - t0) / N);
    mathRandom.restore();
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
const [nat, ours, alea] = [m[0], m[1], m[2]];
console.log(`${N} calls per round, median of ${ROUNDS} rounds (first round included: each loop warms up within it); load average ${loadavg()[0].toFixed(2)}`);
console.log(table([['Math.random()', 'ns/call', 'vs native', 'vs ours'], ...candidates.map((c, k) => [c.name, m[k].toFixed(2), `${(m[k] / nat).toFixed(2)}x`, `${(m[k] / ours).toFixed(2)}x`])]));
console.log(`\nrefill: ${refillNs.toFixed(2)} ns per draw (${((100 * refillNs) / ours).toFixed(0)}% of ours); the JS call itself: ${(ours - refillNs).toFixed(2)} ns`);
console.log(`seed-everything costs ${(ours / nat).toFixed(2)}x native (target <= 1.00x: ${ours <= nat ? 'met' : 'NOT MET'}) and ${(ours / alea).toFixed(2)}x alea (target < 1: ${ours < alea ? 'met' : 'NOT MET'})`);
