// numpy's `SeedSequence`: entropy of any size hashed into a small pool, from which any number
// of well-mixed words are drawn. All arithmetic is on uint32 words, exactly as numpy does it,
// so `generateState` matches numpy bit for bit and children from `spawn` match numpy's children.
import { randomBytes } from 'node:crypto';
import { invalidArgType, outOfRange } from '../core/errors';
import { readOptions, readArray } from '../core/read';
import { toWords } from '../core/ints';

export type Entropy = number | bigint | readonly (number | bigint)[];

export interface SeedSequenceOptions {
  /** Path of this sequence in a spawn tree; numpy's `spawn_key`. */
  spawnKey?: readonly (number | bigint)[];
  /** Pool size in 32-bit words, at least 4. */
  poolSize?: number;
}

const DEFAULT_POOL_SIZE = 4;
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;

const OPTION_KEYS = ['spawnKey', 'poolSize'] as const;
/** Entropy and spawn-key elements accepted: mixing takes time linear in their count. */
const MAX_WORDS = 2 ** 24;

/** Children per spawn() call. */
const MAX_SPAWN = 2 ** 20;

export class SeedSequence {
  readonly entropy: bigint | readonly bigint[];
  readonly spawnKey: readonly bigint[];
  readonly poolSize: number;
  /** How many children `spawn` has handed out; the next child's key ends with this number. */
  nChildrenSpawned = 0;
  /** The mixed entropy pool (numpy's `pool`). */
  readonly pool: Uint32Array;

  /** No entropy (undefined) draws 128 bits from the OS, as numpy does. Options are read once. */
  constructor(entropy?: Entropy | null, options?: SeedSequenceOptions) {
    const o = readOptions(options, 'SeedSequence', OPTION_KEYS);
    const poolSize = o.poolSize ?? DEFAULT_POOL_SIZE;
    if (typeof poolSize !== 'number' || !Number.isInteger(poolSize)) throw invalidArgType('poolSize', 'an integer', poolSize);
    if (poolSize < DEFAULT_POOL_SIZE || poolSize > 1 << 20) throw outOfRange('poolSize', `between ${DEFAULT_POOL_SIZE} and 2^20`, poolSize);
    this.poolSize = poolSize;
    if (entropy === undefined || entropy === null) {
      this.entropy = BigInt(`0x${randomBytes(poolSize * 4).toString('hex')}`);
    } else if (Array.isArray(entropy)) {
      this.entropy = nonNegatives(entropy, 'entropy');
    } else {
      this.entropy = nonNegative(entropy, 'entropy');
    }
    this.spawnKey = o.spawnKey === undefined ? Object.freeze([]) : nonNegatives(o.spawnKey, 'spawnKey');
    this.pool = new Uint32Array(poolSize);
    mixEntropy(this.pool, this.assembledEntropy());
  }

  /** `n` words from the pool: Uint32Array, or BigUint64Array from 2n words (low word first). */
  generateState(n: number, dtype?: 'uint32'): Uint32Array;
  generateState(n: number, dtype: 'uint64'): BigUint64Array;
  generateState(n: number, dtype: 'uint32' | 'uint64' = 'uint32'): Uint32Array | BigUint64Array {
    if (typeof n !== 'number' || !Number.isInteger(n)) throw invalidArgType('n', 'a non-negative integer', n);
    if (n < 0 || n > 2 ** 28) throw outOfRange('n', 'between 0 and 2^28', n);
    if (dtype !== 'uint32' && dtype !== 'uint64') throw invalidArgType('dtype', "'uint32' or 'uint64'", dtype);
    const words = new Uint32Array(dtype === 'uint64' ? 2 * n : n);
    const pool = this.pool;
    const size = pool.length;
    let hashConst = INIT_B;
    for (let i = 0; i < words.length; i++) {
      let v = pool[i % size] ^ hashConst;
      hashConst = Math.imul(hashConst, MULT_B);
      v = Math.imul(v, hashConst);
      words[i] = v ^ (v >>> 16);
    }
    if (dtype === 'uint32') return words;
    const out = new BigUint64Array(n);
    for (let i = 0; i < n; i++) out[i] = (BigInt(words[2 * i + 1]) << 32n) | BigInt(words[2 * i]);
    return out;
  }

  /** `n` children whose spawn keys extend this one's with 0, 1, 2, … (continuing across calls). */
  spawn(n: number): SeedSequence[] {
    if (typeof n !== 'number' || !Number.isInteger(n)) throw invalidArgType('n', 'a non-negative integer', n);
    // Each child holds its own pool: without a bound, spawn(2 ** 40) runs until the heap is gone.
    if (n < 0 || n > MAX_SPAWN) throw outOfRange('n', `an integer in [0, ${MAX_SPAWN}]`, n);
    const children: SeedSequence[] = [];
    for (let i = this.nChildrenSpawned; i < this.nChildrenSpawned + n; i++) {
      children.push(new SeedSequence(this.entropy as Entropy, { spawnKey: [...this.spawnKey, BigInt(i)], poolSize: this.poolSize }));
    }
    this.nChildrenSpawned += n;
    return children;
  }

  /** Entropy words, zero-padded to the pool size when a spawn key follows, then the key's words. */
  private assembledEntropy(): number[] {
    const run = coerce(this.entropy);
    const spawn = coerce(this.spawnKey);
    if (spawn.length > 0 && run.length < this.poolSize) {
      while (run.length < this.poolSize) run.push(0);
    }
    return run.concat(spawn);
  }
}

/** A frozen copy of an array of non-negative integers, each element read once. */
function nonNegatives(value: unknown, name: string): readonly bigint[] {
  return Object.freeze(readArray(value, name, { max: MAX_WORDS }).map((v, i) => nonNegative(v, `${name}[${i}]`)));
}

function nonNegative(value: unknown, name: string): bigint {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw invalidArgType(name, 'an integer (floats are refused, as numpy does)', value);
    if (!Number.isSafeInteger(value)) throw outOfRange(name, 'a safe integer (pass a bigint beyond 2^53)', value);
    value = BigInt(value);
  }
  if (typeof value !== 'bigint') throw invalidArgType(name, 'a non-negative integer or an array of them', value);
  if (value < 0n) throw outOfRange(name, 'non-negative', value);
  return value;
}

/** numpy's `_coerce_to_uint32_array`: each integer becomes its words, zero becoming one word. */
function coerce(x: bigint | readonly bigint[]): number[] {
  if (typeof x === 'bigint') return x === 0n ? [0] : toWords(x);
  const out: number[] = [];
  for (const v of x) {
    if (v === 0n) out.push(0);
    else if (v < 0x100000000n) out.push(Number(v));
    else out.push(...toWords(v));
  }
  return out;
}

function mixEntropy(pool: Uint32Array, entropy: readonly number[]): void {
  let hashConst = INIT_A;
  const hashmix = (value: number): number => {
    value ^= hashConst;
    hashConst = Math.imul(hashConst, MULT_A);
    value = Math.imul(value, hashConst);
    return value ^ (value >>> 16);
  };
  const mix = (x: number, y: number): number => {
    const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) | 0;
    return r ^ (r >>> 16);
  };
  const size = pool.length;
  for (let i = 0; i < size; i++) pool[i] = hashmix(i < entropy.length ? entropy[i] : 0);
  for (let src = 0; src < size; src++) {
    for (let dst = 0; dst < size; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
    }
  }
  for (let src = size; src < entropy.length; src++) {
    for (let dst = 0; dst < size; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
  }
}
