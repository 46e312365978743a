// tfjs.traceModel() and tensors given to trace(), with @tensorflow/tfjs (pure JS), in child
// processes; and `diff` over a model whose input changes between runs from a known step.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { runChild } from '../helpers/child';
import type { DiffReport } from '../../lib/trace/diff';
import { readTrace } from '../../lib/trace/format';
import { cli, counterFile, program, tempDir } from './run-diff';

const setup = `
  const { tfjs, trace, seedEverything } = require('./lib/index');
  seedEverything(3);
  const tf = require('@tensorflow/tfjs');
  const model = () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ name: 'a', inputShape: [3], units: 4, activation: 'relu' }), tf.layers.dense({ name: 'b', units: 2 })] });
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    return m;
  };
  const x = tf.ones([5, 3]);
  const y = tf.zeros([5, 2]);`;

function traced(body: string, trace = true) {
  const file = path.join(tempDir(), 'trace.jsonl');
  const r = runChild(`${setup}\n(async () => { await tf.setBackend('cpu'); ${body} })().catch((e) => { console.error(e); process.exitCode = 1; });`, {
    SEED_EVERYTHING_TRACE: trace ? file : '',
    SEED_EVERYTHING_TRACE_OWNER: undefined,
  }, 120000);
  assert.is(r.status, 0, r.stderr);
  return { ...r, names: (readTrace(file).threads.get(0) ?? []).map((c) => c.name), file };
}

test('every layer output on every call: predict, fit, fitDataset, evaluate, apply; the step counts forward passes', () => {
  const r = traced(`
    const m = model();
    const undo = tfjs.traceModel(m);
    m.predict(x);
    await m.fit(x, y, { epochs: 2, batchSize: 5, verbose: 0 });
    const ds = tf.data.zip({ xs: tf.data.array([[1, 2, 3], [4, 5, 6]]), ys: tf.data.array([[0, 1], [1, 0]]) }).batch(2);
    await m.fitDataset(ds, { epochs: 1, verbose: 0 });
    m.evaluate(x, y);
    m.apply(x);
    undo();
    m.predict(x);
    await m.fit(x, y, { epochs: 1, verbose: 0 });
    console.log(JSON.stringify({ own: Object.prototype.hasOwnProperty.call(m.layers[0], 'call') }));`);
  assert.equal(r.names, ['a@0', 'b@0', 'a@1', 'b@1', 'a@2', 'b@2', 'a@3', 'b@3', 'a@4', 'b@4', 'a@5', 'b@5']);
  assert.equal(r.json(), { own: false }, 'undo puts the prototype method back');
});

test('a layer checkpoint is the output tensor: dtype, shape and the hash of its dataSync() bytes', () => {
  const r = traced(`
    const m = model();
    tfjs.traceModel(m);
    const out = m.predict(x);
    const h = (t) => Buffer.from(t.dataSync().buffer, t.dataSync().byteOffset, t.dataSync().byteLength).toString('hex');
    const first = m.layers[0].apply(x);
    trace('int', tf.tensor1d([1, -2], 'int32'));
    trace('bool', tf.tensor1d([true, false], 'bool'));
    trace('list', [tf.scalar(1), tf.scalar(2)]);
    const gone = tf.scalar(1); gone.dispose();
    let code = 'none'; try { trace('gone', gone); } catch (e) { code = e.code; }
    console.log(JSON.stringify({ out: h(out), first: h(first), code }));`);
  const { out, first, code } = r.json<{ out: string; first: string; code: string }>();
  const cps = readTrace(r.file).threads.get(0)!;
  const sha = (hex: string) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex').slice(0, 32);
  const b0 = cps.find((c) => c.name === 'b@0')!;
  assert.equal([b0.type, b0.dtype, b0.shape, b0.length, b0.hash], ['tensor', 'float32', [5, 2], 10, sha(out)]);
  assert.is(cps.find((c) => c.name === 'a@1')!.hash, sha(first), 'layer.apply on tensors runs the layer too');
  const int = cps.find((c) => c.name === 'int')!;
  assert.equal([int.dtype, int.min, int.max, int.hash], ['int32', -2, 1, sha('01000000feffffff')]);
  assert.equal(cps.find((c) => c.name === 'bool')!.hash, sha('0100'));
  assert.equal([cps.find((c) => c.name === 'list')!.type, cps.find((c) => c.name === 'list')!.length], ['array', 2]);
  assert.is(code, 'ERR_INVALID_ARG_VALUE', 'a disposed tensor cannot be read');
});

test('tracing off: the model is left untouched; a non-model is refused either way', () => {
  const r = traced(`
    const m = model();
    const undo = tfjs.traceModel(m);
    const codes = [null, {}, { layers: [1] }, tf.ones([1])].map((v) => { try { tfjs.traceModel(v); return 'none'; } catch (e) { return e.code; } });
    console.log(JSON.stringify({ own: Object.prototype.hasOwnProperty.call(m.layers[0], 'call'), undo: typeof undo, codes }));`, false);
  assert.equal(r.json(), { own: false, undo: 'function', codes: ['ERR_INVALID_ARG_TYPE', 'ERR_INVALID_ARG_TYPE', 'ERR_INVALID_ARG_TYPE', 'ERR_INVALID_ARG_TYPE'] });
  assert.equal(r.names, []);
});

test('diff: a model whose input changes between runs from iteration 2 is reported at its first layer there', () => {
  const same = cli(['diff', '--json', '--', ...program('model.ts')], { RUN_COUNTER: counterFile() });
  assert.is(same.status, 0, same.stderr);
  const identical = JSON.parse(same.stdout) as DiffReport;
  assert.is(identical.checkpoints, 4 * 2 * 3, '4 iterations, predict and fit, 3 layers');
  const r = cli(['diff', '--json', '--', ...program('model.ts')], { RUN_COUNTER: counterFile(), INPUT_CHANGES_AT: '2' });
  assert.is(r.status, 1, r.stderr);
  const d = (JSON.parse(r.stdout) as DiffReport).firstDivergence!;
  // iteration 2's predict is forward pass 4: the first layer's output is the first to differ
  assert.equal([d.checkpoint, d.occurrence, d.position, d.reason], ['first_dense@4', 0, 13, 'values']);
  assert.equal(d.lastIdentical, { checkpoint: 'out@3', occurrence: 0, position: 12 });
  assert.equal(d.runs.map((v) => [v.type, v.dtype, v.shape]), [['tensor', 'float32', [4, 8]], ['tensor', 'float32', [4, 8]]]);
});

test('the README example: augmentation drawn from node:crypto diverges at the first training batch', () => {
  const r = cli(['diff', '--json', '--', ...program('augment.ts')]);
  assert.is(r.status, 1, r.stderr);
  const report = JSON.parse(r.stdout) as DiffReport;
  const d = report.firstDivergence!;
  // predict() of 64 rows runs in two batches of 32 (steps 0 and 1); fit()'s first batch is step 2
  assert.equal([d.checkpoint, d.position, d.lastIdentical?.checkpoint], ['hidden@2', 6, 'output@1']);
  assert.is(report.checkpoints, 32);
  const fixed = cli(['diff', '--', ...program('augment.ts')], { FIXED: '1' });
  assert.is(fixed.status, 0, fixed.stderr);
  assert.match(fixed.stdout, /^identical: 2 runs of .*, 32 checkpoints each$/m);
});

test.run();
