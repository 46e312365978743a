// A traced value as a checkpoint: its type, its exact bytes and a small summary. Typed arrays,
// tensors and scalars are their own bytes; arrays and objects use the tagged encoding of
// docs/trace-format.md, so a program in another language can produce the same hash.
import { codedError } from '../core/errors';
import {
  classify,
  tensorOf,
  typedBytes,
  typedNameOf,
  unreadable,
  viewAs,
  wtf8,
  type AnyTyped,
  type Classified,
  type TypedName,
  type ValueType,
} from './encode';

export const MAX_DEPTH = 1000;
const FIRST_VALUES = 4;
const FIRST_CHARS = 32;

export type JsonScalar = number | string | boolean | null;

export interface Summary {
  min?: JsonScalar;
  max?: JsonScalar;
  nan?: number;
  first?: JsonScalar[];
}

export interface Encoded {
  type: ValueType;
  /** the tensor's dtype */
  dtype?: string;
  shape?: number[];
  length: number;
  chunks: Uint8Array[];
  bytes: number;
  summary: Summary;
}

/** JSON has no NaN, infinities or negative zero: those are written as strings. */
function jsonNumber(x: number | bigint): JsonScalar {
  if (typeof x === 'bigint') return x.toString();
  if (Number.isFinite(x) && !Object.is(x, -0)) return x;
  return Object.is(x, -0) ? '-0' : String(x);
}

class ByteWriter {
  readonly chunks: Uint8Array[] = [];
  private buf = Buffer.allocUnsafe(4096);
  private pos = 0;
  bytes = 0;

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    this.buf = Buffer.allocUnsafe(Math.max(4096, n));
  }
  private flush(): void {
    if (this.pos === 0) return;
    this.chunks.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(4096);
    this.pos = 0;
  }
  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
    this.bytes += 1;
  }
  u64(n: number): void {
    this.room(8);
    this.buf.writeUInt32LE(n % 0x100000000, this.pos);
    this.buf.writeUInt32LE(Math.floor(n / 0x100000000), this.pos + 4);
    this.pos += 8;
    this.bytes += 8;
  }
  f64(x: number): void {
    this.room(8);
    this.buf.writeDoubleLE(x, this.pos);
    this.pos += 8;
    this.bytes += 8;
  }
  raw(b: Uint8Array): void {
    if (b.length > 1024) {
      this.flush();
      this.chunks.push(b);
    } else {
      this.room(b.length);
      this.buf.set(b, this.pos);
      this.pos += b.length;
    }
    this.bytes += b.length;
  }
  /** u64 byte length, then the bytes */
  sized(b: Uint8Array): void {
    this.u64(b.length);
    this.raw(b);
  }
  /** u8 length, then ASCII: type names */
  name(s: string): void {
    this.byte(s.length);
    this.raw(Buffer.from(s, 'latin1'));
  }
  done(): Uint8Array[] {
    this.flush();
    return this.chunks;
  }
}

const TAG = { number: 0x6e, bigint: 0x69, string: 0x73, boolean: 0x62, null: 0x7a, typed: 0x74, tensor: 0x54, array: 0x61, object: 0x6f } as const;

function tagged(w: ByteWriter, c: Classified, where: string, depth: number, open: Set<object>): void {
  w.byte(TAG[c.kind]);
  switch (c.kind) {
    case 'number':
      w.f64(c.value as number);
      return;
    case 'bigint':
      w.sized(Buffer.from((c.value as bigint).toString(), 'latin1'));
      return;
    case 'string':
      w.sized(wtf8(c.value as string));
      return;
    case 'boolean':
      w.byte(c.value ? 1 : 0);
      return;
    case 'null':
      return;
    case 'typed':
      w.name(c.typed);
      w.sized(typedBytes(c.value, where));
      return;
    case 'tensor': {
      const t = tensorOf(c, where);
      w.name(t.dtype);
      w.u64(t.shape.length);
      for (const d of t.shape) w.u64(d);
      nested(w, t.data, `${where}.dataSync()`, depth, open);
      return;
    }
    case 'array':
    case 'object':
      container(w, c, where, depth, open);
  }
}

function container(w: ByteWriter, c: Classified, where: string, depth: number, open: Set<object>): void {
  const obj = c.value as Record<string, unknown>;
  if (open.has(obj)) throw codedError('TypeError', 'ERR_TRACE_CYCLE', `trace() ${where} contains itself: a cyclic value has no finite bytes`);
  if (depth >= MAX_DEPTH) throw codedError('RangeError', 'ERR_TRACE_TOO_DEEP', `trace() ${where} nests deeper than ${MAX_DEPTH} levels`);
  open.add(obj);
  try {
    if (c.kind === 'array') {
      const length = read(() => (obj as unknown as unknown[]).length, where);
      w.u64(length);
      for (let i = 0; i < length; i++) {
        const at = `${where}[${i}]`;
        nested(w, read(() => obj[i], at), at, depth + 1, open);
      }
    } else {
      const keys = read(() => Object.keys(obj), where).sort();
      w.u64(keys.length);
      for (const key of keys) {
        const at = `${where}.${key}`;
        w.sized(wtf8(key));
        nested(w, read(() => obj[key], at), at, depth + 1, open);
      }
    }
  } finally {
    open.delete(obj);
  }
}

function nested(w: ByteWriter, value: unknown, where: string, depth: number, open: Set<object>): void {
  tagged(w, classify(value, where), where, depth, open);
}

function read<T>(fn: () => T, where: string): T {
  try {
    return fn();
  } catch (cause) {
    throw unreadable(where, cause);
  }
}

function summarise(values: ArrayLike<number | bigint>, numeric: boolean): Summary {
  const first: JsonScalar[] = [];
  for (let i = 0; i < Math.min(FIRST_VALUES, values.length); i++) first.push(jsonNumber(values[i]));
  if (!numeric || values.length === 0) return { first };
  let min = values[0];
  let max = values[0];
  let nan = 0;
  let seen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      nan++;
      continue;
    }
    if (!seen) {
      min = max = v;
      seen = true;
    } else if (v < min) min = v;
    else if (v > max) max = v;
  }
  const s: Summary = seen ? { min: jsonNumber(min), max: jsonNumber(max), first } : { first };
  if (nan) s.nan = nan;
  return s;
}

function ofTyped(typed: TypedName, bytes: Uint8Array): Pick<Encoded, 'length' | 'summary'> {
  const view = viewAs(typed, bytes);
  return { length: view.length, summary: summarise(view, typed !== 'float16') };
}

function scalar(type: ValueType, bytes: Uint8Array, value: JsonScalar, length = 1): Encoded {
  return { type, length, chunks: [bytes], bytes: bytes.length, summary: { first: [value] } };
}

/** The checkpoint for `value`, or a coded error when `value` is not a kind trace() accepts. */
export function encode(value: unknown): Encoded {
  const c = classify(value);
  switch (c.kind) {
    case 'number': {
      const b = Buffer.allocUnsafe(8);
      b.writeDoubleLE(c.value as number);
      return { ...scalar('number', b, jsonNumber(c.value as number)), summary: summarise([c.value as number], true) };
    }
    case 'bigint': {
      const text = (c.value as bigint).toString();
      return scalar('bigint', Buffer.from(text, 'latin1'), text);
    }
    case 'string': {
      const s = c.value as string;
      return scalar('string', wtf8(s), s.slice(0, FIRST_CHARS), s.length);
    }
    case 'boolean':
      return scalar('boolean', Uint8Array.of(c.value ? 1 : 0), c.value as boolean);
    case 'null':
      return { type: 'null', length: 0, chunks: [], bytes: 0, summary: {} };
    case 'typed': {
      const bytes = typedBytes(c.value, 'value');
      return { type: c.typed, chunks: [bytes], bytes: bytes.length, ...ofTyped(c.typed, bytes) };
    }
    case 'tensor': {
      const t = tensorOf(c, 'value');
      const head = { type: 'tensor' as const, dtype: t.dtype, shape: t.shape };
      if (Array.isArray(t.data)) {
        const w = new ByteWriter();
        nested(w, t.data, 'value.dataSync()', 0, new Set());
        return { ...head, length: t.data.length, chunks: w.done(), bytes: w.bytes, summary: {} };
      }
      const bytes = typedBytes(t.data as AnyTyped, 'value.dataSync()');
      return { ...head, chunks: [bytes], bytes: bytes.length, ...ofTyped(typedNameOf(t.data as AnyTyped), bytes) };
    }
    case 'array':
    case 'object': {
      const w = new ByteWriter();
      tagged(w, c, 'value', 0, new Set());
      const chunks = w.done();
      return { type: c.kind, length: countOf(chunks), chunks, bytes: w.bytes, summary: {} };
    }
  }
}

/** The element or key count, which the tagged encoding holds right after its tag. */
function countOf(chunks: Uint8Array[]): number {
  const head = Buffer.from(chunks[0].buffer, chunks[0].byteOffset, 9);
  return head.readUInt32LE(1) + head.readUInt32LE(5) * 0x100000000;
}

/** The element type of a tensor's data, from its dtype, for comparing values. */
export function tensorElementType(dtype: string | undefined): TypedName | null {
  switch (dtype) {
    case 'float32':
    case 'complex64':
      return 'float32';
    case 'int32':
      return 'int32';
    case 'bool':
      return 'uint8';
    default:
      return null;
  }
}
