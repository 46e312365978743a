// CPU Philox4x32-10, bit-identical to cuRAND's PHILOX4_32_10 host generator (legacy ordering):
// the same seed and offset give the numbers a cuRAND generator gives, on any machine, without
// CUDA. Layouts and the cuRAND defects we do not copy: docs/philox-stream.md.
import { binding } from '../core/binding';
import { allocate, codedError, invalidArgType, outOfRange } from '../core/errors';
import { parseDecimal, toU64 } from '../core/ints';
import { readOptions } from '../core/read';
import { type Seed, toSeed } from '../core/seed';

export type PhiloxSimd = 'scalar' | 'avx2' | 'avx512';
type Kind = 'u32' | 'uniform' | 'uniformDouble' | 'normal' | 'normalDouble' | 'logNormal' | 'logNormalDouble';
type Out = Uint32Array | Float32Array | Float64Array;

interface PhiloxNative {
  philoxFill(kind: Kind, out: Out, seed: bigint, offset: bigint, anchor: bigint, mean: number, std: number, threads: number): void;
  philoxFillNew<T extends Out>(kind: Kind, count: number, seed: bigint, offset: bigint, anchor: bigint, mean: number, std: number, threads: number): Promise<T>;
  philoxSimd(path?: PhiloxSimd | null): PhiloxSimd;
  philoxSimdSupported(path: PhiloxSimd): boolean;
  philoxInfo(): { threadThreshold: number; hardwareThreads: number; poolThreads: number; calibrated: boolean; cachedBlockBytes: number };
  philoxAdviseHugePages(out: Out): void;
}

const native = () => binding<PhiloxNative>();
/**
 * Positions do not wrap at 2^64: libcurand's host generator goes on into the blocks past it
 * (docs/philox-stream.md (g)), so a generator set near 2^64 keeps drawing across it. A position
 * can only get past 2^64 by drawing, and reaching this limit takes 2^64 more draws; a call that
 * would pass it throws ERR_PHILOX_EXHAUSTED.
 */
export const PHILOX_POSITION_LIMIT = 1n << 65n;
const SIMD_PATHS: readonly PhiloxSimd[] = ['scalar', 'avx2', 'avx512'];
let threadCount = 0;

function toOffset(offset: unknown): bigint {
  return toU64(offset, 'offset');
}

/** Throws ERR_PHILOX_EXHAUSTED unless `count` elements from position `at` end by the limit. */
export function checkDraw(at: bigint, count: number): void {
  if (at + BigInt(count) <= PHILOX_POSITION_LIMIT) return;
  throw codedError('RangeError', 'ERR_PHILOX_EXHAUSTED', `drawing ${count} values at stream position ${at} would pass the end of the stream, ${PHILOX_POSITION_LIMIT}`, {
    offset: at,
    count,
  });
}

function toParam(value: unknown, name: string): number {
  if (typeof value !== 'number') throw invalidArgType(name, 'a number', value);
  if (!Number.isFinite(value)) throw outOfRange(name, 'finite', value);
  return value;
}

// A subclass may override `length`; the offset must advance by what the addon really writes.
const typedLength = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'length')!.get as (this: Out) => number;

type ArrayCtor<T extends Out> = { new (n: number): T; new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; readonly name: string };

function toCount(arg: number): number {
  if (!Number.isSafeInteger(arg) || arg < 0 || arg > 2 ** 32) throw outOfRange('n', 'an integer in [0, 2^32]', arg);
  return arg;
}

// An output of this size or more is about to be written whole, so its pages not yet written may
// as well fault in huge pages (native/philox/philox_memory.h: on a VM a new array's first fill
// is then 10x faster or more). Smaller ones hold no whole 2 MiB page worth the call.
const HUGE_PAGE_OUTPUT_BYTES = 4 << 20;
const adviseHugePages = (out: Out) => {
  if (typedByteLength.call(out) >= HUGE_PAGE_OUTPUT_BYTES) native().philoxAdviseHugePages(out);
};

function output<T extends Out>(arg: unknown, Ctor: ArrayCtor<T>): T {
  if (typeof arg === 'number') return allocate(Ctor, toCount(arg), 'n');
  if (arg instanceof Ctor) return arg;
  throw invalidArgType('out', `a length or a ${Ctor.name}`, arg);
}

// The array form fills the caller's array in steps on the JS thread, helped by the pool's
// threads, yielding to the event loop between steps. No other thread may write that array while
// JS runs (a transfer can detach it and free its memory at any moment), and a copy from memory
// of the addon's costs the JS thread as much as its share of the fill itself: measured on the
// 2-core EPYC, copying 256 MiB from pre-faulted 4 MiB slots took 19 ms on the JS thread, and a
// pipeline of slot fills and copies reached only 0.54–0.73x the sync fill (21 ms), while steps
// reach the sync fill's speed. Steps are sized to take about STEP_MS each.
const STEP_MS = 2;
const FIRST_STEP = 1 << 18;
const MIN_STEP = 1 << 16;
const MAX_STEP = 1 << 26;
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const typedProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
const typedGetter = <R>(name: string) => Object.getOwnPropertyDescriptor(typedProto, name)!.get as (this: Out) => R;
const typedBuffer = typedGetter<ArrayBufferLike>('buffer');
const typedByteOffset = typedGetter<number>('byteOffset');
const typedByteLength = typedGetter<number>('byteLength');

// The next step's size from the last one's rate, growing at most fourfold a step: from
// FIRST_STEP a 2^26 float fill reaches ~2 ms steps after three (0.83-0.89x the sync speed with
// twofold growth, bench/philox.ts). Each fill starts small again, since its array may be fresh
// memory, whose page faults make the first pass many times slower than the rate last seen.
function nextStep(n: number, ms: number): number {
  return clampStep(ms > 0 ? Math.min(4 * n, (n * STEP_MS) / ms) : 4 * n);
}

const clampStep = (n: number) => Math.min(MAX_STEP, Math.max(MIN_STEP, n)) & ~4095;

/**
 * Fills `out` from stream position `at`, one step per event-loop turn, starting on the next
 * turn. Before each step `out` must still have the memory it had (ERR_DETACHED_BUFFER when a
 * transfer or resize took it); a step writes only while the JS thread is inside it.
 */
async function fillInSteps<T extends Out>(req: { kind: Kind; seed: bigint; at: bigint; anchor: bigint; mean: number; std: number }, out: T, Ctor: ArrayCtor<T>, count: number): Promise<T> {
  const nat = native();
  const buffer = typedBuffer.call(out);
  const base = typedByteOffset.call(out);
  const size = out.BYTES_PER_ELEMENT;
  adviseHugePages(out);
  let step = FIRST_STEP;
  for (let done = 0; done < count; ) {
    await yieldTurn();
    if (typedLength.call(out) !== count || typedBuffer.call(out) !== buffer) {
      throw codedError('Error', 'ERR_DETACHED_BUFFER', 'the output array\'s buffer was transferred or resized before the async Philox fill completed', { filled: done, count });
    }
    const n = Math.min(step, count - done);
    const t0 = performance.now();
    nat.philoxFill(req.kind, new Ctor(buffer, base + done * size, n), req.seed, req.at + BigInt(done), req.anchor, req.mean, req.std, threadCount);
    step = nextStep(n, performance.now() - t0);
    done += n;
  }
  return out;
}

export interface PhiloxState {
  seed: string;
  offset: string;
  /** the offset last assigned: doubles are laid out relative to it */
  anchor: string;
}

/**
 * cuRAND's Philox4x32-10 stream on the CPU. `offset` counts elements of the kind generated, as
 * cuRAND's generator offset does, and every call advances it by its count, so successive calls
 * continue exactly as successive calls on a cuRAND generator do, also across 2^64: the offset
 * read back can then exceed 2^64 - 1, which the setter (like curandSetGeneratorOffset) cannot
 * take; getState/fromState carry it.
 */
export class Philox {
  readonly seed: bigint;
  #offset: bigint;
  // The offset last assigned (curandSetGeneratorOffset): doubles are laid out relative to it.
  #anchor: bigint;

  constructor(seed: Seed, offset: bigint | number = 0n) {
    this.seed = toSeed(seed);
    this.#offset = this.#anchor = toOffset(offset);
  }

  get offset(): bigint {
    return this.#offset;
  }

  /** Like curandSetGeneratorOffset: an absolute position. */
  set offset(value: bigint | number) {
    this.#offset = this.#anchor = toOffset(value);
  }

  /** Everything that decides the next draws, JSON-serialisable (decimal strings). */
  getState(): PhiloxState {
    return { seed: this.seed.toString(), offset: this.#offset.toString(), anchor: this.#anchor.toString() };
  }

  /**
   * A generator continuing exactly where the one that gave `state` was. `offset` may lie past
   * 2^64 (up to PHILOX_POSITION_LIMIT); seed and anchor are below 2^64.
   */
  static fromState(state: PhiloxState): Philox {
    if (state === null || typeof state !== 'object') throw invalidArgType('state', 'a Philox state object', state);
    const copy = readOptions(state, 'Philox.fromState', ['seed', 'offset', 'anchor'], 'state');
    const p = new Philox(parseDecimal(copy.seed, 'state.seed'), parseDecimal(copy.anchor, 'state.anchor'));
    p.#offset = parseDecimal(copy.offset, 'state.offset', PHILOX_POSITION_LIMIT);
    return p;
  }

  uint32(out: number | Uint32Array): Uint32Array {
    return this.#fill('u32', out, Uint32Array, 0, 1);
  }
  uniform(out: number | Float32Array): Float32Array {
    return this.#fill('uniform', out, Float32Array, 0, 1);
  }
  uniformDouble(out: number | Float64Array): Float64Array {
    return this.#fill('uniformDouble', out, Float64Array, 0, 1);
  }
  normal(out: number | Float32Array, mean = 0, std = 1): Float32Array {
    return this.#fill('normal', out, Float32Array, mean, std);
  }
  normalDouble(out: number | Float64Array, mean = 0, std = 1): Float64Array {
    return this.#fill('normalDouble', out, Float64Array, mean, std);
  }
  logNormal(out: number | Float32Array, mean = 0, std = 1): Float32Array {
    return this.#fill('logNormal', out, Float32Array, mean, std);
  }
  logNormalDouble(out: number | Float64Array, mean = 0, std = 1): Float64Array {
    return this.#fill('logNormalDouble', out, Float64Array, mean, std);
  }

  // Without blocking the event loop. The offset advances when the call is made, so calls issued
  // back to back cover consecutive ranges whatever order they finish in. With a count the result
  // is memory the addon filled off the JS thread (no copy); with an array, it is filled in steps
  // of about 2 ms from the next event-loop turn on (fillInSteps): do not touch it until the
  // promise resolves.
  uint32Async(out: number | Uint32Array): Promise<Uint32Array> {
    return this.#fillAsync('u32', out, Uint32Array, 0, 1);
  }
  uniformAsync(out: number | Float32Array): Promise<Float32Array> {
    return this.#fillAsync('uniform', out, Float32Array, 0, 1);
  }
  uniformDoubleAsync(out: number | Float64Array): Promise<Float64Array> {
    return this.#fillAsync('uniformDouble', out, Float64Array, 0, 1);
  }
  normalAsync(out: number | Float32Array, mean = 0, std = 1): Promise<Float32Array> {
    return this.#fillAsync('normal', out, Float32Array, mean, std);
  }
  normalDoubleAsync(out: number | Float64Array, mean = 0, std = 1): Promise<Float64Array> {
    return this.#fillAsync('normalDouble', out, Float64Array, mean, std);
  }
  logNormalAsync(out: number | Float32Array, mean = 0, std = 1): Promise<Float32Array> {
    return this.#fillAsync('logNormal', out, Float32Array, mean, std);
  }
  logNormalDoubleAsync(out: number | Float64Array, mean = 0, std = 1): Promise<Float64Array> {
    return this.#fillAsync('logNormalDouble', out, Float64Array, mean, std);
  }

  // Parameters are checked before the output is allocated: a bad mean must not cost gigabytes.
  #fill<T extends Out>(kind: Kind, arg: unknown, Ctor: ArrayCtor<T>, mean: unknown, std: unknown): T {
    const m = toParam(mean, 'mean');
    const s = toParam(std, 'std');
    const out = output(arg, Ctor);
    const n = typedLength.call(out);
    if (n === 0) return out;
    const at = this.#offset;
    checkDraw(at, n);
    adviseHugePages(out);
    native().philoxFill(kind, out, this.seed, at, this.#anchor, m, s, threadCount);
    this.#offset = at + BigInt(n);
    return out;
  }

  #fillAsync<T extends Out>(kind: Kind, arg: unknown, Ctor: ArrayCtor<T>, mean: unknown, std: unknown): Promise<T> {
    try {
      const m = toParam(mean, 'mean');
      const s = toParam(std, 'std');
      let out: T | undefined;
      if (typeof arg === 'number') toCount(arg);
      else out = output(arg, Ctor);
      const n = out === undefined ? (arg as number) : typedLength.call(out);
      if (n === 0) return Promise.resolve(out ?? new Ctor(0));
      const at = this.#offset;
      checkDraw(at, n);
      const promise =
        out === undefined
          ? native().philoxFillNew<T>(kind, n, this.seed, at, this.#anchor, m, s, threadCount)
          : fillInSteps({ kind, seed: this.seed, at, anchor: this.#anchor, mean: m, std: s }, out, Ctor, n);
      this.#offset = at + BigInt(n);
      return promise;
    } catch (err) {
      return Promise.reject(err);
    }
  }
}

function toSimd(path: unknown): PhiloxSimd {
  if (typeof path !== 'string') throw invalidArgType('path', "'scalar', 'avx2' or 'avx512'", path);
  if (!(SIMD_PATHS as readonly string[]).includes(path)) throw outOfRange('path', "'scalar', 'avx2' or 'avx512'", path);
  return path as PhiloxSimd;
}

/**
 * The instruction set the Philox engine uses. With a path, forces it (throws
 * ERR_PHILOX_SIMD_UNSUPPORTED where the CPU lacks it); with null, returns to the best the CPU
 * has. Every path gives the same bits; this exists so tests can prove it.
 */
export function philoxSimd(path?: PhiloxSimd | null): PhiloxSimd {
  if (path === undefined) return native().philoxSimd();
  if (path === null) return native().philoxSimd(null);
  const p = toSimd(path);
  if (!native().philoxSimdSupported(p)) {
    throw codedError('Error', 'ERR_PHILOX_SIMD_UNSUPPORTED', `this CPU or build cannot run the ${p} Philox path`, { path: p });
  }
  return native().philoxSimd(p);
}

export function philoxSimdSupported(path: PhiloxSimd): boolean {
  return native().philoxSimdSupported(toSimd(path));
}

/**
 * Threads per fill: 0 (default) = one below `threadThreshold` elements, all cores above it.
 * Returns the setting in force. Results never depend on it.
 */
export function philoxThreads(count?: number): number {
  if (count !== undefined) {
    if (!Number.isSafeInteger(count) || count < 0 || count > 1024) throw outOfRange('threads', 'an integer in [0, 1024]', count);
    threadCount = count;
  }
  return threadCount;
}

/**
 * simd: the path in force; calibrated: whether the paths have been timed (on first use);
 * poolThreads: helper threads started so far (started once, kept for the life of the process);
 * cachedBlockBytes: memory of collected count-form async results kept for reuse (at most 512 MiB).
 */
export function philoxInfo(): {
  simd: PhiloxSimd;
  threads: number;
  threadThreshold: number;
  hardwareThreads: number;
  poolThreads: number;
  calibrated: boolean;
  cachedBlockBytes: number;
} {
  return { simd: native().philoxSimd(), threads: threadCount, ...native().philoxInfo() };
}

