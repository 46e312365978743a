// For a machine with a GPU and @tensorflow/tfjs-node-gpu installed: trains the same small model
// twice in two child processes, seeded alike, and compares the final weights' hashes.
//
//   npm install @tensorflow/tfjs-node-gpu
//   npx tsx examples/tfjs-node-gpu-check.ts
//
// Exit code 0 when both runs agree bit for bit, 1 when they differ, 2 when tfjs-node-gpu is missing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';

if (process.argv[2] === 'child') {
  // Must run before tfjs-node-gpu is required: it reads TF_DETERMINISTIC_OPS and friends at load.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { seedEverything, Philox } = require('seed-everything') as typeof import('seed-everything');
  const report = seedEverything(7, { deterministic: true });
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const tf = require('@tensorflow/tfjs-node-gpu') as typeof import('@tensorflow/tfjs');
  (async () => {
    const data = new Philox(99n);
    const x = tf.tensor4d(data.uniform(256 * 16 * 16 * 3), [256, 16, 16, 3]);
    const y = tf.oneHot(tf.tensor1d(Array.from(data.uniform(256), (v) => Math.floor(v * 10) % 10), 'int32'), 10);
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [16, 16, 3], filters: 16, kernelSize: 3, activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dropout({ rate: 0.25 }),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
    const history = await model.fit(x, y, { epochs: 3, batchSize: 32, shuffle: true, verbose: 0 });
    const hash = createHash('sha256');
    for (const w of model.getWeights()) hash.update(new Uint8Array((await w.data()).buffer));
    console.log(JSON.stringify({ weights: hash.digest('hex'), losses: history.history.loss, skipped: report.skipped }));
  })();
} else {
  try {
    require.resolve('@tensorflow/tfjs-node-gpu');
  } catch {
    console.error('@tensorflow/tfjs-node-gpu is not installed: npm install @tensorflow/tfjs-node-gpu (needs a CUDA GPU).');
    process.exit(2);
  }
  const run = () => {
    const r = spawnSync(process.execPath, [...process.execArgv, __filename, 'child'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`training run failed with exit code ${r.status}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as { weights: string; losses: number[] };
  };
  const a = run();
  const b = run();
  console.log(`run 1: ${a.weights}\nrun 2: ${b.weights}`);
  console.log(a.weights === b.weights ? 'identical: training is reproducible on this GPU' : 'DIFFERENT: something is not deterministic');
  process.exitCode = a.weights === b.weights ? 0 : 1;
}
