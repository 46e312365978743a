// Every SIMD path, any thread count and the async form give the same bits; fills starting at
// any offset agree with one long fill.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { Philox, philoxInfo, philoxSimd, philoxSimdSupported, philoxThreads, type PhiloxSimd } from '../../lib/philox/philox';
import { requires } from '../helpers/require';

type Kind = 'uint32' | 'uniform' | 'uniformDouble' | 'normal' | 'normalDouble' | 'logNormal' | 'logNormalDouble';
const KINDS: Kind[] = ['uint32', 'uniform', 'uniformDouble', 'normal', 'normalDouble', 'logNormal', 'logNormalDouble'];

function bytes(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function gen(p: Philox, kind: Kind, n: number): ArrayBufferView {
  if (kind === 'normal' || kind === 'normalDouble' || kind === 'logNormal' || kind === 'logNormalDouble') return p[kind](n, 0.5, 2);
  return p[kind](n);
}

function fill(kind: Kind, seed: bigint, offset: bigint, n: number): ArrayBufferView {
  return gen(new Philox(seed, offset), kind, n);
}

// Sizes around the SIMD widths (8 and 16 blocks) and past the 65536-group double window.
const SIZES = [1, 3, 31, 33, 64, 65, 129, 1000, 262147, 300001];
const OFFSETS = [0n, 1n, 2n, 3n, 5n, 262141n, 262143n, (1n << 40n) + 3n];

function snapshot(): Buffer[] {
  const out: Buffer[] = [];
  for (const kind of KINDS) for (const off of OFFSETS) for (const n of SIZES) out.push(Buffer.from(bytes(fill(kind, 0x123456789n, off, n))));
  return out;
}

function onPath(path: PhiloxSimd, fn: () => void) {
  philoxSimd(path);
  try {
    fn();
  } finally {
    philoxSimd(null);
  }
}

const hasAvx2 = philoxSimdSupported('avx2');
const hasAvx512 = philoxSimdSupported('avx512');
let reference: Buffer[] = [];

test('the scalar path is the reference', () => {
  onPath('scalar', () => {
    assert.is(philoxSimd(), 'scalar');
    reference = snapshot();
  });
});

requires('avx2', hasAvx2, 'this CPU has no AVX2/FMA')('the AVX2 path gives the scalar bits', () => {
  onPath('avx2', () => snapshot().forEach((b, i) => assert.ok(b.equals(reference[i]), `case ${i}`)));
});

requires('avx512', hasAvx512, 'this CPU has no AVX-512 F/DQ/VL/BW')('the AVX-512 path gives the scalar bits', () => {
  onPath('avx512', () => snapshot().forEach((b, i) => assert.ok(b.equals(reference[i]), `case ${i}`)));
});

test('the default path is the one measured fastest, a vector path where the CPU has one', () => {
  const chosen = philoxSimd();
  assert.ok(philoxInfo().calibrated);
  assert.ok(philoxSimdSupported(chosen));
  assert.is(chosen === 'scalar', !hasAvx2 && !hasAvx512);
  assert.is(philoxInfo().simd, chosen);
  philoxSimd('scalar');
  assert.is(philoxSimd(null), chosen, 'null returns to the measured path, without measuring again');
});

test('one thread and all threads give the same bits', () => {
  const n = philoxInfo().threadThreshold * 2 + 5;
  for (const kind of KINDS) {
    for (const off of [0n, 3n, 262142n]) {
      philoxThreads(1);
      const one = Buffer.from(bytes(fill(kind, 99n, off, n)));
      philoxThreads(0);
      const all = bytes(fill(kind, 99n, off, n));
      philoxThreads(3);
      const three = bytes(fill(kind, 99n, off, n));
      philoxThreads(0);
      assert.ok(one.equals(all), `${kind} offset ${off}`);
      assert.ok(one.equals(three), `${kind} offset ${off}, 3 threads`);
    }
  }
});

test('async fills equal sync fills and advance the offset at the call', async () => {
  for (const kind of KINDS) {
    const sync = new Philox(7n, 5n);
    const a = gen(sync, kind, 1 << 19);
    const b = gen(sync, kind, 1000);
    const asyncGen = new Philox(7n, 5n);
    const name = `${kind}Async` as `${Kind}Async`;
    const mean = kind.includes('ormal') ? 0.5 : undefined;
    const call = (n: number) => (mean === undefined ? (asyncGen[name] as (n: number) => Promise<ArrayBufferView>)(n) : (asyncGen[name] as (n: number, m: number, s: number) => Promise<ArrayBufferView>)(n, 0.5, 2));
    const pa = call(1 << 19);
    const pb = call(1000);
    assert.is(asyncGen.offset, 5n + (1n << 19n) + 1000n);
    const [ra, rb] = await Promise.all([pa, pb]);
    assert.ok(bytes(ra).equals(bytes(a)), kind);
    assert.ok(bytes(rb).equals(bytes(b)), kind);
  }
});

test('32-bit kinds: any offset is a window into one stream', () => {
  for (const kind of ['uint32', 'uniform', 'normal', 'logNormal'] as Kind[]) {
    const long = bytes(fill(kind, 42n, 0n, 600));
    for (const off of [1, 2, 3, 4, 5, 7, 13, 257]) {
      const part = bytes(fill(kind, 42n, BigInt(off), 600 - off));
      assert.ok(part.equals(long.subarray(off * 4)), `${kind} offset ${off}`);
    }
  }
});

test('successive calls equal one call of the same total', () => {
  for (const kind of KINDS) {
    for (const split of [[1, 1, 1, 5], [3, 5], [4, 4], [7, 262144, 9], [262144, 4]]) {
      const total = split.reduce((a, b) => a + b, 0);
      const one = bytes(fill(kind, 5n, 0n, total));
      const p = new Philox(5n);
      const parts = split.map((n) => Buffer.from(bytes(gen(p, kind, n))));
      assert.ok(Buffer.concat(parts).equals(one), `${kind} ${split.join('+')}`);
      assert.is(p.offset, BigInt(total));
    }
  }
});

test('setting offset restarts the layout there, as curandSetGeneratorOffset does', () => {
  const p = new Philox(11n);
  p.uniformDouble(262144);
  const continued = p.uniformDouble(4);
  p.offset = 262144n;
  const reset = p.uniformDouble(4);
  // cuRAND lays doubles out relative to the offset it was set to (docs/philox-stream.md (c)).
  assert.not.equal(Array.from(continued), Array.from(reset));
  assert.equal(Array.from(reset), Array.from(new Philox(11n, 262144n).uniformDouble(4)));
  assert.is(new Philox(11n, 262144n).uniformDouble(1)[0], new Philox(11n).uniformDouble(3)[2]);
});

test('writes into a caller array, including a subarray view', () => {
  const big = new Float32Array(10).fill(-1);
  const view = big.subarray(2, 7);
  const out = new Philox(11n).uniform(view);
  assert.is(out, view);
  assert.equal(Array.from(view), Array.from(new Philox(11n).uniform(5)));
  assert.is(big[0], -1);
  assert.is(big[7], -1);
});

test.run();
