// Mersenne Twister MT19937 (Matsumoto & Nishimura, 1998), the engine behind CPython's
// `random`, numpy's legacy RandomState and PyTorch's CPU generator. The state lives in one
// buffer seen twice: `key` (Uint32Array) is what callers read and write, `s` (Int32Array) is
// what the hot loops use, because V8 keeps int32 values unboxed while uint32 values above
// 2^31 may fall back to doubles. Large fills run natively on the same buffer (lib/compat/native.ts).
import { codedError } from '../core/errors';
import { compatNative, NATIVE_MIN_DOUBLES, NATIVE_MIN_WORDS } from './native';

// Kept module-local: an exported const compiles to `exports.N`, a property load in every loop.
const N = 624;
export { N };
const M = 397;
const MATRIX_A = 0x9908b0df | 0;
const UPPER = 0x80000000 | 0;
const LOWER = 0x7fffffff;
const TEMPER_B = 0x9d2c5680 | 0;
const TEMPER_C = 0xefc60000 | 0;
const TWO_POW_26 = 67108864;
const TWO_POW_M53 = 1 / 9007199254740992;
const TWO_POW_M24 = 1 / 16777216;

export class MT19937 {
  /** The 624 state words. */
  readonly key: Uint32Array;
  /** Next word to temper; N means the state must be regenerated first. */
  index: number;
  private readonly s: Int32Array;

  constructor(seed = 5489) {
    this.key = new Uint32Array(N);
    this.s = new Int32Array(this.key.buffer);
    this.index = N;
    this.initGenrand(seed);
  }

  /** The reference `init_genrand`: a 32-bit seed spread by a linear recurrence. */
  initGenrand(seed: number): void {
    const s = this.s;
    let prev = seed | 0;
    s[0] = prev;
    for (let i = 1; i < N; i++) {
      prev = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) | 0;
      s[i] = prev;
    }
    this.index = N;
  }

  /** The reference `init_by_array`: folds any number of 32-bit words into the state. */
  initByArray(words: ArrayLike<number>): void {
    this.initGenrand(19650218);
    const s = this.s;
    const len = words.length;
    let i = 1;
    let j = 0;
    for (let k = N > len ? N : len; k > 0; k--) {
      const p = s[i - 1];
      s[i] = ((s[i] ^ Math.imul(p ^ (p >>> 30), 1664525)) + (words[j] | 0) + j) | 0;
      i++;
      j++;
      if (i >= N) {
        s[0] = s[N - 1];
        i = 1;
      }
      if (j >= len) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const p = s[i - 1];
      s[i] = ((s[i] ^ Math.imul(p ^ (p >>> 30), 1566083941)) - i) | 0;
      i++;
      if (i >= N) {
        s[0] = s[N - 1];
        i = 1;
      }
    }
    // Guarantees a non-zero state whatever the key.
    s[0] = UPPER;
    this.index = N;
  }

  /** Regenerates all 624 words at once. */
  twist(): void {
    twistState(this.s);
    this.index = 0;
  }

  /** Next output as a signed 32-bit integer (same bits as `genrandUint32`). */
  genrandInt32(): number {
    if (this.index >= N) this.twist();
    let y = this.s[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & TEMPER_B;
    y ^= (y << 15) & TEMPER_C;
    return y ^ (y >>> 18);
  }

  /** Next output in [0, 2^32). */
  genrandUint32(): number {
    return this.genrandInt32() >>> 0;
  }

  /** 53-bit double in [0, 1) from two outputs: (a >> 5) * 2^26 + (b >> 6), over 2^53. */
  genrandRes53(): number {
    const i = this.index;
    if (i >= N - 1) {
      const a = this.genrandInt32() >>> 5;
      const b = this.genrandInt32() >>> 6;
      return (a * TWO_POW_26 + b) * TWO_POW_M53;
    }
    const s = this.s;
    let a = s[i];
    let b = s[i + 1];
    this.index = i + 2;
    a ^= a >>> 11;
    a ^= (a << 7) & TEMPER_B;
    a ^= (a << 15) & TEMPER_C;
    b ^= b >>> 11;
    b ^= (b << 7) & TEMPER_B;
    b ^= (b << 15) & TEMPER_C;
    return (((a ^ (a >>> 18)) >>> 5) * TWO_POW_26 + ((b ^ (b >>> 18)) >>> 6)) * TWO_POW_M53;
  }

  /** Fills `out[from..to)` with raw outputs. */
  fillUint32(out: Uint32Array | Int32Array, from = 0, to = out.length): void {
    if (to - from >= NATIVE_MIN_WORDS) {
      this.index = compatNative().compatFillUint32(this.key, this.index, span(out, from, to));
      return;
    }
    const s = this.s;
    let idx = this.index;
    for (let o = from; o < to; ) {
      if (idx >= N) {
        twistState(s);
        idx = 0;
      }
      const stop = Math.min(to, o + (N - idx));
      for (; o < stop; o++) {
        let y = s[idx++];
        y ^= y >>> 11;
        y ^= (y << 7) & TEMPER_B;
        y ^= (y << 15) & TEMPER_C;
        out[o] = y ^ (y >>> 18);
      }
    }
    this.index = idx;
  }

  /** Fills `out[from..to)` with `genrandRes53` values, reading the state in place. */
  fillRes53(out: Float64Array, from = 0, to = out.length): void {
    if (to - from >= NATIVE_MIN_DOUBLES) {
      this.index = compatNative().compatFillRes53(this.key, this.index, span(out, from, to));
      return;
    }
    const s = this.s;
    let idx = this.index;
    let o = from;
    while (o < to) {
      if (idx >= N - 1) {
        // A pair straddles the regeneration: take it the slow way.
        this.index = idx;
        out[o++] = this.genrandRes53();
        idx = this.index;
        continue;
      }
      const stop = Math.min(to, o + ((N - idx) >> 1));
      for (; o < stop; o++) {
        let a = s[idx];
        let b = s[idx + 1];
        idx += 2;
        a ^= a >>> 11;
        a ^= (a << 7) & TEMPER_B;
        a ^= (a << 15) & TEMPER_C;
        a ^= a >>> 18;
        b ^= b >>> 11;
        b ^= (b << 7) & TEMPER_B;
        b ^= (b << 15) & TEMPER_C;
        b ^= b >>> 18;
        out[o] = ((a >>> 5) * TWO_POW_26 + (b >>> 6)) * TWO_POW_M53;
      }
    }
    this.index = idx;
  }

  /** Fills `out[from..to)` with PyTorch's float uniforms, `(word & 0xFFFFFF) * 2^-24`. */
  fillFloat24(out: Float32Array, from = 0, to = out.length): void {
    if (to - from >= NATIVE_MIN_WORDS) {
      this.index = compatNative().compatFillFloat24(this.key, this.index, span(out, from, to));
      return;
    }
    for (let o = from; o < to; o++) out[o] = (this.genrandInt32() & 0xffffff) * TWO_POW_M24;
  }

  /** Copies state and position from another engine. */
  copyFrom(other: MT19937): void {
    this.key.set(other.key);
    this.index = other.index;
  }
}

/**
 * Refuses, with ERR_INVALID_STATE, the 624 words that give only zeros from the next regeneration on:
 * all zero except the low 31 bits of word 0, which the recurrence never reads. No seed produces
 * them; CPython and numpy accept them, after which numpy's polar gaussians never return.
 */
export function checkLiveState(words: ArrayLike<number>, owner: string): void {
  let bits = words[0] & UPPER;
  for (let i = 1; i < N; i++) bits |= words[i];
  if (bits === 0) {
    throw codedError('RangeError', 'ERR_INVALID_STATE', `invalid ${owner} state: the MT19937 words are all zero (no seed gives that; every draw would be 0)`);
  }
}

// A plain function over the typed array: V8 optimises it once for every engine.
function twistState(s: Int32Array): void {
  let kk = 0;
  let y = 0;
  for (; kk < N - M; kk++) {
    y = (s[kk] & UPPER) | (s[kk + 1] & LOWER);
    s[kk] = s[kk + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  }
  for (; kk < N - 1; kk++) {
    y = (s[kk] & UPPER) | (s[kk + 1] & LOWER);
    s[kk] = s[kk + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  }
  y = (s[N - 1] & UPPER) | (s[0] & LOWER);
  s[N - 1] = s[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
}

function span<T extends Uint32Array | Int32Array | Float64Array | Float32Array>(out: T, from: number, to: number): T {
  return from === 0 && to === out.length ? out : (out.subarray(from, to) as T);
}
