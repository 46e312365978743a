// A small TensorFlow.js model (dense, convolution and dropout layers) trained for a few epochs on
// synthetic data, shuffled by fit(). Run it twice: with seedEverything first, every epoch's loss
// and the final weights are identical bit for bit; without it, they are not.
//
//   npx tsx examples/tfjs-train.ts            # seeded with 7
//   SEED=123 npx tsx examples/tfjs-train.ts   # another seed
//   NO_SEED=1 npx tsx examples/tfjs-train.ts  # not seeded: differs from run to run
import { createHash } from 'node:crypto';
import { Philox, seedEverything } from 'seed-everything';

// Seed before tfjs is loaded: its layers and fit() take their randomness from Math.random.
if (!process.env.NO_SEED) seedEverything(BigInt(process.env.SEED ?? '7'), { deterministic: true });

// eslint-disable-next-line @typescript-eslint/no-var-requires
const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  // The data is fixed whatever the seed: its own Philox stream.
  const samples = 96;
  const data = new Philox(20261129n);
  const x = tf.tensor4d(data.uniform(samples * 8 * 8), [samples, 8, 8, 1]);
  const labels = data.uniform(samples).map((v) => (v > 0.5 ? 1 : 0));
  const y = tf.oneHot(tf.tensor1d(Array.from(labels), 'int32'), 2);

  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
      tf.layers.flatten(),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: 16, activation: 'relu' }),
      tf.layers.dense({ units: 2, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  const history = await model.fit(x, y, { epochs: 4, batchSize: 16, shuffle: true, verbose: 0 });

  const hash = createHash('sha256');
  for (const w of model.getWeights()) hash.update(new Uint8Array((await w.data()).buffer));
  const losses = (history.history.loss as number[]).map((l) => l.toString());
  console.log(JSON.stringify({ losses, weights: hash.digest('hex') }));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
