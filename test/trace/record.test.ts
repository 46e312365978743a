// The trace file a traced process leaves: header, checkpoints with occurrences, value bytes at
// their offsets, worker threads' lines, the environment record, and what it does when it cannot.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runChild } from '../helpers/child';
import { readTrace } from '../../lib/trace/format';
import { tempDir } from './run-diff';

function lines(file: string): Record<string, unknown>[] {
  return fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

const traced = (code: string, env: Record<string, string | undefined> = {}) => {
  const dir = tempDir();
  const file = path.join(dir, 'trace.jsonl');
  const r = runChild(code, { SEED_EVERYTHING_TRACE: file, SEED_EVERYTHING_TRACE_OWNER: undefined, ...env });
  return { ...r, file, dir };
};

test('header first, occurrences per name, the environment last with the root seed', () => {
  const r = traced(
    `const { trace, seedEverything } = require('./lib/index');
     seedEverything(77n);
     process.env.CUDA_VISIBLE_DEVICES = '3';
     trace('a', 1); trace('b', 2); trace('a', 3); trace('a', 4);
     process.exit(0);`,
  );
  assert.is(r.status, 0, r.stderr);
  const l = lines(r.file);
  assert.equal(l[0], { k: 'header', format: 'seed-everything-trace', version: 1, hash: 'sha256-128', pid: l[0].pid, writer: 'seed-everything' });
  assert.equal(l.slice(1, 5).map((c) => [c.k, c.name, c.n, c.first]), [['cp', 'a', 0, [1]], ['cp', 'b', 0, [2]], ['cp', 'a', 1, [3]], ['cp', 'a', 2, [4]]]);
  const env = l[5] as { k: string; seed: string; vars: Record<string, string>; doctor: { schema: number } };
  assert.is(env.k, 'env');
  assert.is(env.seed, '77');
  assert.is(env.vars.CUDA_VISIBLE_DEVICES, '3');
  assert.is(env.vars.SEED_EVERYTHING_SEED, '77');
  assert.is(env.vars.SEED_EVERYTHING_TRACE, undefined, 'the variables diff sets per run are left out');
  assert.is(env.doctor.schema, 1);
  assert.is(l.length, 6);
});

test('values: each checkpoint\'s bytes at its offset in values-<thread>.bin, for the main thread and a worker', () => {
  const dir = tempDir();
  const again = traced(
    `const { trace } = require('./lib/index');
     const { Worker } = require('node:worker_threads');
     trace('m', new Float64Array([1.5, 2.5]));
     trace('m', 'text');
     const w = new Worker("const { trace } = require('./lib/index'); trace('w', new Int16Array([7, -7])); trace('w', { k: 1 });", { eval: true });
     w.on('exit', () => trace('m', true));`,
    { SEED_EVERYTHING_TRACE_VALUES: dir },
  );
  assert.is(again.status, 0, again.stderr);
  const trace = readTrace(again.file);
  assert.equal([...trace.threads.keys()].sort(), [0, 1]);
  const main = trace.threads.get(0)!;
  const worker = trace.threads.get(1)!;
  assert.equal(main.map((c) => [c.name, c.n, c.at, c.bytes]), [['m', 0, 0, 16], ['m', 1, 16, 4], ['m', 2, 20, 1]]);
  assert.equal(worker.map((c) => [c.name, c.n, c.th, c.at]), [['w', 0, 1, 0], ['w', 1, 1, 4]]);
  const mainBytes = fs.readFileSync(path.join(dir, 'values-0.bin'));
  assert.equal([...mainBytes.subarray(0, 16)], [...new Uint8Array(new Float64Array([1.5, 2.5]).buffer)]);
  assert.is(mainBytes.subarray(16, 20).toString(), 'text');
  assert.equal([...mainBytes.subarray(20)], [1]);
  const workerBytes = fs.readFileSync(path.join(dir, 'values-1.bin'));
  assert.equal([...workerBytes.subarray(0, 4)], [7, 0, 0xf9, 0xff]);
  assert.is(workerBytes[4], 0x6f, 'an object starts with its tag');
  assert.is(trace.count, 5);
  assert.ok(trace.env);
});

test('a child process of the traced program inherits the variable but records nothing', () => {
  const r = traced(
    `const { trace } = require('./lib/index');
     trace('parent', 1);
     const { execFileSync } = require('node:child_process');
     execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', "require('./lib/index').trace('child', 2)"], { stdio: 'inherit' });
     trace('parent', 3);`,
  );
  assert.is(r.status, 0, r.stderr);
  assert.equal(lines(r.file).filter((l) => l.k === 'cp').map((l) => l.name), ['parent', 'parent']);
});

test('an uncaught exception still leaves every checkpoint recorded before it', () => {
  const r = traced(
    `const { trace } = require('./lib/index');
     for (let i = 0; i < 5000; i++) trace('i', i);
     throw new Error('late failure');`,
  );
  assert.is.not(r.status, 0);
  const trace = readTrace(r.file);
  assert.is(trace.count, 5000);
  assert.equal(trace.threads.get(0)!.at(-1)!.first, [4999]);
});

test('a trace file that cannot be opened: ERR_TRACE_OPEN at the first call', () => {
  const r = runChild(
    `const { trace } = require('./lib/index');
     const codes = [];
     for (let i = 0; i < 2; i++) { try { trace('x', 1); codes.push('none'); } catch (e) { codes.push(e.code + ' ' + (e instanceof Error)); } }
     console.log(JSON.stringify(codes));`,
    { SEED_EVERYTHING_TRACE: '/nonexistent/dir/trace.jsonl', SEED_EVERYTHING_TRACE_OWNER: undefined },
  );
  assert.is(r.status, 0, r.stderr);
  assert.equal(r.json(), ['ERR_TRACE_OPEN true', 'ERR_TRACE_OPEN true']);
});

test('readTrace: a missing file is empty, a last line cut short is ignored, a broken line is an error', () => {
  const dir = tempDir();
  assert.is(readTrace(path.join(dir, 'none.jsonl')).count, 0);
  const good = '{"k":"header","format":"seed-everything-trace","version":1,"hash":"sha256-128"}\n{"k":"cp","name":"a","n":0,"hash":"00","type":"number","length":1}\n';
  fs.writeFileSync(path.join(dir, 'cut.jsonl'), `${good}{"k":"cp","na`);
  assert.is(readTrace(path.join(dir, 'cut.jsonl')).count, 1);
  for (const [text, why] of [
    [`${good}not json\n`, /:3: not JSON/],
    [`${good}{"k":"cp","name":"a"}\n`, /:3: a checkpoint needs name, n, hash and type/],
    ['{"k":"header","format":"seed-everything-trace","version":2,"hash":"x"}\n', /:1: format seed-everything-trace 2/],
  ] as [string, RegExp][]) {
    fs.writeFileSync(path.join(dir, 'bad.jsonl'), text);
    try {
      readTrace(path.join(dir, 'bad.jsonl'));
      assert.unreachable('no error');
    } catch (err) {
      assert.is((err as { code: string }).code, 'ERR_TRACE_FORMAT');
      assert.match((err as Error).message, why);
    }
  }
});

test.run();
