// Two copies of the package in one process (two versions in one dependency tree): the built
// package (dist/ + build/ + package.json) copied into a second folder and required beside this
// one. Root seed, CUDA seeds and cuDNN flags are one truth; both native API tables hand out
// disjoint Philox reservations, also from a worker thread; a copy with another state layout says
// so in doctor and refuses its table.
import { test as uvuTest } from '../helpers/test';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildConsumer, hasCompiler, nodeGyp } from '../helpers/native-build';
import { root, runChild } from '../helpers/child';
import { requires } from '../helpers/require';

const LAYOUT_TAG = 'seed-everything state layout 0001';
const copies: { a: string; b: string; c: string; tmp?: string; consumer?: string } = { a: path.join(root, 'dist', 'index.js'), b: '', c: '' };

function addonFile(dir: string): string {
  const names = fs.readdirSync(path.join(dir, 'build', 'Release')).filter((n) => n.endsWith('.node'));
  assert.is(names.length, 1, `one addon in ${dir}/build/Release`);
  return path.join(dir, 'build', 'Release', names[0]);
}

/** dist/, build/Release/*.node and package.json in a new folder; `layout` rewrites the addon's state layout tag. */
function copyPackage(into: string, layout?: string): string {
  fs.mkdirSync(path.join(into, 'build', 'Release'), { recursive: true });
  fs.cpSync(path.join(root, 'dist'), path.join(into, 'dist'), { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(into, 'package.json'));
  const addon = fs.readFileSync(addonFile(root));
  let bytes = addon;
  if (layout !== undefined) {
    const at = addon.indexOf(LAYOUT_TAG);
    assert.ok(at >= 0 && addon.indexOf(LAYOUT_TAG, at + 1) < 0, 'the layout tag occurs once in the addon');
    bytes = Buffer.from(addon);
    bytes.write(`seed-everything state layout ${layout}`, at, 'latin1');
  }
  fs.writeFileSync(path.join(into, 'build', 'Release', path.basename(addonFile(root))), bytes);
  // A copy installed by npm has node-gyp-build beside it.
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(into, 'node_modules'), 'dir');
  return path.join(into, 'dist', 'index.js');
}

uvuTest.before(() => {
  if (!fs.existsSync(copies.a)) throw new Error('dist/index.js is missing: build the package first (npm run build:ts; npm test does it)');
  copies.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'se-copies-'));
  copies.b = copyPackage(path.join(copies.tmp, 'b'));
  copies.c = copyPackage(path.join(copies.tmp, 'c'), '0099');
});

uvuTest.after(() => {
  if (copies.tmp) fs.rmSync(copies.tmp, { recursive: true, force: true });
  if (copies.consumer) fs.rmSync(path.resolve(copies.consumer, '..', '..', '..', '..', '..'), { recursive: true, force: true });
});

function child<T>(code: string): T {
  const r = runChild(`const A = require(${JSON.stringify(copies.a)}); const B = require(${JSON.stringify(copies.b)}); const C = require(${JSON.stringify(copies.c)});\n${code}`, {
    SEED_EVERYTHING_SEED: undefined,
  });
  assert.is(r.status, 0, r.stderr);
  return r.json<T>();
}

const VIEW = `const view = (P) => ({ root: P.getRngState().rootSeed, cuda: String(P.cuda.initialSeed(3)), flags: [P.cudnn.deterministic, P.cudnn.benchmark] });`;

uvuTest('A.seedEverything(5) is what B sees (root seed, CUDA seed, cuDNN flags), and back; doctor names the owner', () => {
  const out = child<{ b: object; a: object; states: { role: string; copies: number; owner: { path: string } }[]; line: string }>(`${VIEW}
    A.seedEverything(5, { deterministic: true });
    const b = view(B);
    B.seedEverything(6, { benchmark: true });
    const a = view(A);
    const states = [A.doctor().state, B.doctor().state];
    console.log(JSON.stringify({ b, a, states, line: A.formatDoctor(B.doctor()).split('\\n').find((l) => /^  copies /.test(l)) }));`);
  assert.equal(out.b, { root: '5', cuda: '5', flags: [true, false] });
  assert.equal(out.a, { root: '6', cuda: '6', flags: [true, true] });
  assert.equal(out.states.map((s) => [s.role, s.copies]), [['owner', 2], ['adopted', 2]]);
  assert.is(out.states[1].owner.path, addonFile(root));
  assert.match(out.line, /shares the process state owned by seed-everything \d+\.\d+\.\d+ \(/);
});

uvuTest('a copy with another state layout keeps its own state, says so in doctor and refuses nativeApi()', () => {
  const out = child<{ state: { role: string; layout: number; owner: { layout: number } }; line: string; refused: { code: string; message: string }; a: object; c: object }>(`${VIEW}
    A.seedEverything(5);
    const state = C.doctor().state;
    let refused;
    try { C.nativeApi(); } catch (e) { refused = { code: e.code, message: e.message }; }
    C.seedEverything(9);
    console.log(JSON.stringify({ state, line: C.formatDoctor(C.doctor()).split('\\n').find((l) => /^  copies /.test(l)), refused, a: view(A), c: view(C) }));`);
  assert.equal([out.state.role, out.state.layout, out.state.owner.layout], ['incompatible', 99, 1]);
  assert.match(out.line, /INCOMPATIBLE: seed-everything .* owns the process state with layout 1; this copy \(layout 99\) keeps its own state and refuses nativeApi\(\)/);
  assert.is(out.refused.code, 'ERR_NATIVE_API_INCOMPATIBLE');
  assert.match(out.refused.message, /state layout 99.*state layout 1.*refuses its native API table/);
  assert.equal(out.a, { root: '5', cuda: '5', flags: [false, false] }, "the owner's state is not the incompatible copy's");
  assert.equal(out.c, { root: '9', cuda: '9', flags: [false, false] });
});

const test = requires('compiler', hasCompiler() && nodeGyp() !== null, 'no C++ compiler (c++) or node-gyp to build examples/consumer-addon');

test.before(async () => {
  if (hasCompiler() && nodeGyp() !== null) copies.consumer = await buildConsumer('copies');
});

test("in a worker thread too: B sees A's state, and both native API tables hand out disjoint Philox reservations", () => {
  const out = child<{ seq: string[][]; worker: { view: object; res: string[][] }; main: string[][]; final: string }>(`${VIEW}
    const consumer = require(${JSON.stringify(copies.consumer)});
    A.seedEverything(5, { deterministic: true });
    const seq = [];
    for (const P of [A, B, A, B]) { consumer.init(P.nativeApi()); seq.push(consumer.reserve(0, 10).map(String)); }
    const { Worker } = require('node:worker_threads');
    const w = new Worker(\`
      const { parentPort, workerData } = require('node:worker_threads');
      const B = require(workerData.b);
      const consumer = require(workerData.consumer);
      consumer.init(B.nativeApi());
      const res = [];
      for (let i = 0; i < 200; i++) res.push(consumer.reserve(1, 8).map(String));
      parentPort.postMessage({ view: { root: B.getRngState().rootSeed, cuda: String(B.cuda.initialSeed(3)), flags: [B.cudnn.deterministic, B.cudnn.benchmark], role: B.doctor().state.role }, res });\`,
      { eval: true, workerData: { b: ${JSON.stringify(copies.b)}, consumer: ${JSON.stringify(copies.consumer)} } });
    consumer.init(A.nativeApi());
    const main = [];
    for (let i = 0; i < 200; i++) main.push(consumer.reserve(1, 8).map(String));
    w.once('message', (worker) => console.log(JSON.stringify({ seq, worker, main, final: String(new DataView(B.cuda.getRngState(1).buffer).getBigUint64(8, true)) })));`);
  assert.equal(out.seq, [['5', '0'], ['5', '12'], ['5', '24'], ['5', '36']]);
  assert.equal(out.worker.view, { root: '5', cuda: '5', flags: [true, false], role: 'adopted' }, 'B, loaded only in a worker, sees what A set');
  const offsets = [...out.worker.res, ...out.main].map(([seed, offset]) => (assert.is(seed, '5'), BigInt(offset))).sort((x, y) => (x < y ? -1 : 1));
  offsets.forEach((o, i) => assert.is(o, BigInt(i * 8), 'one contiguous run of 8-output reservations: none shared'));
  assert.is(out.final, String(400 * 8));
});

uvuTest.run();
