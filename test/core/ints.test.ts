// The one u64 / count validator every offset, id and count goes through, at the ends of its
// domain, and the callers that reach it keeping their codes.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { isCount, isU64, toU64, U64_MAX } from '../../lib/core/ints';
import { curand, deriveSeed, Philox, seedTask, TorchGenerator } from '../../lib/index';
import { throwsCode } from '../helpers/errors';

const TWO64 = 1n << 64n;

test('toU64: every bigint in [0, 2^64) and non-negative safe integers; the last values included', () => {
  for (const v of [0n, 1n, TWO64 - 2n, U64_MAX]) assert.is(toU64(v, 'offset'), v);
  assert.is(U64_MAX, TWO64 - 1n);
  assert.is(toU64(0, 'offset'), 0n);
  assert.is(toU64(Number.MAX_SAFE_INTEGER, 'offset'), BigInt(Number.MAX_SAFE_INTEGER));
  throwsCode(() => toU64(TWO64, 'offset'), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => toU64(-1n, 'offset'), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => toU64(-1, 'offset'), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => toU64(2 ** 53, 'offset'), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => toU64(0.5, 'offset'), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => toU64('1', 'offset'), TypeError, 'ERR_INVALID_ARG_TYPE');
});

test('isU64 and isCount: inclusive limits, no coercion', () => {
  assert.ok(isU64(U64_MAX));
  assert.not.ok(isU64(TWO64));
  assert.ok(isU64(5n, 5n));
  assert.not.ok(isU64(6n, 5n));
  assert.not.ok(isU64(1));
  assert.ok(isCount(0) && isCount(Number.MAX_SAFE_INTEGER) && isCount(7, 7));
  assert.not.ok(isCount(8, 7) || isCount(-1) || isCount(1.5) || isCount(2 ** 53) || isCount('1') || isCount(1n));
});

test('callers keep their codes at 2^64 - 1 and 2^64', () => {
  assert.is(new Philox(1, U64_MAX).offset, U64_MAX);
  throwsCode(() => new Philox(1, TWO64), RangeError, 'ERR_OUT_OF_RANGE');
  const g = new curand.Generator('PHILOX4_32_10', { seed: 1, offset: U64_MAX });
  throwsCode(() => g.setOffset(TWO64), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => g.setOffset('0' as never), TypeError, 'ERR_INVALID_ARG_TYPE');
  g.close();
  assert.is(typeof deriveSeed(1, U64_MAX), 'bigint');
  throwsCode(() => deriveSeed(1, TWO64), RangeError, 'ERR_INVALID_SEED_PATH');
  throwsCode(() => seedTask(TWO64, { root: 1 }), RangeError, 'ERR_OUT_OF_RANGE');
  const t = new TorchGenerator(U64_MAX);
  assert.is(t.initialSeed(), U64_MAX);
  assert.is(new TorchGenerator(-1n).initialSeed(), U64_MAX, 'negatives wrap to uint64 as PyTorch does');
  throwsCode(() => new TorchGenerator(TWO64), RangeError, 'ERR_OUT_OF_RANGE');
});

test('TorchGenerator.setState: a seed that is no integer is a coded RangeError, not a SyntaxError', () => {
  const t = new TorchGenerator(3);
  const state = t.getState();
  for (const seed of ['x', '1.5', String(TWO64), '-1']) {
    throwsCode(() => t.setState({ ...state, seed }), RangeError, 'ERR_OUT_OF_RANGE');
  }
  t.setState({ ...state, seed: String(U64_MAX) });
  assert.is(t.initialSeed(), U64_MAX);
});

test.run();
