// Bad input is a coded TypeError/RangeError from TypeScript, before the addon sees it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Philox, philoxSimd, philoxSimdSupported, philoxThreads } from '../../lib/philox';
import { throwsCode } from '../helpers/errors';


test('seeds go through toSeed: bigint, safe integers and strings', () => {
  assert.is(new Philox(11).seed, 11n);
  assert.is(new Philox((1n << 64n) - 1n).seed, (1n << 64n) - 1n);
  assert.is(typeof new Philox('run-1').seed, 'bigint');
  throwsCode(() => new Philox(-1), RangeError, 'ERR_SEED_NEGATIVE');
  throwsCode(() => new Philox(1n << 64n), RangeError, 'ERR_SEED_TOO_LARGE');
  throwsCode(() => new Philox({} as never), TypeError, 'ERR_SEED_TYPE');
});

test('offset: a bigint in [0, 2^64) or a non-negative safe integer', () => {
  assert.is(new Philox(1, 5).offset, 5n);
  assert.is(new Philox(1, (1n << 64n) - 1n).offset, (1n << 64n) - 1n);
  throwsCode(() => new Philox(1, -1), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => new Philox(1, 1.5), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => new Philox(1, 2 ** 53), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => new Philox(1, 1n << 64n), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => new Philox(1, '3' as never), TypeError, 'ERR_INVALID_ARG_TYPE');
  const p = new Philox(1);
  throwsCode(() => {
    p.offset = -1n;
  }, RangeError, 'ERR_OUT_OF_RANGE');
  assert.is(p.offset, 0n);
});

test('the offset wraps at 2^64 as a 64-bit generator offset does', () => {
  const p = new Philox(3, (1n << 64n) - 2n);
  p.uint32(5);
  assert.is(p.offset, 3n);
});

test('lengths and output arrays are checked', () => {
  const p = new Philox(1);
  throwsCode(() => p.uniform(-1), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => p.uniform(1.5), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => p.uniform(NaN), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => p.uniform(new Float64Array(2) as never), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => p.uint32(new Int32Array(2) as never), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => p.uniformDouble([0, 1] as never), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => p.normal(4, 'a' as never), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => p.normal(4, 0, Infinity), RangeError, 'ERR_OUT_OF_RANGE');
  assert.is(p.offset, 0n, 'failed calls do not advance');
  assert.is(p.uniform(0).length, 0);
  assert.is(p.offset, 0n);
});

test('async forms reject instead of throwing', async () => {
  const p = new Philox(1);
  try {
    await p.uniformAsync(-1);
    assert.unreachable();
  } catch (err) {
    assert.is((err as { code?: string }).code, 'ERR_OUT_OF_RANGE');
  }
});

test('SIMD and thread controls reject unknown values', () => {
  throwsCode(() => philoxSimd('sse' as never), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => philoxSimd(3 as never), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => philoxThreads(-1), RangeError, 'ERR_OUT_OF_RANGE');
  if (!philoxSimdSupported('avx512')) throwsCode(() => philoxSimd('avx512'), Error, 'ERR_PHILOX_SIMD_UNSUPPORTED');
  assert.is(philoxSimd('scalar'), 'scalar');
  philoxSimd(null);
});

test.run();
