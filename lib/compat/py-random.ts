// CPython's `random.Random`, bit for bit: same seeding, same MT19937 stream, and the same
// consumption of that stream by every method, so a seed shared with a Python process gives the
// same draws on both sides.
import { createHash, randomBytes } from 'node:crypto';
import { codedError, describe, invalidArgType, outOfRange } from '../core/errors';
import { readArray, typedArrayKind } from '../core/read';
import { checkLiveState, MT19937, N } from './mt19937';
import { pyGaussPair, scratch } from './native';
import { bitLength, bitLengthNumber, isSafeInt, lengthOf, toBigInt, writableLengthOf, toWords, type IntLike } from '../core/ints';

/** What `new PyRandom(x)` / `seed(x)` accept; negative integers seed as their absolute value. */
export type PySeed = number | bigint | string | Uint8Array | null | undefined;

/** `random.getstate()`: [version 3, 624 words + index, cached gauss value or null]. */
export type PyRandomState = [3, number[], number | null];

const TWO_POW_32 = 4294967296;

export class PyRandom {
  private readonly mt = new MT19937();
  private gaussNext: number | null = null;

  constructor(seed?: PySeed) {
    this.seed(seed);
  }

  /**
   * Seeds as `random.seed(x)` (version 2): integers by absolute value, all of their 32-bit
   * words; strings and bytes with their SHA-512 appended; nothing: 2496 bytes from the OS.
   * Float seeds (which Python hashes) are refused rather than guessed.
   */
  seed(seed?: PySeed): void {
    this.gaussNext = null;
    if (seed === undefined || seed === null) {
      const bytes = randomBytes(N * 4);
      const words = new Uint32Array(bytes.buffer, bytes.byteOffset, N);
      this.mt.initByArray(words);
      return;
    }
    let value: bigint;
    if (typeof seed === 'string' || typedArrayKind(seed) === 'Uint8Array') {
      const bytes = typeof seed === 'string' ? Buffer.from(seed, 'utf8') : copyBytes(seed as Uint8Array);
      const digest = createHash('sha512').update(bytes).digest();
      const all = Buffer.concat([bytes, digest]);
      value = BigInt(`0x${all.toString('hex')}`);
    } else if (typeof seed === 'number' || typeof seed === 'bigint') {
      value = toBigInt(seed, 'seed');
      if (value < 0n) value = -value;
    } else {
      throw invalidArgType('seed', 'an integer, bigint, string or Uint8Array', seed);
    }
    const words = toWords(value);
    this.mt.initByArray(words.length ? words : [0]);
  }

  /** Float in [0, 1) with 53 random bits. */
  random(): number {
    return this.mt.genrandRes53();
  }

  /** A bigint with `k` random bits, always (one rule, whatever k). */
  getrandbits(k: number): bigint {
    if (typeof k !== 'number' || !Number.isInteger(k)) throw invalidArgType('k', 'an integer', k);
    if (k < 0) throw outOfRange('k', 'non-negative', k);
    if (k <= 32) return BigInt(k === 0 ? 0 : this.mt.genrandUint32() >>> (32 - k));
    return this.bigBits(k);
  }

  /** `randrange(stop)` or `randrange(start, stop, step = 1)`; bigint result when any argument is one. */
  randrange(start: number, stop?: number, step?: number): number;
  randrange(start: IntLike, stop?: IntLike, step?: IntLike): IntLike;
  randrange(start: IntLike, stop?: IntLike, step?: IntLike): IntLike {
    if (stop === undefined && step === undefined && isSafeInt(start)) {
      if (start > 0) return this.belowNumber(start);
      throw emptyRange(start);
    }
    if (step === undefined && isSafeInt(start) && isSafeInt(stop)) {
      const width = stop - start;
      if (width > 0 && width <= Number.MAX_SAFE_INTEGER) return start + this.belowNumber(width);
    }
    return this.randrangeSlow(start, stop, step);
  }

  /** Integer in [a, b], both ends included. */
  randint(a: number, b: number): number;
  randint(a: IntLike, b: IntLike): IntLike;
  randint(a: IntLike, b: IntLike): IntLike {
    if (isSafeInt(a) && isSafeInt(b)) {
      const width = b - a + 1;
      if (width > 0 && width <= Number.MAX_SAFE_INTEGER) return a + this.belowNumber(width);
    }
    const big = toBigInt(b, 'b') + 1n;
    const result = this.randrangeSlow(a, big, undefined);
    return typeof a === 'bigint' || typeof b === 'bigint' ? result : Number(result);
  }

  /** One element; an empty sequence is an error, as in Python. */
  choice<T>(seq: ArrayLike<T>): T {
    const n = lengthOf(seq, 'seq');
    if (n === 0) throw codedError('RangeError', 'ERR_EMPTY_SEQUENCE', 'Cannot choose from an empty sequence');
    return seq[this.belowNumber(n)];
  }

  /** Shuffles in place (Fisher–Yates from the end) and returns the same array. */
  shuffle<A extends { length: number; [i: number]: unknown }>(arr: A): A {
    const n = writableLengthOf(arr, 'arr');
    for (let i = n - 1; i > 0; i--) {
      const j = this.belowNumber(i + 1);
      const t = arr[i];
      arr[i] = arr[j];
      arr[j] = t;
    }
    return arr;
  }

  /** `k` distinct picks, in selection order, with Python's pool/set switch. */
  sample<T>(population: ArrayLike<T>, k: number): T[] {
    const n = lengthOf(population, 'population');
    if (typeof k !== 'number' || !Number.isInteger(k)) throw invalidArgType('k', 'an integer', k);
    if (k < 0 || k > n) {
      throw codedError('RangeError', 'ERR_SAMPLE_LARGER_THAN_POPULATION', 'Sample larger than population or is negative', {
        k,
        populationSize: n,
      });
    }
    const result: T[] = new Array(k);
    // Python picks by memory size: a copied pool when it is smaller than a set of k indices.
    let setsize = 21;
    if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
    if (n <= setsize) {
      const pool = Array.from(population);
      for (let i = 0; i < k; i++) {
        const j = this.belowNumber(n - i);
        result[i] = pool[j];
        pool[j] = pool[n - i - 1];
      }
    } else {
      const selected = new Set<number>();
      for (let i = 0; i < k; i++) {
        let j = this.belowNumber(n);
        while (selected.has(j)) j = this.belowNumber(n);
        selected.add(j);
        result[i] = population[j];
      }
    }
    return result;
  }

  uniform(a: number, b: number): number {
    checkFloat(a, 'a');
    checkFloat(b, 'b');
    return a + (b - a) * this.random();
  }

  /**
   * Box–Muller with the second value kept for the next call (not thread-safe in Python either).
   * The pair is computed by the addon with the C library's log/cos/sin, as CPython does.
   */
  gauss(mu = 0, sigma = 1): number {
    checkFloat(mu, 'mu');
    checkFloat(sigma, 'sigma');
    let z = this.gaussNext;
    this.gaussNext = null;
    if (z === null) {
      const u1 = this.random();
      z = pyGaussPair(u1, this.random());
      this.gaussNext = scratch()[1];
    }
    return mu + z * sigma;
  }

  getstate(): PyRandomState {
    const words = Array.from(this.mt.key);
    words.push(this.mt.index);
    return [3, words, this.gaussNext];
  }

  /** Restores `getstate()` output. The state is copied once, validated whole, then applied. */
  setstate(state: PyRandomState): void {
    const [version, rawWords, gaussNext] = readState(state);
    if (version !== 3) throw invalidState(`state version ${describe(version)} is not 3`);
    const words = readArray(rawWords, 'words', { max: N + 1, fail: invalidState });
    if (words.length !== N + 1) throw invalidState(`expected ${N + 1} integers`);
    for (let i = 0; i < N; i++) {
      const w = words[i];
      if (!Number.isInteger(w) || (w as number) < 0 || (w as number) >= TWO_POW_32) throw invalidState(`word ${i} is not a 32-bit unsigned integer`);
    }
    const index = words[N];
    if (!Number.isInteger(index) || (index as number) < 0 || (index as number) > N) throw invalidState('index out of range');
    if (gaussNext !== null && typeof gaussNext !== 'number') throw invalidState('gaussNext must be a number or null');
    checkLiveState(words as number[], 'PyRandom');
    for (let i = 0; i < N; i++) this.mt.key[i] = words[i] as number;
    this.mt.index = index as number;
    this.gaussNext = gaussNext;
  }

  /** `_randbelow` by rejection on `getrandbits(n.bit_length())`, for 1 <= n <= 2^53. */
  private belowNumber(n: number): number {
    const mt = this.mt;
    const k = bitLengthNumber(n);
    if (k <= 32) {
      const shift = 32 - k;
      let r = mt.genrandUint32() >>> shift;
      while (r >= n) r = mt.genrandUint32() >>> shift;
      return r;
    }
    const shift = 64 - k;
    for (;;) {
      const lo = mt.genrandUint32();
      const r = (mt.genrandUint32() >>> shift) * TWO_POW_32 + lo;
      if (r < n) return r;
    }
  }

  private belowBig(n: bigint): bigint {
    if (n <= BigInt(Number.MAX_SAFE_INTEGER)) return BigInt(this.belowNumber(Number(n)));
    const k = bitLength(n);
    let r = this.bigBits(k);
    while (r >= n) r = this.bigBits(k);
    return r;
  }

  /** Words least significant first; the last one keeps its top bits. */
  private bigBits(k: number): bigint {
    let result = 0n;
    let shift = 0n;
    for (let left = k; left > 0; left -= 32, shift += 32n) {
      let r = this.mt.genrandUint32();
      if (left < 32) r >>>= 32 - left;
      result |= BigInt(r) << shift;
    }
    return result;
  }

  private randrangeSlow(start: IntLike, stop: IntLike | undefined, step: IntLike | undefined): IntLike {
    const asBig = typeof start === 'bigint' || typeof stop === 'bigint' || typeof step === 'bigint';
    const out = (v: bigint): IntLike => (asBig ? v : Number(v));
    const istart = toBigInt(start, 'start');
    if (stop === undefined) {
      if (step !== undefined) throw codedError('TypeError', 'ERR_MISSING_ARGS', 'Missing a non-undefined stop argument');
      if (istart > 0n) return out(this.belowBig(istart));
      throw emptyRange(start);
    }
    const istop = toBigInt(stop, 'stop');
    const width = istop - istart;
    const istep = step === undefined ? 1n : toBigInt(step, 'step');
    if (istep === 1n) {
      if (width > 0n) return out(istart + this.belowBig(width));
      throw emptyRange(start, stop, step);
    }
    let n: bigint;
    if (istep > 0n) n = floorDiv(width + istep - 1n, istep);
    else if (istep < 0n) n = floorDiv(width + istep + 1n, istep);
    else throw outOfRange('step', 'non-zero', step);
    if (n <= 0n) throw emptyRange(start, stop, step);
    return out(istart + istep * this.belowBig(n));
  }
}

/** The bytes, copied once through the array's internal slots (an own `length` getter changes nothing). */
function copyBytes(seed: Uint8Array): Buffer {
  let copy: Uint8Array;
  try {
    copy = new Uint8Array(seed);
  } catch {
    throw codedError('TypeError', 'ERR_DETACHED_BUFFER', 'seed is backed by a detached ArrayBuffer');
  }
  return Buffer.from(copy.buffer, 0, copy.length);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}


function checkFloat(value: unknown, name: string): void {
  if (typeof value !== 'number') throw invalidArgType(name, 'a number', value);
}

function emptyRange(...args: unknown[]) {
  const shown = args.filter((a) => a !== undefined).map(String).join(', ');
  return codedError('RangeError', 'ERR_EMPTY_RANGE', `empty range for randrange(${shown})`);
}

function invalidState(why: string, cause?: unknown) {
  return codedError('TypeError', 'ERR_INVALID_STATE', `invalid PyRandom state: ${why}`, { cause });
}

function readState(state: unknown): unknown[] {
  const copy = readArray(state, 'state', { max: 3, fail: invalidState });
  if (copy.length !== 3) throw invalidState('expected [version, words, gaussNext]');
  return copy;
}
