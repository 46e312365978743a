import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MT19937 } from '../../lib/compat';

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

test('genrandRes53 is (a >> 5, b >> 6) over 2^53', () => {
  const a = new MT19937(1);
  const b = new MT19937(1);
  const x = a.genrandUint32() >>> 5;
  const y = a.genrandUint32() >>> 6;
  assert.is(b.genrandRes53(), (x * 67108864 + y) / 9007199254740992);
});

test.run();
