// The helper threads are started once and kept; they never hold a process open, they serve
// worker threads and child processes, and they stop at exit even with fills in flight. Async
// fills give the bits the sync calls give, in every form and across step edges.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Philox, philoxInfo, philoxThreads } from '../../lib/philox/philox';
import { runChild } from '../helpers/child';

const BIG = 1 << 22; // above the thread threshold and over several steps of the array form
const same = (a: ArrayBufferView, b: ArrayBufferView) => Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;

test('helpers are started once, not per fill', () => {
  philoxThreads(0);
  const p = new Philox(5);
  p.uniform(BIG);
  const started = philoxInfo().poolThreads;
  assert.is(started, Math.max(0, philoxInfo().hardwareThreads - 1));
  for (let i = 0; i < 20; i++) p.uint32(BIG);
  assert.is(philoxInfo().poolThreads, started);
  philoxThreads(4);
  p.uniform(BIG);
  assert.is(philoxInfo().poolThreads, Math.max(started, 3), 'more threads asked for: helpers grow to them, once');
  p.uniform(BIG);
  assert.is(philoxInfo().poolThreads, Math.max(started, 3));
  philoxThreads(0);
});

const kinds = ['uint32', 'uniform', 'uniformDouble', 'normal', 'normalDouble', 'logNormal', 'logNormalDouble'] as const;
const ctor = { uint32: Uint32Array, uniform: Float32Array, uniformDouble: Float64Array, normal: Float32Array, normalDouble: Float64Array, logNormal: Float32Array, logNormalDouble: Float64Array };

test('async fills, count and array forms, across step edges and from odd offsets, give the sync bits', async () => {
  const n = (1 << 21) + 3; // several steps (the first is 2^18 elements) and an odd tail
  for (const kind of kinds) {
    for (const offset of [0n, 5n, (1n << 64n) - 7n]) {
      const sync = new Philox(11, offset);
      const want1 = sync[kind](n) as ArrayBufferView;
      const want2 = sync[kind](n) as ArrayBufferView;
      const p = new Philox(11, offset);
      const asyncKind = `${kind}Async` as const;
      const got1 = await (p[asyncKind] as (a: number) => Promise<ArrayBufferView>)(n);
      const got2 = await (p[asyncKind] as (a: unknown) => Promise<ArrayBufferView>)(new ctor[kind](n));
      assert.instance(got1, ctor[kind]);
      assert.ok(same(got1, want1), `${kind} at ${offset}, count form`);
      assert.ok(same(got2, want2), `${kind} at ${offset}, array form`);
      assert.is(p.offset, sync.offset);
    }
  }
});

test('a transfer between two steps rejects with ERR_DETACHED_BUFFER and nothing is written after it', async () => {
  const out = new Float32Array(1 << 24);
  const pending = new Philox(1).uniformAsync(out);
  // A few turns in: part of the array is filled, the rest not yet.
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
  const moved = new Float32Array(structuredClone(out.buffer, { transfer: [out.buffer] }));
  const snapshot = moved.slice();
  const err = await pending.then(() => undefined, (e: unknown) => e);
  assert.is((err as { code?: string } | undefined)?.code, 'ERR_DETACHED_BUFFER', String(err));
  const filled = (err as { filled: number }).filled;
  assert.ok(filled > 0 && filled < moved.length, `filled ${filled} of ${moved.length}`);
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(same(moved, snapshot), 'the memory now owned elsewhere is left alone');
  assert.ok(same(moved.subarray(0, filled), new Philox(1).uniform(filled)), 'what was filled before the transfer is right');
  assert.ok(moved.subarray(filled).every((v) => v === 0), 'and nothing past it was written');
});

test('the array form lets the event loop run between its steps', async () => {
  const out = new Float64Array(1 << 24);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  const t0 = performance.now();
  await new Philox(4).uniformDoubleAsync(out);
  const took = performance.now() - t0;
  clearInterval(timer);
  assert.ok(ticks >= 2, `${ticks} timer ticks during a ${took.toFixed(0)} ms fill`);
  assert.ok(same(out, new Philox(4).uniformDouble(1 << 24)));
});

test('worker threads fill at once through the one pool and get the main thread bits', async () => {
  const code = `
    require('tsx/cjs');
    const { parentPort, workerData } = require('node:worker_threads');
    const { Philox } = require(${JSON.stringify(require.resolve('../../lib/philox/philox'))});
    const a = new Philox(workerData).uniform(${BIG});
    new Philox(workerData).uniformAsync(${BIG}).then((b) => parentPort.postMessage([a, b]));`;
  const run = (seed: number) =>
    new Promise<Float32Array[]>((resolve, reject) => {
      const w = new Worker(code, { eval: true, workerData: seed });
      w.once('message', resolve);
      w.once('error', reject);
    });
  const results = await Promise.all([run(1), run(2), run(3)]);
  results.forEach(([a, b], k) => {
    const want = new Philox(k + 1).uniform(BIG);
    assert.ok(same(a, want) && same(b, want), `worker ${k + 1}`);
  });
});

const fillThenEnd = (end: string) => `
  const { Philox } = require('./lib/philox/philox');
  const p = new Philox(3);
  p.uniform(${BIG});
  p.uniformAsync(1 << 24);
  p.normalDoubleAsync(new Float64Array(1 << 23));
  ${end}`;

test('a process with kept helpers and async fills in flight ends promptly and cleanly', () => {
  for (const end of ['', 'process.exit(0);', 'setTimeout(() => process.exit(0), 5);']) {
    const t0 = Date.now();
    const r = runChild(fillThenEnd(end), {}, 30000);
    assert.is(r.status, 0, `${end || 'falling off the end'}: ${r.stderr}`);
    assert.ok(Date.now() - t0 < 20000, 'no hang at exit');
  }
});

test('a child process (child_process.fork) gets its own helpers and the same bits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'philox-fork-'));
  const script = join(dir, 'child.js');
  writeFileSync(
    script,
    `const { Philox, philoxInfo } = require(${JSON.stringify(require.resolve('../../lib/philox/philox'))});
     const a = new Philox(9).uniform(${BIG});
     process.send({ sum: a.reduce((s, x) => s + x, 0), pool: philoxInfo().poolThreads }, () => process.disconnect());`,
  );
  const code = `
    const { fork } = require('node:child_process');
    const { Philox, philoxInfo } = require('./lib/philox/philox');
    const parent = new Philox(9).uniform(${BIG});
    const child = fork(${JSON.stringify(script)}, [], { execArgv: ['--require', require.resolve('tsx/cjs')] });
    child.on('message', (m) => {
      console.log(JSON.stringify({ same: m.sum === parent.reduce((s, x) => s + x, 0), pool: m.pool, hw: philoxInfo().hardwareThreads }));
    });`;
  try {
    const r = runChild(code, {}, 60000);
    assert.is(r.status, 0, r.stderr);
    const out = r.json<{ same: boolean; pool: number; hw: number }>();
    assert.ok(out.same);
    assert.is(out.pool, Math.max(0, out.hw - 1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
