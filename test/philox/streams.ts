// One draw of any Philox kind, from the package's Philox (sync or async) or from libcurand's host
// generator through curand.Generator, so tests can compare them byte for byte.
import { curand } from '../../lib/index';
import { Philox } from '../../lib/philox/philox';

export const KINDS = ['uint32', 'uniform', 'uniformDouble', 'normal', 'normalDouble', 'logNormal', 'logNormalDouble'] as const;
export type Kind = (typeof KINDS)[number];
export type Values = Uint32Array | Float32Array | Float64Array;
type Generator = InstanceType<typeof curand.Generator>;

export const MEAN = 0.25;
export const STD = 1.5;

export function isNormal(kind: Kind): boolean {
  return kind.startsWith('normal') || kind.startsWith('logNormal');
}

export function ctorOf(kind: Kind): Uint32ArrayConstructor | Float32ArrayConstructor | Float64ArrayConstructor {
  return kind === 'uint32' ? Uint32Array : kind.endsWith('Double') ? Float64Array : Float32Array;
}

export function bytes(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

export function draw(p: Philox, kind: Kind, n: number): Values {
  return isNormal(kind) ? (p[kind] as (n: number, m: number, s: number) => Values)(n, MEAN, STD) : (p[kind] as (n: number) => Values)(n);
}

export function drawAsync(p: Philox, kind: Kind, n: number): Promise<Values> {
  const method = `${kind}Async` as const;
  return isNormal(kind) ? (p[method] as (n: number, m: number, s: number) => Promise<Values>)(n, MEAN, STD) : (p[method] as (n: number) => Promise<Values>)(n);
}

/** A host PHILOX4_32_10 generator of libcurand at (seed, offset). */
export function curandAt(seed: bigint, offset: bigint): Generator {
  return new curand.Generator('PHILOX4_32_10', { seed, offset });
}

/** The next `n` values of `kind` from libcurand (normal kinds: `n` even, which curand.Generator requires). */
export function curandDraw(g: Generator, kind: Kind, n: number): Values {
  const Out = ctorOf(kind);
  const out = new Out(n);
  if (kind === 'uint32') g.generate(out as Uint32Array);
  else if (kind === 'uniform' || kind === 'uniformDouble') g.uniform(out as Float32Array);
  else if (kind.startsWith('normal')) g.normal(out as Float32Array, MEAN, STD);
  else g.logNormal(out as Float32Array, MEAN, STD);
  return out;
}

export function concat(kind: Kind, parts: Values[]): Values {
  const Out = ctorOf(kind);
  const out = new Out(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    (out as Float64Array).set(p as Float64Array, at);
    at += p.length;
  }
  return out;
}

/**
 * Whether libcurand 10.3's call of `n` at position `pos` misplaces the calls after it
 * (docs/philox-stream.md (e), (f)): the first call after setting an offset that is a non-zero
 * multiple of 4 with a count that is not, and any call that starts and ends inside one block.
 */
export function curandDefectAfter(setOffset: bigint, pos: bigint, n: number): boolean {
  const first = pos === setOffset && setOffset !== 0n && setOffset % 4n === 0n && n % 4 !== 0;
  const inBlock = pos % 4n !== 0n && pos / 4n === (pos + BigInt(n) - 1n) / 4n;
  return first || inBlock;
}
