// Large fills split into chunks that grow with the fill (2^16 up to 2^20 elements): every kind,
// at offsets that put chunk edges mid-block and across 2^64, gives the bits of one thread.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { Philox, philoxThreads } from '../../lib/philox/philox';

type Kind = 'uint32' | 'uniform' | 'uniformDouble' | 'normal' | 'normalDouble';
const KINDS: Kind[] = ['uint32', 'uniform', 'uniformDouble', 'normal', 'normalDouble'];
// 2^23 + 5 elements gives 2^19-element chunks on two threads and 2^18 on three; 2^21 + 3 stays
// at 2^16 on three.
const SIZES = [(1 << 23) + 5, (1 << 21) + 3];
const OFFSETS = [0n, 3n, (1n << 20n) - 1n, (1n << 64n) - (1n << 21n) + 7n];

function draw(kind: Kind, offset: bigint, n: number, threads: number): Buffer {
  philoxThreads(threads);
  try {
    const p = new Philox(0x5eedn, offset);
    const a = kind === 'normal' || kind === 'normalDouble' ? p[kind](n, 0.5, 2) : p[kind](n);
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  } finally {
    philoxThreads(0);
  }
}

for (const kind of KINDS) {
  test(`${kind}: 2, 3 and 4 threads equal one thread for large fills, chunk edges anywhere`, () => {
    for (const n of SIZES) {
      for (const offset of OFFSETS) {
        const one = draw(kind, offset, n, 1);
        for (const threads of [2, 3, 4]) {
          assert.ok(one.equals(draw(kind, offset, n, threads)), `${kind} n=${n} offset=${offset} threads=${threads}`);
        }
      }
    }
  });
}

test.run();
