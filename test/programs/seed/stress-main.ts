// Run in a child process by workers-stress.test.ts: 8 seeded workers, 3 of them terminated at
// seeded moments, while this thread flips the process-wide cuDNN flags. Prints one JSON line.
import { Worker } from 'node:worker_threads';
import { cudnn } from '../../../lib/index';

const WORKERS = 8;
const ROUNDS = Number(process.env.STRESS_ROUNDS ?? 24);

// Which workers die and when comes from a fixed seed, so a failure can be replayed as it happened.
function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(1234);
const ids = Array.from({ length: WORKERS }, (_, i) => i);
for (let i = ids.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [ids[i], ids[j]] = [ids[j], ids[i]];
}
const doomed = new Set(ids.slice(0, 3));
const delays = new Map([...doomed].map((id) => [id, 20 + Math.floor(rand() * 280)]));

let flips = 0;
const flipper = setInterval(() => {
  for (let k = 0; k < 64; k++) {
    cudnn.deterministic = !cudnn.deterministic;
    cudnn.benchmark = (flips++ & 3) === 0;
  }
}, 1);

function start(workerId: number): Promise<{ workerId: number; digest?: string; exitCode: number; terminated: boolean }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(require.resolve('./stress-worker.js'), {
      workerData: {
        tsx: require.resolve('tsx/cjs'),
        index: require.resolve('../../../lib/index'),
        workerId,
        rounds: ROUNDS,
        endless: doomed.has(workerId),
      },
    });
    let digest: string | undefined;
    let terminated = false;
    w.on('message', (m: { type: string; digest?: string; message?: string }) => {
      if (m.type === 'started' && doomed.has(workerId)) {
        setTimeout(() => {
          terminated = true;
          void w.terminate();
        }, delays.get(workerId));
      } else if (m.type === 'done') digest = m.digest;
      else if (m.type === 'error') reject(new Error(m.message));
    });
    w.once('error', reject);
    w.once('exit', (exitCode) => resolve({ workerId, digest, exitCode, terminated }));
  });
}

Promise.all(ids.map(start)).then(
  (results) => {
    clearInterval(flipper);
    results.sort((a, b) => a.workerId - b.workerId);
    console.log(JSON.stringify({ flips, doomed: [...doomed].sort(), results }));
  },
  (err: unknown) => {
    clearInterval(flipper);
    console.error(err);
    process.exit(2);
  },
);
