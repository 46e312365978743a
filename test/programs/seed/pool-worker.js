// A worker_threads pool member for child-workers.test.ts: starts after a random delay, then runs
// whatever tasks it is handed, each seeded with seedTask(taskId).
const { workerData, parentPort, threadId } = require('node:worker_threads');
require(workerData.tsx);
const { seedTask, defaults } = require('../../../lib/index');

setTimeout(() => {
  parentPort.postMessage({ type: 'ready', threadId });
  parentPort.on('message', (task) => {
    const report = seedTask(task.taskId);
    const draws = [Math.random(), Math.random(), defaults().python.random(), defaults().numpy.rand(1)[0]];
    parentPort.postMessage({ type: 'done', taskId: task.taskId, threadId, seed: String(report.seed), draws });
  });
}, workerData.delayMs);
