import { createHash } from 'node:crypto';
import { codedError, describe } from './errors';
import { U64_MAX } from './ints';

/** A seed: a safe integer in [0, 2^53), a bigint in [0, 2^64), or a string (hashed). */
export type Seed = number | bigint | string;

export interface ResolvedSeed {
  value: bigint;
  /** 'string' when the seed was a string hashed with SHA-256. */
  source: 'argument' | 'string';
}

/** SHA-256 of the UTF-8 string, first 8 bytes read as a little-endian u64. */
export function hashStringSeed(text: string): bigint {
  return createHash('sha256').update(text, 'utf8').digest().readBigUInt64LE(0);
}

export function resolveSeed(seed: unknown, name = 'seed'): ResolvedSeed {
  switch (typeof seed) {
    case 'number':
      if (!Number.isFinite(seed) || !Number.isInteger(seed)) {
        throw codedError('RangeError', 'ERR_SEED_NOT_INTEGER', `${name} must be an integer, received ${describe(seed)}`);
      }
      if (seed < 0) {
        throw codedError('RangeError', 'ERR_SEED_NEGATIVE', `${name} must not be negative, received ${describe(seed)}`);
      }
      if (!Number.isSafeInteger(seed)) {
        throw codedError(
          'RangeError',
          'ERR_SEED_UNSAFE',
          `${name} ${seed} is above Number.MAX_SAFE_INTEGER and may already have lost bits; pass a bigint`,
        );
      }
      return { value: BigInt(seed), source: 'argument' };
    case 'bigint':
      if (seed < 0n) {
        throw codedError('RangeError', 'ERR_SEED_NEGATIVE', `${name} must not be negative, received ${describe(seed)}`);
      }
      if (seed > U64_MAX) {
        throw codedError('RangeError', 'ERR_SEED_TOO_LARGE', `${name} must be below 2^64, received ${describe(seed)}`);
      }
      return { value: seed, source: 'argument' };
    case 'string':
      if (seed.length === 0) {
        throw codedError('RangeError', 'ERR_SEED_EMPTY', `${name} must not be an empty string`);
      }
      return { value: hashStringSeed(seed), source: 'string' };
    default:
      throw codedError(
        'TypeError',
        'ERR_SEED_TYPE',
        `${name} must be a number, bigint or string, received ${describe(seed)}`,
      );
  }
}

/** The seed as a bigint in [0, 2^64); throws ERR_SEED_* otherwise. */
export function toSeed(seed: unknown, name = 'seed'): bigint {
  return resolveSeed(seed, name).value;
}
