// curand.Generator: full control of cuRAND generators on the host or a device. cuRAND's rules are
// checked here, before the call, so that a bad request is a clear coded error and never reaches
// the library (libcurand 10.3's host Philox and MTGP32 write past the end of an odd-length normal
// fill instead of refusing it).
import { binding } from '../core/binding';
import { allocate, codedError, describe, invalidArgType, outOfRange } from '../core/errors';
import * as cuda from '../cuda/devices';
import { DeviceBuffer, type DeviceSpan } from '../cuda/device-buffer';
import { requireLibrary } from '../doctor/libraries';
import { readOptions, typedArrayKind, typedArrayLength } from '../core/read';
import { type Seed, toSeed } from '../core/seed';
import { isCount, isU64, toU64 } from '../core/ints';

export const RngType = {
  PSEUDO_DEFAULT: 100,
  XORWOW: 101,
  MRG32K3A: 121,
  MTGP32: 141,
  MT19937: 142,
  PHILOX4_32_10: 161,
  QUASI_DEFAULT: 200,
  SOBOL32: 201,
  SCRAMBLED_SOBOL32: 202,
  SOBOL64: 203,
  SCRAMBLED_SOBOL64: 204,
} as const;
export type RngTypeName = keyof typeof RngType;

export const Ordering = {
  PSEUDO_BEST: 100,
  PSEUDO_DEFAULT: 101,
  PSEUDO_SEEDED: 102,
  PSEUDO_LEGACY: 103,
  PSEUDO_DYNAMIC: 104,
  QUASI_DEFAULT: 201,
} as const;
export type OrderingName = keyof typeof Ordering;

/** cuRAND's own limit on Poisson lambda, measured on libcurand 10.3 (larger values: OUT_OF_RANGE). */
export const MAX_POISSON_LAMBDA = 400000;
export const MAX_QUASI_DIMENSIONS = 20000;

export interface GeneratorOptions {
  /** A device index or 'host' (the CPU generators of cuRAND's host API). Default: 'host'. */
  device?: number | 'host';
  seed?: Seed;
  /** Absolute offset into the stream. */
  offset?: bigint | number;
  /** Default: PSEUDO_LEGACY for pseudo-random generators on a device (the only ordering stable across releases). */
  ordering?: OrderingName | number;
  /** Quasi-random generators only: 1..20000. */
  dimensions?: number;
}

export interface DeviceOutputOptions {
  /** Elements to write (default: all that fit in the buffer). */
  count?: number;
  /**
   * Element type in a DeviceBuffer, or of the array made for an element count (uniform / normal /
   * logNormal). Default float32. A typed array has its own type; a different dtype is refused.
   */
  dtype?: 'float32' | 'float64';
}

interface NativeGenerator {
  setSeed(seed: bigint): void;
  setOffset(offset: bigint): void;
  setOrdering(ordering: number): void;
  setQuasiDimensions(dims: number): void;
  setStream(stream: bigint): void;
  generate(kind: string, out: ArrayBufferView | bigint, count: number, a?: number, b?: number): void;
  close(): void;
}

interface CurandNative {
  CurandGenerator: new (type: number, device: number) => NativeGenerator;
}

const typeNames = new Map<number, RngTypeName>(Object.entries(RngType).map(([k, v]) => [v, k as RngTypeName]));
const orderingNames = new Map<number, OrderingName>(Object.entries(Ordering).map(([k, v]) => [v, k as OrderingName]));

function curandError(kind: 'TypeError' | 'RangeError' | 'Error', status: string, message: string) {
  return codedError(kind, `ERR_CURAND_${status}`, message, { curandStatus: `CURAND_STATUS_${status}` });
}

function resolveType(type: unknown): RngTypeName {
  if (typeof type === 'string') {
    const key = type.toUpperCase().replace(/-/g, '_').replace(/^CURAND_RNG_(PSEUDO|QUASI)_/, '');
    const aliases: Record<string, RngTypeName> = {
      PHILOX: 'PHILOX4_32_10',
      DEFAULT: 'PSEUDO_DEFAULT',
      PSEUDO_DEFAULT: 'PSEUDO_DEFAULT',
      QUASI_DEFAULT: 'QUASI_DEFAULT',
    };
    const name = (aliases[key] ?? key) as RngTypeName;
    if (name in RngType) return name;
    throw codedError('RangeError', 'ERR_CURAND_UNKNOWN_TYPE', `unknown cuRAND generator type ${describe(type)}; one of ${Object.keys(RngType).join(', ')}`);
  }
  if (typeof type === 'number') {
    const name = typeNames.get(type);
    if (name) return name;
    throw codedError('RangeError', 'ERR_CURAND_UNKNOWN_TYPE', `unknown cuRAND generator type ${describe(type)}`);
  }
  throw invalidArgType('type', 'a cuRAND generator type name or number', type);
}

function resolveOrdering(ordering: unknown): OrderingName {
  if (typeof ordering === 'string') {
    const key = ordering.toUpperCase().replace(/-/g, '_').replace(/^CURAND_ORDERING_/, '');
    const name = (key in Ordering ? key : `PSEUDO_${key}`) as OrderingName;
    if (name in Ordering) return name;
  } else if (typeof ordering === 'number') {
    const name = orderingNames.get(ordering);
    if (name) return name;
  } else {
    throw invalidArgType('ordering', 'a cuRAND ordering name or number', ordering);
  }
  throw curandError('RangeError', 'OUT_OF_RANGE', `unknown cuRAND ordering ${describe(ordering)}; one of ${Object.keys(Ordering).join(', ')}`);
}

function isQuasi(type: RngTypeName): boolean {
  return RngType[type] >= 200;
}

function is64BitQuasi(type: RngTypeName): boolean {
  return type === 'SOBOL64' || type === 'SCRAMBLED_SOBOL64';
}

function finite(value: unknown, name: string): number {
  if (typeof value !== 'number') throw invalidArgType(name, 'a finite number', value);
  if (!Number.isFinite(value)) throw outOfRange(name, 'a finite number', value);
  return value;
}

const GENERATOR_OPTION_KEYS = ['device', 'seed', 'offset', 'ordering', 'dimensions'] as const;
const OUTPUT_OPTION_KEYS = ['count', 'dtype'] as const;

type Kind = 'u32' | 'u64' | 'uniform' | 'uniformDouble' | 'normal' | 'normalDouble' | 'logNormal' | 'logNormalDouble' | 'poisson';

export class Generator {
  readonly type: RngTypeName;
  readonly device: number | 'host';
  #native: NativeGenerator | null;
  #seed: bigint | null = null;
  #ordering: OrderingName | null = null;
  #dimensions = 1;

  constructor(type: RngTypeName | number | string, options?: GeneratorOptions) {
    this.type = resolveType(type);
    const o = readOptions(options, 'curand.Generator', GENERATOR_OPTION_KEYS);
    const device = o.device === undefined || o.device === 'host' ? 'host' : cuda.checkDevice(o.device);
    // Everything is validated before anything is created, so a rejected call leaves nothing behind.
    const seed = o.seed === undefined ? undefined : toSeed(o.seed as Seed);
    const offset = o.offset === undefined ? undefined : toU64(o.offset, 'offset');
    const ordering = o.ordering === undefined ? undefined : resolveOrdering(o.ordering);
    if (seed !== undefined && isQuasi(this.type)) {
      throw curandError('TypeError', 'TYPE_ERROR', `${this.type} is quasi-random and takes no seed`);
    }
    if (ordering !== undefined) this.#checkOrdering(ordering, device);
    const dimensions = o.dimensions === undefined ? undefined : this.#checkDimensions(o.dimensions);

    requireLibrary('curand', 'ERR_LIBRARY_LOAD', 'install libcurand (Debian: libcurand10; pip: nvidia-curand) or set SEED_EVERYTHING_CUDA_PATH');
    if (device !== 'host') {
      cuda.requireDevice(device);
    }
    this.device = device;
    this.#native = new (binding<CurandNative>().CurandGenerator)(RngType[this.type], device === 'host' ? -1 : device);
    try {
      const defaultOrdering = device !== 'host' && !isQuasi(this.type) ? 'PSEUDO_LEGACY' : undefined;
      const chosen = ordering ?? defaultOrdering;
      if (chosen !== undefined) {
        this.#native.setOrdering(Ordering[chosen]);
        this.#ordering = chosen;
      }
      if (seed !== undefined) this.setSeed(seed);
      if (dimensions !== undefined) this.setQuasiDimensions(dimensions);
      if (offset !== undefined) this.#native.setOffset(offset);
    } catch (err) {
      this.close();
      throw err;
    }
  }

  get closed(): boolean {
    return this.#native === null;
  }

  /** The seed last set through this object, or null (cuRAND's default seed). */
  get seed(): bigint | null {
    return this.#seed;
  }

  get ordering(): OrderingName | null {
    return this.#ordering;
  }

  get dimensions(): number {
    return this.#dimensions;
  }

  #handle(): NativeGenerator {
    if (this.#native === null) throw codedError('Error', 'ERR_CLOSED', 'the cuRAND generator was closed');
    return this.#native;
  }

  #checkOrdering(ordering: OrderingName, device: number | 'host'): void {
    const quasi = isQuasi(this.type);
    if (quasi !== (ordering === 'QUASI_DEFAULT')) {
      throw curandError('RangeError', 'OUT_OF_RANGE', `${ordering} is not an ordering for ${quasi ? 'quasi' : 'pseudo'}-random generator ${this.type}`);
    }
    if (ordering === 'PSEUDO_SEEDED' && this.type !== 'XORWOW' && this.type !== 'PSEUDO_DEFAULT') {
      throw curandError('RangeError', 'OUT_OF_RANGE', `PSEUDO_SEEDED ordering exists only for XORWOW, not ${this.type}`);
    }
    if (ordering === 'PSEUDO_DYNAMIC' && device === 'host') {
      throw curandError('RangeError', 'OUT_OF_RANGE', 'PSEUDO_DYNAMIC ordering exists only for device generators');
    }
  }

  #checkDimensions(dims: unknown): number {
    if (typeof dims !== 'number') throw invalidArgType('dimensions', 'an integer', dims);
    if (!isQuasi(this.type)) throw curandError('TypeError', 'TYPE_ERROR', `${this.type} is pseudo-random and has no dimensions`);
    if (!Number.isInteger(dims) || dims < 1 || dims > MAX_QUASI_DIMENSIONS) {
      throw curandError('RangeError', 'OUT_OF_RANGE', `dimensions must be an integer in [1, ${MAX_QUASI_DIMENSIONS}], received ${describe(dims)}`);
    }
    return dims;
  }

  setSeed(seed: Seed): this {
    const value = toSeed(seed);
    if (isQuasi(this.type)) throw curandError('TypeError', 'TYPE_ERROR', `${this.type} is quasi-random and takes no seed`);
    this.#handle().setSeed(value);
    this.#seed = value;
    return this;
  }

  /**
   * Sets the absolute position in the stream (cuRAND's curandSetGeneratorOffset), in [0, 2^64).
   * Draws across 2^64 go on past it (libcurand does not wrap to 0; docs/philox-stream.md (g)).
   */
  setOffset(offset: bigint | number): this {
    const value = toU64(offset, 'offset');
    this.#handle().setOffset(value);
    return this;
  }

  setOrdering(ordering: OrderingName | number): this {
    const name = resolveOrdering(ordering);
    this.#checkOrdering(name, this.device);
    this.#handle().setOrdering(Ordering[name]);
    this.#ordering = name;
    return this;
  }

  setQuasiDimensions(dimensions: number): this {
    const dims = this.#checkDimensions(dimensions);
    this.#handle().setQuasiDimensions(dims);
    this.#dimensions = dims;
    return this;
  }

  /** A cudaStream_t (as a bigint address) for device generation. */
  setStream(stream: bigint): this {
    if (typeof stream !== 'bigint') throw invalidArgType('stream', 'a bigint (cudaStream_t address)', stream);
    if (!isU64(stream)) throw outOfRange('stream', 'an address in [0, 2^64)', stream);
    if (this.device === 'host') throw curandError('TypeError', 'TYPE_ERROR', 'host generators have no stream');
    this.#handle().setStream(stream);
    return this;
  }

  /** 32-bit integers into a Uint32Array (host) or a DeviceBuffer (device). */
  generate(out: number): Uint32Array;
  generate<T extends Uint32Array | DeviceBuffer>(out: T, count?: number): T;
  generate(out: Uint32Array | DeviceBuffer | number, count?: number): Uint32Array | DeviceBuffer {
    if (is64BitQuasi(this.type)) throw curandError('TypeError', 'TYPE_ERROR', `${this.type} makes 64-bit integers: use generateLongLong`);
    return this.#run('u32', out, count, Uint32Array) as Uint32Array | DeviceBuffer;
  }

  /** 64-bit integers; SOBOL64 and SCRAMBLED_SOBOL64 only. */
  generateLongLong(out: number): BigUint64Array;
  generateLongLong<T extends BigUint64Array | DeviceBuffer>(out: T, count?: number): T;
  generateLongLong(out: BigUint64Array | DeviceBuffer | number, count?: number): BigUint64Array | DeviceBuffer {
    if (!is64BitQuasi(this.type)) throw curandError('TypeError', 'TYPE_ERROR', `${this.type} makes 32-bit integers: use generate`);
    return this.#run('u64', out, count, BigUint64Array) as BigUint64Array | DeviceBuffer;
  }

  /** Uniform floats in (0, 1]: float32 into a Float32Array, float64 into a Float64Array. */
  uniform(out: number): Float32Array;
  uniform<T extends Float32Array | Float64Array | DeviceBuffer>(out: T, options?: DeviceOutputOptions): T;
  uniform(out: Float32Array | Float64Array | DeviceBuffer | number, options?: DeviceOutputOptions): Float32Array | Float64Array | DeviceBuffer {
    return this.#runFloat('uniform', out, options) as Float32Array | Float64Array | DeviceBuffer;
  }

  normal(out: number, mean?: number, std?: number): Float32Array;
  normal<T extends Float32Array | Float64Array | DeviceBuffer>(out: T, mean?: number, std?: number, options?: DeviceOutputOptions): T;
  normal(out: Float32Array | Float64Array | DeviceBuffer | number, mean = 0, std = 1, options?: DeviceOutputOptions): Float32Array | Float64Array | DeviceBuffer {
    return this.#runFloat('normal', out, options, finite(mean, 'mean'), this.#std(std)) as Float32Array | Float64Array | DeviceBuffer;
  }

  logNormal(out: number, mean?: number, std?: number): Float32Array;
  logNormal<T extends Float32Array | Float64Array | DeviceBuffer>(out: T, mean?: number, std?: number, options?: DeviceOutputOptions): T;
  logNormal(out: Float32Array | Float64Array | DeviceBuffer | number, mean = 0, std = 1, options?: DeviceOutputOptions): Float32Array | Float64Array | DeviceBuffer {
    return this.#runFloat('logNormal', out, options, finite(mean, 'mean'), this.#std(std)) as Float32Array | Float64Array | DeviceBuffer;
  }

  poisson(out: number, lambda: number): Uint32Array;
  poisson<T extends Uint32Array | DeviceBuffer>(out: T, lambda: number, count?: number): T;
  poisson(out: Uint32Array | DeviceBuffer | number, lambda: number, count?: number): Uint32Array | DeviceBuffer {
    if (typeof lambda !== 'number') throw invalidArgType('lambda', 'a positive number', lambda);
    if (!(lambda > 0) || !(lambda <= MAX_POISSON_LAMBDA)) {
      throw curandError('RangeError', 'OUT_OF_RANGE', `lambda must be in (0, ${MAX_POISSON_LAMBDA}], received ${describe(lambda)}`);
    }
    return this.#run('poisson', out, count, Uint32Array, lambda) as Uint32Array | DeviceBuffer;
  }

  #std(std: unknown): number {
    const v = finite(std, 'std');
    if (v < 0) throw outOfRange('std', 'a non-negative number', std);
    return v;
  }

  #runFloat(kind: 'uniform' | 'normal' | 'logNormal', out: unknown, options: DeviceOutputOptions | undefined, a?: number, b?: number) {
    const o = readOptions(options, `curand.Generator.${kind}`, OUTPUT_OPTION_KEYS);
    const given = o.dtype;
    if (given !== undefined && given !== 'float32' && given !== 'float64') throw outOfRange('dtype', "'float32' or 'float64'", given);
    let dtype: 'float32' | 'float64';
    const onDevice = DeviceBuffer.isBuffer(out);
    if (onDevice || typeof out === 'number') {
      dtype = given ?? 'float32';
    } else {
      dtype = typedArrayKind(out) === 'Float64Array' ? 'float64' : 'float32';
      if (given !== undefined && given !== dtype) {
        throw invalidArgType('options.dtype', `the output array's own type (${dtype})`, given);
      }
    }
    const full = (dtype === 'float64' ? `${kind}Double` : kind) as Kind;
    const Ctor = dtype === 'float64' ? Float64Array : Float32Array;
    if (!onDevice && typeof out !== 'number' && typedArrayKind(out) !== Ctor.name) {
      throw invalidArgType('out', 'a Float32Array, Float64Array, DeviceBuffer or element count', out);
    }
    return this.#run(full, out, o.count, Ctor, a, b);
  }

  #run(
    kind: Kind,
    out: unknown,
    count: unknown,
    Ctor: Uint32ArrayConstructor | Float32ArrayConstructor | Float64ArrayConstructor | BigUint64ArrayConstructor,
    a?: number,
    b?: number,
  ): Uint32Array | Float32Array | Float64Array | BigUint64Array | DeviceBuffer {
    const native = this.#handle();
    const elementSize = Ctor.BYTES_PER_ELEMENT;
    let target: ArrayBufferView | bigint;
    let result: Uint32Array | Float32Array | Float64Array | BigUint64Array | DeviceBuffer;
    let capacity: number;
    if (typeof out === 'number') {
      if (this.device !== 'host') throw invalidArgType('out', 'a DeviceBuffer for a device generator', out);
      if (!isCount(out, 2 ** 31)) throw outOfRange('count', 'an integer in [0, 2^31]', out);
      result = allocate<Uint32Array | Float32Array | Float64Array | BigUint64Array>(Ctor, out, 'count');
      target = result;
      capacity = out;
    } else if (DeviceBuffer.isBuffer(out)) {
      if (this.device === 'host') throw invalidArgType('out', 'a typed array for a host generator', out);
      const span = DeviceBuffer.span(out) as DeviceSpan;
      if (span.device !== this.device) {
        throw codedError('RangeError', 'ERR_DEVICE_MISMATCH', `the DeviceBuffer is on device ${span.device}, the generator on device ${this.device}`);
      }
      result = out;
      target = span.ptr;
      capacity = Math.floor(span.byteLength / elementSize);
    } else if (typedArrayKind(out) === Ctor.name) {
      if (this.device !== 'host') throw invalidArgType('out', 'a DeviceBuffer for a device generator', out);
      result = out as Uint32Array | Float32Array | Float64Array | BigUint64Array;
      target = result;
      // Measured from the array's internal slots: an own `length` getter cannot change the count.
      capacity = typedArrayLength(result);
    } else {
      throw invalidArgType('out', `a ${Ctor.name}${this.device === 'host' ? '' : ' or DeviceBuffer'}`, out);
    }
    let n = capacity;
    if (count !== undefined) {
      if (typeof count !== 'number') throw invalidArgType('count', 'an integer', count);
      if (!isCount(count, capacity)) throw outOfRange('count', `an integer in [0, ${capacity}]`, count);
      n = count;
    }
    if (isQuasi(this.type)) {
      if (n % this.#dimensions !== 0) {
        throw curandError('RangeError', 'LENGTH_NOT_MULTIPLE', `${this.type} with ${this.#dimensions} dimensions needs a count that is a multiple of ${this.#dimensions}, received ${n}`);
      }
    } else if (kind.startsWith('normal') || kind.startsWith('logNormal')) {
      if (n % 2 !== 0) {
        throw curandError('RangeError', 'LENGTH_NOT_MULTIPLE', `pseudo-random normal and log-normal fills need an even count (Box–Muller makes pairs), received ${n}`);
      }
    }
    native.generate(kind, target, n, a, b);
    return result;
  }

  /** Destroys the generator; later calls are no-ops. The finalizer does the same if close() is never called. */
  close(): void {
    if (this.#native === null) return;
    this.#native.close();
    this.#native = null;
  }
}
