// PyTorch's CPU generator (`torch.Generator()` / the default generator after
// `torch.manual_seed`): MT19937 seeded with `init_genrand` on the seed's low 32 bits, the same
// stream as numpy's `RandomState(seed & 0xffffffff)`. PyTorch drops the high 32 bits for this
// engine while `initial_seed()` still reports the full 64-bit seed; we keep both behaviours so
// draws match PyTorch, not a "better" stream that would match nothing. Normals depend on which of
// torch's CPU kernels run (its "CPU capability"): each generator reproduces one of them.
import { allocate, codedError, invalidArgType, outOfRange } from '../core/errors';
import { readOptions } from '../core/read';
import { checkLiveState, MT19937 } from './mt19937';
import { checkCount, isU64, toBigInt, U64_MAX, type IntLike } from '../core/ints';
import { toTorchCpuCapability, torchDefaultCpuCapability, type TorchCpuCapability } from './torch-capability';
import { torchFusedAffine, torchNormalFill16, torchNormalPair, torchSpare } from './torch-native';

/** PyTorch's default CPU seed (`default_rng_seed_val`). */
export const TORCH_DEFAULT_SEED = 67280421310721n;

const TWO_POW_32 = 4294967296;
const TWO_POW_M53 = 2 ** -53;
/** From this many values torch fills a float tensor's normals in blocks of 16. */
const BLOCK = 16;

export interface TorchGeneratorOptions {
  /**
   * Whose kernels to reproduce: 'default' (torch's portable build), 'avx2' or 'avx512'. Omitted:
   * what torch picks in this process (`ATEN_CPU_CAPABILITY`, else AVX2 and FMA on the CPU).
   */
  cpuCapability?: TorchCpuCapability;
}

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

  private capability: TorchCpuCapability | undefined;

  constructor(seed: IntLike = TORCH_DEFAULT_SEED, options?: TorchGeneratorOptions) {
    const o = readOptions(options, 'TorchGenerator', ['cpuCapability']);
    if (o.cpuCapability !== undefined) this.capability = toTorchCpuCapability(o.cpuCapability, 'TorchGenerator options.cpuCapability');
    this.manualSeed(seed);
  }

  /** The torch kernels reproduced; without the option, decided on first use as torch decides. */
  get cpuCapability(): TorchCpuCapability {
    this.capability ??= torchDefaultCpuCapability();
    return this.capability;
  }

  /** Any integer in [−2^63, 2^64); negatives wrap to uint64 as PyTorch does. Returns this. */
  manualSeed(seed: IntLike): this {
    let s = toBigInt(seed, 'seed');
    if (s < -(2n ** 63n) || s > U64_MAX) throw outOfRange('seed', 'in [-2^63, 2^64)', seed);
    if (s < 0n) s += U64_MAX + 1n;
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
    let seed: bigint | undefined;
    try {
      seed = BigInt(state.seed);
    } catch {
      // not an integer at all: refused below like one out of range
    }
    if (!isU64(seed)) throw outOfRange('state.seed', 'in [0, 2^64)', state.seed);
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
   * `torch.randn(n)` (float32): `normal(n, 0, 1)`. Below 16 values torch draws double-precision
   * Box–Muller pairs one value at a time, caching the spare on the generator; from 16 values on it
   * fills the tensor with uniforms first and transforms blocks of 16 in float (the last block
   * overlapping and redrawn when n is not a multiple of 16), with the C library's logf/cosf/sinf
   * on 'default' and avx_mathfun's vectorised approximations on 'avx2' and 'avx512'.
   */
  randn(n: number): Float32Array {
    return this.normalFill(checkCount(n, 'n'), 0, 1);
  }

  /**
   * `torch.normal(mean, std, size=(n,))` (float32): the values of `randn` times `std` plus
   * `mean`, rounded as torch rounds them (in double below 16 values, fused on avx2/avx512; in float
   * from 16 on, with mean and std rounded to float first). `std` must be ≥ 0, as torch requires.
   */
  normal(n: number, mean = 0, std = 1): Float32Array {
    const size = checkCount(n, 'n');
    if (typeof mean !== 'number') throw invalidArgType('mean', 'a number', mean);
    if (typeof std !== 'number') throw invalidArgType('std', 'a number', std);
    if (!(std >= 0)) throw outOfRange('std', '>= 0 (torch: "normal expects std >= 0.0")', std);
    return this.normalFill(size, mean, std);
  }

  private normalFill(size: number, mean: number, std: number): Float32Array {
    const out = allocate(Float32Array, size);
    const vectorised = this.cpuCapability !== 'default';
    if (size < BLOCK) {
      // normal_stub has no AVX-512 kernel in 1.13: avx512 runs the AVX2 one, built with FMA.
      const fused = vectorised && std !== 1;
      for (let i = 0; i < size; i++) {
        const x = this.normalDouble();
        out[i] = fused ? torchFusedAffine(x, std, mean) : x * std + mean;
      }
      return out;
    }
    const fMean = Math.fround(mean);
    const fStd = Math.fround(std);
    this.fillUniform(out, 0, size);
    torchNormalFill16(out, vectorised, fMean, fStd);
    if (size % BLOCK !== 0) {
      this.fillUniform(out, size - BLOCK, size);
      torchNormalFill16(out.subarray(size - BLOCK), vectorised, fMean, fStd);
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
   * `at::normal_distribution<double>`'s raw value (mean 0, std 1): 53-bit uniforms u1 then u2,
   * r = sqrt(-2 log(1 - u2)), r cos(2π u1) returned and r sin(2π u1) kept for the next call.
   */
  private normalDouble(): number {
    const cached = this.nextDoubleNormal;
    if (cached !== null) {
      this.nextDoubleNormal = null;
      return cached;
    }
    const u1 = this.uniformDouble();
    const value = torchNormalPair(u1, this.uniformDouble());
    this.nextDoubleNormal = torchSpare();
    return value;
  }

  /** `random64()` is the first draw in the high word; 53 low bits are kept. */
  private uniformDouble(): number {
    const hi = this.mt.genrandInt32() & 0x1fffff;
    const lo = this.mt.genrandUint32();
    return (hi * TWO_POW_32 + lo) * TWO_POW_M53;
  }
}
