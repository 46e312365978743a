// The tfjs patches' rules, in one process: which seeds count as "none", call-order counters that
// restart with every seedEverything, no second wrapping, the report's list.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { seedEverything, tfjs } from '../../lib/index';

const first = seedEverything(5);
// eslint-disable-next-line @typescript-eslint/no-var-requires
const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
const items = Array.from({ length: 16 }, (_, i) => i);
const order = (seed?: unknown) => tf.data.array(items).shuffle(16, seed as string).toArray() as Promise<number[]>;

test('the report lists the patches; before tfjs loads, none is applied yet', () => {
  assert.equal(
    first.tfjs?.patches.map((p) => [p.source, p.seedName, p.copies]),
    [
      ['tf.data Dataset.shuffle', 'tf.data.shuffle#<k>', 0],
      ['tf.data LazyIterator.shuffle', 'tf.data.iterator.shuffle#<k>', 0],
      ['multinomial', 'multinomial#<k>', 0],
    ],
  );
  assert.ok(first.seeded.includes('tfjs'));
});

test('an unseeded shuffle, or one given a seed tfjs ignores (0, "", null), gets seedFor("tf.data.shuffle#k")', async () => {
  seedEverything(5);
  const got = [await order(), await order(0), await order(''), await order(null)];
  const want = [];
  for (let k = 0; k < 4; k++) want.push(await order(String(tfjs.seedFor(`tf.data.shuffle#${k}`))));
  assert.equal(got, want);
  assert.is(new Set(got.map(String)).size, 4, 'each call its own seed');
});

test('seedEverything restarts the counters: the same seed gives the same sequence again', async () => {
  seedEverything(9);
  const a = [await order(), await order()];
  seedEverything(9);
  const b = [await order(), await order()];
  assert.equal(a, b);
  assert.not.equal(a[0], a[1]);
});

test('iterator-level shuffles are seeded too, and a seed of their own is kept', async () => {
  seedEverything(5);
  const it = async (seed?: string) => (await (await tf.data.array(items).iterator()).shuffle(16, seed).toArray()) as number[];
  const unseeded = await it();
  assert.equal(unseeded, await it(String(tfjs.seedFor('tf.data.iterator.shuffle#0'))));
  assert.equal(await it('mine'), await it('mine'));
});

test('calling seedEverything again wraps nothing twice; loaded copies are counted', () => {
  const shuffle = tf.data.Dataset.prototype.shuffle;
  const runKernel = tf.engine().runKernel;
  const again = seedEverything(5);
  assert.is(tf.data.Dataset.prototype.shuffle, shuffle);
  assert.is(tf.engine().runKernel, runKernel);
  assert.equal(again.tfjs?.patches.map((p) => p.copies), [1, 1, 1]);
});

test('multinomial: seedFor("multinomial#k") for unseeded calls (0 included), own seeds kept, Math.random given back', async () => {
  await tf.setBackend('cpu');
  const seen: unknown[] = [];
  const kernel = tf.getKernel('Multinomial', 'cpu') as unknown as { kernelFunc: (a: { attrs: { seed: unknown } }) => unknown };
  const run = kernel.kernelFunc;
  kernel.kernelFunc = (a) => {
    seen.push(a.attrs.seed);
    return run(a);
  };
  seedEverything(5);
  const random = Math.random;
  const logits = tf.tensor1d([1, 2, 3]);
  for (const seed of [undefined, 0, 7, 0.25]) tf.multinomial(logits, 4, seed);
  assert.is(Math.random, random);
  assert.equal(seen, [tfjs.seedFor('multinomial#0'), tfjs.seedFor('multinomial#1'), 7, 0.25]);
  assert.throws(() => tf.multinomial(tf.tensor1d([1]), 2));
  assert.is(Math.random, random, 'restored when the op throws');
  kernel.kernelFunc = run;
});

test.run();
