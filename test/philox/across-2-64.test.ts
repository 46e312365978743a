// The Philox repros of issue 11, each in a child process under a timeout (test/programs/philox/repro-child.ts): fills
// that ended just below 2^64 never returned (sync, async, in a worker), fills across 2^64 wrote
// nothing or wrapped to offset 0, threaded fills across it took quadratic time, and snapshots
// with offsets near 2^64 were accepted and then broke. Values are checked against libcurand's
// host generator, which continues past 2^64 (docs/philox-stream.md (g)).
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { curand, defaults, getRngState, mathRandom, setRngState } from '../../lib/index';
import { MATH_RANDOM_OFFSET_LIMIT } from '../../lib/seed/math-random';
import { PHILOX_POSITION_LIMIT } from '../../lib/philox/philox';
import { codeOf } from '../helpers/errors';
import { runChild } from '../helpers/child';
import { requires } from '../helpers/require';
import { HANGS } from '../programs/philox/repro-child';
import { bytes, curandAt, curandDraw, type Kind, type Values } from './streams';

const TWO64 = 1n << 64n;
const TIMEOUT_MS = 60000;
const withCurand = requires('curand', curand.isAvailable(), 'libcurand.so.10 cannot be loaded (Debian: apt-get install libcurand10 from non-free)');
const hex = (v: Values) => bytes(v).toString('hex');

function scenario<T>(name: string): T {
  const r = runChild(`require('./test/programs/philox/repro-child').main(${JSON.stringify(name)})`, {}, TIMEOUT_MS);
  assert.ok(r.status === 0, `${name} did not finish within ${TIMEOUT_MS} ms or failed (status ${r.status}): ${r.stderr.slice(-2000)}`);
  return r.json<T>();
}

/** libcurand's single call of `n` at `offset`, clear of its unwritten-tail defect. */
function curandOnce(seed: bigint, offset: bigint, kind: Kind, n: number): string {
  const g = curandAt(seed, offset);
  const v = curandDraw(g, kind, Math.ceil(n / 4) * 4).subarray(0, n) as Values;
  g.close();
  return hex(v);
}

/** libcurand's successive calls on one generator, each as hex. */
function curandCalls(seed: bigint, offset: bigint, calls: [Kind, number][]): string[] {
  const g = curandAt(seed, offset);
  const out = calls.map(([kind, n]) => hex(curandDraw(g, kind, n)));
  g.close();
  return out;
}

const hangExpected = () => HANGS.map(([kind, below, n]) => curandOnce(9n, TWO64 - BigInt(below), kind, n));

let sync: Record<string, string[]>;
test('fills ending 1-3 below 2^64 return on every SIMD path (uniformDouble(1) at 2^64 - 3 hung)', () => {
  sync = scenario('hangsSync');
  assert.ok(Object.keys(sync).length >= 1);
  for (const values of Object.values(sync)) assert.equal(values, sync.scalar, 'every path gives the same bits');
});

withCurand('... and give libcurand bits', () => {
  assert.ok(sync, 'the fills above did not return');
  assert.equal(sync.scalar, hangExpected());
});

test('their async forms resolve and leave the libuv pool free: fs and crypto callbacks run, the process exits', () => {
  const pool = scenario<{ values: string[]; callbacks: string[] }>('hangsAsync');
  assert.equal(pool.callbacks.sort(), ['crypto.pbkdf2', 'fs.readFile']);
  assert.equal(pool.values, sync?.scalar);
});

test('in a worker thread they return, and worker.terminate() resolves', () => {
  const r = scenario<{ values: string[]; terminated: boolean }>('hangInWorker');
  assert.is(r.terminated, true);
  assert.equal(r.values, sync?.scalar);
});

withCurand('double and normal fills across 2^64 write values (not old contents, not zeros); second calls equal libcurand second calls', () => {
  const got = scenario<Record<string, string[]>>('crossing');
  for (const [kind, [first, second, asyncFirst, asyncSecond]] of Object.entries(got) as [Kind, string[]][]) {
    const [a, b] = curandCalls(9n, TWO64 - 3n, [
      [kind, 8],
      [kind, 8],
    ]);
    assert.is(first, a, `${kind}: the call across 2^64 (start 2^64 - 3, not a multiple of 4)`);
    assert.is(second, b, `${kind}: the call after it`);
    assert.is(a + b, curandOnce(9n, TWO64 - 3n, kind, 16), `${kind}: libcurand's split calls equal its single call`);
    assert.is(asyncFirst, a, `${kind} async`);
    assert.is(asyncSecond, b, `${kind} async, second call`);
  }
});

withCurand('a snapshot with defaults.philox.offset = 2^64 - 3 works: normal(4), then doubles, then a resumed snapshot past 2^64', () => {
  const r = scenario<{ first: string; doubles: string; offsetAfter: string; resumed: string }>('snapshotPhilox');
  const [normal, doubles, words] = curandCalls(31n, TWO64 - 3n, [
    ['normal', 4],
    ['uniformDouble', 6],
    ['uint32', 6],
  ]);
  assert.is(r.first, normal);
  assert.is(r.doubles, doubles, 'one counter for every kind, as libcurand keeps it');
  assert.is(r.offsetAfter, String(TWO64 + 7n), 'the snapshot holds the position past 2^64');
  assert.is(r.resumed, words, 'setRngState accepted it and the stream continues where libcurand does');
});

test('a snapshot with mathRandom.offset near 2^64: Math.random keeps drawing across it, and getRngState output is accepted', () => {
  const r = scenario<{ same: boolean; resumedSame: boolean; laterOffset: string; laterIndex: number }>('snapshotMathRandom');
  assert.ok(r.same, 'the 10000 draws are the documented doubles of the Philox words past 2^64');
  assert.ok(BigInt(r.laterOffset) > TWO64, `the block offset went past 2^64 (${r.laterOffset})`);
  assert.ok(r.resumedSame, 'setRngState(getRngState()) continues the stream');
});

withCurand('a threaded fill of 2^24 words across 2^64 takes linear time and equals one thread and libcurand', () => {
  const r = scenario<{ plain: number; crossing: number; sameAsOneThread: boolean; sha256: string }>('threaded');
  console.log(`  2^24 words: ${r.plain.toFixed(1)} ms from 0, ${r.crossing.toFixed(1)} ms across 2^64`);
  assert.ok(r.sameAsOneThread, 'threads write exactly what one thread writes');
  assert.ok(r.crossing < 4 * r.plain + 100, `across 2^64 ${r.crossing} ms vs ${r.plain} ms from 0`);
  const g = curandAt(5n, TWO64 - (1n << 23n) - 3n);
  const theirs = curandDraw(g, 'uint32', 1 << 24);
  g.close();
  assert.is(r.sha256, createHash('sha256').update(bytes(theirs)).digest('hex'));
});

test('snapshots take stream positions up to the end of the stream and refuse those past it', () => {
  mathRandom.install(8);
  const base = JSON.parse(JSON.stringify(getRngState()));
  const withMath = (offset: bigint, index: number) => ({ ...base, mathRandom: { seed: '8', offset: String(offset), index } });
  setRngState(withMath(MATH_RANDOM_OFFSET_LIMIT, 4095));
  assert.type(Math.random(), 'number', 'the last block draws');
  assert.is(codeOf(() => Math.random()), 'ERR_PHILOX_EXHAUSTED', 'and then the stream has ended');
  assert.is(codeOf(() => setRngState(withMath(MATH_RANDOM_OFFSET_LIMIT + 1n, 0))), 'ERR_INVALID_RNG_STATE');
  const withPhilox = (offset: bigint) => ({ ...base, defaults: { ...base.defaults, philox: { seed: '4', offset: String(offset), anchor: '0' } } });
  setRngState(withPhilox(PHILOX_POSITION_LIMIT - 2n));
  assert.is(defaults().philox.uint32(2).length, 2);
  assert.is(getRngState().defaults.philox.offset, String(PHILOX_POSITION_LIMIT));
  setRngState(getRngState());
  assert.is(codeOf(() => setRngState(withPhilox(PHILOX_POSITION_LIMIT + 1n))), 'ERR_INVALID_RNG_STATE');
  mathRandom.restore();
});

test.run();
