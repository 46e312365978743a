// Worker body for workers-stress.test.ts: one seeded worker exercising every thread-local and
// process-wide entry point at once. Finite workers post a digest of what they drew; endless ones
// keep going until the parent terminates them.
const { workerData, parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
require(workerData.tsx);
const { seedWorker, defaults, Philox, curand, getRngState, setRngState } = require(workerData.index);

const { workerId, rounds, endless } = workerData;
const hash = createHash('sha256');
const add = (values) => hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));

async function round(i, withCurand) {
  const math = new Float64Array(64);
  for (let k = 0; k < math.length; k++) math[k] = Math.random();
  add(math);
  const d = defaults();
  add(Float64Array.of(d.python.random(), d.python.random()));
  add(d.numpy.rand(32));
  add(d.torch.rand(32));
  add(d.philox.uniform(32));

  const p = new Philox(BigInt(workerId) * 1000n + BigInt(i), BigInt(i) * 4n);
  add(p.uint32(256));
  add(await p.uniformAsync(4096));
  add(await p.normalDoubleAsync(1024));

  // The generated bits are not hashed: libcurand may be missing here, and the digest must say the
  // same whether it is or not.
  if (withCurand && curand.isAvailable()) {
    const g = new curand.Generator('PHILOX4_32_10', { seed: workerId });
    g.generate(16);
    g.close();
  }

  // A snapshot restored must replay the same draws, even while other threads flip the
  // process-wide parts of it.
  const snap = getRngState();
  const before = [Math.random(), d.python.random(), defaults().philox.uniform(4)[0]];
  setRngState(snap);
  const after = [Math.random(), defaults().python.random(), defaults().philox.uniform(4)[0]];
  if (before.some((v, k) => !Object.is(v, after[k]))) throw new Error(`worker ${workerId}: snapshot did not replay (${before} vs ${after})`);
  add(Float64Array.from(after));
}

async function main() {
  seedWorker({ root: 1234, workerId });
  parentPort.postMessage({ type: 'started', workerId });
  for (let i = 0; endless || i < rounds; i++) await round(i, i % 4 === 0);
  parentPort.postMessage({ type: 'done', workerId, digest: hash.digest('hex') });
}

main().catch((err) => {
  parentPort.postMessage({ type: 'error', workerId, message: String(err && err.stack) });
});
