// How far apart two runs' values of one checkpoint are: the largest absolute difference and the
// largest distance in units in the last place (floats: steps between adjacent representable
// values, with +0 and -0 one value; integers: the difference itself).
import type { TypedName } from './encode';
import type { CheckpointRecord } from './format';
import { tensorElementType } from './value';

export interface Difference {
  /** Infinity where one side is NaN or infinite and the other is not */
  maxAbs: number;
  maxUlp: number;
  /** the values have different lengths: only the common prefix was compared */
  lengthsDiffer: boolean;
}

/** The element type a checkpoint's bytes hold, or null when they are not numbers. */
export function numericType(r: CheckpointRecord): TypedName | null {
  if (r.type === 'number') return 'float64';
  if (r.type === 'boolean') return 'uint8';
  if (r.type === 'tensor') return tensorElementType(r.dtype);
  if (r.type === 'bigint') return null;
  return /^(u?int(8|16|32)|uint8clamped|float(16|32|64)|big(u)?int64)$/.test(r.type) ? (r.type as TypedName) : null;
}

function f16(h: number): number {
  const exp = (h >> 10) & 31;
  const mant = h & 1023;
  const sign = h & 0x8000 ? -1 : 1;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

function aligned(bytes: Uint8Array, size: number): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength - (bytes.byteLength % size));
  copy.set(bytes.subarray(0, copy.length));
  return copy.buffer;
}

const floatBits: Partial<Record<TypedName, { size: number; sign: number }>> = {
  float16: { size: 2, sign: 0x8000 },
  float32: { size: 4, sign: 0x80000000 },
};

/** Differences between the values `a` and `b` of element type `type`. */
export function difference(type: TypedName, a: Uint8Array, b: Uint8Array): Difference {
  const lengthsDiffer = a.byteLength !== b.byteLength;
  const out: Difference = { maxAbs: 0, maxUlp: 0, lengthsDiffer };
  const note = (abs: number, ulp: number) => {
    if (abs > out.maxAbs) out.maxAbs = abs;
    if (ulp > out.maxUlp) out.maxUlp = ulp;
  };
  const floats = (x: number, y: number, ulp: () => number) => {
    if (x !== x && y !== y) return;
    if (x !== x || y !== y) return note(Infinity, Infinity);
    note(x === y ? 0 : Math.abs(x - y), ulp());
  };
  if (type === 'float64') {
    const [x, y] = [new Float64Array(aligned(a, 8)), new Float64Array(aligned(b, 8))];
    const [ix, iy] = [new BigInt64Array(x.buffer), new BigInt64Array(y.buffer)];
    const ord = (i: bigint) => (i < 0n ? -(1n << 63n) - i : i);
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (ix[i] === iy[i]) continue;
      floats(x[i], y[i], () => {
        const d = ord(ix[i]) - ord(iy[i]);
        return Number(d < 0n ? -d : d);
      });
    }
    return out;
  }
  const fb = floatBits[type];
  if (fb) {
    const Bits = fb.size === 2 ? Uint16Array : Uint32Array;
    const [ix, iy] = [new Bits(aligned(a, fb.size)), new Bits(aligned(b, fb.size))];
    const [x, y] = fb.size === 2 ? [Array.from(ix, f16), Array.from(iy, f16)] : [new Float32Array(ix.buffer), new Float32Array(iy.buffer)];
    const ord = (i: number) => (i >= fb.sign ? fb.sign - i : i);
    for (let i = 0; i < Math.min(ix.length, iy.length); i++) {
      if (ix[i] === iy[i]) continue;
      floats(x[i], y[i], () => Math.abs(ord(ix[i]) - ord(iy[i])));
    }
    return out;
  }
  const Ctor = {
    int8: Int8Array,
    uint8: Uint8Array,
    uint8clamped: Uint8Array,
    int16: Int16Array,
    uint16: Uint16Array,
    int32: Int32Array,
    uint32: Uint32Array,
    bigint64: BigInt64Array,
    biguint64: BigUint64Array,
  }[type as string]!;
  const size = Ctor.BYTES_PER_ELEMENT;
  const [x, y] = [new Ctor(aligned(a, size)), new Ctor(aligned(b, size))] as ArrayLike<number | bigint>[];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const d = typeof x[i] === 'bigint' ? Number((x[i] as bigint) - (y[i] as bigint)) : (x[i] as number) - (y[i] as number);
    note(Math.abs(d), Math.abs(d));
  }
  return out;
}

/** The bigint checkpoint's values are decimal text. */
export function bigintDifference(a: Uint8Array, b: Uint8Array): Difference {
  const d = Number(BigInt(Buffer.from(a).toString('latin1')) - BigInt(Buffer.from(b).toString('latin1')));
  return { maxAbs: Math.abs(d), maxUlp: Math.abs(d), lengthsDiffer: false };
}
