// Philox on the CPU against the real libcurand host generator (PHILOX4_32_10), bit for bit.
// Where libcurand 10.3 itself is wrong (docs/philox-stream.md (e) and (f)), the test records
// cuRAND's defect and checks that Philox gives the values the contract defines, taken from cuRAND
// through a call pattern that does not trigger the defect.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { curand, deriveSeed, Philox } from '../../lib/index';
import { requires } from '../helpers/require';

const it = requires('curand', curand.isAvailable(), 'libcurand.so.10 cannot be loaded (Debian: apt-get install libcurand10 from non-free)');

const EDGE_SEEDS = [0n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 63n, 2n ** 64n - 1n];
const SEEDS = [...EDGE_SEEDS, 1n, 11n, 42n, ...Array.from({ length: 42 }, (_, i) => deriveSeed(2026, 'parity', i))];
const OFFSETS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 4 * 65536 - 1, 4 * 65536 + 1, 2 ** 40];
const SMALL = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const LARGE = [4 * 65536 - 3, 4 * 65536 + 3, 1_000_000];
const LARGE_OFFSETS = [0, 1, 4, 4 * 65536 - 1, 4 * 65536 + 1, 2 ** 40];

type Kind = 'u32' | 'uniform' | 'uniformDouble' | 'normal' | 'normalDouble' | 'logNormal' | 'logNormalDouble';
const SENTINEL32 = 0x7fc0dead;
const SENTINEL64 = 0x7ff8dead;

function ctor(kind: Kind) {
  return kind === 'u32' ? Uint32Array : kind.endsWith('Double') ? Float64Array : Float32Array;
}

function bytes(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function fromCurand(kind: Kind, seed: bigint, offset: number, count: number) {
  const g = new curand.Generator('PHILOX4_32_10', offset === 0 ? { seed } : { seed, offset: BigInt(offset) });
  const Out = ctor(kind);
  const out = new Out(count);
  const words = new Uint32Array(out.buffer);
  if (Out === Float64Array) for (let i = 1; i < words.length; i += 2) words[i] = SENTINEL64;
  else words.fill(SENTINEL32);
  switch (kind) {
    case 'u32':
      g.generate(out as Uint32Array);
      break;
    case 'uniform':
    case 'uniformDouble':
      g.uniform(out as Float32Array);
      break;
    case 'normal':
    case 'normalDouble':
      g.normal(out as Float32Array, 0.25, 1.5);
      break;
    default:
      g.logNormal(out as Float32Array, 0.25, 1.5);
  }
  g.close();
  return out;
}

function fromPhilox(kind: Kind, seed: bigint, offset: number, count: number) {
  const p = new Philox(seed, BigInt(offset));
  switch (kind) {
    case 'u32':
      return p.uint32(count);
    case 'uniform':
      return p.uniform(count);
    case 'uniformDouble':
      return p.uniformDouble(count);
    case 'normal':
      return p.normal(count, 0.25, 1.5);
    case 'normalDouble':
      return p.normalDouble(count, 0.25, 1.5);
    case 'logNormal':
      return p.logNormal(count, 0.25, 1.5);
    default:
      return p.logNormalDouble(count, 0.25, 1.5);
  }
}

const stats = { compared: 0, defects: 0 };

/** Compares one fill; returns whether cuRAND's defect (an unwritten tail) showed. */
function check(kind: Kind, seed: bigint, offset: number, count: number): void {
  const ours = fromPhilox(kind, seed, offset, count);
  const theirs = fromCurand(kind, seed, offset, count);
  const where = `${kind} seed ${seed} offset ${offset} count ${count}`;
  const defective = offset !== 0 && offset % 4 === 0 && count % 4 !== 0;
  stats.compared += count;
  if (!defective) {
    assert.ok(bytes(ours).equals(bytes(theirs)), where);
    return;
  }
  stats.defects++;
  const good = count - (count % 4);
  const size = ours.BYTES_PER_ELEMENT;
  assert.ok(bytes(ours).subarray(0, good * size).equals(bytes(theirs).subarray(0, good * size)), `${where} (head)`);
  // cuRAND's defect: the last count % 4 values are left as they were.
  const tail = new Uint32Array(theirs.buffer, good * size, ((count - good) * size) / 4);
  for (let i = 0; i < tail.length; i++) {
    assert.is(tail[i], size === 8 && i % 2 === 0 ? tail[i] : size === 8 ? SENTINEL64 : SENTINEL32, `${where}: cuRAND wrote the tail it is known to skip`);
  }
  // What the contract defines there: cuRAND's own values from a call whose count is a multiple of 4.
  const whole = fromCurand(kind, seed, offset, count + 4 - (count % 4));
  assert.ok(bytes(ours).equals(bytes(whole).subarray(0, count * size)), `${where} (tail)`);
}

for (const kind of ['u32', 'uniform', 'uniformDouble'] as const) {
  // Every (offset, count) pair for the edge seeds; every seed at every offset with a count that
  // rotates through 1–9 (each libcurand call after setOffset costs milliseconds: it rebuilds state).
  it(`${kind}: ${SEEDS.length} seeds × offsets 0–9, 4·65536±1, 2^40 × counts 1–9, bit for bit`, () => {
    for (const seed of EDGE_SEEDS) for (const offset of OFFSETS) for (const count of SMALL) check(kind, seed, offset, count);
    SEEDS.forEach((seed, i) => OFFSETS.forEach((offset, j) => check(kind, seed, offset, SMALL[(i + j) % SMALL.length])));
  });
  it(`${kind}: edge seeds × offsets 0, 1, 4, 4·65536±1, 2^40 × counts 4·65536±3 and 10^6, bit for bit`, () => {
    for (const seed of EDGE_SEEDS) for (const offset of LARGE_OFFSETS) for (const count of LARGE) check(kind, seed, offset, count);
  });
}

for (const kind of ['normal', 'normalDouble', 'logNormal', 'logNormalDouble'] as const) {
  it(`${kind}: seeds × offsets × even counts, bit for bit (the bound measured is 0 ulp with glibc's libm)`, () => {
    for (const offset of OFFSETS) for (const count of [2, 4, 6, 8]) check(kind, EDGE_SEEDS[4], offset, count);
    SEEDS.slice(0, 12).forEach((seed, i) => OFFSETS.forEach((offset, j) => check(kind, seed, offset, [2, 4, 6, 8][(i + j) % 4])));
    for (const seed of EDGE_SEEDS.slice(0, 2)) for (const offset of [0, 3, 4 * 65536 + 1, 2 ** 40]) for (const count of [4 * 65536 + 2, 1_000_000]) check(kind, seed, offset, count);
  });
}

it('successive calls on one generator continue as cuRAND continues', () => {
  for (const kind of ['u32', 'uniform', 'uniformDouble', 'normal', 'normalDouble'] as const) {
    for (const start of [0, 8, 4 * 65536]) {
      const g = new curand.Generator('PHILOX4_32_10', start === 0 ? { seed: 77 } : { seed: 77, offset: BigInt(start) });
      const p = new Philox(77n, BigInt(start));
      for (const count of [4, 8, 4 * 65536, 12, 4 * 65536 + 4, 400]) {
        const Out = ctor(kind);
        const theirs = new Out(count);
        if (kind === 'u32') g.generate(theirs as Uint32Array);
        else if (kind.startsWith('normal')) g.normal(theirs as Float32Array, 0.25, 1.5);
        else g.uniform(theirs as Float32Array);
        const ours =
          kind === 'u32' ? p.uint32(count) : kind === 'uniform' ? p.uniform(count) : kind === 'uniformDouble' ? p.uniformDouble(count) : kind === 'normal' ? p.normal(count, 0.25, 1.5) : p.normalDouble(count, 0.25, 1.5);
        assert.ok(bytes(ours).equals(bytes(theirs)), `${kind} from ${start}, call of ${count}`);
      }
      g.close();
    }
  }
});

it("cuRAND's small-call defect is recorded; Philox continues as the contract says", () => {
  // Calls that start and end inside one block make libcurand 10.3 repeat output 1 (docs/philox-stream.md (f)).
  const g = new curand.Generator('PHILOX4_32_10', { seed: 11, offset: 1n });
  const theirs = [g.generate(1)[0], g.generate(1)[0], g.generate(1)[0]];
  g.close();
  const p = new Philox(11n, 1n);
  const ours = [p.uint32(1)[0], p.uint32(1)[0], p.uint32(1)[0]];
  assert.equal(ours, Array.from(new Philox(11n, 1n).uint32(3)));
  assert.is(theirs[0], ours[0]);
  assert.ok(theirs[1] !== ours[1] || theirs[2] !== ours[2], 'libcurand 10.3 repeats itself here; if it no longer does, this test should be updated');
});

test.after(() => {
  if (stats.compared) console.log(`  compared ${stats.compared} values with libcurand; ${stats.defects} fills hit the unwritten-tail defect`);
});

test.run();
