// Reproducible tensor contents for verify and the GPU tests: the package's Philox stream through
// cuRAND's host generator when libcurand is present, else an integer hash of (seed, index). Either
// way the same seed gives the same bytes on every machine that takes the same path; the report
// says which path was taken.
import * as curand from './curand';

export type FillSource = 'curand-philox' | 'hash';

function hashUniform(seed: bigint, offset: number, n: number): Float32Array {
  const out = new Float32Array(n);
  const lo = Number(seed & 0xffffffffn) >>> 0;
  const hi = Number((seed >> 32n) & 0xffffffffn) >>> 0;
  for (let i = 0; i < n; i++) {
    // murmur3's 32-bit finalizer over (index + offset) mixed with the seed words.
    let h = (i + offset + lo) >>> 0;
    h = Math.imul(h ^ hi ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h = (h ^ (h >>> 16)) >>> 0;
    out[i] = (h + 0.5) / 4294967296;
  }
  return out;
}

/** `n` floats in [-1, 1): uniform (0, 1] from the stream at `offset`, mapped by 2u - 1. */
export function seededSigned(seed: bigint, offset: number, n: number): { values: Float32Array; source: FillSource } {
  let u: Float32Array;
  let source: FillSource;
  if (curand.isAvailable()) {
    const g = new curand.Generator('PHILOX4_32_10', { seed, offset });
    try {
      // libcurand 10.3's host Philox leaves the tail unwritten when the offset is a non-zero
      // multiple of 4 and the count is not; whole blocks avoid it.
      u = (g.uniform(new Float32Array(Math.ceil(n / 4) * 4)) as Float32Array).subarray(0, n);
    } finally {
      g.close();
    }
    source = 'curand-philox';
  } else {
    u = hashUniform(seed, offset, n);
    source = 'hash';
  }
  for (let i = 0; i < n; i++) u[i] = 2 * u[i] - 1;
  return { values: u, source };
}
