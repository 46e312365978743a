// A slow, independent reading of docs/philox-stream.md in BigInt arithmetic, used to check the
// C++ header's output without trusting any other implementation in the package.
const M0 = 0xd2511f53n;
const M1 = 0xcd9e8d57n;
const W0 = 0x9e3779b9n;
const W1 = 0xbb67ae85n;
const MASK32 = 0xffffffffn;

function block(counter: bigint[], key: bigint[]): bigint[] {
  let [c0, c1, c2, c3] = counter;
  let [k0, k1] = key;
  for (let r = 0; r < 10; r++) {
    const p0 = M0 * c0;
    const p1 = M1 * c2;
    [c0, c1, c2, c3] = [(p1 >> 32n) ^ c1 ^ k0, p1 & MASK32, (p0 >> 32n) ^ c3 ^ k1, p0 & MASK32];
    k0 = (k0 + W0) & MASK32;
    k1 = (k1 + W1) & MASK32;
  }
  return [c0, c1, c2, c3];
}

/** Outputs offset .. offset + count - 1 of the stream for `seed`. */
export function philoxStream(seed: bigint, offset: bigint, count: number): number[] {
  const key = [seed & MASK32, (seed >> 32n) & MASK32];
  const out: number[] = [];
  let cachedQ = -1n;
  let cached: bigint[] = [];
  for (let i = 0; i < count; i++) {
    const n = offset + BigInt(i);
    const q = n >> 2n;
    if (q !== cachedQ) {
      const hi = q >> 16n;
      cached = block([hi & MASK32, (hi >> 32n) & MASK32, q & 0xffffn, 0n], key);
      cachedQ = q;
    }
    out.push(Number(cached[Number(n & 3n)]));
  }
  return out;
}
