// Max abs and max ulp difference between two runs' values, at the edges of each type.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { bigintDifference, difference } from '../../lib/trace/difference';

const bytes = (v: ArrayBufferView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
const f32 = (...x: number[]) => bytes(new Float32Array(x));
const f64 = (...x: number[]) => bytes(new Float64Array(x));

test('float32: ulps count representable values between, across zero, to infinity', () => {
  assert.equal(difference('float32', f32(1, 2), f32(1, 2)), { maxAbs: 0, maxUlp: 0, lengthsDiffer: false });
  const one = difference('float32', f32(1), f32(1 + 2 ** -23));
  assert.equal([one.maxAbs, one.maxUlp], [2 ** -23, 1]);
  assert.equal(difference('float32', f32(0), f32(-0)).maxUlp, 0, '+0 and -0 are one value');
  const tiny = 2 ** -149; // the smallest subnormal
  assert.equal(difference('float32', f32(tiny), f32(-tiny)).maxUlp, 2);
  const max = new Float32Array([3.4028234663852886e38])[0];
  assert.equal(difference('float32', f32(max), f32(Infinity)), { maxAbs: Infinity, maxUlp: 1, lengthsDiffer: false });
  assert.equal(difference('float32', f32(-max), f32(max)).maxUlp, 2 * 0x7f7fffff);
  assert.equal(difference('float32', f32(NaN, 1), f32(NaN, 1)).maxAbs, 0, 'NaN against NaN is no difference');
  assert.equal(difference('float32', f32(NaN), f32(1)), { maxAbs: Infinity, maxUlp: Infinity, lengthsDiffer: false });
  assert.equal(difference('float32', f32(1, 5), f32(1, 5, 9)), { maxAbs: 0, maxUlp: 0, lengthsDiffer: true });
});

test('float64: the last values of the domain', () => {
  const next = (x: number) => {
    const b = new BigInt64Array(new Float64Array([x]).buffer);
    b[0] += 1n;
    return new Float64Array(b.buffer)[0];
  };
  assert.equal(difference('float64', f64(1), f64(next(1))).maxUlp, 1);
  assert.equal(difference('float64', f64(Number.MAX_VALUE), f64(Infinity)).maxUlp, 1);
  assert.equal(difference('float64', f64(-Number.MAX_VALUE), f64(Number.MAX_VALUE)).maxUlp, 2 * 0x7fefffffffffffff);
  assert.equal(difference('float64', f64(5e-324), f64(-5e-324)).maxUlp, 2);
  assert.equal(difference('float64', f64(0.1, 0.2), f64(0.1, 0.3)).maxAbs, Math.abs(0.2 - 0.3));
});

test('float16: decoded from its bits', () => {
  const h = (...w: number[]) => bytes(new Uint16Array(w));
  const d = difference('float16', h(0x3c00), h(0x3c01)); // 1 and the next half
  assert.equal([d.maxAbs, d.maxUlp], [2 ** -10, 1]);
  assert.equal(difference('float16', h(0x8000), h(0x0000)).maxUlp, 0);
});

test('integers, to the last 64-bit values: the difference itself', () => {
  assert.equal(difference('int32', bytes(new Int32Array([-2147483648])), bytes(new Int32Array([2147483647]))).maxAbs, 4294967295);
  assert.equal(difference('uint8', bytes(new Uint8Array([0, 255])), bytes(new Uint8Array([0, 0]))).maxUlp, 255);
  const u = difference('biguint64', bytes(new BigUint64Array([2n ** 64n - 1n])), bytes(new BigUint64Array([0n])));
  assert.is(u.maxAbs, 2 ** 64);
  const i = difference('bigint64', bytes(new BigInt64Array([-(2n ** 63n)])), bytes(new BigInt64Array([2n ** 63n - 1n])));
  assert.is(i.maxAbs, 2 ** 64);
  assert.equal(bigintDifference(Buffer.from('-5'), Buffer.from('18446744073709551615')).maxAbs, 2 ** 64 + 4);
});

test('misaligned bytes (read from a file at any offset) are compared all the same', () => {
  const src = new Uint8Array(9);
  src.set(f32(1.5, 2.5), 1);
  assert.equal(difference('float32', src.subarray(1), f32(1.5, 2.5)).maxUlp, 0);
});

test.run();
