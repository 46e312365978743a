// After seedEverything(seed) alone, every random source of @tensorflow/tfjs repeats in another
// process: test/programs/tfjs/scenario.cjs (tf.data shuffle + batch + fitDataset, fit with
// validationSplit and shuffle, dropout, initializers, random ops, multinomial, an iterator shuffle)
// run twice per way of loading it (require or import, tfjs before or after seedEverything), against
// runs with `tfjs: false` (Math.random seeded, tfjs as it comes) and a run with another seed.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { root } from '../helpers/child';

interface Out {
  pipeline: { losses: string[]; weights: string };
  fit: { losses: string[]; valLosses: string[]; weights: string };
  epochs: number[][];
  ownSeed: number[];
  iterator: number[];
  dropout: string[];
  seededDropout: string[];
  initializers: string;
  ops: string;
  multinomial: { samples: number[][]; kernelSeeds: number[] };
  derived: number[] | null;
  patches: { source: string; seedName: string; copies: number }[] | null;
  skipped: { source: string; reason: string }[] | null;
  loaded: string[];
  touched?: { shuffle: boolean; engine: boolean };
}

function run(script: string, ...args: string[]): Promise<Out> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'programs', 'tfjs', script), ...args], {
      cwd: root,
      env: { ...process.env, SEED_EVERYTHING_SEED: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${script} ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop() as string));
    });
  });
}

/** Two at a time: the machine has two cores. */
async function runAll(jobs: [string, ...string[]][]): Promise<Out[]> {
  const results: Out[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await run(...jobs[i]);
    }
  };
  await Promise.all([lane(), lane()]);
  return results;
}

const WAYS = [
  ['run-cjs.cjs', 'seed-first'],
  ['run-cjs.cjs', 'tfjs-first'],
  ['run-esm.mjs', 'seed-first'],
  ['run-esm.mjs', 'tfjs-first'],
] as const;
const results = runAll([
  ...WAYS.flatMap(([script, order]) => [[script, order, '5'], [script, order, '5']] as [string, ...string[]][]),
  ['run-cjs.cjs', 'seed-first', '5', 'false'],
  ['run-cjs.cjs', 'seed-first', '5', 'false'],
  ['run-cjs.cjs', 'seed-first', '6'],
]);

const isPermutation = (order: number[]) => [...order].sort((a, b) => a - b).join() === Array.from({ length: 12 }, (_, i) => i).join();

WAYS.forEach(([script, order], w) => {
  test(`${script} ${order}: two processes draw the same everything`, async () => {
    const [a, b] = (await results).slice(2 * w, 2 * w + 2);
    assert.equal(a, b);
    assert.is(a.pipeline.losses.length, 3);
    assert.is(a.fit.valLosses.length, 2);
    // tf.data reshuffles every epoch: a different order each time, the same in every run.
    assert.ok(a.epochs.every(isPermutation) && isPermutation(a.iterator));
    assert.not.equal(a.epochs[0], a.epochs[1]);
    assert.is.not(a.dropout[0], a.dropout[1]);
    // Unseeded multinomial gets tfjs.seedFor('multinomial#k'); calls that pass a seed keep theirs.
    assert.equal(a.multinomial.kernelSeeds, [...(a.derived as number[]), 42, 0.5]);
    for (const s of a.derived as number[]) assert.ok(Number.isInteger(s) && s >= 1 && s <= 2 ** 31 - 1);
    assert.ok(a.loaded.length === 1, 'the CommonJS build of @tensorflow/tfjs is what was loaded');
    const copies = Object.fromEntries((a.patches ?? []).map((p) => [p.source, p.copies]));
    assert.equal(Object.keys(copies), ['tf.data Dataset.shuffle', 'tf.data LazyIterator.shuffle', 'multinomial']);
    for (const n of Object.values(copies)) assert.is(n, order === 'tfjs-first' ? 1 : 0, 'loaded copies are patched at once, later ones on load');
  });
});

test('another seed changes what is drawn', async () => {
  const r = await results;
  const [five, six] = [r[0], r[10]];
  assert.is.not(six.pipeline.weights, five.pipeline.weights);
  assert.is.not(six.fit.weights, five.fit.weights);
  assert.not.equal(six.epochs, five.epochs);
  assert.not.equal(six.dropout, five.dropout);
  assert.is.not(six.initializers, five.initializers);
});

test('a call that passes its own seed is left as tfjs makes it: the same as in unpatched tfjs', async () => {
  const r = await results;
  const [seeded, unseeded] = [r[0], r[8]];
  assert.equal(seeded.ownSeed, unseeded.ownSeed);
  assert.equal(seeded.seededDropout, unseeded.seededDropout);
  // A dropout layer built with a seed draws one mask for every call: tfjs's behaviour, kept.
  assert.is(seeded.seededDropout[0], seeded.seededDropout[1]);
  assert.equal(seeded.multinomial.samples.slice(2), unseeded.multinomial.samples.slice(2));
  assert.equal(unseeded.multinomial.kernelSeeds.slice(2), [42, 0.5]);
  for (const s of unseeded.multinomial.kernelSeeds.slice(0, 2)) assert.ok(s > 0 && s < 1, 'unpatched tfjs hands the kernel a fraction');
});

test('tfjs: false leaves tfjs untouched: nothing wrapped, tf.data shuffles still follow the clock', async () => {
  const r = await results;
  const [a, b, seeded] = [r[8], r[9], r[0]];
  assert.is(a.patches, null);
  assert.ok(a.skipped?.some((s) => s.source === 'tfjs' && /tfjs: false/.test(s.reason)));
  assert.equal(a.touched, { shuffle: false, engine: false });
  assert.equal(seeded.touched, { shuffle: true, engine: true });
  assert.not.equal(a.epochs, b.epochs);
  assert.is.not(a.pipeline.weights, b.pipeline.weights);
});

test.run();
