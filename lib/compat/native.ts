// The addon's compat slice (native/compat_binding.cc), loaded on first use so that requiring
// the package still maps no .node. Gaussians need it for exactness: CPython, numpy and PyTorch
// call the C library's log/sin/cos, whose last bits no JavaScript implementation
// reproduces for every input. Bulk fills use it for speed, above thresholds measured with
// bench/compat.ts (below them the JS loops win, the call itself costing more than the draws).
import { binding } from '../binding';

export interface CompatNative {
  /** The per-environment argument slots of the scalar functions below (4 doubles). */
  compatScratch(): Float64Array;
  /** Each fill consumes the 624-word state in place from `pos` and returns the new position. */
  compatFillUint32(key: Uint32Array, pos: number, out: Uint32Array | Int32Array): number;
  compatFillRes53(key: Uint32Array, pos: number, out: Float64Array): number;
  compatFillFloat24(key: Uint32Array, pos: number, out: Float32Array): number;
  /** numpy's legacy gaussians; the cached spare travels in scratch[0] (has) and scratch[1]. */
  compatFillLegacyGauss(key: Uint32Array, pos: number, out: Float64Array, affine: boolean, loc: number, scale: number): number;
  /** scratch[0..1] = (u1, u2) → (value, spare), CPython's gauss(). */
  compatPyGaussPair(): void;
  /** scratch[0] = r2 → sqrt(-2 log(r2) / r2), numpy's polar factor. */
  compatLegacyGaussFactor(): void;
}

let native: CompatNative | undefined;
let slots: Float64Array | undefined;

export function compatNative(): CompatNative {
  if (native === undefined) {
    const b = binding<CompatNative>();
    slots = b.compatScratch();
    native = b;
  }
  return native;
}

/** The scratch slots shared with the addon; loads it. */
export function scratch(): Float64Array {
  if (slots === undefined) compatNative();
  return slots as Float64Array;
}

/**
 * Fills of at least this many values go native. Measured on a 2-core x86-64 VM (Node 20): one
 * call costs about 0.2 us, JS fills about 10 ns per double and 5 ns per word, native fills 1.7
 * and 0.6; the crossovers were near 24 doubles and 48 words (bench/compat.ts prints both paths).
 */
export const NATIVE_MIN_DOUBLES = 32;
export const NATIVE_MIN_WORDS = 64;

/** CPython's gauss() pair: returns the value, leaves the spare in `scratch()[1]`. */
export function pyGaussPair(u1: number, u2: number): number {
  const s = slots ?? scratch();
  s[0] = u1;
  s[1] = u2;
  (native as CompatNative).compatPyGaussPair();
  return s[0];
}

/** numpy's polar factor sqrt(-2 log(r2) / r2) with the C library's log. */
export function legacyGaussFactor(r2: number): number {
  const s = slots ?? scratch();
  s[0] = r2;
  (native as CompatNative).compatLegacyGaussFactor();
  return s[0];
}
