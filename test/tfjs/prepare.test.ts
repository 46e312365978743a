// The tfjs part of the report in both orders. @tensorflow/tfjs-node(-gpu) cannot be installed on
// this machine (its install script downloads libtensorflow), so the "loaded first" order uses a
// stand-in module at node_modules/@tensorflow/tfjs-node-gpu in a temporary folder: the detection
// looks at the module cache exactly as it would for the real package (and at /proc/self/maps for
// libtensorflow, which the stand-in cannot provide).
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runChild } from '../helpers/child';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'se-tfjs-'));
const standIn = path.join(dir, 'node_modules', '@tensorflow', 'tfjs-node-gpu');
fs.mkdirSync(standIn, { recursive: true });
fs.writeFileSync(path.join(standIn, 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs-node-gpu', version: '0.0.0-stand-in', main: 'index.js' }));
fs.writeFileSync(path.join(standIn, 'index.js'), 'module.exports = { env: { ...process.env } };\n');
const requireStandIn = `require(${JSON.stringify(standIn)})`;
const TF_VARS = ['TF_DETERMINISTIC_OPS', 'TF_CUDNN_DETERMINISTIC', 'TF_ENABLE_ONEDNN_OPTS', 'TF_CUDNN_USE_AUTOTUNE'];
const clean = Object.fromEntries(TF_VARS.map((v) => [v, undefined]));

test('seed first: the TF_* variables are set before tfjs-node-gpu loads and it sees them', () => {
  const r = runChild(
    `const { seedEverything } = require('./lib/index');
     const report = seedEverything(7, { deterministic: true });
     const tf = ${requireStandIn};
     console.log(JSON.stringify({ tfjs: report.tfjs, seen: tf.env }));`,
    clean,
  );
  assert.is(r.status, 0, r.stderr);
  const out = r.json<{ tfjs: { set: Record<string, string>; skipped: unknown[]; loadedFirst: null }; seen: Record<string, string> }>();
  assert.equal(out.tfjs.set, { TF_DETERMINISTIC_OPS: '1', TF_CUDNN_DETERMINISTIC: '1', TF_ENABLE_ONEDNN_OPTS: '0', TF_CUDNN_USE_AUTOTUNE: '0' });
  assert.equal(out.tfjs.skipped, []);
  assert.is(out.tfjs.loadedFirst, null);
  for (const v of TF_VARS) assert.is(out.seen[v], out.tfjs.set[v]);
});

test('benchmark keeps autotuning on: TF_CUDNN_USE_AUTOTUNE is not set', () => {
  const r = runChild(
    `const { seedEverything } = require('./lib/index');
     console.log(JSON.stringify(seedEverything(7, { deterministic: true, benchmark: true }).tfjs));`,
    clean,
  );
  assert.is(r.status, 0, r.stderr);
  assert.is(r.json<{ set: Record<string, string> }>().set.TF_CUDNN_USE_AUTOTUNE, undefined);
});

test('tfjs first: nothing pretends, every variable is skipped with the reason and fix, one coded warning', () => {
  const r = runChild(
    `const warnings = [];
     process.on('warning', (w) => warnings.push({ code: w.code, message: w.message }));
     ${requireStandIn};
     const { seedEverything } = require('./lib/index');
     const a = seedEverything(7, { deterministic: true });
     const b = seedEverything(8, { deterministic: true });
     setImmediate(() => console.log(JSON.stringify({ a: a.tfjs, skipped: a.skipped, b: b.tfjs, warnings, env: ${JSON.stringify(TF_VARS)}.map((v) => process.env[v] ?? null) })));`,
    clean,
  );
  assert.is(r.status, 0, r.stderr);
  const out = r.json<{
    a: { set: object; skipped: { variable: string; reason: string }[]; loadedFirst: string };
    skipped: { source: string; reason: string }[];
    b: { skipped: unknown[] };
    warnings: { code: string; message: string }[];
    env: (string | null)[];
  }>();
  assert.equal(out.a.set, {});
  assert.match(out.a.loadedFirst, /@tensorflow\/tfjs-node-gpu is already required/);
  assert.equal(out.a.skipped.map((s) => s.variable).sort(), [...TF_VARS].sort());
  for (const s of out.a.skipped) assert.match(s.reason, /before requiring @tensorflow\/tfjs-node|in the shell/);
  assert.ok(out.skipped.some((s) => s.source === 'TF_DETERMINISTIC_OPS'));
  assert.is(out.b.skipped.length, 4);
  assert.is(out.warnings.filter((w) => w.code === 'SEED_EVERYTHING_TFJS_LOADED_FIRST').length, 1);
  assert.equal(out.env, [null, null, null, null]);
});

test('tfjs.seedFor: integers in [1, 2^31 - 1], stable per name and root, distinct across names', () => {
  const r = runChild(
    `const { seedEverything, tfjs } = require('./lib/index');
     let before; try { tfjs.seedFor('x'); } catch (e) { before = e.code; }
     seedEverything(7, { mathRandom: false });
     const names = Array.from({ length: 1000 }, (_, i) => 'layer_' + i);
     const seeds = names.map((n) => tfjs.seedFor(n));
     const again = tfjs.seedFor('layer_0');
     seedEverything(8, { mathRandom: false });
     console.log(JSON.stringify({ before, seeds, again, other: tfjs.seedFor('layer_0') }));`,
    {},
  );
  assert.is(r.status, 0, r.stderr);
  const out = r.json<{ before: string; seeds: number[]; again: number; other: number }>();
  assert.is(out.before, 'ERR_NO_ROOT_SEED');
  assert.is(new Set(out.seeds).size, 1000);
  for (const s of out.seeds) assert.ok(Number.isInteger(s) && s >= 1 && s <= 2147483647);
  assert.is(out.again, out.seeds[0]);
  assert.is.not(out.other, out.seeds[0]);
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test.run();
