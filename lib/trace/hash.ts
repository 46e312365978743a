// The checkpoint hash: SHA-256 of the value's bytes, its first 16 bytes as 32 lowercase hex digits.
// Every language has SHA-256, and with the CPU's SHA extensions node:crypto hashes faster than a
// JavaScript MurmurHash3 or xxHash could (bench/trace.ts measures both sizes of input).
import * as crypto from 'node:crypto';

export const HASH_NAME = 'sha256-128';

type OneShot = (algorithm: string, data: Uint8Array, encoding: 'hex') => string;
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

export function hash128(chunks: readonly Uint8Array[]): string {
  if (chunks.length === 1 && oneShot) return oneShot('sha256', chunks[0], 'hex').slice(0, 32);
  const h = crypto.createHash('sha256');
  for (const c of chunks) h.update(c);
  return h.digest('hex').slice(0, 32);
}
