// Worker body for workers.test.ts: seeds itself with seedWorker and reports a few draws.
const { workerData, parentPort } = require('node:worker_threads');
require(workerData.tsx);
const { seedWorker, cuda } = require('../../../lib/index');
const report = seedWorker({ workerId: workerData.workerId });
const draws = Array.from({ length: 5 }, () => Math.random());
parentPort.postMessage({ workerId: workerData.workerId, seed: report.seed.toString(), draws, cudaSeed: cuda.initialSeed().toString() });
