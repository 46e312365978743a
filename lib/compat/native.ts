// The addon's compat slice (native/mt19937/compat_binding.cc), loaded on first use so that requiring
// the package still maps no .node. Gaussians need it for exactness: CPython, numpy and PyTorch
// call the C library's log/sin/cos, whose last bits no JavaScript implementation
// reproduces for every input. Bulk fills use it for speed, above thresholds measured with
// bench/compat.ts (below them the JS loops win, the call itself costing more than the draws).
import { binding } from '../core/binding';

export interface CompatNative {
  /** Each fill consumes the 624-word state in place from `pos` and returns the new position. */
  compatFillUint32(key: Uint32Array, pos: number, out: Uint32Array | Int32Array): number;
  compatFillRes53(key: Uint32Array, pos: number, out: Float64Array): number;
  compatFillFloat24(key: Uint32Array, pos: number, out: Float32Array): number;
  /** numpy's legacy gaussians; the cached spare travels in slots[0] (has) and slots[1]. */
  compatFillLegacyGauss(key: Uint32Array, pos: number, out: Float64Array, affine: boolean, loc: number, scale: number, slots: ArrayBuffer): number;
  /** slots[0..1] = (u1, u2) → (value, spare), CPython's gauss(). */
  compatPyGaussPair(slots: ArrayBuffer): void;
  /** slots[0] = r2 → sqrt(-2 log(r2) / r2), numpy's polar factor. */
  compatLegacyGaussFactor(slots: ArrayBuffer): void;
}

let native: CompatNative | undefined;
// The argument slots of the scalar calls, as doubles over one ArrayBuffer. Module-private and
// passed on every call, so that the addon keeps no pointer into memory that other code could
// detach or free between calls.
const slotBytes = new ArrayBuffer(32);
const slots = new Float64Array(slotBytes);

export function compatNative(): CompatNative {
  if (native === undefined) native = binding<CompatNative>();
  return native;
}

/** The argument slots' bytes, what the native calls take. */
export function slotBuffer(): ArrayBuffer {
  return slotBytes;
}

/** The argument slots: after a pair function, `scratch()[1]` holds the spare. */
export function scratch(): Float64Array {
  return slots;
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
  slots[0] = u1;
  slots[1] = u2;
  (native ?? compatNative()).compatPyGaussPair(slotBytes);
  return slots[0];
}

/** numpy's polar factor sqrt(-2 log(r2) / r2) with the C library's log. */
export function legacyGaussFactor(r2: number): number {
  slots[0] = r2;
  (native ?? compatNative()).compatLegacyGaussFactor(slotBytes);
  return slots[0];
}
