// numpy's legacy `numpy.random.RandomState`, bit for bit: numpy keeps this generator frozen
// for backward compatibility, which is what makes matching it worthwhile.
import { randomBytes } from 'node:crypto';
import { allocate, codedError, invalidArgType, outOfRange } from '../core/errors';
import { readArray } from '../core/read';
import { checkLiveState, MT19937, N } from './mt19937';
import { compatNative, legacyGaussFactor, scratch, slotBuffer } from './native';
import { writableLengthOf, sizeOf, toBigInt, type IntLike } from '../core/ints';

/** `get_state()` in numpy's legacy tuple form: ('MT19937', key, pos, has_gauss, cached_gaussian). */
export type NumpyState = ['MT19937', number[], number, 0 | 1, number];
export type NumpySeed = number | bigint | ArrayLike<number | bigint> | null | undefined;
export type Size = number | readonly number[];
export type IntDtype = 'int64' | 'int32';

const TWO_POW_32 = 4294967296;
const U32_MAX = 0xffffffff;
/** Seed arrays longer than this are refused: init_by_array takes time linear in their length. */
const MAX_SEED_WORDS = 2 ** 24;
const BOUNDS: Record<IntDtype, [bigint, bigint]> = {
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
};

export class NumpyRandomState {
  private readonly mt = new MT19937();
  private hasGauss: 0 | 1 = 0;
  private gauss = 0;

  constructor(seed?: NumpySeed) {
    this.seed(seed);
  }

  /** An integer in [0, 2^32) seeds with `init_genrand`; a non-empty array with `init_by_array`. */
  seed(seed?: NumpySeed): void {
    this.hasGauss = 0;
    this.gauss = 0;
    if (seed === undefined || seed === null) {
      const bytes = randomBytes(N * 4);
      this.mt.initByArray(new Uint32Array(bytes.buffer, bytes.byteOffset, N));
      return;
    }
    if (typeof seed === 'number' || typeof seed === 'bigint') {
      const value = toBigInt(seed, 'seed');
      if (value < 0n || value > BigInt(U32_MAX)) throw outOfRange('seed', 'between 0 and 2**32 - 1', seed);
      this.mt.initGenrand(Number(value));
      return;
    }
    if (seed === null || typeof seed !== 'object') throw invalidArgType('seed', 'an integer or an array of integers', seed);
    const values = readArray(seed, 'seed', { max: MAX_SEED_WORDS, like: true });
    if (values.length === 0) throw codedError('RangeError', 'ERR_OUT_OF_RANGE', 'Seed must be non-empty');
    const words = values.map((raw, i) => {
      const v = toBigInt(raw, `seed[${i}]`);
      if (v < 0n || v > BigInt(U32_MAX)) throw outOfRange(`seed[${i}]`, 'between 0 and 2**32 - 1', raw);
      return Number(v);
    });
    this.mt.initByArray(words);
  }

  /** `rand()` → one float; `rand(d0, d1, ...)` → a flat Float64Array of d0·d1·… floats in [0, 1). */
  rand(): number;
  rand(...shape: number[]): Float64Array;
  rand(...shape: number[]): number | Float64Array {
    return shape.length === 0 ? this.mt.genrandRes53() : this.randomSample(shape);
  }

  randomSample(): number;
  randomSample(size: Size): Float64Array;
  randomSample(size?: Size): number | Float64Array {
    if (size === undefined) return this.mt.genrandRes53();
    const out = allocate(Float64Array, sizeOf(size));
    this.mt.fillRes53(out);
    return out;
  }

  /** `randn()` → one value; `randn(d0, ...)` → a flat Float64Array of standard normals. */
  randn(): number;
  randn(...shape: number[]): Float64Array;
  randn(...shape: number[]): number | Float64Array {
    return shape.length === 0 ? this.legacyGauss() : this.standardNormal(shape);
  }

  standardNormal(): number;
  standardNormal(size: Size): Float64Array;
  standardNormal(size?: Size): number | Float64Array {
    if (size === undefined) return this.legacyGauss();
    const out = allocate(Float64Array, sizeOf(size));
    this.fillGauss(out, false, 0, 1);
    return out;
  }

  normal(loc?: number, scale?: number): number;
  normal(loc: number, scale: number, size: Size): Float64Array;
  normal(loc = 0, scale = 1, size?: Size): number | Float64Array {
    checkFloat(loc, 'loc');
    checkFloat(scale, 'scale');
    if (scale < 0) throw outOfRange('scale', '>= 0', scale);
    if (size === undefined) return loc + scale * this.legacyGauss();
    const out = allocate(Float64Array, sizeOf(size));
    this.fillGauss(out, true, loc, scale);
    return out;
  }

  uniform(low?: number, high?: number): number;
  uniform(low: number, high: number, size: Size): Float64Array;
  uniform(low = 0, high = 1, size?: Size): number | Float64Array {
    checkFloat(low, 'low');
    checkFloat(high, 'high');
    const range = high - low;
    if (!Number.isFinite(range)) throw outOfRange('high - low', 'finite (Range exceeds valid bounds)', range);
    if (size === undefined) return low + range * this.mt.genrandRes53();
    const out = allocate(Float64Array, sizeOf(size));
    this.mt.fillRes53(out);
    for (let i = 0; i < out.length; i++) out[i] = low + range * out[i];
    return out;
  }

  /**
   * Integers in [low, high) (or [0, low) without high) by numpy's masked rejection. The result
   * follows the inputs: numbers give a number / Float64Array (exact, every value is a safe
   * integer), a bigint gives a bigint / BigInt64Array, dtype 'int32' gives an Int32Array.
   */
  randint(low: number, high?: number): number;
  randint(low: IntLike, high?: IntLike): IntLike;
  randint(low: number, high: number | undefined, size: Size, dtype?: IntDtype): Float64Array | Int32Array;
  randint(low: IntLike, high: IntLike | undefined, size: Size, dtype?: IntDtype): BigInt64Array | Float64Array | Int32Array;
  randint(low: IntLike, high?: IntLike, size?: Size, dtype: IntDtype = 'int64'): IntLike | BigInt64Array | Float64Array | Int32Array {
    if (dtype !== 'int64' && dtype !== 'int32') throw invalidArgType('dtype', "'int64' or 'int32'", dtype);
    const asBig = typeof low === 'bigint' || typeof high === 'bigint';
    let lo = toBigInt(low, 'low');
    let hi: bigint;
    if (high === undefined) {
      hi = lo - 1n;
      lo = 0n;
    } else {
      hi = toBigInt(high, 'high') - 1n;
    }
    const [min, max] = BOUNDS[dtype];
    if (lo < min) throw outOfRange('low', `within ${dtype} (low is out of bounds for ${dtype})`, low);
    if (hi > max) throw outOfRange('high', `within ${dtype} (high is out of bounds for ${dtype})`, high);
    if (lo > hi) throw codedError('RangeError', 'ERR_EMPTY_RANGE', 'low >= high', { low, high });
    const rng = hi - lo;
    if (size === undefined) {
      const v = lo + this.bounded(rng);
      return asBig ? v : Number(v);
    }
    const n = sizeOf(size);
    if (dtype === 'int32') {
      const out = allocate(Int32Array, n);
      this.fillBoundedNumber(out, Number(lo), Number(rng));
      return out;
    }
    if (!asBig && rng <= BigInt(Number.MAX_SAFE_INTEGER)) {
      const out = allocate(Float64Array, n);
      this.fillBoundedNumber(out, Number(lo), Number(rng));
      return out;
    }
    const out = allocate(BigInt64Array, n);
    for (let i = 0; i < n; i++) out[i] = BigInt.asIntN(64, lo + this.bounded(rng));
    return out;
  }

  /** In place, numpy's legacy order: for i from n−1 down to 1, swap with a masked draw in [0, i]. */
  shuffle<A extends { length: number; [i: number]: unknown }>(arr: A): A {
    for (let i = writableLengthOf(arr, 'arr') - 1; i > 0; i--) {
      const j = this.interval(i);
      const t = arr[i];
      arr[i] = arr[j];
      arr[j] = t;
    }
    return arr;
  }

  /** A shuffled copy; an integer n permutes 0..n−1 (negative n gives [], as numpy's arange does). */
  permutation(n: number): number[];
  permutation<A extends { length: number; [i: number]: unknown; slice(): A }>(arr: A): A;
  permutation(x: unknown): unknown {
    if (typeof x === 'number' || typeof x === 'bigint') {
      const n = Number(toBigInt(x, 'n'));
      if (n > 2 ** 32) throw outOfRange('n', 'at most 2^32', x);
      const out = Array.from({ length: Math.max(0, n) }, (_, i) => i);
      return this.shuffle(out);
    }
    if (x === null || typeof x !== 'object' || typeof (x as { slice?: unknown }).slice !== 'function') {
      throw invalidArgType('x', 'an integer or an array', x);
    }
    if (ArrayBuffer.isView(x) && x.byteLength === 0) {
      // slice() of a detached typed array throws an uncoded TypeError; an empty one is just empty.
      try {
        (x as unknown as Uint8Array).slice();
      } catch {
        throw codedError('TypeError', 'ERR_DETACHED_BUFFER', 'x is backed by a detached ArrayBuffer');
      }
    }
    return this.shuffle((x as { slice(): { length: number; [i: number]: unknown } }).slice());
  }

  getState(): NumpyState {
    return ['MT19937', Array.from(this.mt.key), this.mt.index, this.hasGauss, this.gauss];
  }

  /**
   * Accepts the tuple form (a 3-tuple leaves the cached Gaussian cleared, as numpy does). The
   * state is copied once, validated whole, then applied.
   */
  setState(state: NumpyState | ['MT19937', ArrayLike<number>, number]): void {
    const s = readArray(state, 'state', { max: 5, fail: invalidState });
    if (s.length !== 3 && s.length !== 5) throw invalidState('expected a 3- or 5-element tuple');
    if (s[0] !== 'MT19937') throw invalidState('set_state can only be used with legacy MT19937 state instances');
    const key = readArray(s[1], 'key', { max: N, like: true, fail: invalidState });
    if (key.length !== N) throw invalidState(`key must hold ${N} words`);
    const pos = s[2];
    if (!Number.isInteger(pos) || (pos as number) < 0 || (pos as number) > N) throw invalidState('pos out of range');
    for (let i = 0; i < N; i++) {
      const w = key[i];
      if (!Number.isInteger(w) || (w as number) < 0 || (w as number) > U32_MAX) throw invalidState(`key[${i}] is not a 32-bit unsigned integer`);
    }
    let hasGauss: 0 | 1 = 0;
    let gauss = 0;
    if (s.length === 5) {
      const [, , , h, g] = s;
      if (h !== 0 && h !== 1 && h !== true && h !== false) throw invalidState('has_gauss must be 0 or 1');
      if (typeof g !== 'number') throw invalidState('cached_gaussian must be a number');
      hasGauss = h ? 1 : 0;
      gauss = g;
    }
    checkLiveState(key as number[], 'RandomState');
    this.mt.key.set(key as number[]);
    this.mt.index = pos as number;
    this.hasGauss = hasGauss;
    this.gauss = gauss;
  }

  /** Marsaglia's polar method with the spare value cached (numpy's `legacy_gauss`). */
  private legacyGauss(): number {
    if (this.hasGauss) {
      const g = this.gauss;
      this.hasGauss = 0;
      this.gauss = 0;
      return g;
    }
    const mt = this.mt;
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * mt.genrandRes53() - 1;
      x2 = 2 * mt.genrandRes53() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = legacyGaussFactor(r2);
    this.gauss = f * x1;
    this.hasGauss = 1;
    return f * x2;
  }

  /** `legacyGauss` for every element (or loc + scale times it), natively, the spare carried across. */
  private fillGauss(out: Float64Array, affine: boolean, loc: number, scale: number): void {
    const native = compatNative();
    const slots = scratch();
    slots[0] = this.hasGauss;
    slots[1] = this.gauss;
    this.mt.index = native.compatFillLegacyGauss(this.mt.key, this.mt.index, out, affine, loc, scale, slotBuffer());
    this.hasGauss = slots[0] ? 1 : 0;
    this.gauss = slots[1];
  }

  /** Value in [0, rng] by masked rejection: 32-bit draws up to 2^32−1, else high-word-first 64-bit. */
  private bounded(rng: bigint): bigint {
    if (rng <= BigInt(Number.MAX_SAFE_INTEGER)) return BigInt(this.boundedNumber(Number(rng)));
    const mask = maskOf(rng);
    for (;;) {
      const hi = BigInt(this.mt.genrandUint32());
      const v = ((hi << 32n) | BigInt(this.mt.genrandUint32())) & mask;
      if (v <= rng) return v;
    }
  }

  private boundedNumber(rng: number): number {
    const mt = this.mt;
    if (rng === 0) return 0;
    if (rng === U32_MAX) return mt.genrandUint32();
    if (rng < U32_MAX) {
      const mask = maskOf32(rng);
      let v = (mt.genrandInt32() & mask) >>> 0;
      while (v > rng) v = (mt.genrandInt32() & mask) >>> 0;
      return v;
    }
    // 2^32 <= rng < 2^53: the mask covers the whole low word.
    const maskHi = maskOf32(Math.floor(rng / TWO_POW_32));
    for (;;) {
      const hi = mt.genrandInt32() & maskHi;
      const v = hi * TWO_POW_32 + mt.genrandUint32();
      if (v <= rng) return v;
    }
  }

  private fillBoundedNumber(out: Float64Array | Int32Array, off: number, rng: number): void {
    for (let i = 0; i < out.length; i++) out[i] = off + this.boundedNumber(rng);
  }

  /** numpy's `random_interval(max)`, the draw behind the legacy shuffle. */
  private interval(max: number): number {
    return this.boundedNumber(max);
  }
}

function maskOf32(v: number): number {
  return v === 0 ? 0 : (0xffffffff >>> Math.clz32(v)) | 0;
}

function maskOf(v: bigint): bigint {
  return (1n << BigInt(v.toString(2).length)) - 1n;
}

function checkFloat(value: unknown, name: string): void {
  if (typeof value !== 'number') throw invalidArgType(name, 'a number', value);
}

function invalidState(why: string, cause?: unknown) {
  return codedError('TypeError', 'ERR_INVALID_STATE', `invalid RandomState state: ${why}`, { cause });
}
