// examples/consumer-addon, built with node-gyp, against the real table: the numbers it computes
// with philox.h, the state its reservations advance, concurrency, and every import refusal.
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { binding } from '../../lib/core/binding';
import { cuda, cudnn, nativeApi, Philox } from '../../lib/index';
import { packageVersion } from '../../lib/core/version';
import { requires } from '../helpers/require';
import { buildConsumer, hasCompiler, nodeGyp, root } from '../helpers/native-build';

// The JS engine (lib/philox/philox.ts) is the reference: outputs offset .. offset + count - 1.
const philoxStream = (seed: bigint, offset: bigint, count: number) => Array.from(new Philox(seed, offset).uint32(count));

interface Consumer {
  init(api: unknown, neededBytes?: number): { abiVersion: number; featureVersion: number; structSize: number; version: string };
  rootSeed(): bigint | null;
  reserve(device: number, increment: number | bigint): [bigint, bigint];
  state(device: number): [bigint, bigint];
  generate(device: number, count: number): { seed: bigint; offset: bigint; values: Uint32Array };
  reserveFromThreads(device: number, threads: number, perThread: number): { seeds: BigUint64Array; offsets: BigUint64Array; increments: BigUint64Array };
  cudnnFlags(): { deterministic: boolean; benchmark: boolean };
  setCudnnFlags(deterministic: boolean, benchmark: boolean): unknown;
  selectAlgo(direction: number, perf: object[], limit: number): { status: string; algo?: number; source?: number; deterministic?: boolean; message: string };
  foreignExternal(tagged: boolean): unknown;
}

const available = hasCompiler() && nodeGyp() !== null;
const test = requires('compiler', available, 'no C++ compiler (c++) or node-gyp to build examples/consumer-addon');

const built: { main?: string; abi2?: string; feature99?: string } = {};
let consumer: Consumer;

test.before(async () => {
  if (!available) return;
  const [main, abi2, feature99] = await Promise.all([
    buildConsumer('main'),
    buildConsumer('abi2', (h) => h.replace(/#define SE_API_ABI_VERSION 1\b/, '#define SE_API_ABI_VERSION 2')),
    buildConsumer('feature99', (h) => h.replace('#define SE_API_FEATURE_VERSION 1', '#define SE_API_FEATURE_VERSION 1\n#define SE_API_MIN_FEATURE_VERSION 99')),
  ]);
  Object.assign(built, { main, abi2, feature99 });
  consumer = require(main) as Consumer;
});

const round4 = (n: bigint) => ((n + 3n) / 4n) * 4n;
const stateOf = (device: number) => {
  const view = new DataView(cuda.getRngState(device).buffer);
  return [view.getBigUint64(0, true), view.getBigUint64(8, true)];
};

test('init accepts nativeApi() and reports the table header', () => {
  const info = consumer.init(nativeApi());
  assert.equal(info, { abiVersion: 1, featureVersion: 1, structSize: 80, version: packageVersion() });
});

test('the root seed set from JS is what the addon reads', () => {
  assert.is(consumer.rootSeed(), null);
  binding<{ setRootSeed(seed: bigint): void }>().setRootSeed(2n ** 64n - 5n);
  assert.is(consumer.rootSeed(), 2n ** 64n - 5n);
});

test('numbers computed with philox.h equal the stream for the reserved (seed, offset)', () => {
  cuda.manualSeed(11, 0);
  const first = consumer.generate(0, 4);
  // libcurand 10.3's first four PHILOX4_32_10 outputs for seed 11 (docs/philox-stream.md)
  assert.equal(Array.from(first.values), [3848496742, 4117957564, 1519192786, 1437745381]);
  for (const [seed, count] of [[0xdeadbeefcafef00dn, 37], [1n, 262147], [2n ** 64n - 1n, 9]] as const) {
    cuda.manualSeed(seed, 2);
    consumer.reserve(2, 262141); // lands past the first 65536-block row of the counter
    const g = consumer.generate(2, count);
    assert.is(g.seed, seed);
    assert.is(g.offset, 262144n);
    const expected = philoxStream(seed, g.offset, Math.min(count, 64));
    assert.equal(Array.from(g.values.subarray(0, 64)), expected);
    if (count > 64) assert.equal(Array.from(g.values.subarray(count - 5)), philoxStream(seed, g.offset + BigInt(count - 5), 5));
  }
});

test('reservations advance the state cuda.getRngState() shows, in multiples of 4', () => {
  cuda.manualSeed(77, 1);
  assert.equal(consumer.state(1), [77n, 0n]);
  assert.equal(consumer.reserve(1, 1), [77n, 0n]);
  assert.equal(stateOf(1), [77n, 4n]);
  assert.equal(consumer.reserve(1, 8), [77n, 4n]);
  assert.equal(consumer.reserve(1, 0), [77n, 12n]);
  assert.equal(consumer.reserve(1, 10n), [77n, 12n]);
  assert.equal(stateOf(1), [77n, 24n]);
  const next = new Uint8Array(16);
  new DataView(next.buffer).setBigUint64(0, 5n, true);
  new DataView(next.buffer).setBigUint64(8, 400n, true);
  cuda.setRngState(next, 1);
  assert.equal(consumer.reserve(1, 3), [5n, 400n]);
  assert.equal(consumer.state(1), [5n, 404n]);
});

test('out-of-range arguments come back as statuses, never aborts', () => {
  assert.throws(() => consumer.reserve(1024, 4), /SE_STATUS_OUT_OF_RANGE/);
  assert.throws(() => consumer.reserve(-1, 4), /SE_STATUS_OUT_OF_RANGE/);
  assert.throws(() => consumer.reserve(0, 2n ** 62n), /SE_STATUS_OUT_OF_RANGE/);
});

function assertDisjoint(ranges: Array<[bigint, bigint]>, start: bigint, end: bigint) {
  ranges.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let at = start;
  for (const [from, to] of ranges) {
    if (from !== at) assert.unreachable(`reservation at ${from} but the previous one ended at ${at}`);
    at = to;
  }
  assert.is(at, end);
}

test('8 C++ threads reserving at once never share an output', () => {
  cuda.manualSeed(9, 3);
  const r = consumer.reserveFromThreads(3, 8, 5000);
  assert.is(r.offsets.length, 40000);
  assert.ok(r.seeds.every((s) => s === 9n));
  const ranges: Array<[bigint, bigint]> = Array.from(r.offsets, (o, i) => [o, o + round4(r.increments[i])]);
  assertDisjoint(ranges, 0n, stateOf(3)[1]);
});

test('4 worker_threads and 8 C++ threads reserving at once never share an output', async () => {
  cuda.manualSeed(21, 4);
  const go = new Int32Array(new SharedArrayBuffer(4));
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    require(workerData.tsx);
    const c = require(workerData.addon);
    c.init(require(workerData.lib).nativeApi());
    parentPort.postMessage('ready');
    Atomics.wait(workerData.go, 0, 0);
    const out = [];
    for (let i = 0; i < 2000; i++) { const inc = BigInt(1 + (i % 9)); out.push([c.reserve(4, inc)[1], inc]); }
    const t = c.reserveFromThreads(4, 2, 2000);
    t.offsets.forEach((o, i) => out.push([o, t.increments[i]]));
    parentPort.postMessage(out);`;
  const workerData = { tsx: require.resolve('tsx/cjs'), addon: built.main, lib: path.join(root, 'lib', 'index.ts'), go };
  const workers = Array.from({ length: 4 }, () => new Worker(code, { eval: true, workerData }));
  const results = workers.map(
    (w) =>
      new Promise<Array<[bigint, bigint]>>((resolve, reject) => {
        w.on('message', (m) => m !== 'ready' && resolve(m as Array<[bigint, bigint]>));
        w.on('error', reject);
      }),
  );
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  Atomics.store(go, 0, 1);
  Atomics.notify(go, 0);
  const mine = consumer.reserveFromThreads(4, 8, 2000);
  const ranges: Array<[bigint, bigint]> = Array.from(mine.offsets, (o, i) => [o, o + round4(mine.increments[i])]);
  for (const list of await Promise.all(results)) for (const [o, inc] of list) ranges.push([o, o + round4(inc)]);
  await Promise.all(workers.map((w) => w.terminate()));
  assert.is(ranges.length, 16000 + 4 * 6000);
  assertDisjoint(ranges, 0n, stateOf(4)[1]);
});

test('cuDNN flags are shared both ways, and selection follows them', () => {
  cudnn.deterministic = true;
  cudnn.benchmark = false;
  assert.equal(consumer.cudnnFlags(), { deterministic: true, benchmark: false });
  consumer.setCudnnFlags(true, true);
  assert.is(cudnn.benchmark, true);
  const perf = [
    { algo: 0, status: 0, time: 2, memory: 0, determinism: 1 },
    { algo: 1, status: 0, time: 1, memory: 64, determinism: 0 },
    { algo: 6, status: 0, time: 0.5, memory: 1 << 20, determinism: 1 },
  ];
  let r = consumer.selectAlgo(0, perf, 1024);
  assert.equal([r.status, r.algo, r.source, r.deterministic], ['SE_STATUS_OK', 0, 2, true]);
  consumer.setCudnnFlags(false, true);
  assert.is(consumer.selectAlgo(0, perf, 1024).algo, 1);
  consumer.setCudnnFlags(true, true);
  r = consumer.selectAlgo(0, perf.slice(1), 1024);
  assert.is(r.status, 'SE_STATUS_WORKSPACE');
  assert.match(r.message, /workspace/);
  assert.is(consumer.selectAlgo(7, perf, 1024).status, 'SE_STATUS_INVALID_ARGUMENT');
});

test('an addon built for another ABI is refused with the rebuild message', () => {
  const other = require(built.abi2 as string) as Consumer;
  assert.throws(
    () => other.init(nativeApi()),
    (e: Error) =>
      e.message ===
      `seed-everything native API ABI 1 but this addon was built for ABI 2: rebuild it against seed-everything ${packageVersion()}`,
  );
});

test('an addon that needs newer slots is told to upgrade', () => {
  const other = require(built.feature99 as string) as Consumer;
  assert.throws(() => other.init(nativeApi()), /provides native API feature level 1 but this addon needs 99: upgrade seed-everything/);
  assert.throws(() => consumer.init(nativeApi(), 4096), /table has 80 bytes but this addon reads 4096/);
});

test('other externals and other values are refused', () => {
  assert.throws(() => consumer.init(consumer.foreignExternal(true)), /type tag differs/);
  assert.throws(() => consumer.init(consumer.foreignExternal(false)), /type tag differs/);
  assert.throws(() => consumer.init({}), /received another kind of value/);
  assert.throws(() => consumer.init(undefined), /received another kind of value/);
});

test.after(() => {
  for (const addon of Object.values(built)) {
    // <tree>/examples/consumer-addon/build/Release/consumer.node
    if (addon) fs.rmSync(path.resolve(addon, '..', '..', '..', '..', '..'), { recursive: true, force: true });
  }
});

test.run();
