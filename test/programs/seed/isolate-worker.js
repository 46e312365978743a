// Runs isolate-checks.ts in a worker thread and posts the results.
const { parentPort, workerData } = require('node:worker_threads');
require(workerData.tsx);
require('../../helpers/isolate-checks.ts')
  .all()
  .then((r) => parentPort.postMessage(r), (e) => parentPort.postMessage({ error: String(e && e.stack) }));
