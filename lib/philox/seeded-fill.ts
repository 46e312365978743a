// Reproducible tensor contents for verify and the GPU tests: the package's own Philox stream,
// the same bytes on every machine (and the same as cuRAND's PHILOX4_32_10 for that seed).
import { Philox } from './philox';

export type FillSource = 'philox';

/** `n` floats in (-1, 1]: uniforms (0, 1] from the stream at `offset`, mapped by 2u - 1. */
export function seededSigned(seed: bigint, offset: number, n: number): { values: Float32Array; source: FillSource } {
  const u = new Philox(seed, BigInt(offset)).uniform(n);
  for (let i = 0; i < n; i++) u[i] = 2 * u[i] - 1;
  return { values: u, source: 'philox' };
}
