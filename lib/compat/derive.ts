// Derived seeds never add numbers (`seed + rank` makes rank 1 of seed s replay rank 0 of seed s+1):
// they hash (root, ...path) through numpy's SeedSequence, so every (rank, worker, purpose) tree
// gives independent streams, and numpy users get the same numbers for the same tree.
import { SeedSequence } from './seed-sequence';
import { codedError, describe } from '../core/errors';
import { isCount, isU64 } from '../core/ints';
import { hashStringSeed, type Seed, toSeed } from '../core/seed';

export type PathPart = string | number | bigint;

function pathWord(part: unknown, index: number): bigint {
  if (typeof part === 'string') return hashStringSeed(part);
  if (isCount(part)) return BigInt(part);
  if (isU64(part)) return part;
  throw codedError(
    typeof part === 'number' || typeof part === 'bigint' ? 'RangeError' : 'TypeError',
    'ERR_INVALID_SEED_PATH',
    `path[${index}] must be a string, a non-negative safe integer or a bigint below 2^64, received ${describe(part)}`,
  );
}

/**
 * A 64-bit seed for the stream at `path` under `root`:
 * `numpy.random.SeedSequence(root, spawn_key=path).generate_state(1, numpy.uint64)[0]`,
 * with string parts hashed like string seeds (SHA-256, first 8 bytes little-endian).
 */
export function deriveSeed(root: Seed, ...path: PathPart[]): bigint {
  const entropy = toSeed(root, 'root');
  const spawnKey = path.map(pathWord);
  return new SeedSequence(entropy, { spawnKey }).generateState(1, 'uint64')[0];
}
