// The README's "Find the divergence" example: a seeded tfjs training script whose augmentation
// draws from node:crypto, which no seed reaches. `diff` names the first layer output it changes.
// FIXED=1 draws from Math.random instead, which seedEverything seeds: the runs are then identical.
import { randomInt } from 'node:crypto';
import { Philox, seedEverything, tfjs, trace } from '../../../lib/index';

seedEverything(42, { deterministic: true });
// eslint-disable-next-line @typescript-eslint/no-var-requires
const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const data = new Philox(7n);
  const x = tf.tensor2d(data.uniform(64 * 8), [64, 8]);
  const y = tf.oneHot(tf.tensor1d(Array.from(data.uniform(64), (v) => (v > 0.5 ? 1 : 0)), 'int32'), 2);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ name: 'hidden', inputShape: [8], units: 16, activation: 'relu' }),
      tf.layers.dense({ name: 'output', units: 2, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  tfjs.traceModel(model);
  trace('initial weights', model.getWeights().map((w) => w.dataSync()));
  model.predict(x);
  for (let epoch = 0; epoch < 3; epoch++) {
    const draw = process.env.FIXED ? () => Math.floor(Math.random() * 200) - 100 : () => randomInt(-100, 100); // the bug
    const jitter = Float32Array.from({ length: 64 * 8 }, () => draw() * 1e-4);
    const history = await model.fit(x.add(tf.tensor2d(jitter, [64, 8])), y, { epochs: 1, batchSize: 16, shuffle: true, verbose: 0 });
    trace('loss', history.history.loss[0] as number);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
