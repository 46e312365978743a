// What libcurand's host Philox generator does at 2^64 (docs/philox-stream.md (g)), as
// curand.Generator exposes it: the position does not wrap to 0 but counts on into blocks
// q >= 2^62, successive calls continue there, and Philox gives the same numbers.
import * as assert from 'uvu/assert';
import { curand, Philox } from '../../lib/index';
import { requires } from '../helpers/require';

const it = requires('curand', curand.isAvailable(), 'libcurand.so.10 cannot be loaded (Debian: apt-get install libcurand10 from non-free)');
const TWO64 = 1n << 64n;

function generator(offset: bigint) {
  return new curand.Generator('PHILOX4_32_10', { seed: 11, offset });
}

it('setOffset(2^64 - 3): output 3 is not output 0 of offset 0, and 3 + 5 outputs equal 8 in one call', () => {
  const single = generator(TWO64 - 3n);
  const whole = Array.from(single.generate(8));
  const split = generator(TWO64 - 3n);
  const parts = [...split.generate(3), ...split.generate(5)];
  const zero = new curand.Generator('PHILOX4_32_10', { seed: 11 });
  const start = Array.from(zero.generate(8));
  for (const g of [single, split, zero]) g.close();
  assert.equal(parts, whole, 'split calls continue across 2^64');
  assert.is.not(whole[3], start[0], 'position 2^64 is not position 0');
  assert.equal(whole.slice(0, 3), [1761243460, 2943683309, 1264027117], 'lanes 1-3 of block 2^62 - 1 (docs/philox-stream.md (g))');
  assert.is(whole[3], 1319491990, 'lane 0 of block 2^62');
  assert.equal(Array.from(new Philox(11, TWO64 - 3n).uint32(8)), whole);
});

it('a second call after crossing continues past 2^64, not at offset (2^64 - 3 + 8) mod 2^64 = 5', () => {
  const g = generator(TWO64 - 3n);
  g.generate(8);
  const second = Array.from(g.generate(8));
  g.close();
  const wrapped = new curand.Generator('PHILOX4_32_10', { seed: 11, offset: 5n });
  assert.not.equal(second, Array.from(wrapped.generate(8)));
  wrapped.close();
  const p = new Philox(11, TWO64 - 3n);
  p.uint32(8);
  assert.equal(Array.from(p.uint32(8)), second);
  assert.is(p.offset, TWO64 + 13n);
});

it('every kind: libcurand split calls across 2^64 equal its single call and Philox', () => {
  const kinds = [
    ['uniform', Float32Array],
    ['uniform', Float64Array],
    ['normal', Float32Array],
    ['normal', Float64Array],
    ['logNormal', Float32Array],
    ['logNormal', Float64Array],
  ] as const;
  for (const [method, Out] of kinds) {
    for (const below of [1n, 2n, 3n, 5n, 4099n]) {
      const total = Number(below) + 9 + ((Number(below) + 1) % 2); // even: curand.Generator needs even normal counts
      // uniform takes no mean and std (its second argument is its options)
      const fill = (g: ReturnType<typeof generator>, n: number) =>
        method === 'uniform'
          ? g.uniform(new Out(n) as Float32Array)
          : (g[method] as (out: Float32Array, mean: number, std: number) => Float32Array)(new Out(n) as Float32Array, 0.25, 1.5);
      const one = generator(TWO64 - below);
      const whole = fill(one, total);
      const two = generator(TWO64 - below);
      const head = fill(two, total - 6);
      const tail = fill(two, 6);
      one.close();
      two.close();
      const where = `${method} ${Out.name} from 2^64 - ${below}`;
      assert.equal([...head, ...tail], Array.from(whole), where);
      const p = new Philox(11, TWO64 - below);
      const name = (method + (Out === Float64Array ? 'Double' : '')) as 'uniform';
      const ours = method === 'uniform' ? p[name](total) : (p[name] as unknown as (n: number, m: number, s: number) => Float32Array)(total, 0.25, 1.5);
      assert.equal(Array.from(ours), Array.from(whole), `${where}: Philox`);
    }
  }
});

it.run();
