import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { deriveSeed, getRngState, mathRandom, Philox, setRngState } from '../../lib/index';

function expected(seed: number, from: number, count: number): number[] {
  const words = new Philox(deriveSeed(seed, 'Math.random'), BigInt(2 * from)).uint32(2 * count);
  return Array.from({ length: count }, (_, k) => ((words[2 * k] >>> 5) * 67108864 + (words[2 * k + 1] >>> 6)) / 2 ** 53);
}

test('Math.random draws the documented doubles of the Philox stream, across block boundaries', () => {
  const native = Math.random;
  mathRandom.install(5);
  assert.is(mathRandom.installed, true);
  assert.is.not(Math.random, native);
  const got = Array.from({ length: 10000 }, () => Math.random());
  assert.equal(got, expected(5, 0, 10000));
  for (const x of got) assert.ok(x >= 0 && x < 1);
  mathRandom.restore();
  assert.is(Math.random, native);
  assert.is(mathRandom.installed, false);
  mathRandom.restore();
  assert.is(Math.random, native);
});

test('install twice restores the first original; snapshots restore at every position', () => {
  const native = Math.random;
  mathRandom.install(1);
  mathRandom.install(2);
  mathRandom.restore();
  assert.is(Math.random, native);
  mathRandom.install(9);
  for (const skip of [0, 1, 4095, 1]) {
    for (let i = 0; i < skip; i++) Math.random();
    const snap = getRngState();
    const a = Array.from({ length: 5000 }, () => Math.random());
    setRngState(snap);
    const b = Array.from({ length: 5000 }, () => Math.random());
    assert.equal(b, a);
  }
  mathRandom.restore();
});

test('bad seeds are refused and Math.random stays as it was', () => {
  const native = Math.random;
  assert.throws(() => mathRandom.install(-1), (e: { code: string }) => e.code === 'ERR_SEED_NEGATIVE');
  assert.throws(() => mathRandom.install(undefined as unknown as number), (e: { code: string }) => e.code === 'ERR_SEED_TYPE');
  assert.is(Math.random, native);
});

test.run();
