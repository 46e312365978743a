// trace(): the value kinds it accepts (each hashed over the bytes docs/trace-format.md defines,
// checked against a Python writer that builds those bytes by hand) and the ones it refuses.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runChild } from '../helpers/child';
import { throwsCode } from '../helpers/errors';
import { cli, program, tempDir } from './run-diff';

// This file's own process records: the variable is read at the first call.
const file = path.join(tempDir(), 'trace.jsonl');
process.env.SEED_EVERYTHING_TRACE = file;
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { trace } = require('../../lib/index') as typeof import('../../lib/index');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { flushTrace } = require('../../lib/trace/trace') as typeof import('../../lib/trace/trace');

type Rec = Record<string, unknown> & { name: string; hash: string; type: string; length: number };

/** Records `value` and returns its checkpoint line. */
function recorded(value: unknown): Rec {
  const name = `v${Math.random()}`;
  trace(name, value);
  flushTrace();
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return lines.filter((l) => l.name === name).pop();
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex').slice(0, 32);
const bytesOf = (v: ArrayBufferView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
const f64 = (x: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(x);
  return b;
};
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};

test('typed arrays: their own bytes, type, length and summary; Buffer is a uint8 array', () => {
  const f = new Float32Array([2.5, -1, NaN, 7]);
  const r = recorded(f);
  assert.equal([r.type, r.length, r.hash], ['float32', 4, sha(bytesOf(f))]);
  assert.equal([r.min, r.max, r.nan, r.first], [-1, 7, 1, [2.5, -1, 'NaN', 7]]);
  const sub = new Float64Array(new Float64Array([1, 2, 3, 4]).buffer, 8, 2);
  assert.is(recorded(sub).hash, sha(bytesOf(sub)), 'a view: only its own bytes');
  assert.equal([recorded(Buffer.from([1, 2, 3])).type, recorded(new Uint8ClampedArray(2)).type], ['uint8', 'uint8clamped']);
});

test('the 64-bit domain to its last values', () => {
  const u = new BigUint64Array([0n, 2n ** 64n - 1n]);
  const i = new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n]);
  const ru = recorded(u);
  const ri = recorded(i);
  assert.equal([ru.type, ru.min, ru.max, ru.hash], ['biguint64', '0', '18446744073709551615', sha(bytesOf(u))]);
  assert.equal([ri.type, ri.min, ri.max, ri.first], ['bigint64', '-9223372036854775808', '9223372036854775807', ['-9223372036854775808', '9223372036854775807']]);
  const big = recorded(2n ** 64n - 1n);
  assert.equal([big.type, big.hash, big.first], ['bigint', sha(Buffer.from('18446744073709551615')), ['18446744073709551615']]);
  assert.is(recorded(-(2n ** 200n)).hash, sha(Buffer.from((-(2n ** 200n)).toString())));
  const max = recorded(Number.MAX_VALUE);
  assert.equal([max.type, max.hash, max.first], ['number', sha(f64(Number.MAX_VALUE)), [Number.MAX_VALUE]]);
});

test('numbers, strings, booleans and null: their bytes; -0, NaN and lone surrogates kept apart', () => {
  assert.is(recorded(0.1).hash, sha(f64(0.1)));
  assert.is.not(recorded(-0).hash, recorded(0).hash);
  assert.equal(recorded(-0).first, ['-0']);
  assert.equal(recorded(NaN).first, ['NaN']);
  assert.is(recorded('héllo').hash, sha(Buffer.from('héllo', 'utf8')));
  // UTF-8 would turn both into U+FFFD; their bytes must differ
  assert.is.not(recorded('a\ud800').hash, recorded('a\udc00').hash);
  assert.is(recorded('a\ud800').hash, sha(Buffer.from([0x61, 0xed, 0xa0, 0x80])));
  assert.equal([recorded(true).hash, recorded(false).hash], [sha(Buffer.from([1])), sha(Buffer.from([0]))]);
  const n = recorded(null);
  assert.equal([n.type, n.length, n.hash], ['null', 0, sha(new Uint8Array(0))]);
});

test('plain arrays and objects: the tagged encoding, keys sorted, each property read once', () => {
  const expected = Buffer.concat([
    Buffer.from('o'), u64(2),
    u64(1), Buffer.from('a'), Buffer.from('i'), u64(1), Buffer.from('2'),
    u64(1), Buffer.from('b'), Buffer.from('a'), u64(3), Buffer.from('n'), f64(1), Buffer.from('s'), u64(1), Buffer.from('x'), Buffer.from('z'),
  ]);
  const r = recorded({ b: [1, 'x', null], a: 2n });
  assert.equal([r.type, r.length, r.hash], ['object', 2, sha(expected)]);
  assert.is(recorded({ a: 2n, b: [1, 'x', null] }).hash, r.hash, 'key order does not matter');
  let reads = 0;
  const changing = {
    get x() {
      return ++reads;
    },
  };
  assert.is(recorded(changing).hash, recorded({ x: 1 }).hash);
  assert.is(reads, 1);
  const nested = recorded([new Float32Array([1]), [[]], Object.create(null)]);
  assert.equal([nested.type, nested.length], ['array', 3]);
});

test('a typed array on shared memory, or with a lying subclass, is hashed by its real bytes', () => {
  const shared = new Int32Array(new SharedArrayBuffer(8));
  shared.set([5, -5]);
  assert.is(recorded(shared).hash, sha(bytesOf(new Int32Array([5, -5]))));
  class Lying extends Float32Array {
    override get length() {
      return 0;
    }
  }
  const lying = new Lying([1, 2]);
  const r = recorded(lying);
  assert.equal([r.type, r.length, r.hash], ['float32', 2, sha(bytesOf(new Float32Array([1, 2])))]);
});

test('refused kinds throw coded errors', () => {
  for (const bad of [undefined, () => 1, Symbol('s'), new Map(), new Set(), new Date(0), /x/, new DataView(new ArrayBuffer(4)), new ArrayBuffer(4), new Number(1), Promise.resolve(), new (class Point {})()]) {
    throwsCode(() => trace('bad', bad), TypeError, 'ERR_INVALID_ARG_TYPE');
  }
  throwsCode(() => trace('bad', { inner: new Map() }), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => trace('bad', [1, , 3]), TypeError, 'ERR_INVALID_ARG_TYPE'); // a hole is undefined
  try {
    trace('bad', { a: { b: [new WeakMap()] } });
    assert.unreachable();
  } catch (err) {
    assert.match((err as Error).message, /trace\(\) value\.a\.b\[0\] must be/);
  }
  const cyclic: Record<string, unknown> = {};
  cyclic.self = { again: cyclic };
  throwsCode(() => trace('bad', cyclic), TypeError, 'ERR_TRACE_CYCLE');
  let deep: unknown[] = [];
  for (let i = 0; i < 1001; i++) deep = [deep];
  throwsCode(() => trace('bad', deep), RangeError, 'ERR_TRACE_TOO_DEEP');
  const shared = [1];
  recorded([shared, shared]); // the same array twice is not a cycle
  const throwing = {
    get x() {
      throw new Error('boom');
    },
  };
  throwsCode(() => trace('bad', throwing), TypeError, 'ERR_INVALID_ARG_VALUE');
  const trap = new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); } });
  throwsCode(() => trace('bad', trap), TypeError, 'ERR_INVALID_ARG_VALUE');
  const detached = new Float32Array(4);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  throwsCode(() => trace('bad', detached), TypeError, 'ERR_DETACHED_BUFFER');
  for (const name of ['', 5, undefined, null]) throwsCode(() => trace(name as string, 1), TypeError, 'ERR_INVALID_ARG_TYPE');
  const names = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('"bad"'));
  assert.equal(names, [], 'nothing refused was recorded');
});

test('tracing off: nothing written, the same kinds refused at the top level, contents not read', () => {
  const r = runChild(
    `const { trace } = require('./lib/index');
     const codes = [];
     for (const v of [new Map(), undefined, () => 1, new DataView(new ArrayBuffer(1))]) { try { trace('x', v); codes.push('none'); } catch (e) { codes.push(e.code); } }
     try { trace('', 1); } catch (e) { codes.push(e.code); }
     let reads = 0;
     trace('x', { get inner() { reads++; return new Map(); } });
     trace('x', new Float32Array(3)); trace('x', 1n); trace('x', [1]); trace('x', null);
     console.log(JSON.stringify({ codes, reads }));`,
    { SEED_EVERYTHING_TRACE: '' },
  );
  assert.is(r.status, 0, r.stderr);
  assert.equal(r.json(), { codes: ['ERR_INVALID_ARG_TYPE', 'ERR_INVALID_ARG_TYPE', 'ERR_INVALID_ARG_TYPE', 'ERR_INVALID_ARG_TYPE', 'ERR_INVALID_ARG_TYPE'], reads: 0 });
});

test('a program in another language can write the format: Python\'s hashes equal trace()\'s', () => {
  const dir = tempDir();
  const traces = [program('kinds.ts'), ['python3', path.join(__dirname, '..', 'programs', 'trace', 'writer.py')]].map((command, i) => {
    const out = path.join(dir, `${i}.jsonl`);
    const r = spawnSync(command[0], command.slice(1), { encoding: 'utf8', env: { ...process.env, SEED_EVERYTHING_TRACE: out, SEED_EVERYTHING_TRACE_OWNER: undefined } });
    assert.is(r.status, 0, r.stderr);
    return fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.k === 'cp');
  });
  const [js, py] = traces;
  assert.is(js.length, 12);
  assert.equal(py.map((c) => [c.name, c.type, c.length, c.hash]), js.map((c) => [c.name, c.type, c.length, c.hash]));
  const r = cli(['diff', '--json', '--', 'python3', path.join(__dirname, '..', 'programs', 'trace', 'writer.py')]);
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).checkpoints, 12);
});

test.run();
