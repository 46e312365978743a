// Drives every native path a CPU-only machine can reach, once or a few times each, so that memory
// checkers (valgrind.test.ts, `npm run test:asan`) see the addon's own allocations, threads and
// Node-API callbacks. Kept small on purpose: under valgrind every instruction costs ~50x.
// WORKLOAD_SMALL=1 trims the threaded fill to its threshold (still threaded) for slow checkers.
'use strict';
const assert = require('node:assert/strict');
const se = require('../../../dist/index.js');
const { binding } = require('../../../dist/core/binding.js');

async function main() {
  const report = se.doctor();
  assert.equal(typeof se.formatDoctor(report), 'string');
  const records = se.libraryRecords();
  for (const name of ['cuda', 'cudart', 'curand', 'cudnn']) assert.ok(records[name], name);

  if (se.curand.isAvailable()) {
    // The first generation of a host generator builds its state tables (~10 ms natively): few of them.
    for (const type of ['PHILOX4_32_10', 'XORWOW', 'SOBOL32']) {
      const g = new se.curand.Generator(type, type === 'SOBOL32' ? { dimensions: 4 } : { seed: 7 });
      assert.equal(g.generate(64).length, 64);
      assert.equal(g.uniform(32).length, 32);
      if (type !== 'SOBOL32') g.normal(new Float64Array(32));
      g.close();
      assert.ok(g.closed);
    }
  }

  const p = new se.Philox(42n);
  p.uint32(1000);
  p.uniform(1001);
  p.uniformDouble(1003);
  p.normal(1005, 1, 2);
  p.normalDouble(1007);
  p.logNormal(1009);
  p.logNormalDouble(1011);
  const threshold = binding().philoxInfo().threadThreshold;
  const big = Math.max(process.env.WORKLOAD_SMALL ? threshold : 1 << 18, threshold);
  const threaded = p.uniform(big);
  assert.equal(threaded.length, big);
  const asyncOut = await p.normalDoubleAsync(new Float64Array(big));
  assert.equal(asyncOut.length, big);
  assert.ok(Number.isFinite(asyncOut[big - 1]));
  await Promise.all([p.uint32Async(4099), p.uniformAsync(513), p.logNormalAsync(257)]);
  // The output transferred away mid-fill: the worker must not touch the freed memory.
  const doomed = new Float32Array(big);
  const pending = p.uniformAsync(doomed);
  structuredClone(doomed.buffer, { transfer: [doomed.buffer] });
  await assert.rejects(pending, { code: 'ERR_DETACHED_BUFFER' });
  const restored = se.Philox.fromState(p.getState());
  assert.deepEqual(restored.uint32(8), p.uint32(8));
  // Across 2^64: heads, tails, the double windows and threaded chunks on positions past it.
  const edge = new se.Philox(7n, 2n ** 64n - 3n);
  for (const kind of ['uint32', 'uniform', 'uniformDouble', 'normal', 'normalDouble', 'logNormal', 'logNormalDouble']) edge[kind](7);
  const across = new se.Philox(7n, 2n ** 64n - BigInt(big / 2) - 1n);
  assert.equal(across.uniformDouble(big).length, big);
  assert.equal((await across.normalAsync(new Float32Array(big))).length, big);

  const np = new se.NumpyRandomState(5);
  np.rand(4096);
  np.randn(4096);
  for (const cpuCapability of ['default', 'avx2']) {
    const torch = new se.TorchGenerator(5, { cpuCapability });
    torch.rand(4096);
    torch.randn(4099);
    torch.normal(7, 0.5, 2);
  }
  const py = new se.PyRandom(5);
  let sum = 0;
  for (let i = 0; i < 4096; i++) sum += py.gauss();
  assert.ok(Number.isFinite(sum));

  se.seedEverything(123);
  se.cuda.manualSeedAll(9);
  se.cuda.manualSeed(10, 1);
  const native = binding();
  for (let i = 0; i < 16; i++) native.reserveDeviceOffset(i % 4, 4n);
  const state = se.cuda.getRngState(0);
  se.cuda.setRngState(state, 0);
  const snapshot = se.getRngState();
  Math.random();
  se.setRngState(snapshot);
  se.isolateRng(() => Math.random());

  for (let i = 0; i < 4; i++) assert.equal(typeof se.nativeApi(), 'object');

  console.log('workload ok');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
