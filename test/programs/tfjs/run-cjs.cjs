'use strict';
// node test/programs/tfjs/run-cjs.cjs <tfjs-first|seed-first> <seed|none> [tfjs-option]: the
// scenario with require(), tfjs required before or after seedEverything.
const [order, seed, tfjsOption] = process.argv.slice(2);
let tf = order === 'tfjs-first' ? require('@tensorflow/tfjs') : undefined;
const se = require('seed-everything');
const report = seed === 'none' ? null : se.seedEverything(BigInt(seed), tfjsOption === 'false' ? { tfjs: false } : {});
tf ??= require('@tensorflow/tfjs');
require('./scenario.cjs')(tf).then((out) => {
  const derived = report ? ['multinomial#0', 'multinomial#1'].map((name) => se.tfjs.seedFor(name)) : null;
  const loaded = Object.keys(require.cache).filter((f) => /@tensorflow[\\/]tfjs[\\/]dist[\\/]tf\.node\.js$/.test(f));
  const touched = {
    shuffle: tf.data.Dataset.prototype.shuffle[Symbol.for('seed-everything.tfjs-patch')] === true,
    engine: Object.prototype.hasOwnProperty.call(tf.engine(), 'runKernel'),
  };
  console.log(JSON.stringify({ ...out, derived, patches: report?.tfjs?.patches ?? null, skipped: report?.skipped ?? null, loaded, touched }));
});
