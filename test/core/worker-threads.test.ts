// The addon loads in any number of worker threads; per-environment state (handles, the error
// factory) is separate, process-wide state (seeds, cuDNN flags) is shared, and a worker that ends
// with open handles closes them.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { Worker } from 'node:worker_threads';
import { cuda, cudnn, curand } from '../../lib/index';

const body = `
  const { parentPort, workerData } = require('node:worker_threads');
  require(workerData.tsx);
  const { cuda, cudnn, curand, doctor } = require(workerData.index);
  const out = { seed: String(cuda.initialSeed(0)), deterministic: cudnn.deterministic, addon: doctor().addon.loaded };
  if (curand.isAvailable()) {
    const g = new curand.Generator('PHILOX4_32_10', { seed: 11 });
    out.first = g.generate(1)[0];
    if (workerData.leak) new curand.Generator('XORWOW', { seed: 1 }); // left open on purpose
    else g.close();
  }
  try { cuda.manualSeed(-1); } catch (e) { out.errorCode = e.code; out.isRangeError = e instanceof RangeError; }
  parentPort.postMessage(out);
`;

function run(leak: boolean) {
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    const w = new Worker(body, {
      eval: true,
      workerData: { tsx: require.resolve('tsx/cjs'), index: require.resolve('../../lib/index'), leak },
    });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

test('workers see the process-wide seed and flags, and get coded errors of their own realm', async () => {
  cuda.manualSeedAll(4242);
  cudnn.deterministic = true;
  const results = await Promise.all([run(false), run(true), run(false), run(true)]);
  for (const r of results) {
    assert.is(r.seed, '4242');
    assert.is(r.deterministic, true);
    assert.is(r.addon, true);
    assert.is(r.errorCode, 'ERR_SEED_NEGATIVE');
    assert.is(r.isRangeError, true);
    if (curand.isAvailable()) assert.is(r.first, 3848496742);
  }
  cudnn.deterministic = false;
});

test('a worker terminated mid-work with open generators exits cleanly', async () => {
  const w = new Worker(require.resolve('../programs/core/busy-worker.js'), {
    workerData: { tsx: require.resolve('tsx/cjs'), index: require.resolve('../../lib/index') },
  });
  await new Promise((r) => w.once('message', r));
  await new Promise((r) => setTimeout(r, 300));
  const code = await w.terminate();
  assert.is(code, 1);
});

test.run();
