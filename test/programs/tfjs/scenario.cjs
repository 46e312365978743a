'use strict';
// A small tfjs program that touches every random source tfjs has (run by run-cjs.cjs and
// run-esm.mjs): a tf.data pipeline (unseeded shuffle, batch, fitDataset), fit() with
// validationSplit and shuffle, dropout with and without a seed of its own, initializers, random
// ops, multinomial with and without a seed, an iterator-level shuffle. It prints what came out,
// hashed where large, and the seeds the Multinomial kernel was handed.
const crypto = require('node:crypto');

async function digest(tensors) {
  const h = crypto.createHash('sha256');
  for (const t of tensors) h.update(Buffer.from((await t.data()).buffer));
  return h.digest('hex').slice(0, 16);
}

module.exports = async function scenario(tf) {
  await tf.setBackend('cpu');
  const kernelSeeds = [];
  const kernel = tf.getKernel('Multinomial', 'cpu');
  const multinomialKernel = kernel.kernelFunc;
  kernel.kernelFunc = (args) => {
    kernelSeeds.push(args.attrs.seed);
    return multinomialKernel(args);
  };

  const n = 48;
  const xs = Array.from({ length: n }, (_, i) => [Math.sin(i), Math.cos(3 * i), (i % 7) / 7, ((i * 13) % 5) / 5]);
  const ys = xs.map(([a, b]) => (a + b > 0 ? [1, 0] : [0, 1]));
  const model = () => {
    const m = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }),
        tf.layers.dropout({ rate: 0.25 }),
        tf.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    m.compile({ optimizer: tf.train.sgd(0.2), loss: 'categoricalCrossentropy' });
    return m;
  };
  const losses = (h, key) => h.history[key].map(String);

  const pipeline = tf.data.zip({ xs: tf.data.array(xs), ys: tf.data.array(ys) }).shuffle(n).batch(8);
  const m1 = model();
  const h1 = await m1.fitDataset(pipeline, { epochs: 3, verbose: 0 });

  const m2 = model();
  const h2 = await m2.fit(tf.tensor2d(xs), tf.tensor2d(ys), { epochs: 2, batchSize: 8, validationSplit: 0.25, shuffle: true, verbose: 0 });

  const items = Array.from({ length: 12 }, (_, i) => i);
  const reshuffled = tf.data.array(items).shuffle(12);
  const epochs = [await reshuffled.toArray(), await reshuffled.toArray()];
  const ownSeed = await tf.data.array(items).shuffle(12, 'own seed').toArray();
  const iterator = await (await tf.data.array(items).iterator()).shuffle(12).toArray();

  const ones = tf.ones([1, 24]);
  const dropout = tf.layers.dropout({ rate: 0.5 });
  const seededDropout = tf.layers.dropout({ rate: 0.5, seed: 7 });
  const masks = async (layer) => [await layer.apply(ones, { training: true }).data(), await layer.apply(ones, { training: true }).data()].map((m) => Array.from(m).join(''));

  const logits = tf.tensor1d([0.1, 1, 2, 0.5]);
  const samples = [];
  for (const seed of [undefined, undefined, 42, 0.5]) samples.push(Array.from(await tf.multinomial(logits, 8, seed).data()));

  return {
    pipeline: { losses: losses(h1, 'loss'), weights: await digest(m1.getWeights()) },
    fit: { losses: losses(h2, 'loss'), valLosses: losses(h2, 'val_loss'), weights: await digest(m2.getWeights()) },
    epochs,
    ownSeed,
    iterator,
    dropout: await masks(dropout),
    seededDropout: await masks(seededDropout),
    initializers: await digest([
      tf.initializers.glorotUniform({}).apply([4, 4]),
      tf.initializers.heNormal({}).apply([3, 5]),
      tf.initializers.orthogonal({}).apply([3, 3]),
      tf.initializers.randomUniform({ minval: -1, maxval: 1 }).apply([6]),
    ]),
    ops: await digest([tf.randomNormal([5]), tf.randomUniform([5]), tf.truncatedNormal([5]), tf.randomGamma([5], 2)]),
    multinomial: { samples, kernelSeeds },
  };
};
