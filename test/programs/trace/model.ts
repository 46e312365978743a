// A tfjs model for `diff` to run: ITERATIONS (default 4) times a predict() then a one-batch fit()
// on the same input, with tfjs.traceModel on. From iteration INPUT_CHANGES_AT on, run r's input is
// off by r·1e-2 (runs counted in the file RUN_COUNTER); before it every run is the same.
import { Philox, seedEverything, tfjs } from '../../../lib/index';
import { runNumber } from './run-number';

seedEverything(undefined, { deterministic: true });
// eslint-disable-next-line @typescript-eslint/no-var-requires
const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const run = runNumber();
  const changeAt = process.env.INPUT_CHANGES_AT === undefined ? Infinity : Number(process.env.INPUT_CHANGES_AT);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ name: 'first_dense', inputShape: [6], units: 8, activation: 'relu' }),
      tf.layers.dropout({ name: 'drop', rate: 0.25 }),
      tf.layers.dense({ name: 'out', units: 2, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  tfjs.traceModel(model);
  const y = tf.oneHot(tf.tensor1d([0, 1, 1, 0], 'int32'), 2);
  for (let it = 0; it < Number(process.env.ITERATIONS ?? 4); it++) {
    const data = new Philox(100n + BigInt(it)).uniform(4 * 6);
    if (it >= changeAt) for (let i = 0; i < data.length; i++) data[i] += run * 1e-2;
    const x = tf.tensor2d(data, [4, 6]);
    (model.predict(x) as import('@tensorflow/tfjs').Tensor).dispose();
    await model.fit(x, y, { epochs: 1, batchSize: 4, shuffle: false, verbose: 0 });
    x.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
