// Integer plumbing shared by the compatibility generators: Python and numpy work with
// unbounded integers, JavaScript with numbers (exact below 2^53) and bigints.
import { describe, invalidArgType, outOfRange } from './errors';

export type IntLike = number | bigint;

/** Little-endian 32-bit words of a non-negative bigint; zero gives no words. */
export function toWords(value: bigint): number[] {
  const words: number[] = [];
  while (value > 0n) {
    words.push(Number(value & 0xffffffffn));
    value >>= 32n;
  }
  return words;
}

export function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/** Bit length of a number in [0, 2^53]. */
export function bitLengthNumber(value: number): number {
  if (value < 4294967296) return 32 - Math.clz32(value);
  return 64 - Math.clz32(Math.floor(value / 4294967296));
}

/** 2^64 - 1: the last seed, offset and address. */
export const U64_MAX = (1n << 64n) - 1n;

/** Whether `value` is a bigint in [0, max] (max defaults to 2^64 - 1). */
export function isU64(value: unknown, max = U64_MAX): value is bigint {
  return typeof value === 'bigint' && value >= 0n && value <= max;
}

/** Whether `value` is a count, index or byte offset: a safe integer number in [0, max]. */
export function isCount(value: unknown, max = Number.MAX_SAFE_INTEGER): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max;
}

/**
 * An offset or id in [0, 2^64) as a bigint: a bigint, or a non-negative safe integer number.
 * ERR_INVALID_ARG_TYPE for any other type, ERR_OUT_OF_RANGE outside the range.
 */
export function toU64(value: unknown, name: string): bigint {
  if (typeof value === 'number') {
    if (!isCount(value)) throw outOfRange(name, 'a non-negative safe integer or a bigint', value);
    return BigInt(value);
  }
  if (typeof value !== 'bigint') throw invalidArgType(name, 'a bigint or a non-negative safe integer', value);
  if (!isU64(value)) throw outOfRange(name, 'a bigint in [0, 2^64)', value);
  return value;
}

/**
 * A decimal string in [0, limit] (snapshots and getState write 64-bit values, and stream positions
 * past 2^64, this way). `fail` words the error for callers with one error of their own; without
 * it: ERR_INVALID_ARG_TYPE for anything but a decimal string, ERR_OUT_OF_RANGE above `limit`.
 */
export function parseDecimal(text: unknown, name: string, limit = U64_MAX, fail?: (message: string) => Error): bigint {
  if (typeof text !== 'string' || !/^\d{1,40}$/.test(text)) {
    throw fail ? fail(`${name} must be a decimal string, received ${describe(text)}`) : invalidArgType(name, 'a decimal string', text);
  }
  const v = BigInt(text);
  if (v <= limit) return v;
  throw fail ? fail(limit === U64_MAX ? `${name} is not below 2^64` : `${name} is above ${limit}`) : outOfRange(name, `at most ${limit}`, text);
}

/** A safe integer or any bigint, as a bigint; anything else is a coded error. */
export function toBigInt(value: unknown, name: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw invalidArgType(name, 'an integer', value);
    if (!Number.isSafeInteger(value)) throw outOfRange(name, 'a safe integer (pass a bigint beyond 2^53)', value);
    return BigInt(value);
  }
  throw invalidArgType(name, 'an integer (number or bigint)', value);
}

/**
 * The length of an array-like, read once. A `length` that is no count (negative, fractional,
 * 2^40 on a plain object) would make a shuffle loop for hours or write nothing: it is refused.
 */
export function lengthOf(seq: unknown, name: string): number {
  if (seq === null || (typeof seq !== 'object' && typeof seq !== 'string')) throw invalidArgType(name, 'an array-like sequence', seq);
  const length = (seq as { length?: unknown }).length;
  if (typeof length !== 'number') throw invalidArgType(name, 'an array-like sequence', seq);
  if (!isCount(length, 2 ** 32)) throw outOfRange(`${name}.length`, 'an integer in [0, 2^32]', length);
  return length;
}

/** The length of an array-like that a shuffle may write to: not a string, not frozen. */
export function writableLengthOf(arr: unknown, name: string): number {
  if (arr === null || typeof arr !== 'object' || Object.isFrozen(arr)) throw invalidArgType(name, 'a mutable array or typed array', arr);
  return lengthOf(arr, name);
}

/** True when the argument is a safe integer number (the fast paths' precondition). */
export function isSafeInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function checkCount(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidArgType(name, 'a non-negative integer', value);
  if (value < 0 || value > 2 ** 32) throw outOfRange(name, 'a non-negative integer below 2^32', value);
  return value;
}

/** numpy-style size: a count or a shape; the flat element count. */
export function sizeOf(size: number | readonly number[], name = 'size'): number {
  if (typeof size === 'number') return checkCount(size, name);
  if (!Array.isArray(size)) throw invalidArgType(name, 'a non-negative integer or an array of them', size);
  let total = 1;
  for (const d of size) total *= checkCount(d, `${name} dimension`);
  if (total > 2 ** 32) throw outOfRange(name, 'a shape of at most 2^32 elements', describe(size));
  return total;
}
