// Resuming from a snapshot in a fresh process: the snapshot's root reaches the process's root seed
// and SEED_EVERYTHING_SEED, so worker threads and child processes started afterwards seed from it;
// a snapshot without a root clears it. And seedEverything in a worker thread leaves the
// process-wide state to the main thread.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { deriveSeed } from '../../lib/index';
import { runChild } from '../helpers/child';

const CLEAN = { SEED_EVERYTHING_SEED: undefined, CUBLAS_WORKSPACE_CONFIG: undefined };

// In the child: run `code` in a worker thread and resolve with what it posts.
const IN_WORKER = `
  const inWorker = (code) => new Promise((resolve, reject) => {
    const w = new (require('node:worker_threads').Worker)(
      "const { parentPort, workerData } = require('node:worker_threads'); require(workerData.tsx); const se = require('./lib/index');" + code,
      { eval: true, workerData: { tsx: require.resolve('tsx/cjs') } });
    w.once('message', (m) => { w.terminate(); resolve(m); });
    w.once('error', reject);
  });`;

function snapshotOf(seed: number, options = ''): string {
  const r = runChild(`const se = require('./lib/index'); se.seedEverything(${seed}${options}); Math.random(); console.log(JSON.stringify(se.getRngState()));`, CLEAN);
  assert.is(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').pop() as string;
}

test("fresh process, setRngState(snapshot): a worker thread's seedWorker() seeds from the snapshot's root", () => {
  const snap = snapshotOf(123);
  const r = runChild(
    `${IN_WORKER}
     const se = require('./lib/index');
     se.setRngState(${snap});
     inWorker("try { const r = se.seedWorker({ workerId: 2 }); parentPort.postMessage({ seed: String(r.seed), root: String(r.worker.root) }); } catch (e) { parentPort.postMessage({ code: e.code }); }")
       .then((w) => console.log(JSON.stringify({ w, env: process.env.SEED_EVERYTHING_SEED, root: se.getRngState().rootSeed })));`,
    CLEAN,
  );
  assert.is(r.status, 0, r.stderr);
  assert.equal(r.json(), { w: { seed: deriveSeed(123, 'worker', 0, 2).toString(), root: '123' }, env: '123', root: '123' });
});

test('fresh process, setRngState(snapshot): a forked child started with workerEnv seeds from the snapshot root', () => {
  const snap = snapshotOf(321);
  const r = runChild(
    `const se = require('./lib/index');
     se.setRngState(${snap});
     const c = require('node:child_process').fork('test/programs/seed/fork-worker.ts', ['{}'], { env: { ...process.env, ...se.workerEnv(4) }, execArgv: ['--require', require.resolve('tsx/cjs')] });
     c.once('message', (m) => console.log(JSON.stringify({ seed: m.seed, root: m.root })));`,
    CLEAN,
  );
  assert.is(r.status, 0, r.stderr);
  assert.equal(r.json(), { seed: deriveSeed(321, 'worker', 0, 4).toString(), root: '321' });
});

test('a snapshot taken before any seed clears the root seed and the variables seedEverything set', () => {
  const r = runChild(
    `const se = require('./lib/index');
     const blank = se.getRngState();
     se.seedEverything(5, { deterministic: true });
     se.setRngState(JSON.parse(JSON.stringify(blank)));
     const older = { ...blank, env: undefined, rootSeed: '77' };
     const cleared = { root: se.getRngState().rootSeed, seed: process.env.SEED_EVERYTHING_SEED ?? null, cublas: process.env.CUBLAS_WORKSPACE_CONFIG ?? null, tf: process.env.TF_DETERMINISTIC_OPS ?? null, flags: [se.cudnn.deterministic, se.cudnn.benchmark] };
     se.setRngState(JSON.parse(JSON.stringify(older)));
     console.log(JSON.stringify({ cleared, older: { root: se.getRngState().rootSeed, seed: process.env.SEED_EVERYTHING_SEED } }));`,
    CLEAN,
  );
  assert.is(r.status, 0, r.stderr);
  assert.equal(r.json(), {
    cleared: { root: null, seed: null, cublas: null, tf: null, flags: [false, false] },
    // a snapshot without `env` (older format) still hands its root to later workers
    older: { root: '77', seed: '77' },
  });
});

test('seedEverything in a worker thread seeds that thread and reports the process-wide parts as skipped', () => {
  const r = runChild(
    `${IN_WORKER}
     const se = require('./lib/index');
     se.seedEverything(42);
     const main = () => ({ root: se.getRngState().rootSeed, cuda: String(se.cuda.initialSeed(0)), flags: [se.cudnn.deterministic, se.cudnn.benchmark], env: process.env.SEED_EVERYTHING_SEED });
     const before = main();
     inWorker(\`
       const r = se.seedEverything(777, { deterministic: true });
       const expected = (se.mathRandom.restore(), se.mathRandom.install(777), Math.random());
       se.seedEverything(777, { deterministic: true });
       parentPort.postMessage({ scope: r.scope, seeded: r.seeded, skipped: r.skipped.map((s) => s.source), reasons: r.skipped.map((s) => s.reason), first: Math.random(), expected });\`)
       .then((w) => console.log(JSON.stringify({ before, after: main(), w })));`,
    CLEAN,
  );
  assert.is(r.status, 0, r.stderr);
  const out = r.json<{ before: object; after: object; w: { scope: string; seeded: string[]; skipped: string[]; reasons: string[]; first: number; expected: number } }>();
  assert.equal(out.after, out.before, 'the main thread still sees its own root, CUDA seed, cuDNN flags and variable');
  assert.equal(out.before, { root: '42', cuda: '42', flags: [false, false], env: '42' });
  assert.is(out.w.scope, 'thread');
  assert.equal(out.w.seeded.slice(0, 5), ['Math.random', 'defaults.python', 'defaults.numpy', 'defaults.torch', 'defaults.philox']);
  for (const part of ['root seed', 'cuda', 'cudnn', 'CUBLAS_WORKSPACE_CONFIG', 'TF_* variables', 'SEED_EVERYTHING_SEED']) assert.ok(out.w.skipped.includes(part), part);
  for (const reason of out.w.reasons) assert.match(reason, /process-wide: a worker thread leaves it to the main thread/);
  assert.is(out.w.first, out.w.expected, "the thread's Math.random is seeded with 777");
});

test.run();
