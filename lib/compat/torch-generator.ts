// PyTorch's CPU generator (`torch.Generator()` / the default generator after
// `torch.manual_seed`): MT19937 seeded with `init_genrand` on the seed's low 32 bits, the same
// stream as numpy's `RandomState(seed & 0xffffffff)`. PyTorch drops the high 32 bits for this
// engine while `initial_seed()` still reports the full 64-bit seed; we keep both behaviours so
// draws match PyTorch, not a "better" stream that would match nothing.
import { allocate, codedError, outOfRange } from '../errors';
import { checkLiveState, MT19937 } from './mt19937';
import { scratch, torchNormalPair } from './native';
import { checkCount, toBigInt, type IntLike } from './ints';

/** PyTorch's default CPU seed (`default_rng_seed_val`). */
export const TORCH_DEFAULT_SEED = 67280421310721n;

const TWO_POW_32 = 4294967296;
const TWO_POW_M53 = 2 ** -53;
const U64 = 2n ** 64n;
const f32 = Math.fround;
/** `2.0f * c10::pi<double>` evaluated in double, as the scalar fill does. */
const TWO_PI = 2 * Math.PI;

export interface TorchGeneratorState {
  /** decimal string: the full 64-bit seed */
  seed: string;
  key: number[];
  index: number;
  nextDoubleNormal: number | null;
}

export class TorchGenerator {
  private readonly mt = new MT19937();
  private seedValue = TORCH_DEFAULT_SEED;
  /** Box–Muller spare from the scalar (n < 16) normal path; PyTorch keeps it on the generator. */
  private nextDoubleNormal: number | null = null;

  constructor(seed: IntLike = TORCH_DEFAULT_SEED) {
    this.manualSeed(seed);
  }

  /** Any integer in [−2^63, 2^64); negatives wrap to uint64 as PyTorch does. Returns this. */
  manualSeed(seed: IntLike): this {
    let s = toBigInt(seed, 'seed');
    if (s < -(2n ** 63n) || s >= U64) throw outOfRange('seed', 'in [-2^63, 2^64)', seed);
    if (s < 0n) s += U64;
    this.seedValue = s;
    this.nextDoubleNormal = null;
    this.mt.initGenrand(Number(s & 0xffffffffn));
    return this;
  }

  /** The full seed last given (64 bits), like `torch.initial_seed()`. */
  initialSeed(): bigint {
    return this.seedValue;
  }

  /** A JSON-serialisable copy of everything that decides future draws. */
  getState(): TorchGeneratorState {
    return {
      seed: this.seedValue.toString(),
      key: Array.from(this.mt.key),
      index: this.mt.index,
      nextDoubleNormal: this.nextDoubleNormal,
    };
  }

  setState(state: TorchGeneratorState): void {
    if (state === null || typeof state !== 'object' || !Array.isArray(state.key) || state.key.length !== 624) {
      throw codedError('TypeError', 'ERR_INVALID_STATE', 'a TorchGenerator state is { seed, key: 624 words, index, nextDoubleNormal }');
    }
    const index = state.index;
    if (!Number.isInteger(index) || index < 0 || index > 624) throw outOfRange('state.index', 'an integer in [0, 624]', index);
    if (!state.key.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff)) {
      throw codedError('RangeError', 'ERR_INVALID_STATE', 'state.key must hold 624 uint32 words');
    }
    checkLiveState(state.key, 'TorchGenerator');
    const spare = state.nextDoubleNormal;
    if (spare !== null && typeof spare !== 'number') throw codedError('TypeError', 'ERR_INVALID_STATE', 'state.nextDoubleNormal must be a number or null');
    const seed = BigInt(state.seed);
    if (seed < 0n || seed >= U64) throw outOfRange('state.seed', 'in [0, 2^64)', state.seed);
    this.mt.key.set(state.key);
    this.mt.index = index;
    this.seedValue = seed;
    this.nextDoubleNormal = spare;
  }

  /** The engine's next raw 32-bit output (`generator->random()`). */
  random(): number {
    return this.mt.genrandUint32();
  }

  /** `torch.rand(n)` (float32): one 32-bit draw per value, `(u32 & 0xFFFFFF) * 2^-24`. */
  rand(n: number): Float32Array {
    const out = allocate(Float32Array, checkCount(n, 'n'));
    this.fillUniform(out, 0, out.length);
    return out;
  }

  /**
   * `torch.randn(n)` (float32). Below 16 values PyTorch draws double-precision Box–Muller pairs
   * one value at a time, caching the spare on the generator; from 16 values on it fills the
   * tensor with uniforms first and transforms blocks of 16 (the last block overlapping and
   * redrawn when n is not a multiple of 16). This follows the portable C++ fill; builds that
   * dispatch to the AVX2 kernel use vectorised log/sincos approximations whose last bits may
   * differ.
   */
  randn(n: number): Float32Array {
    const size = checkCount(n, 'n');
    const out = allocate(Float32Array, size);
    if (size < 16) {
      for (let i = 0; i < size; i++) out[i] = this.normalDouble();
      return out;
    }
    this.fillUniform(out, 0, size);
    for (let i = 0; i + 16 <= size; i += 16) normalFill16(out, i);
    if (size % 16 !== 0) {
      this.fillUniform(out, size - 16, size);
      normalFill16(out, size - 16);
    }
    return out;
  }

  /** `torch.randint(low, high, (n,))` (int64): `(draw mod range) + low`, 64-bit draws from range 2^32 on. */
  randint(low: number, high: number, n: number): Float64Array;
  randint(low: bigint, high: bigint, n: number): BigInt64Array;
  randint(low: IntLike, high: IntLike, n: number): BigInt64Array | Float64Array;
  randint(low: IntLike, high: IntLike, n: number): BigInt64Array | Float64Array {
    const asBig = typeof low === 'bigint' || typeof high === 'bigint';
    const lo = toBigInt(low, 'low');
    const hi = toBigInt(high, 'high');
    if (lo < -(2n ** 63n) || hi > 2n ** 63n) throw outOfRange('low/high', 'within int64', `${lo}..${hi}`);
    if (lo >= hi) throw outOfRange('high', `greater than low (${lo})`, high);
    const count = checkCount(n, 'n');
    const range = hi - lo;
    const mt = this.mt;
    if (range < 2n ** 32n && !asBig) {
      const r = Number(range);
      const base = Number(lo);
      const out = allocate(Float64Array, count);
      for (let i = 0; i < count; i++) out[i] = (mt.genrandUint32() % r) + base;
      return out;
    }
    const out = asBig ? allocate<BigInt64Array | Float64Array>(BigInt64Array, count) : allocate(Float64Array, count);
    for (let i = 0; i < count; i++) {
      let v: bigint;
      if (range >= 2n ** 32n) {
        const h = BigInt(mt.genrandUint32());
        v = ((h << 32n) | BigInt(mt.genrandUint32())) % range;
      } else {
        v = BigInt(mt.genrandUint32()) % range;
      }
      const x = BigInt.asIntN(64, v + lo);
      if (out instanceof BigInt64Array) out[i] = x;
      else out[i] = Number(x);
    }
    return out;
  }

  private fillUniform(out: Float32Array, from: number, to: number): void {
    this.mt.fillFloat24(out, from, to);
  }

  /**
   * `at::normal_distribution<double>` with mean 0, std 1: 53-bit uniforms, log1p, cos (sin
   * cached), computed by the addon with the C library's functions as PyTorch does.
   */
  private normalDouble(): number {
    const cached = this.nextDoubleNormal;
    if (cached !== null) {
      this.nextDoubleNormal = null;
      return cached;
    }
    const u1 = this.uniformDouble();
    const value = torchNormalPair(u1, this.uniformDouble());
    this.nextDoubleNormal = scratch()[1];
    return value;
  }

  /** `random64()` is the first draw in the high word; 53 low bits are kept. */
  private uniformDouble(): number {
    const hi = this.mt.genrandInt32() & 0x1fffff;
    const lo = this.mt.genrandUint32();
    return (hi * TWO_POW_32 + lo) * TWO_POW_M53;
  }
}

/** Float32 Box–Muller over 16 uniforms: values j and j + 8 come from the pair (j, j + 8). */
function normalFill16(data: Float32Array, at: number): void {
  for (let j = at; j < at + 8; j++) {
    const u1 = f32(1 - data[j]);
    const u2 = data[j + 8];
    const radius = f32(Math.sqrt(f32(-2 * f32(Math.log(u1)))));
    const theta = f32(TWO_PI * u2);
    data[j] = f32(radius * f32(Math.cos(theta)));
    data[j + 8] = f32(radius * f32(Math.sin(theta)));
  }
}

