// npm run bench -- philox
// 2^26 elements per run, every figure a ratio to something measured in the same run:
// - each kind on all threads against TypedArray.prototype.fill on the same array (one thread's
//   write bandwidth) and against libcurand's host Philox generator;
// - one thread against all, each kernel the CPU runs, and all threads against fill on all
//   threads (the machine's threaded write limit: our threads can gain no more than it does);
// - a new array each time against fill on a new array (page faults);
// - the async forms against the sync one, and the longest event-loop gap during an async fill
//   (a 1 ms interval timer) beside the gap of an idle wait and of a plain allocation.
// Targets: uint32 and float >= 0.80 of fill; all threads >= 1.8x one (2 cores); the async
// array form >= 0.80 of sync with no gap over 5 ms; the count form without a copy.
// BENCH_ONLY=async runs the async rounds alone.
import { cpus, loadavg } from 'node:os';
import { Philox, philoxInfo, philoxSimd, philoxSimdSupported, philoxThreads, type PhiloxSimd } from '../lib/philox/philox';
import * as curand from '../lib/curand';
import { median, table, timeRuns } from './_util';
import { parallelFill } from './parallel-fill';

const N = 1 << 26;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const u32 = new Uint32Array(N);
const f32 = new Float32Array(N);
const f64 = new Float64Array(N);
const ms = (fn: () => void) => median(timeRuns(fn, RUNS));
const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
// Runs the functions in turn, RUNS rounds (after one untimed), so that a burst of other work on
// the machine hits all of them alike; returns each one's times by round.
function rounds(fns: (() => void)[]): number[][] {
  const times = fns.map(() => [] as number[]);
  for (let r = -1; r < RUNS; r++) {
    fns.forEach((fn, i) => {
      const t0 = process.hrtime.bigint();
      fn();
      if (r >= 0) times[i].push(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  }
  return times;
}
// Median over rounds of a's time over b's: b's speed as a multiple of a's.
const ratio = (a: number[], b: number[]) => `${median(a.map((t, i) => t / b[i])).toFixed(2)}x`;

const g = curand.isAvailable() ? new curand.Generator('PHILOX4_32_10', { device: 'host', seed: 42 }) : undefined;
if (!g) console.log('libcurand not found: no libcurand column (see `npx seed-everything doctor`)');
const p = new Philox(42);
const kinds: { name: string; ours: () => void; fill: () => void; curand?: () => void }[] = [
  { name: 'uint32', ours: () => p.uint32(u32), fill: () => u32.fill(7), curand: g && (() => g.generate(u32)) },
  { name: 'float32 uniform', ours: () => p.uniform(f32), fill: () => f32.fill(0.5), curand: g && (() => g.uniform(f32)) },
  { name: 'float64 uniform', ours: () => p.uniformDouble(f64), fill: () => f64.fill(0.5), curand: g && (() => g.uniform(f64)) },
  { name: 'float32 normal', ours: () => p.normal(f32), fill: () => f32.fill(0.5), curand: g && (() => g.normal(f32)) },
  { name: 'float64 normal', ours: () => p.normalDouble(f64), fill: () => f64.fill(0.5), curand: g && (() => g.normal(f64)) },
];

const info = philoxInfo();
console.log(`CPU: ${cpus()[0]?.model ?? 'unknown'}, ${info.hardwareThreads} threads; kernel chosen by timing: ${info.simd}; load average at start ${loadavg()[0].toFixed(2)}`);
console.log(`${N} elements per run, ${RUNS} rounds, each running every contender once; ratios are medians of per-round ratios\n`);

function syncRows() {
  const rows = kinds.map((k) => {
    const [fill, ours, lib] = rounds(k.curand ? [k.fill, k.ours, k.curand] : [k.fill, k.ours]);
    return [k.name, (N / median(ours) / 1e3).toFixed(0), ratio(fill, ours), lib ? ratio(lib, ours) : '-'];
  });
  console.log(table([['all threads, ' + info.simd, 'M/s', 'vs fill', 'vs libcurand'], ...rows]));

  // Kernels and threads, float32 uniform.
  const paths = (['avx2', 'avx512', 'scalar'] as PhiloxSimd[]).filter(philoxSimdSupported);
  const on = (path: PhiloxSimd, threads: number) => () => {
    philoxSimd(path);
    philoxThreads(threads);
    p.uniform(f32);
  };
  const wide = parallelFill(N, info.hardwareThreads);
  const pathTimes = rounds([() => f32.fill(0.5), wide.run, ...paths.flatMap((path) => [on(path, 1), on(path, 0)])]);
  wide.close();
  const [fill, fillAll] = pathTimes;
  const pathRows = paths.map((path, i) => {
    const [one, all] = [pathTimes[2 + 2 * i], pathTimes[3 + 2 * i]];
    return [path, ratio(fill, one), ratio(fill, all), ratio(fillAll, all), ratio(one, all)];
  });
  philoxSimd(null);
  philoxThreads(0);
  console.log('\n' + table([['float32 uniform, kernel', '1 thread vs fill', 'all vs fill', 'all vs fill on all threads', 'all vs 1 thread'], ...pathRows]));
  console.log(`fill on all ${info.hardwareThreads} threads at once, each its own share (the write limit of a threaded fill): ${ratio(fill, fillAll)} one thread's fill`);

  // A new array each time, as `p.uniform(n)` makes one: the first writes fault its pages in.
  const [freshFill, freshOurs] = rounds([() => new Float32Array(N).fill(0.5), () => p.uniform(new Float32Array(N))]);
  console.log(
    `a new 2^26 Float32Array each time: ours ${median(freshOurs).toFixed(0)} ms, TypedArray.prototype.fill ${median(freshFill).toFixed(0)} ms (${ratio(freshFill, freshOurs)} fill)`,
  );
}

// Async forms, one round at a time so that the load of the moment weighs on every form alike,
// all under the same 1 ms interval timer. The array form's rounds time the sync fill, the array
// form and an idle wait as long as the array form took (the machine's own gap: other processes,
// the timer's slack). The count form's rounds come after them, apart, with the same wait after
// allocating (not filling) a new 2^26 Float32Array: each result is 256 MiB of new ArrayBuffer
// memory, garbage by the next round, and V8 collects it with pauses of its own, which the
// allocation shows too; in shared rounds those pauses also fell inside the array form's fills,
// which allocate nothing. Last, rounds of their own fill an array never written yet with the
// array form, page faults and all, against the sync fill of an array already written.
// Each group of rounds starts after a full collection (run-bench gives node --expose-gc), so that
// garbage left by what ran before is not collected inside it.
const collect = () => (globalThis as { gc?: () => void }).gc?.();

async function asyncRows() {
  collect();
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  const timed = async (fn: () => unknown) => {
    await new Promise((r) => setTimeout(r, 5));
    worst = 0;
    last = performance.now();
    const t0 = performance.now();
    await fn();
    const took = performance.now() - t0;
    return { ms: took, gap: Math.max(worst, performance.now() - last) };
  };
  const arrayRounds: { sync: number; array: number; gap: number; idle: number }[] = [];
  await timed(() => p.uniformAsync(f32));
  for (let r = 0; r < RUNS; r++) {
    const sync = await timed(() => p.uniform(f32));
    const array = await timed(() => p.uniformAsync(f32));
    const idle = await timed(() => new Promise((res) => setTimeout(res, array.ms)));
    arrayRounds.push({ sync: sync.ms, array: array.ms, gap: array.gap, idle: idle.gap });
  }
  collect();
  const countRounds: { sync: number; count: number; gap: number; alloc: number }[] = [];
  const freshCount = (await timed(() => p.uniformAsync(N))).ms;
  for (let r = 0; r < RUNS; r++) {
    const sync = await timed(() => p.uniform(f32));
    const count = await timed(() => p.uniformAsync(N));
    const alloc = await timed(() => new Promise((res) => setTimeout(res, count.ms, new Float32Array(N))));
    countRounds.push({ sync: sync.ms, count: count.ms, gap: count.gap, alloc: alloc.gap });
  }
  collect();
  const freshRounds: { sync: number; fresh: number; gap: number }[] = [];
  for (let r = 0; r < RUNS; r++) {
    const sync = await timed(() => p.uniform(f32));
    const unwritten = new Float32Array(N); // allocated before the timed wait: V8's reaction to it is the allocation's row
    const fresh = await timed(() => p.uniformAsync(unwritten));
    freshRounds.push({ sync: sync.ms, fresh: fresh.ms, gap: fresh.gap });
  }
  clearInterval(timer);
  const col = <T,>(rows: T[], f: (x: T) => number) => median(rows.map(f));
  const worstOf = <T,>(rows: T[], f: (x: T) => number) => Math.max(...rows.map(f)).toFixed(1);
  const gaps = <T,>(rows: T[], f: (x: T) => number) => [col(rows, f).toFixed(1), worstOf(rows, f)];
  console.log(
    '\n' +
      table([
        ['float32 uniform, async', 'ms', 'vs sync (median of rounds)', 'worst gap, ms: median', 'max'],
        ['sync fill', col(arrayRounds, (x) => x.sync).toFixed(1), '1.00x', '-', '-'],
        ['uniformAsync(array): steps', col(arrayRounds, (x) => x.array).toFixed(1), x(1, col(arrayRounds, (x) => x.array / x.sync)), ...gaps(arrayRounds, (x) => x.gap)],
        ["idle wait (the machine's own gap)", '-', '-', ...gaps(arrayRounds, (x) => x.idle)],
        ['uniformAsync(n): addon-owned memory', col(countRounds, (x) => x.count).toFixed(1), x(1, col(countRounds, (x) => x.count / x.sync)), ...gaps(countRounds, (x) => x.gap)],
        ["new Float32Array(2^26), same wait (V8's GC)", '-', '-', ...gaps(countRounds, (x) => x.alloc)],
        ['uniformAsync(array never written yet)', col(freshRounds, (x) => x.fresh).toFixed(1), x(1, col(freshRounds, (x) => x.fresh / x.sync)), ...gaps(freshRounds, (x) => x.gap)],
      ]),
  );
  console.log(`uniformAsync(n) on fresh memory (first call, no cached block): ${freshCount.toFixed(0)} ms; cached blocks now ${(philoxInfo().cachedBlockBytes / 2 ** 20).toFixed(0)} MiB`);
}

if (process.env.BENCH_ONLY !== 'async') syncRows();
asyncRows().then(() => {
  g?.close();
  console.log(`\nload average at end ${loadavg()[0].toFixed(2)} (other work on this machine makes every figure noisy)`);
});
