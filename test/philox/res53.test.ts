// philoxFillRes53 (Math.random's refill) turns Philox words into 53-bit doubles in place, two
// doubles at a time with SSE2 and the odd last one in scalar code: every length and offset gives
// the formula's doubles exactly.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { binding } from '../../lib/core/binding';
import { Philox } from '../../lib/philox/philox';

const fill = binding<{ philoxFillRes53(out: Float64Array, seed: bigint, offset: bigint): void }>().philoxFillRes53;

function formula(seed: bigint, offset: bigint, count: number): number[] {
  const w = new Philox(seed, offset).uint32(2 * count);
  return Array.from({ length: count }, (_, k) => ((w[2 * k] >>> 5) * 67108864 + (w[2 * k + 1] >>> 6)) / 2 ** 53);
}

test('every length, odd and even, at offsets inside blocks and across 2^64, gives the formula', () => {
  for (const seed of [0n, 11n, (1n << 64n) - 1n]) {
    for (const offset of [0n, 1n, 6n, 8192n * 5n + 3n, (1n << 64n) - 9n]) {
      for (const n of [1, 2, 3, 7, 4096, 4097]) {
        const out = new Float64Array(n);
        fill(out, seed, offset);
        assert.equal(Array.from(out), formula(seed, offset, n), `seed ${seed} offset ${offset} n ${n}`);
      }
    }
  }
});

test('2^20 doubles from one fill equal the formula bit for bit and lie in [0, 1)', () => {
  const n = 1 << 20;
  const out = new Float64Array(n);
  fill(out, 3n, 12345n);
  const want = Float64Array.from(formula(3n, 12345n, n));
  assert.is(Buffer.compare(Buffer.from(out.buffer), Buffer.from(want.buffer)), 0);
  let min = 1;
  let max = 0;
  for (const x of out) {
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  assert.ok(min >= 0 && max < 1 && max > 0.99999 && min < 0.00001, `min ${min} max ${max}`);
});

test.run();
