// npm run bench -- compat
// Side by side with the real CPython and numpy on this machine, in one run:
//   PyRandom.random() per call vs CPython random.random()   (target: at least 2x faster)
//   NumpyRandomState.rand(1e7) vs numpy RandomState.rand(1e7) (target: at most 1.5x numpy's time)
import { spawnSync } from 'node:child_process';
//   small fills one value at a time in JS vs one native call (where NATIVE_MIN_* come from)
import { MT19937, NumpyRandomState, PyRandom, SeedSequence, TorchGenerator } from '../lib/compat';
import { compatNative, NATIVE_MIN_DOUBLES, NATIVE_MIN_WORDS } from '../lib/compat/native';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeMs(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function python(code: string): number[] {
  const r = spawnSync('python3', ['-c', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string);
}

function pyRandomPerCall(): { ours: number; cpython: number } {
  const r = new PyRandom(42);
  const calls = 5_000_000;
  const loop = (): number => {
    let sum = 0;
    for (let i = 0; i < calls; i++) sum += r.random();
    return sum;
  };
  const runs: number[] = [];
  for (let k = 0; k < 7; k++) {
    const t = process.hrtime.bigint();
    if (loop() < 0) console.log('unreachable');
    runs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const ours = (median(runs.slice(2)) * 1e6) / calls;
  const cpy = python(
    'import json, random, timeit\n' +
      "t = timeit.repeat('random.random()', setup='import random; random.seed(42)', number=2_000_000, repeat=5)\n" +
      'print(json.dumps([x / 2_000_000 * 1e9 for x in t]))',
  );
  return { ours, cpython: median(cpy) };
}

function numpyRand(): { ours: number; numpy: number } {
  const rs = new NumpyRandomState(42);
  const runs: number[] = [];
  for (let k = 0; k < 7; k++) runs.push(timeMs(() => rs.rand(10_000_000)));
  const np = python(
    'import json, time, numpy as np\n' +
      'rs = np.random.RandomState(42); out = []\n' +
      'for _ in range(7):\n' +
      '    t = time.perf_counter(); rs.rand(10_000_000); out.append((time.perf_counter() - t) * 1e3)\n' +
      'print(json.dumps(out[2:]))',
  );
  return { ours: median(runs.slice(2)), numpy: median(np) };
}

function thresholds(): void {
  const mt = new MT19937(1);
  const native = compatNative();
  console.log(`small fills, ns per call: one at a time in JS vs one native call (thresholds: ${NATIVE_MIN_DOUBLES} doubles, ${NATIVE_MIN_WORDS} words)`);
  for (const n of [8, 16, 32, 64, 128]) {
    const d = new Float64Array(n);
    const w = new Uint32Array(n);
    const reps = 200_000;
    const per = (fn: () => void): string => {
      for (let i = 0; i < reps; i++) fn();
      return ((timeMs(() => { for (let i = 0; i < reps; i++) fn(); }) * 1e6) / reps).toFixed(0).padStart(5);
    };
    const jsD = per(() => { for (let i = 0; i < n; i++) d[i] = mt.genrandRes53(); });
    const natD = per(() => { mt.index = native.compatFillRes53(mt.key, mt.index, d); });
    const jsW = per(() => { for (let i = 0; i < n; i++) w[i] = mt.genrandUint32(); });
    const natW = per(() => { mt.index = native.compatFillUint32(mt.key, mt.index, w); });
    console.log(`  n=${String(n).padEnd(4)} doubles JS ${jsD}  native ${natD}    words JS ${jsW}  native ${natW}`);
  }
}

function extras(): void {
  const rs = new NumpyRandomState(1);
  const t = new TorchGenerator(1);
  const ss = () => new SeedSequence(12345n, { spawnKey: [3, 7] }).generateState(2, 'uint64');
  const n = 20000;
  const ssUs = (median([0, 1, 2].map(() => timeMs(() => { for (let i = 0; i < n; i++) ss(); }))) * 1e3) / n;
  const py = new PyRandom(1);
  const gaussUs = (median([0, 1, 2].map(() => timeMs(() => { for (let i = 0; i < 1e6; i++) py.gauss(); }))) * 1e3) / 1e6;
  console.log(`  PyRandom.gauss()      ${(gaussUs * 1e3).toFixed(1)} ns/call`);
  console.log(`  randn(1e6)            ${median([0, 1, 2].map(() => timeMs(() => rs.randn(1_000_000)))).toFixed(1)} ms`);
  console.log(`  randn() x 1e5         ${median([0, 1, 2].map(() => timeMs(() => { for (let i = 0; i < 1e5; i++) rs.randn(); }))).toFixed(1)} ms`);
  console.log(`  torch rand(1e7)       ${median([0, 1, 2].map(() => timeMs(() => t.rand(10_000_000)))).toFixed(1)} ms`);
  console.log(`  torch randn(1e6)      ${median([0, 1, 2].map(() => timeMs(() => t.randn(1_000_000)))).toFixed(1)} ms`);
  console.log(`  SeedSequence + generateState(2, uint64): ${ssUs.toFixed(2)} us each`);
}

const a = pyRandomPerCall();
console.log(`PyRandom.random():  ${a.ours.toFixed(2)} ns/call   CPython random.random(): ${a.cpython.toFixed(2)} ns/call   ` +
  `speed-up ${(a.cpython / a.ours).toFixed(2)}x (target >= 2x) ${a.cpython / a.ours >= 2 ? 'MET' : 'NOT MET'}`);
const b = numpyRand();
console.log(`NumpyRandomState.rand(1e7): ${b.ours.toFixed(1)} ms   numpy RandomState.rand(1e7): ${b.numpy.toFixed(1)} ms   ` +
  `ratio ${(b.ours / b.numpy).toFixed(2)}x numpy's time (target <= 1.5x) ${b.ours / b.numpy <= 1.5 ? 'MET' : 'NOT MET'}`);
console.log('other figures:');
extras();
thresholds();
