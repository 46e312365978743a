// curand.Generator against the real libcurand host API: every type, the rules checked before the
// call, handle lifetime.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { curand, cuda, DeviceBuffer } from '../../lib/index';
import { systemHas } from '../helpers/machine';
import { requires } from '../helpers/require';
import { codeOf } from '../helpers/errors';

const it = requires('curand', curand.isAvailable(), 'libcurand.so.10 cannot be loaded (Debian: apt-get install libcurand10 from non-free)');


it('Philox seed 11 gives the stream REFERENCE.md recorded from libcurand', () => {
  const g = new curand.Generator('PHILOX4_32_10', { seed: 11 });
  assert.equal(Array.from(g.generate(new Uint32Array(4))), [3848496742, 4117957564, 1519192786, 1437745381]);
  g.close();
});

it('every pseudo and quasi type generates on the host, except MT19937 which libcurand 10.3 host refuses', () => {
  for (const type of Object.keys(curand.RngType) as (keyof typeof curand.RngType)[]) {
    const quasi = curand.RngType[type] >= 200;
    const g = new curand.Generator(type, quasi ? { dimensions: 2 } : { seed: 5 });
    if (type === 'MT19937') {
      assert.is(codeOf(() => g.generate(8)), 'ERR_CURAND_INTERNAL_ERROR');
      g.close();
      continue;
    }
    if (type === 'SOBOL64' || type === 'SCRAMBLED_SOBOL64') {
      const v = g.generateLongLong(8) as BigUint64Array;
      assert.ok(v.some((x) => x !== 0n), type);
    } else {
      const v = g.generate(8) as Uint32Array;
      assert.ok(v.some((x) => x !== 0), type);
    }
    const u = g.uniform(new Float64Array(8));
    for (const x of u) assert.ok(x > 0 && x <= 1, `${type} uniform in (0, 1]`);
    const n = g.normal(new Float32Array(8), 3, 0.5);
    assert.ok(n.every((x) => Number.isFinite(x)), type);
    const ln = g.logNormal(new Float32Array(8));
    assert.ok(ln.every((x) => x > 0), type);
    const p = g.poisson(new Uint32Array(8), 4);
    assert.is(p.length, 8);
    g.close();
  }
});

it('same seed, same numbers; setOffset is absolute; successive calls continue', () => {
  const a = new curand.Generator('XORWOW', { seed: 2n ** 64n - 1n });
  const b = new curand.Generator('xorwow', { seed: 2n ** 64n - 1n });
  const whole = a.generate(16) as Uint32Array;
  const first = b.generate(8) as Uint32Array;
  const second = b.generate(8) as Uint32Array;
  assert.equal([...first, ...second], Array.from(whole));
  const c = new curand.Generator('PHILOX4_32_10', { seed: 3, offset: 8 });
  const d = new curand.Generator('PHILOX4_32_10', { seed: 3 });
  assert.equal(Array.from(c.generate(8) as Uint32Array), Array.from((d.generate(16) as Uint32Array).subarray(8)));
  for (const g of [a, b, c, d]) g.close();
});

it("cuRAND's rules are checked before the call, with cuRAND's status as the code", () => {
  const philox = new curand.Generator('PHILOX4_32_10', { seed: 1 });
  const sobol = new curand.Generator('SOBOL32', { dimensions: 3 });
  const sobol64 = new curand.Generator('SOBOL64');
  const cases: [() => unknown, string][] = [
    [() => philox.normal(new Float32Array(3)), 'ERR_CURAND_LENGTH_NOT_MULTIPLE'],
    [() => philox.logNormal(new Float64Array(5)), 'ERR_CURAND_LENGTH_NOT_MULTIPLE'],
    [() => philox.normal(new Float32Array(4), 0, 1, { count: 3 }), 'ERR_CURAND_LENGTH_NOT_MULTIPLE'],
    [() => sobol.uniform(new Float32Array(4)), 'ERR_CURAND_LENGTH_NOT_MULTIPLE'],
    [() => sobol.generate(new Uint32Array(7)), 'ERR_CURAND_LENGTH_NOT_MULTIPLE'],
    [() => sobol.setSeed(1), 'ERR_CURAND_TYPE_ERROR'],
    [() => philox.setQuasiDimensions(2), 'ERR_CURAND_TYPE_ERROR'],
    [() => sobol.setQuasiDimensions(0), 'ERR_CURAND_OUT_OF_RANGE'],
    [() => sobol.setQuasiDimensions(20001), 'ERR_CURAND_OUT_OF_RANGE'],
    [() => sobol64.generate(new Uint32Array(4)), 'ERR_CURAND_TYPE_ERROR'],
    [() => philox.generateLongLong(new BigUint64Array(4)), 'ERR_CURAND_TYPE_ERROR'],
    [() => philox.poisson(new Uint32Array(4), 0), 'ERR_CURAND_OUT_OF_RANGE'],
    [() => philox.poisson(new Uint32Array(4), NaN), 'ERR_CURAND_OUT_OF_RANGE'],
    [() => philox.poisson(new Uint32Array(4), 400000.5), 'ERR_CURAND_OUT_OF_RANGE'],
    [() => philox.poisson(new Uint32Array(4), Infinity), 'ERR_CURAND_OUT_OF_RANGE'],
    [() => philox.setOrdering('QUASI_DEFAULT'), 'ERR_CURAND_OUT_OF_RANGE'],
    [() => philox.setOrdering('PSEUDO_SEEDED'), 'ERR_CURAND_OUT_OF_RANGE'],
    [() => philox.setOrdering('PSEUDO_DYNAMIC'), 'ERR_CURAND_OUT_OF_RANGE'],
    [() => philox.setOrdering('sideways' as 'PSEUDO_BEST'), 'ERR_CURAND_OUT_OF_RANGE'],
    [() => sobol.setOrdering('PSEUDO_LEGACY'), 'ERR_CURAND_OUT_OF_RANGE'],
    [() => new curand.Generator('NOPE'), 'ERR_CURAND_UNKNOWN_TYPE'],
    [() => new curand.Generator(999), 'ERR_CURAND_UNKNOWN_TYPE'],
    [() => new curand.Generator({} as unknown as string), 'ERR_INVALID_ARG_TYPE'],
    [() => philox.uniform(new Uint32Array(4) as unknown as Float32Array), 'ERR_INVALID_ARG_TYPE'],
    [() => philox.generate(new Float32Array(4) as unknown as Uint32Array), 'ERR_INVALID_ARG_TYPE'],
    [() => philox.generate(new Uint32Array(4), 5), 'ERR_OUT_OF_RANGE'],
    [() => philox.generate(-1), 'ERR_OUT_OF_RANGE'],
    [() => philox.normal(new Float32Array(4), NaN), 'ERR_OUT_OF_RANGE'],
    [() => philox.normal(new Float32Array(4), 0, -1), 'ERR_OUT_OF_RANGE'],
    [() => philox.setOffset(-1), 'ERR_OUT_OF_RANGE'],
    [() => philox.setOffset(2n ** 64n), 'ERR_OUT_OF_RANGE'],
    [() => philox.setSeed(1.5), 'ERR_SEED_NOT_INTEGER'],
    [() => philox.setStream(1n), 'ERR_CURAND_TYPE_ERROR'],
    [() => philox.generate(new DataView(new ArrayBuffer(16)) as unknown as Uint32Array), 'ERR_INVALID_ARG_TYPE'],
  ];
  for (const [fn, expected] of cases) assert.is(codeOf(fn), expected, fn.toString());
  // A rejected call changed nothing: the stream continues as if it never happened.
  const ref = new curand.Generator('PHILOX4_32_10', { seed: 1 });
  assert.equal(Array.from(philox.generate(8) as Uint32Array), Array.from(ref.generate(8) as Uint32Array));
  for (const g of [philox, sobol, sobol64, ref]) g.close();
});

it('typed arrays over a SharedArrayBuffer and sub-views are written in place', () => {
  const shared = new Uint32Array(new SharedArrayBuffer(64));
  const g = new curand.Generator('PHILOX4_32_10', { seed: 9 });
  g.generate(shared.subarray(4, 12));
  const ref = new curand.Generator('PHILOX4_32_10', { seed: 9 }).generate(8) as Uint32Array;
  assert.equal(Array.from(shared.subarray(4, 12)), Array.from(ref));
  assert.equal(Array.from(shared.subarray(0, 4)), [0, 0, 0, 0]);
  g.close();
});

it('close() is idempotent, later calls are ERR_CLOSED, and unclosed generators are finalized', async () => {
  const g = new curand.Generator('MRG32K3A', { seed: 1 });
  g.close();
  g.close();
  assert.ok(g.closed);
  assert.is(codeOf(() => g.generate(4)), 'ERR_CLOSED');
  // Node runs the finalizers from the event loop: letting it turn keeps the 4 MiB each holds
  // (reported to V8) from piling up to 8 GB.
  for (let i = 0; i < 2000; i++) {
    new curand.Generator('PHILOX4_32_10', { seed: i }).generate(4);
    if (i % 20 === 19) await new Promise(setImmediate);
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
});

requires('cudart', !cuda.isAvailable(), 'a GPU is present: test/gpu covers device generators')('device generators and buffers need a GPU: ERR_CUDA_UNAVAILABLE here', () => {
  assert.is(codeOf(() => new DeviceBuffer(1024)), 'ERR_CUDA_UNAVAILABLE');
  assert.is(codeOf(() => new cuda.DeviceBuffer(1024, { device: 0 })), 'ERR_CUDA_UNAVAILABLE');
  assert.is(codeOf(() => new DeviceBuffer(0)), 'ERR_OUT_OF_RANGE');
  assert.is(codeOf(() => new DeviceBuffer('1' as unknown as number)), 'ERR_INVALID_ARG_TYPE');
  if (systemHas('libcurand.so.10')) {
    assert.is(codeOf(() => new curand.Generator('PHILOX4_32_10', { device: 0 })), 'ERR_CUDA_UNAVAILABLE');
  }
  assert.is(codeOf(() => new curand.Generator('PHILOX4_32_10', { device: -1 })), 'ERR_OUT_OF_RANGE');
});

test.run();
