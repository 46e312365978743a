// The compat slice of the addon writes only into memory it was handed in the same call: no buffer
// it handed out earlier can be detached and freed under it (the SIGABRT repro of PyRandom.gauss()),
// and a direct caller of the .node gets coded errors for detached, shrunk or wrong buffers. Each
// check runs in a child process, so a crash fails the test instead of taking the runner down.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { runChild } from '../helpers/child';

const prelude = `
  require('node:v8').setFlagsFromString('--expose-gc');
  const gc = require('node:vm').runInNewContext('gc');
  const { binding } = require('./lib/core/binding');
  const { PyRandom, NumpyRandomState, TorchGenerator } = require('./lib/compat');
  const b = binding();
  const codeOf = (fn) => { try { fn(); return 'no error'; } catch (e) { return e.code ?? String(e); } };
  const detach = (buffer) => structuredClone(buffer, { transfer: [buffer] });
  const draws = (r, n) => Array.from({ length: n }, () => r.gauss());
`;

test('a detached and collected buffer is never written: gauss() keeps its values under allocation churn', () => {
  const r = runChild(`${prelude}
    const want = draws(new PyRandom(7), 4000);
    const wantNp = new NumpyRandomState(7).standardNormal(4000);
    const wantTorch = Array.from(new TorchGenerator(7).randn(15));
    // The repro: take whatever scratch memory the addon hands out, transfer it away, let it be freed.
    const handed = typeof b.compatScratch === 'function' ? b.compatScratch() : undefined;
    if (handed) detach(handed.buffer);
    gc();
    const py = new PyRandom(7);
    const np = new NumpyRandomState(7);
    let mismatches = 0;
    const keep = [];
    for (let i = 0; i < 4000; i++) {
      keep.push(new ArrayBuffer(32), new Float64Array(4));
      if (py.gauss() !== want[i]) mismatches++;
      if (np.standardNormal() !== wantNp[i]) mismatches++;
      if (i % 500 === 0) { keep.length = 0; gc(); }
    }
    const torch = Array.from(new TorchGenerator(7).randn(15));
    if (JSON.stringify(torch) !== JSON.stringify(wantTorch)) mismatches++;
    console.log(JSON.stringify({ handsOutScratch: handed !== undefined, mismatches }));
  `);
  assert.is(r.status, 0, `child exited with ${r.status}: ${r.stderr}`);
  assert.equal(r.json(), { handsOutScratch: false, mismatches: 0 });
});

test('direct calls: detached, shrunk, shared or wrong slot buffers are coded errors', () => {
  const r = runChild(`${prelude}
    const out = {};
    for (const name of ['compatPyGaussPair', 'compatTorchNormalPair', 'compatLegacyGaussFactor']) {
      const f = b[name];
      const gone = new ArrayBuffer(32); detach(gone);
      const resizable = new ArrayBuffer(32, { maxByteLength: 64 });
      const before = codeOf(() => f(resizable));
      resizable.resize(8);
      out[name] = [codeOf(() => f()), codeOf(() => f(gone)), codeOf(() => f(new ArrayBuffer(8))), codeOf(() => f(new Float64Array(4))),
        codeOf(() => f(new SharedArrayBuffer(32))), before, codeOf(() => f(resizable))];
    }
    console.log(JSON.stringify(out));
  `);
  assert.is(r.status, 0, r.stderr);
  const expected = ['ERR_INVALID_ARG_TYPE', 'ERR_OUT_OF_RANGE', 'ERR_OUT_OF_RANGE', 'ERR_INVALID_ARG_TYPE', 'ERR_INVALID_ARG_TYPE', 'no error', 'ERR_OUT_OF_RANGE'];
  assert.equal(r.json(), { compatPyGaussPair: expected, compatTorchNormalPair: expected, compatLegacyGaussFactor: expected });
});

test('direct calls: fills refuse detached or shrunk state words and slots, and write nothing into a detached output', () => {
  const r = runChild(`${prelude}
    const mt = new (require('./lib/compat').MT19937)(3);
    const out = new Float64Array(64);
    const gone = new Uint32Array(624); gone.set(mt.key); detach(gone.buffer);
    const gonePos = new ArrayBuffer(32); detach(gonePos);
    const shrinking = new ArrayBuffer(624 * 4, { maxByteLength: 624 * 4 });
    const tracking = new Uint32Array(shrinking); tracking.set(mt.key);
    const okBefore = codeOf(() => b.compatFillRes53(tracking, 624, out));
    shrinking.resize(100 * 4);
    const detachedOut = new Float64Array(64); detach(detachedOut.buffer);
    console.log(JSON.stringify({
      detachedKey: codeOf(() => b.compatFillRes53(gone, 0, out)),
      shrunkKey: codeOf(() => b.compatFillUint32(tracking, 0, new Uint32Array(64))),
      okBefore,
      detachedSlots: codeOf(() => b.compatFillLegacyGauss(mt.key, 0, out, false, 0, 1, gonePos)),
      missingSlots: codeOf(() => b.compatFillLegacyGauss(mt.key, 0, out, false, 0, 1)),
      detachedOutPos: b.compatFillRes53(mt.key, 5, detachedOut),
    }));
  `);
  assert.is(r.status, 0, r.stderr);
  assert.equal(r.json(), {
    detachedKey: 'ERR_OUT_OF_RANGE',
    shrunkKey: 'ERR_OUT_OF_RANGE',
    okBefore: 'no error',
    detachedSlots: 'ERR_OUT_OF_RANGE',
    missingSlots: 'ERR_INVALID_ARG_TYPE',
    detachedOutPos: 5,
  });
});

test('worker threads and the main thread draw gaussians at once, each exactly its own stream', () => {
  const r = runChild(`${prelude}
    const { Worker } = require('node:worker_threads');
    const want = draws(new PyRandom(21), 20000);
    const src = "require(" + JSON.stringify(require.resolve('tsx/cjs')) + "); const { PyRandom } = require(" + JSON.stringify(require('node:path').resolve('lib/compat')) + ");" +
      "const r = new PyRandom(21); const got = Array.from({ length: 20000 }, () => r.gauss()); require('node:worker_threads').parentPort.postMessage(got);";
    const workers = [0, 1, 2].map(() => new Worker(src, { eval: true }));
    const mine = draws(new PyRandom(21), 20000);
    Promise.all(workers.map((w) => new Promise((res, rej) => { w.once('message', res); w.once('error', rej); }))).then((results) => {
      const same = (xs) => xs.length === want.length && xs.every((x, i) => x === want[i]);
      console.log(JSON.stringify({ main: same(mine), workers: results.map(same) }));
    });
  `);
  assert.is(r.status, 0, r.stderr);
  assert.equal(r.json(), { main: true, workers: [true, true, true] });
});

test.run();
