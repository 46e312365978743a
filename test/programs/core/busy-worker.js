// Worker body for worker-threads.test.ts: creates and drops generators until it is terminated.
const { workerData, parentPort } = require('node:worker_threads');
require(workerData.tsx);
const { curand } = require(workerData.index);
const gens = [];
parentPort.postMessage('started');
for (;;) {
  if (curand.isAvailable()) gens.push(new curand.Generator('PHILOX4_32_10', { seed: gens.length }));
  if (gens.length > 50) gens.shift();
}
