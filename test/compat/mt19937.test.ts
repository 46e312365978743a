import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { MT19937 } from '../../lib/compat';
import { compatNative, NATIVE_MIN_DOUBLES, NATIVE_MIN_WORDS } from '../../lib/compat/native';
import { throwsCode } from './golden';

test('reference outputs of init_genrand(5489) and init_by_array(0x123, 0x234, 0x345, 0x456)', () => {
  assert.is(new MT19937(5489).genrandUint32(), 3499211612);
  const mt = new MT19937();
  mt.initByArray([0x123, 0x234, 0x345, 0x456]);
  assert.equal([1, 2, 3, 4, 5].map(() => mt.genrandUint32()), [1067595299, 955945823, 477289528, 4107218783, 4228976476]);
});

test('bulk fills equal one-at-a-time draws at every offset around a regeneration', () => {
  for (const skip of [0, 1, 2, 622, 623, 624, 625]) {
    const a = new MT19937(99);
    const b = new MT19937(99);
    for (let i = 0; i < skip; i++) {
      a.genrandUint32();
      b.genrandUint32();
    }
    const doubles = new Float64Array(1000);
    a.fillRes53(doubles);
    for (let i = 0; i < 1000; i++) assert.is(doubles[i], b.genrandRes53(), `skip ${skip} double ${i}`);
    const words = new Uint32Array(1500);
    a.fillUint32(words);
    for (let i = 0; i < 1500; i++) assert.is(words[i], b.genrandUint32(), `skip ${skip} word ${i}`);
    assert.is(a.index, b.index);
  }
});

test('JS and native fills of every size around the thresholds, into sub-ranges, stay in step', () => {
  const sizes = [1, 7, NATIVE_MIN_DOUBLES - 1, NATIVE_MIN_DOUBLES, NATIVE_MIN_WORDS - 1, NATIVE_MIN_WORDS, 623, 624, 625, 1249];
  for (const skip of [0, 1, 311, 623, 624]) {
    const a = new MT19937(7);
    const b = new MT19937(7);
    for (let i = 0; i < skip; i++) {
      a.genrandUint32();
      b.genrandUint32();
    }
    for (const n of sizes) {
      const d = new Float64Array(n + 3);
      a.fillRes53(d, 2, n + 2);
      assert.is(d[0] + d[1] + d[n + 2], 0);
      for (let i = 0; i < n; i++) assert.is(d[i + 2], b.genrandRes53(), `skip ${skip} res53 n ${n} i ${i}`);
      const w = new Int32Array(n);
      a.fillUint32(w);
      for (let i = 0; i < n; i++) assert.is(w[i], b.genrandInt32(), `skip ${skip} int32 n ${n} i ${i}`);
      const f = new Float32Array(n + 1);
      a.fillFloat24(f, 1);
      for (let i = 0; i < n; i++) assert.is(f[i + 1], (b.genrandUint32() & 0xffffff) / 16777216, `skip ${skip} float n ${n} i ${i}`);
      assert.is(a.index, b.index);
      assert.equal(a.key, b.key);
    }
  }
});

test('the native kernels refuse what would let them write out of bounds', () => {
  const native = compatNative();
  const mt = new MT19937(1);
  throwsCode(() => native.compatFillRes53(new Uint32Array(10), 0, new Float64Array(4)), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => native.compatFillRes53(mt.key, 625, new Float64Array(4)), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => native.compatFillRes53(mt.key, -1, new Float64Array(4)), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => native.compatFillRes53(mt.key, 0, new Float32Array(4) as unknown as Float64Array), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => native.compatFillUint32(new Int32Array(624) as unknown as Uint32Array, 0, new Uint32Array(4)), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => native.compatFillFloat24(mt.key, 0, new Uint8Array(8) as unknown as Float32Array), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => native.compatFillLegacyGauss(mt.key, 0, [] as unknown as Float64Array, false, 0, 1, new ArrayBuffer(16)), TypeError, 'ERR_INVALID_ARG_TYPE');
  assert.is(native.compatFillRes53(mt.key, 624, new Float64Array(0)), 624);
});

test('genrandRes53 is (a >> 5, b >> 6) over 2^53', () => {
  const a = new MT19937(1);
  const b = new MT19937(1);
  const x = a.genrandUint32() >>> 5;
  const y = a.genrandUint32() >>> 6;
  assert.is(b.genrandRes53(), (x * 67108864 + y) / 9007199254740992);
});

test.run();
