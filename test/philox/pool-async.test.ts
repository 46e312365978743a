// The helper threads are started once and kept; they never hold a process open, they serve
// worker threads and child processes, and they stop at exit even with fills in flight. Async
// fills give the bits the sync calls give, in every form and across slice edges.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Philox, philoxInfo, philoxThreads } from '../../lib/philox/philox';
import { runChild } from '../helpers/child';

const BIG = 1 << 22; // above the thread threshold and over several 4 MiB slices
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

test('async fills, count and array forms, across slice edges and from odd offsets, give the sync bits', async () => {
  const n = (1 << 21) + 3; // floats: two slices and a bit; doubles: four and a bit
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

test('a transfer between two slice copies rejects with ERR_DETACHED_BUFFER', async () => {
  const out = new Float32Array(1 << 24); // 16 slices
  const pending = new Philox(1).uniformAsync(out);
  await new Promise((r) => setTimeout(r, 20));
  structuredClone(out.buffer, { transfer: [out.buffer] });
  const err = await pending.then(() => undefined, (e: unknown) => e);
  assert.is((err as { code?: string } | undefined)?.code, 'ERR_DETACHED_BUFFER', String(err));
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
