// Scenarios of across-2-64.test.ts, each run in its own child process under a timeout (a hang
// there must fail the test, not stall the run). Each prints one JSON line: values as hex bits.
import { readFile } from 'node:fs';
import { createHash, pbkdf2 } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { defaults, deriveSeed, getRngState, mathRandom, setRngState } from '../../../lib/index';
import { Philox, philoxSimd, philoxSimdSupported, philoxThreads, type PhiloxSimd } from '../../../lib/philox/philox';
import { bytes, draw, drawAsync, type Kind, type Values } from '../../philox/streams';

const TWO64 = 1n << 64n;

/** The fills the issue saw hang: (kind, offset below 2^64, count), ending 1..3 below 2^64. */
export const HANGS: [Kind, number, number][] = [
  ['uniformDouble', 3, 1],
  ['uniformDouble', 5, 2],
  ['normalDouble', 5, 2],
  ['normalDouble', 4, 3],
  ['logNormalDouble', 3, 2],
  ['logNormalDouble', 6, 5],
  ['normal', 3, 2],
  ['logNormal', 3, 2],
];

const hex = (v: Values) => bytes(v).toString('hex');
const print = (value: unknown) => console.log(JSON.stringify(value));

function hangsSync(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const simd of ['scalar', 'avx2', 'avx512'] as PhiloxSimd[]) {
    if (!philoxSimdSupported(simd)) continue;
    philoxSimd(simd);
    out[simd] = HANGS.map(([kind, below, n]) => hex(draw(new Philox(9, TWO64 - BigInt(below)), kind, n)));
  }
  philoxSimd(null);
  return out;
}

// The async forms ran on libuv's pool; while they spun, fs and crypto callbacks never ran.
async function hangsAsync(): Promise<{ values: string[]; callbacks: string[] }> {
  const pending = HANGS.map(([kind, below, n]) => drawAsync(new Philox(9, TWO64 - BigInt(below)), kind, n));
  const callbacks: string[] = [];
  await Promise.all([
    new Promise<void>((done) => readFile(__filename, () => (callbacks.push('fs.readFile'), done()))),
    new Promise<void>((done) => pbkdf2('a', 'b', 1, 8, 'sha256', () => (callbacks.push('crypto.pbkdf2'), done()))),
  ]);
  return { values: (await Promise.all(pending)).map(hex), callbacks };
}

// A worker stuck in a fill never answered and worker.terminate() never resolved.
async function hangInWorker(): Promise<{ values: string[]; terminated: boolean }> {
  const worker = new Worker(
    `const { Philox } = require('./lib/philox/philox'); const { parentPort } = require('node:worker_threads');
     const hangs = ${JSON.stringify(HANGS)};
     parentPort.postMessage(hangs.map(([k, below, n]) => { const p = new Philox(9, (1n << 64n) - BigInt(below)); const v = k.includes('ormal') ? p[k](n, 0.25, 1.5) : p[k](n); return Buffer.from(v.buffer).toString('hex'); }));`,
    { eval: true, execArgv: ['--require', require.resolve('tsx/cjs')] },
  );
  const values = await new Promise<string[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  return { values, terminated: true };
}

// A snapshot whose defaults.philox.offset is 2^64 - 3 (the issue's): accepted, then normal(2) hung.
function snapshotPhilox(): Record<string, unknown> {
  const snap = JSON.parse(JSON.stringify(getRngState()));
  snap.defaults.philox = { seed: '31', offset: '18446744073709551613', anchor: '18446744073709551613' };
  setRngState(snap);
  const first = hex(defaults().philox.normal(4, 0.25, 1.5));
  const doubles = hex(defaults().philox.uniformDouble(6));
  const after = getRngState();
  setRngState(JSON.parse(JSON.stringify(after)));
  const resumed = hex(defaults().philox.uint32(6));
  return { first, doubles, offsetAfter: after.defaults.philox.offset, resumed };
}

// The doubles Math.random draws from words w of Philox(deriveSeed(seed, 'Math.random')).
function mathExpected(seed: number, wordOffset: bigint, count: number): number[] {
  const w = new Philox(deriveSeed(seed, 'Math.random'), wordOffset).uint32(2 * count);
  return Array.from({ length: count }, (_, k) => ((w[2 * k] >>> 5) * 67108864 + (w[2 * k + 1] >>> 6)) / 2 ** 53);
}

// A snapshot with mathRandom.offset near 2^64: every Math.random() threw and getRngState() then
// gave a snapshot setRngState refused.
function snapshotMathRandom(): Record<string, unknown> {
  mathRandom.install(5);
  const snap = JSON.parse(JSON.stringify(getRngState()));
  const offset = TWO64 - 3000n;
  snap.mathRandom = { seed: '5', offset: String(offset), index: 0 };
  setRngState(snap);
  const got = Array.from({ length: 10000 }, () => Math.random());
  const want = mathExpected(5, offset, 10010);
  const later = JSON.parse(JSON.stringify(getRngState()));
  setRngState(later);
  const resumed = Array.from({ length: 10 }, () => Math.random());
  return { same: JSON.stringify(got) === JSON.stringify(want.slice(0, 10000)), resumedSame: JSON.stringify(resumed) === JSON.stringify(want.slice(10000)), laterOffset: later.mathRandom.offset, laterIndex: later.mathRandom.index };
}

// Fills crossing 2^64 into arrays that hold a sentinel: sync left the old contents, async zeros.
async function crossing(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const kind of ['uint32', 'uniform', 'uniformDouble', 'normal', 'normalDouble', 'logNormal', 'logNormalDouble'] as Kind[]) {
    const sync = new Philox(9, TWO64 - 3n);
    const asyncGen = new Philox(9, TWO64 - 3n);
    out[kind] = [hex(draw(sync, kind, 8)), hex(draw(sync, kind, 8)), hex(await drawAsync(asyncGen, kind, 8)), hex(await drawAsync(asyncGen, kind, 8))];
  }
  return out;
}

// Threaded fills across 2^64 took quadratic time (chunk bounds wrapped) and overlapped.
function threaded(): Record<string, unknown> {
  const n = 1 << 24;
  const time = (offset: bigint, out: Uint32Array) => {
    const t0 = process.hrtime.bigint();
    new Philox(5, offset).uint32(out);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const a = new Uint32Array(n);
  const b = new Uint32Array(n);
  const across = TWO64 - BigInt(n / 2) - 3n;
  philoxThreads(0);
  time(0n, a);
  time(across, b);
  let plain = Infinity;
  let crossingMs = Infinity;
  for (let i = 0; i < 3; i++) {
    plain = Math.min(plain, time(0n, a));
    crossingMs = Math.min(crossingMs, time(across, b));
  }
  philoxThreads(1);
  const one = new Philox(5, across).uint32(n);
  philoxThreads(0);
  const sha256 = createHash('sha256').update(bytes(b)).digest('hex');
  return { plain, crossing: crossingMs, sameAsOneThread: bytes(one).equals(bytes(b)), sha256 };
}

const SCENARIOS: Record<string, () => unknown> = { hangsSync, hangsAsync, hangInWorker, snapshotPhilox, snapshotMathRandom, crossing, threaded };

export async function main(name: string): Promise<void> {
  print(await SCENARIOS[name]());
  process.exit(0);
}
