// isolateRng on the paths users take: async blocks whose awaits let other code draw (main thread
// and worker thread), nested and concurrent blocks, and the process-wide parts and environment
// variables put back, checked in fresh child processes.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { runChild } from '../helpers/child';
import { all } from '../helpers/isolate-checks';

type Results = Awaited<ReturnType<typeof all>>;

function checkScenarios(r: Results, where: string) {
  const o = r.outsideWhileAwaiting;
  assert.equal(o.outside, o.ref, `${where}: draws outside the block are one stream, neither rewound nor repeated`);
  assert.equal(o.inside, o.ref, `${where}: the block draws from its own copy of the stream as it was on entry`);
  assert.ok(o.sameMathRandom, `${where}: Math.random is the plain seeded function again once no block is open`);

  const n = r.nested;
  assert.equal(n.seen.a, n.ref.slice(0, 2), `${where}: outer block`);
  assert.equal(n.seen.b, n.ref.slice(2, 4), `${where}: inner block starts where the outer one is`);
  assert.equal(n.seen.c, n.ref.slice(2, 4), `${where}: the outer block continues as if the inner one had not drawn`);
  assert.equal(n.seen.after, n.ref.slice(0, 2), `${where}: outside, nothing was drawn`);

  const c = r.concurrent;
  assert.equal(c.x, c.ref, `${where}: first concurrent block`);
  assert.equal(c.y, c.ref, `${where}: second concurrent block`);
  assert.equal(c.after, c.ref, `${where}: outside both`);
}

test('async blocks on the main thread: nothing outside rewound or repeated; nested and concurrent blocks', async () => {
  checkScenarios(await all(), 'main thread');
});

test('the same in a worker thread', async () => {
  const w = new Worker(path.join(__dirname, '..', 'programs', 'seed', 'isolate-worker.js'), { workerData: { tsx: require.resolve('tsx/cjs') } });
  const r = await new Promise<Results & { error?: string }>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  await w.terminate();
  assert.is(r.error, undefined, r.error);
  checkScenarios(r, 'worker thread');
});

// What a later worker and a later child would inherit, read in a fresh process.
const AFTER = `
  const { getRngState, cuda, cudnn } = require('./lib/index');
  const vars = ['SEED_EVERYTHING_SEED', 'CUBLAS_WORKSPACE_CONFIG', 'TF_DETERMINISTIC_OPS', 'TF_CUDNN_DETERMINISTIC', 'TF_ENABLE_ONEDNN_OPTS', 'TF_CUDNN_USE_AUTOTUNE'];
  const state = () => ({ root: getRngState().rootSeed, cudaSeed: String(cuda.initialSeed(0)), flags: [cudnn.deterministic, cudnn.benchmark], env: vars.map((v) => process.env[v] ?? null) });
  const worker = () => new Promise((resolve) => {
    const w = new (require('node:worker_threads').Worker)(
      "require(require('node:worker_threads').workerData.tsx); try { require('./lib/index').seedWorker(); require('node:worker_threads').parentPort.postMessage('seeded') } catch (e) { require('node:worker_threads').parentPort.postMessage(e.code) }",
      { eval: true, workerData: { tsx: require.resolve('tsx/cjs') } });
    w.once('message', (m) => { w.terminate(); resolve(m); });
  });`;

const CLEAN = { SEED_EVERYTHING_SEED: undefined, CUBLAS_WORKSPACE_CONFIG: undefined, TF_DETERMINISTIC_OPS: undefined, TF_CUDNN_DETERMINISTIC: undefined, TF_ENABLE_ONEDNN_OPTS: undefined, TF_CUDNN_USE_AUTOTUNE: undefined };
const UNSEEDED = { root: null, cudaSeed: '67280421310721', flags: [false, false], env: [null, null, null, null, null, null] };

test('sync and async blocks that call seedEverything leave no root seed, variable, flag or device seed behind', () => {
  for (const block of ['() => seedEverything(5, { deterministic: true })', 'async () => { await null; seedEverything(5, { deterministic: true }); await new Promise((r) => setTimeout(r, 5)); }']) {
    const r = runChild(
      `${AFTER}
       const { seedEverything, isolateRng } = require('./lib/index');
       (async () => {
         await isolateRng(${block});
         console.log(JSON.stringify({ state: state(), worker: await worker() }));
       })();`,
      CLEAN,
    );
    assert.is(r.status, 0, r.stderr);
    assert.equal(r.json(), { state: UNSEEDED, worker: 'ERR_NO_ROOT_SEED' }, block);
  }
});

test('an async block undoes only its own writes: a seed set outside while it awaits stays', () => {
  const r = runChild(
    `${AFTER}
     const { seedEverything, isolateRng } = require('./lib/index');
     (async () => {
       seedEverything(1);
       const block = isolateRng(async () => { seedEverything(5, { deterministic: true }); await new Promise((r) => setTimeout(r, 20)); });
       await new Promise((r) => setTimeout(r, 5));
       seedEverything(9);
       await block;
       const outsideWon = state();
       const again = isolateRng(async () => { seedEverything(6); await new Promise((r) => setTimeout(r, 5)); });
       await again;
       console.log(JSON.stringify({ outsideWon, restored: state() }));
     })();`,
    CLEAN,
  );
  assert.is(r.status, 0, r.stderr);
  const out = r.json<{ outsideWon: typeof UNSEEDED; restored: typeof UNSEEDED }>();
  // 9 was written outside after the block's 5: it stays; the block's cuDNN flags and variables,
  // which nobody touched since, are undone.
  assert.equal(out.outsideWon, { root: '9', cudaSeed: '9', flags: [false, false], env: ['9', null, null, null, null, null] });
  assert.equal(out.restored, out.outsideWon);
});

test.run();
