// Bad input is a coded TypeError/RangeError from TypeScript, before the addon sees it.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { binding } from '../../lib/core/binding';
import { Philox, PHILOX_POSITION_LIMIT, philoxSimd, philoxSimdSupported, philoxThreads } from '../../lib/philox/philox';
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

test('the offset does not wrap at 2^64: it counts on, as libcurand does, and only getState/fromState carry it', () => {
  const p = new Philox(3, (1n << 64n) - 2n);
  p.uint32(5);
  assert.is(p.offset, (1n << 64n) + 3n);
  assert.is(p.getState().offset, '18446744073709551619');
  assert.is(Philox.fromState(p.getState()).offset, (1n << 64n) + 3n);
  throwsCode(() => {
    p.offset = (1n << 64n) + 3n;
  }, RangeError, 'ERR_OUT_OF_RANGE');
});

test('positions end at 2^65: a draw past it throws ERR_PHILOX_EXHAUSTED and moves nothing', () => {
  const limit = PHILOX_POSITION_LIMIT;
  assert.is(limit, 1n << 65n);
  const p = Philox.fromState({ seed: '3', offset: String(limit - 2n), anchor: '0' });
  throwsCode(() => p.uint32(3), RangeError, 'ERR_PHILOX_EXHAUSTED');
  assert.is(p.offset, limit - 2n);
  assert.is(p.uint32(2).length, 2);
  assert.is(p.offset, limit);
  assert.is(p.uniform(0).length, 0, 'an empty draw at the limit is fine');
  throwsCode(() => p.uniformDouble(1), RangeError, 'ERR_PHILOX_EXHAUSTED');
  throwsCode(() => Philox.fromState({ seed: '3', offset: String(limit + 1n), anchor: '0' }), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => Philox.fromState({ seed: '3', offset: '1', anchor: String(1n << 64n) }), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => Philox.fromState({ seed: String(1n << 64n), offset: '1', anchor: '0' }), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => Philox.fromState({ seed: '3', offset: '1', anchor: '0', extra: 1 } as never), TypeError, 'ERR_UNKNOWN_OPTION');
});

test('fromState reads each field once: a getter cannot show one value to the check and another to the generator', () => {
  let reads = 0;
  const state = {
    seed: '1',
    anchor: '0',
    get offset() {
      reads++;
      return reads === 1 ? String((1n << 64n) + 5n) : String(1n << 70n);
    },
  };
  const p = Philox.fromState(state as never);
  assert.is(reads, 1);
  assert.is(p.offset, (1n << 64n) + 5n);
  assert.equal(Array.from(p.uint32(3)), Array.from(Philox.fromState({ seed: '1', anchor: '0', offset: String((1n << 64n) + 5n) }).uint32(3)));
});

test('async draws past 2^65 reject with ERR_PHILOX_EXHAUSTED', async () => {
  const p = Philox.fromState({ seed: '3', offset: String(PHILOX_POSITION_LIMIT - 1n), anchor: '0' });
  const code = await p.normalAsync(2).then(
    () => 'resolved',
    (err: { code?: string }) => err.code,
  );
  assert.is(code, 'ERR_PHILOX_EXHAUSTED');
  assert.is(p.offset, PHILOX_POSITION_LIMIT - 1n);
});

test('the addon itself refuses positions past 2^65 and negative ones (direct callers of the .node)', () => {
  const native = binding<{ philoxFill(...a: unknown[]): void; philoxFillRes53(...a: unknown[]): void }>();
  const out = new Uint32Array(4);
  throwsCode(() => native.philoxFill('u32', out, 1n, PHILOX_POSITION_LIMIT - 3n, 0n, 0, 1, 0), RangeError, 'ERR_PHILOX_EXHAUSTED');
  throwsCode(() => native.philoxFill('u32', out, 1n, 1n << 66n, 0n, 0, 1, 0), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => native.philoxFill('u32', out, 1n, 1n << 200n, 0n, 0, 1, 0), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => native.philoxFill('u32', out, 1n, -1n, 0n, 0, 1, 0), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => native.philoxFillRes53(new Float64Array(2), 1n, PHILOX_POSITION_LIMIT - 3n), RangeError, 'ERR_PHILOX_EXHAUSTED');
  native.philoxFill('u32', out, 1n, PHILOX_POSITION_LIMIT - 4n, 0n, 0, 1, 0);
  assert.equal(Array.from(out), Array.from(Philox.fromState({ seed: '1', offset: String(PHILOX_POSITION_LIMIT - 4n), anchor: '0' }).uint32(4)));
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
