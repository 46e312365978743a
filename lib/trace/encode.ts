// The exact bytes of a traced value, as docs/trace-format.md defines them, with its summary. Every
// object is read once: a getter or Proxy cannot show the hash one value and the summary another.
import { isSharedArrayBuffer } from 'node:util/types';
import { codedError, describe } from '../core/errors';
import { unreadable as unreadableInput } from '../core/read/rules';

export type ValueType =
  | 'number'
  | 'bigint'
  | 'string'
  | 'boolean'
  | 'null'
  | 'array'
  | 'object'
  | 'tensor'
  | TypedName;

export type TypedName =
  | 'int8'
  | 'uint8'
  | 'uint8clamped'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'float16'
  | 'float32'
  | 'float64'
  | 'bigint64'
  | 'biguint64';

const TYPED_NAMES: Record<string, TypedName> = {
  Int8Array: 'int8',
  Uint8Array: 'uint8',
  Uint8ClampedArray: 'uint8clamped',
  Int16Array: 'int16',
  Uint16Array: 'uint16',
  Int32Array: 'int32',
  Uint32Array: 'uint32',
  Float16Array: 'float16',
  Float32Array: 'float32',
  Float64Array: 'float64',
  BigInt64Array: 'bigint64',
  BigUint64Array: 'biguint64',
};

// The intrinsic getters, not the instance's properties: a subclass or an own property cannot
// change which bytes are hashed, and Buffer counts as the Uint8Array it is.
const typedProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
function intrinsic<T>(name: string | symbol): (this: unknown) => T {
  return Object.getOwnPropertyDescriptor(typedProto, name)!.get as (this: unknown) => T;
}
const tagOf = intrinsic<string | undefined>(Symbol.toStringTag);
const bufferOf = intrinsic<ArrayBufferLike>('buffer');
const offsetOf = intrinsic<number>('byteOffset');
const byteLengthOf = intrinsic<number>('byteLength');

export type AnyTyped = Exclude<NodeJS.TypedArray, DataView>;

export interface TensorLike {
  dtype: string;
  shape: number[];
  data: AnyTyped | unknown[];
}

export type Classified =
  | { kind: 'number' | 'bigint' | 'string' | 'boolean' | 'null' | 'array' | 'object'; value: unknown }
  | { kind: 'typed'; value: AnyTyped; typed: TypedName }
  | { kind: 'tensor'; value: unknown; dataSync: (this: unknown) => unknown };

const ACCEPTED = 'a typed array, number, bigint, string, boolean, null, plain array or object, or a tfjs tensor';

export function refused(where: string, value: unknown) {
  return codedError('TypeError', 'ERR_INVALID_ARG_TYPE', `trace() ${where} must be ${ACCEPTED}, received ${describe(value)}`);
}

export function unreadable(where: string, cause: unknown) {
  return unreadableInput(`trace() ${where}`, cause);
}

/** Which accepted kind `value` is, reading as little as possible (this is all a call costs with tracing off). */
export function classify(value: unknown, where = 'value'): Classified {
  switch (typeof value) {
    case 'number':
    case 'bigint':
    case 'string':
    case 'boolean':
      return { kind: typeof value as 'number', value };
    case 'object':
      break;
    default:
      throw refused(where, value);
  }
  if (value === null) return { kind: 'null', value };
  const tag = tagOf.call(value);
  if (tag !== undefined) {
    const typed = TYPED_NAMES[tag];
    if (typed === undefined) throw refused(where, value);
    return { kind: 'typed', value: value as AnyTyped, typed };
  }
  try {
    if (Array.isArray(value)) return { kind: 'array', value };
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) return { kind: 'object', value };
    const dataSync = (value as { dataSync?: unknown }).dataSync;
    if (typeof dataSync === 'function') return { kind: 'tensor', value, dataSync: dataSync as (this: unknown) => unknown };
  } catch (cause) {
    throw unreadable(where, cause);
  }
  throw refused(where, value);
}

/** The bytes of a typed array, copied when other threads may write them while they are hashed. */
export function typedBytes(value: AnyTyped, where: string): Uint8Array {
  const buffer = bufferOf.call(value);
  const offset = offsetOf.call(value);
  const length = byteLengthOf.call(value);
  if (length === 0) {
    try {
      new Uint8Array(buffer, 0, 0);
    } catch (cause) {
      throw codedError('TypeError', 'ERR_DETACHED_BUFFER', `trace() ${where} is a typed array whose ArrayBuffer was transferred away`, { cause });
    }
  }
  const view = new Uint8Array(buffer, offset, length);
  return isSharedArrayBuffer(buffer) ? view.slice() : view;
}

/** The typed array that `bytes` hold, of the element type `typed`, for summaries and differences. */
type TypedCtor = { new (b: ArrayBufferLike, o: number, n: number): ArrayLike<number | bigint>; BYTES_PER_ELEMENT: number };
const CTORS = new Map<TypedName, TypedCtor>(
  Object.entries(TYPED_NAMES).map(([global, name]) => [name, ((globalThis as Record<string, unknown>)[global] ?? Uint16Array) as TypedCtor]),
);

/** The elements `bytes` hold as the element type `typed` (float16 as its raw 16-bit words). */
export function viewAs(typed: TypedName, bytes: Uint8Array): ArrayLike<number | bigint> {
  const Ctor = CTORS.get(typed)!;
  const size = Ctor.BYTES_PER_ELEMENT;
  const aligned = bytes.byteOffset % size === 0 ? bytes : bytes.slice();
  return new Ctor(aligned.buffer, aligned.byteOffset, aligned.byteLength / size);
}

export function tensorOf(c: Extract<Classified, { kind: 'tensor' }>, where: string): TensorLike {
  let dtype: unknown;
  let shape: unknown;
  let data: unknown;
  try {
    const t = c.value as { dtype?: unknown; shape?: unknown };
    dtype = t.dtype;
    shape = t.shape;
    if (typeof dtype !== 'string' || !Array.isArray(shape)) throw refused(where, c.value);
    shape = Array.from(shape as unknown[]);
    data = c.dataSync.call(c.value);
  } catch (cause) {
    if ((cause as { code?: string })?.code === 'ERR_INVALID_ARG_TYPE') throw cause;
    throw unreadable(where, cause);
  }
  const dims = shape as unknown[];
  if (!dims.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
    throw codedError('TypeError', 'ERR_INVALID_ARG_VALUE', `trace() ${where} is a tensor with an invalid shape ${JSON.stringify(dims)}`);
  }
  const tag = typeof data === 'object' && data !== null ? tagOf.call(data) : undefined;
  if (tag !== undefined && TYPED_NAMES[tag] !== undefined) return { dtype, shape: dims as number[], data: data as AnyTyped };
  if (Array.isArray(data)) return { dtype, shape: dims as number[], data: Array.from(data as unknown[]) };
  throw codedError('TypeError', 'ERR_INVALID_ARG_VALUE', `trace() ${where} is a tensor whose dataSync() returned ${describe(data)}`);
}

export function typedNameOf(data: AnyTyped): TypedName {
  return TYPED_NAMES[tagOf.call(data)!];
}

/**
 * UTF-8, with an unpaired surrogate written as the three bytes its code point would take (WTF-8,
 * Python's 'surrogatepass'), so that two different strings never give the same bytes.
 */
export function wtf8(s: string): Uint8Array {
  if ((s as string & { isWellFormed(): boolean }).isWellFormed()) return Buffer.from(s, 'utf8');
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}
