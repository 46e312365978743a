// What trace() costs. Off (SEED_EVERYTHING_TRACE unset): one call per kind of value, against an
// empty function call in the same loop; target ≤ 50 ns. On: one checkpoint of 64 and of 2^20
// floats, and the hash candidates on the same bytes. Then examples/tfjs-train.ts with
// tfjs.traceModel() on every model it fits (this file, preloaded, adds it), against the plain run.
// Needs the built package (npm run build:ts): the example imports 'seed-everything'.
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median, table } from './_util';

const PRELOAD = 'SEED_EVERYTHING_BENCH_TRACE_PRELOAD';

if (process.env[PRELOAD]) preload();
else main();

/** Inside the example's process: time every fit(), with traceModel first when tracing is on. */
function preload(): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { tfjs } = require('seed-everything') as typeof import('../lib/index');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const layers = require('@tensorflow/tfjs-layers') as { LayersModel: { prototype: { fit: (...a: unknown[]) => Promise<unknown> } } };
  const fit = layers.LayersModel.prototype.fit;
  layers.LayersModel.prototype.fit = async function (this: unknown, ...args: unknown[]) {
    const undo = process.env.SEED_EVERYTHING_TRACE ? tfjs.traceModel(this) : () => {};
    const t0 = process.hrtime.bigint();
    try {
      return await fit.apply(this, args);
    } finally {
      process.stderr.write(`bench-fit-ms ${Number(process.hrtime.bigint() - t0) / 1e6}\n`);
      undo();
    }
  };
}

function perCall(fn: (i: number) => void, n: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  return Number(process.hrtime.bigint() - t0) / n;
}

function offCost(): void {
  delete process.env.SEED_EVERYTHING_TRACE;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { trace } = require('../lib/index') as typeof import('../lib/index');
  const N = 10_000_000;
  const floats = new Float32Array(1024);
  const obj = { loss: 0.5, step: 3 };
  const arr = [1, 2, 3];
  let sink = 0;
  const noop = (_name: string, value: unknown) => {
    if (value === sink) sink++;
  };
  const cases: [string, (i: number) => void][] = [
    ['empty function call (baseline)', (i) => noop('x', i)],
    ['trace(name, number)', (i) => trace('x', i)],
    ['trace(name, Float32Array)', () => trace('x', floats)],
    ['trace(name, plain object)', () => trace('x', obj)],
    ['trace(name, array)', () => trace('x', arr)],
  ];
  const results = new Map<string, number[]>(cases.map(([k]) => [k, []]));
  for (let round = 0; round < 7; round++) for (const [k, fn] of cases) results.get(k)!.push(perCall(fn, N));
  const rows = [...results].map(([k, v]) => [k, median(v).toFixed(2)]);
  console.log(table([['tracing off', 'ns/call (median of 7)'], ...rows]));
  const worst = Math.max(...[...results].slice(1).map(([, v]) => median(v)));
  console.log(`\ntracing off: at most ${worst.toFixed(1)} ns a call (target ≤ 50 ns: ${worst <= 50 ? 'met' : 'NOT MET'})`);
}

/** MurmurHash3 x86_128 in JavaScript: the fastest portable candidate that is not node:crypto. */
function murmur3x86_128(data: Uint8Array): number {
  const blocks = data.length >>> 4;
  const words = new Uint32Array(data.buffer, data.byteOffset, blocks * 4);
  let h1 = 0, h2 = 0, h3 = 0, h4 = 0;
  const c1 = 0x239b961b, c2 = 0xab0e9789, c3 = 0x38b34ae5, c4 = 0xa1e38b93;
  const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));
  for (let i = 0; i < blocks; i++) {
    let k1 = words[i * 4], k2 = words[i * 4 + 1], k3 = words[i * 4 + 2], k4 = words[i * 4 + 3];
    k1 = Math.imul(rotl(Math.imul(k1, c1), 15), c2); h1 ^= k1;
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    k2 = Math.imul(rotl(Math.imul(k2, c2), 16), c3); h2 ^= k2;
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    k3 = Math.imul(rotl(Math.imul(k3, c3), 17), c4); h3 ^= k3;
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    k4 = Math.imul(rotl(Math.imul(k4, c4), 18), c1); h4 ^= k4;
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  return (h1 ^ h2 ^ h3 ^ h4) >>> 0; // the tail and finalisation cost nothing next to the blocks
}

function onCost(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-trace-'));
  const file = path.join(dir, 'trace.jsonl');
  const r = spawnSync(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), '-e', `
      const { trace } = require(${JSON.stringify(path.resolve(__dirname, '..', 'lib', 'index'))});
      const out = {};
      for (const n of [64, 1 << 20]) {
        const v = new Float32Array(n).map((_, i) => i * 0.5);
        const reps = n === 64 ? 20000 : 50;
        for (let i = 0; i < (n === 64 ? 5000 : 10); i++) trace('warm', v);
        const t0 = process.hrtime.bigint();
        for (let i = 0; i < reps; i++) trace('x', v);
        out[n] = Number(process.hrtime.bigint() - t0) / reps;
      }
      console.log(JSON.stringify(out));`],
    { encoding: 'utf8', env: { ...process.env, SEED_EVERYTHING_TRACE: file } },
  );
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(r.stderr);
  const on = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>;
  const big = crypto.randomBytes(1 << 22);
  const small = crypto.randomBytes(256);
  // one-shot crypto.hash where Node has it (20.12+), as lib/trace/hash.ts uses it
  type OneShot = (alg: string, data: Uint8Array, enc: 'hex') => string;
  const oneShot = (crypto as unknown as { hash?: OneShot }).hash;
  const digest = (alg: string) => (b: Uint8Array) => (oneShot ? oneShot(alg, b, 'hex') : crypto.createHash(alg).update(b).digest('hex'));
  const hashers: [string, (b: Uint8Array) => unknown][] = [
    ['sha256 (node:crypto) — used', digest('sha256')],
    ['md5 (node:crypto)', digest('md5')],
    ['sha1 (node:crypto)', digest('sha1')],
    ['MurmurHash3 x86_128 (JavaScript)', murmur3x86_128],
  ];
  const rows = hashers.map(([name, h]) => {
    const gbs = median([0, 1, 2, 3, 4].map(() => { const t0 = process.hrtime.bigint(); h(big); return big.length / Number(process.hrtime.bigint() - t0); }));
    const ns = median([0, 1, 2].map(() => { const t0 = process.hrtime.bigint(); for (let i = 0; i < 20000; i++) h(small); return Number(process.hrtime.bigint() - t0) / 20000; }));
    return [name, gbs.toFixed(2), ns.toFixed(0)];
  });
  console.log(`\n${table([['hash', 'GB/s (4 MiB)', 'ns per 256 B'], ...rows])}`);
  console.log(`\ntracing on: ${(on[64] / 1000).toFixed(1)} µs a checkpoint of 64 floats, ${(on[1 << 20] / 1e6).toFixed(2)} ms of 2^20 floats (hash, summary, one write)`);
}

function trainOnce(trace: boolean): { wallMs: number; fitMs: number; checkpoints: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-trace-'));
  const file = path.join(dir, 'trace.jsonl');
  const env: NodeJS.ProcessEnv = { ...process.env, [PRELOAD]: '1', SEED_EVERYTHING_SEED: undefined };
  if (trace) env.SEED_EVERYTHING_TRACE = file;
  else delete env.SEED_EVERYTHING_TRACE;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '--require', __filename, path.join(__dirname, '..', 'examples', 'tfjs-train.ts')], { encoding: 'utf8', env });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`examples/tfjs-train.ts failed (is dist/ built? npm run build:ts):\n${r.stderr}`);
  const fitMs = [...r.stderr.matchAll(/bench-fit-ms ([\d.]+)/g)].reduce((s, m) => s + Number(m[1]), 0);
  const checkpoints = trace ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('{"k":"cp"')).length : 0;
  fs.rmSync(dir, { recursive: true, force: true });
  return { wallMs, fitMs, checkpoints };
}

function trainOverhead(): void {
  const runs = { plain: [] as ReturnType<typeof trainOnce>[], traced: [] as ReturnType<typeof trainOnce>[] };
  for (let i = 0; i < 7; i++) {
    runs.plain.push(trainOnce(false));
    runs.traced.push(trainOnce(true));
  }
  const m = (list: ReturnType<typeof trainOnce>[], k: 'wallMs' | 'fitMs') => median(list.map((x) => x[k]));
  const rows = (['plain', 'traced'] as const).map((k) => [k === 'plain' ? 'examples/tfjs-train.ts' : '  with traceModel, tracing on', m(runs[k], 'fitMs').toFixed(0), m(runs[k], 'wallMs').toFixed(0), runs[k][0].checkpoints]);
  console.log(`\n${table([['run (median of 7)', 'fit() ms', 'process ms', 'checkpoints'], ...rows])}`);
  const fit = m(runs.traced, 'fitMs') / m(runs.plain, 'fitMs') - 1;
  const wall = m(runs.traced, 'wallMs') / m(runs.plain, 'wallMs') - 1;
  console.log(`\ntraceModel overhead on examples/tfjs-train.ts: fit() ${(fit * 100).toFixed(1)}%, whole process ${(wall * 100).toFixed(1)}% (${runs.traced[0].checkpoints} checkpoints)`);
}

function main(): void {
  offCost();
  onCost();
  trainOverhead();
}
